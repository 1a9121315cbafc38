import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { route } from "@/lib/route";

/**
 * The exchange's own sub-navigation: what people offer and ask, the viewer's private conversations
 * about them (brokers and members: `converses`), and the support map around the network (issue 20).
 * `current` marks the page shown.
 */
export async function ExchangeNav({
  slug,
  current,
  converses = false,
}: {
  slug: string;
  current: "exchange" | "conversations" | "support";
  converses?: boolean;
}) {
  const [t, tc] = await Promise.all([getTranslations("exchange"), getTranslations("conversations")]);
  const links = [
    { key: "exchange", href: route(`/n/${slug}/exchange`), label: t("navExchange") },
    ...(converses ? [{ key: "conversations", href: route(`/n/${slug}/exchange/conversations`), label: tc("mineTitle") }] : []),
    { key: "support", href: route(`/n/${slug}/support`), label: t("navSupport") },
  ];
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
