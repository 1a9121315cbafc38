import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { PostSummary } from "@/lib/exchange/queries";

/** A list of offers and requests: what, of which kind, where, until when, and by whom. */
export async function PostList({
  slug,
  id,
  title,
  empty,
  items,
  labels,
  lang,
}: {
  slug: string;
  id: string;
  title: string;
  empty: string;
  items: PostSummary[];
  /** The vocabulary's labels in the viewer's language, by slug (free tags show as typed). */
  labels: Map<string, string>;
  lang: string;
}) {
  const t = await getTranslations("exchange");
  const format = await getFormatter();
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {items.length === 0 ? (
        <p className={cardClass}>{empty}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((p) => (
            <li key={p.id} className={`${cardClass} space-y-1`}>
              <p className="flex flex-wrap items-baseline gap-2">
                <span className="rounded-md bg-accent-soft px-2 py-0.5 text-sm font-semibold text-accent-strong">{t(`direction.${p.direction}`)}</span>
                <span className="text-sm text-muted">{t(`capital.${p.capital}`)}</span>
                {p.status !== "open" ? <span className="rounded-md bg-sand px-2 py-0.5 text-sm">{t(`status.${p.status}`)}</span> : null}
              </p>
              <p>
                <Link href={`/n/${slug}/exchange/${p.id}`} className="text-lg font-semibold" lang={lang}>
                  {p.title}
                </Link>
              </p>
              <p className="text-sm text-muted">
                {[
                  p.authorName ?? t("someone"),
                  p.town || null,
                  t("until", { date: format.dateTime(p.expiresAt, { dateStyle: "medium" }) }),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              {p.initiativeName ? (
                <p className="text-sm" lang={lang}>
                  {t("unlocksShort", { what: p.milestoneTitle ? `${p.initiativeName}: ${p.milestoneTitle}` : p.initiativeName })}
                </p>
              ) : null}
              {p.tags.length ? (
                <ul className="flex flex-wrap gap-2" aria-label={t("tags")}>
                  {p.tags.map((tag) => (
                    <li key={tag} className="rounded-md border border-line px-2 py-0.5 text-sm">
                      {labels.get(tag) ?? tag}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
