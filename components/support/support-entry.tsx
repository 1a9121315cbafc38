import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { isFinancial } from "@/lib/support/policy";
import type { SupportEntryView } from "@/lib/support/queries";

/** When the entry was last checked, flagged when that is over a year ago (or never). */
async function Checked({ entry }: { entry: Pick<SupportEntryView, "checkedAt" | "stale"> }) {
  const [t, format] = await Promise.all([getTranslations("support"), getFormatter()]);
  const date = entry.checkedAt ? format.dateTime(entry.checkedAt, { dateStyle: "long" }) : null;
  if (!entry.stale && date) {
    return <p className="text-sm text-muted">{t.rich("checkedOn", { date: () => <time dateTime={entry.checkedAt!.toISOString()}>{date}</time> })}</p>;
  }
  return (
    <p className="rounded-md bg-danger-soft px-2 py-1 text-sm font-medium text-danger" data-testid="support-stale">
      {date ? t.rich("staleSince", { date: () => <time dateTime={entry.checkedAt!.toISOString()}>{date}</time> }) : t("neverChecked")}
    </p>
  );
}

/** The kinds of support an entry offers, money first in colour. */
async function Kinds({ kinds }: { kinds: SupportEntryView["kinds"] }) {
  const t = await getTranslations("support");
  return (
    <ul className="flex flex-wrap gap-2" aria-label={t("kindsLabel")}>
      {kinds.map((k) => (
        <li key={k} className={`rounded-md px-2 py-1 text-sm font-medium ${isFinancial(k) ? "bg-accent-soft text-accent-strong" : "bg-sand"}`}>
          {t(`kind.${k}`)}
        </li>
      ))}
    </ul>
  );
}

/**
 * One entry in a list of the map: its name (a link to its page), who offers it, the kinds and
 * stages, the region and whether it may be out of date. What it offers, who may ask and how to reach
 * it are on the entry's page, so a page of the map stays short for a reader and cheap to serve.
 */
export async function SupportEntrySummary({ slug, entry, lang }: { slug: string; entry: SupportEntryView; lang?: string }) {
  const t = await getTranslations("support");
  const headingId = `entry-${entry.id}-title`;
  return (
    <article aria-labelledby={headingId} className="space-y-2">
      <div className="space-y-1">
        <h3 id={headingId} className="text-lg font-semibold" lang={lang}>
          <Link href={`/n/${slug}/support/${entry.id}`} className="underline">
            {entry.name}
          </Link>
        </h3>
        <p className="text-muted" lang={lang}>
          {entry.provider}
        </p>
      </div>
      <Kinds kinds={entry.kinds} />
      <p className="text-sm">
        {t("stagesLabel")}: {entry.stages.length ? entry.stages.map((s) => t(`stage.${s}`)).join(", ") : t("allStages")}
        {entry.region ? (
          <>
            {" · "}
            {t("fieldRegion")}: <span lang={lang}>{entry.region}</span>
          </>
        ) : null}
      </p>
      {entry.status === "listed" ? <Checked entry={entry} /> : null}
    </article>
  );
}

/**
 * One entry of the map in full (its own page): what it offers and from whom, the kinds (money
 * first) and stages it serves, who may ask, where, how to reach it, its source and when it was last
 * checked. Links open as written, nothing about them is fetched.
 */
export async function SupportEntryCard({ entry, lang }: { entry: SupportEntryView; lang?: string }) {
  const t = await getTranslations("support");
  return (
    <article aria-labelledby="entry-title" className="space-y-3">
      <div className="space-y-1">
        <h1 id="entry-title" className="text-2xl font-semibold" lang={lang}>
          {entry.name}
        </h1>
        <p className="text-muted" lang={lang}>
          {entry.provider}
        </p>
      </div>
      <Kinds kinds={entry.kinds} />
      {entry.html ? <Markdown html={entry.html} lang={lang} /> : null}
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">{t("stagesLabel")}</dt>
        <dd>{entry.stages.length ? entry.stages.map((s) => t(`stage.${s}`)).join(", ") : t("allStages")}</dd>
        {entry.eligibility ? (
          <>
            <dt className="font-medium">{t("fieldEligibility")}</dt>
            <dd className="whitespace-pre-line" lang={lang}>
              {entry.eligibility}
            </dd>
          </>
        ) : null}
        {entry.region ? (
          <>
            <dt className="font-medium">{t("fieldRegion")}</dt>
            <dd lang={lang}>{entry.region}</dd>
          </>
        ) : null}
        {entry.url || entry.email || entry.phone ? (
          <>
            <dt className="font-medium">{t("contact")}</dt>
            <dd>
              <ul className="space-y-1">
                {entry.url ? (
                  <li>
                    <a href={entry.url} rel="noopener noreferrer nofollow" className="underline break-all">
                      {entry.url}
                    </a>
                  </li>
                ) : null}
                {entry.email ? (
                  <li>
                    <a href={`mailto:${entry.email}`} className="underline break-all">
                      {entry.email}
                    </a>
                  </li>
                ) : null}
                {entry.phone ? (
                  <li>
                    <a href={`tel:${entry.phone.replace(/[^\d+]/g, "")}`} className="underline">
                      {entry.phone}
                    </a>
                  </li>
                ) : null}
              </ul>
            </dd>
          </>
        ) : null}
        {entry.sourceUrl ? (
          <>
            <dt className="font-medium">{t("fieldSource")}</dt>
            <dd>
              <a href={entry.sourceUrl} rel="noopener noreferrer nofollow" className="underline break-all">
                {entry.sourceUrl}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {entry.status === "listed" ? <Checked entry={entry} /> : null}
    </article>
  );
}
