import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { route } from "@/lib/route";

/**
 * The exchange's own sub-navigation: what people offer and ask, and the support map around the
 * network (issue 20). `current` marks the page shown.
 */
export async function ExchangeNav({ slug, current }: { slug: string; current: "exchange" | "support" }) {
  const t = await getTranslations("exchange");
  const links = [
    { key: "exchange", href: route(`/n/${slug}/exchange`), label: t("navExchange") },
    { key: "support", href: route(`/n/${slug}/support`), label: t("navSupport") },
  ] as const;
  return (
    <nav aria-label={t("navLabel")}>
      <ul className="flex flex-wrap gap-2">
        {links.map((l) => (
          <li key={l.key}>
            <Link
              href={l.href}
              aria-current={current === l.key ? "page" : undefined}
              className="inline-flex min-h-11 items-center rounded-md border border-line px-3 text-sm font-medium text-ink no-underline hover:bg-sand aria-[current=page]:bg-accent-soft aria-[current=page]:text-accent-strong"
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
