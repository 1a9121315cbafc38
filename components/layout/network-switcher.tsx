"use client";

import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

/**
 * "Where am I, and where else can I go": the current network's name, and a
 * disclosure listing the viewer's other networks. Native <details>, so it works
 * with keyboard and screen readers without scripts; Escape closes it.
 */
export function NetworkSwitcher({
  networks,
  inline = false,
}: {
  networks: { slug: string; name: string; role: string }[];
  /** In the phone menu: the list opens below the button, full width, instead of floating over the page. */
  inline?: boolean;
}) {
  const t = useTranslations("layout");
  const tr = useTranslations("roles");
  const params = useParams<{ slug?: string }>();
  const pathname = usePathname();
  const ref = useRef<HTMLDetailsElement>(null);
  const current = networks.find((n) => n.slug === params.slug);

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  return (
    <details
      ref={ref}
      className={inline ? "w-full" : "relative"}
      onKeyDown={(e) => {
        if (e.key === "Escape" && ref.current?.open) {
          // Only this one closes, not the phone menu around it.
          e.stopPropagation();
          ref.current.open = false;
          ref.current.querySelector("summary")?.focus();
        }
      }}
    >
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-1 rounded-md border border-line px-3 font-medium">
        <span className="sr-only">{t("yourNetworks")}: </span>
        <span className="max-w-48 truncate">{current ? current.name : t("yourNetworks")}</span>
        <span aria-hidden="true">▾</span>
      </summary>
      <div className={`${inline ? "" : "absolute right-0 z-20 w-72 shadow-lg "}mt-1 rounded-md border border-line bg-white p-2`}>
        {networks.length === 0 ? (
          <p className="px-2 py-1 text-sm text-muted">{t("noNetworks")}</p>
        ) : (
          <ul className="network-list">
            {networks.map((n) => (
              <li key={n.slug}>
                <Link href={`/n/${n.slug}`} aria-current={n.slug === params.slug ? "page" : undefined}>
                  <span>{n.name}</span>
                  <span>{tr(n.role)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <Link href="/networks/new" className="mt-2 block rounded px-2 py-2 font-medium hover:bg-sand">
          {t("createNetwork")}
        </Link>
      </div>
    </details>
  );
}
