"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function NetworkNav({ links, label }: { links: { href: string; label: string }[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1">
        {links.map((l) => (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={pathname === l.href ? "page" : undefined}
              className="inline-flex min-h-11 items-center rounded-md px-3 font-medium text-ink no-underline hover:bg-sand aria-[current=page]:bg-accent-soft aria-[current=page]:text-accent-strong"
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
