import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import { filterQuery, isFiltered, type SupportFilter } from "@/lib/support/policy";
import type { QueueItem, SupportEntryView } from "@/lib/support/queries";
import { SupportEntrySummary, supportTools } from "./support-entry";

/**
 * The filtered list: its count first (a live region, so a screen reader hears it after each
 * filtering), then one page of entries and a link to the next (keyset).
 */
export async function SupportResults({
  slug,
  filter,
  entries,
  total,
  next,
  lang,
  paged,
}: {
  slug: string;
  filter: SupportFilter;
  entries: SupportEntryView[];
  total: number;
  next: string | null;
  lang?: string;
  paged: boolean;
}) {
  const tools = await supportTools();
  const { t } = tools;
  return (
    <section id="support-results" aria-labelledby="support-results-title" className="space-y-4">
      <h2 id="support-results-title" className="text-xl font-semibold">
        {t("resultsTitle")}
      </h2>
      <p role="status" aria-live="polite" className="font-medium" data-testid="support-count">
        {isFiltered(filter) ? t("countFiltered", { count: total }) : t("countAll", { count: total })}
      </p>
      {entries.length === 0 ? (
        // An empty map says so in the count above; only a filter that finds nothing gets advice.
        isFiltered(filter) ? <p className="text-muted">{t("noneFiltered")}</p> : null
      ) : (
        <ul className="space-y-4" aria-labelledby="support-results-title">
          {entries.map((entry) => (
            <li key={entry.id} id={`entry-${entry.id}`} className={cardClass}>
              <SupportEntrySummary slug={slug} entry={entry} lang={lang} tools={tools} />
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-3">
        {paged ? (
          <Link href={`/n/${slug}/support?${filterQuery(filter)}`} className="btn btn-secondary">
            {t("firstPage")}
          </Link>
        ) : null}
        {next ? (
          <Link href={`/n/${slug}/support?${filterQuery(filter, { after: next })}`} className="btn btn-secondary">
            {t("nextPage")}
          </Link>
        ) : null}
      </div>
    </section>
  );
}

/**
 * A broker's queue of members' suggestions, oldest first: what was suggested, by whom and when,
 * each a link to the suggestion's own page, where the broker reads it in full and lists or
 * declines it. The map page itself carries no review form: ten forms with their messages made it
 * the heaviest page of the network (decision 054).
 */
export async function ReviewQueue({ slug, items, count, lang }: { slug: string; items: QueueItem[]; count: number; lang?: string }) {
  const [t, format] = await Promise.all([getTranslations("support"), getFormatter()]);
  return (
    <section id="suggestions" aria-labelledby="support-queue-title" className="space-y-3" data-testid="support-queue">
      <h2 id="support-queue-title" className="text-xl font-semibold">
        {t("queueTitle", { count })}
      </h2>
      {items.length === 0 ? (
        <p className="text-muted">{t("queueEmpty")}</p>
      ) : (
        <ul className="divide-y divide-line rounded-md border border-line">
          {items.map((item) => (
            <li key={item.id} id={`entry-${item.id}`} className="p-3">
              <a href={`/n/${slug}/support/${item.id}`} className="font-medium underline" lang={lang}>
                {item.name}
              </a>{" "}
              <span lang={lang}>({item.provider})</span>
              <br />
              <span className="text-sm text-muted">
                {t("suggestedBy", { name: item.suggestedByName ?? t("someone"), date: format.dateTime(item.createdAt, { dateStyle: "long" }) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {count > items.length ? <p className="text-muted">{t("queueMore", { count: count - items.length })}</p> : null}
    </section>
  );
}

/** A member's own suggestions, with what a broker decided (and why, for a declined one). */
export async function OwnSuggestions({ items, lang }: { items: SupportEntryView[]; lang?: string }) {
  const t = await getTranslations("support");
  if (items.length === 0) return null;
  return (
    <section id="suggestions" aria-labelledby="support-own-title" className="space-y-3">
      <h2 id="support-own-title" className="text-xl font-semibold">
        {t("ownTitle")}
      </h2>
      <ul className="space-y-2">
        {items.map((item) => (
          // A listed suggestion is on the map under its own anchor; the others are found here.
          <li key={item.id} id={item.status === "listed" ? undefined : `entry-${item.id}`} className="rounded-md border border-line p-3">
            <p>
              <span className="font-medium" lang={lang}>
                {item.name}
              </span>{" "}
              <span lang={lang}>({item.provider})</span>: {t(`status.${item.status}`)}
            </p>
            {item.status === "declined" && item.reviewNote ? (
              <p className="text-sm text-muted" lang={lang}>
                {t("declinedBecause", { note: item.reviewNote })}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
