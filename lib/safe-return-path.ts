import type { Route } from "next";

/**
 * Only same-site paths may be returned to after a form; anything else goes home. The result is
 * typed as a route because it is one of this site's paths (checked here, at run time): typed
 * routes cannot know which path a visitor came from.
 */
export function safeReturnPath(raw: string | null | undefined): Route {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  try {
    const url = new URL(raw, "http://kring.invalid");
    if (url.origin !== "http://kring.invalid") return "/";
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Dot segments can collapse into a protocol-relative URL: "/.//evil.com" becomes "//evil.com".
    return path.startsWith("//") ? "/" : (path as Route);
  } catch {
    return "/";
  }
}
