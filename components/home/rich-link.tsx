import type { Route } from "next";
import Link from "next/link";
import type { ReactNode } from "react";

/** A `<link>` tag of a rich message as a link to `href`: the message's words say where it goes. */
export function richLink<T extends string>(href: Route<T>, lang?: string) {
  return function RichLink(chunks: ReactNode) {
    return (
      <Link href={href} className="font-medium" lang={lang}>
        {chunks}
      </Link>
    );
  };
}
