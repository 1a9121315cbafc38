import type { Route } from "next";

/**
 * A link target checked against the app's routes where it is written (typed routes), kept in a
 * variable or a list. Next's `Route` without a type argument only admits static paths, so a
 * checked dynamic path is stored as one.
 */
export function route<T extends string>(href: Route<T>): Route {
  return href as Route;
}
