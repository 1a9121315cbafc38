"use client";

import { lazy, Suspense, type ComponentType } from "react";

/**
 * A component loaded as its own chunk the first time it renders, for forms only some viewers
 * ever open (decision 023); nothing shows while it loads. React.lazy rather than next/dynamic:
 * the latter adds about 2 kB of loader code to the route, more than one such form weighs.
 * Where it renders on the server, the HTML is there at once and the chunk loads to hydrate it.
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function OnDemand(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}
