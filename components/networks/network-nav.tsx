"use client";

import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NetworkNav({ links, label }: { links: { href: Route; label: string }[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap">
        {links.map((l) => (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={pathname === l.href ? "page" : undefined}
              className="inline-flex min-h-11 items-center whitespace-nowrap rounded-md px-1.5 text-sm font-medium text-ink no-underline hover:bg-sand aria-[current=page]:bg-accent-soft aria-[current=page]:text-accent-strong"
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
