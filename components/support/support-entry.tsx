import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { isFinancial } from "@/lib/support/policy";
import type { SupportEntryView } from "@/lib/support/queries";
import { CheckEntryForm, RemoveEntryForm } from "./entry-controls";

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

/**
 * One entry of the map: what it offers and from whom, the kinds (money first) and stages it
 * serves, who may ask, where, how to reach it, its source and when it was last checked. A broker
 * gets the controls; links open as written, nothing about them is fetched.
 */
export async function SupportEntryCard({
  slug,
  entry,
  manage,
  lang,
  headingLevel = 3,
}: {
  slug: string;
  entry: SupportEntryView;
  manage: boolean;
  lang?: string;
  headingLevel?: 3 | 4;
}) {
  const t = await getTranslations("support");
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const headingId = `entry-${entry.id}-title`;
  return (
    <article aria-labelledby={headingId} className="space-y-3">
      <div className="space-y-1">
        <Heading id={headingId} className="text-lg font-semibold" lang={lang}>
          {entry.name}
        </Heading>
        <p className="text-muted" lang={lang}>
          {entry.provider}
        </p>
      </div>
      <ul className="flex flex-wrap gap-2" aria-label={t("kindsLabel")}>
        {entry.kinds.map((k) => (
          <li key={k} className={`rounded-md px-2 py-1 text-sm font-medium ${isFinancial(k) ? "bg-accent-soft text-accent-strong" : "bg-sand"}`}>
            {t(`kind.${k}`)}
          </li>
        ))}
      </ul>
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
      {manage ? (
        <div className="flex flex-wrap items-start gap-3">
          <Link href={`/n/${slug}/support/${entry.id}/edit`} className="btn btn-secondary">
            {t("edit")}
            <span className="sr-only">: {entry.name}</span>
          </Link>
          {entry.status === "listed" ? <CheckEntryForm slug={slug} entryId={entry.id} name={entry.name} /> : null}
          <details className="rounded-md border border-line p-3">
            <summary className="cursor-pointer font-medium">
              {t("remove")}
              <span className="sr-only">: {entry.name}</span>
            </summary>
            <div className="mt-3">
              <RemoveEntryForm slug={slug} entryId={entry.id} name={entry.name} />
            </div>
          </details>
        </div>
      ) : null}
    </article>
  );
}
