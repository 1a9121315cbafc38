import { getFormatter, getTranslations } from "next-intl/server";
import type { Formatter, Translator } from "@/lib/i18n/server-types";
import { Markdown } from "@/components/dialogue/markdown";
import { GROWTH_STAGES, SUPPORT_KINDS, type GrowthStageName, type SupportKindName } from "@/lib/support/limits";
import { isFinancial } from "@/lib/support/policy";
import type { SupportEntryView } from "@/lib/support/queries";

/**
 * The support map's translator and the viewer's formatter, fetched once by a list and handed to
 * each entry, with the names of the kinds and stages looked up once rather than once per entry.
 */
type Tools = {
  t: Translator<"support">;
  format: Formatter;
  kindName: Record<SupportKindName, string>;
  stageName: Record<GrowthStageName, string>;
};

/**
 * The tools an entry renders with. The entry components below are synchronous on purpose: an
 * async component per entry is a separate task and a separate row of the page's React payload,
 * which made a page of 25 entries cost more than its markup (decision 054).
 */
export async function supportTools(): Promise<Tools> {
  const [t, format] = await Promise.all([getTranslations("support"), getFormatter()]);
  return {
    t,
    format,
    kindName: Object.fromEntries(SUPPORT_KINDS.map((k) => [k, t(`kind.${k}`)])) as Tools["kindName"],
    stageName: Object.fromEntries(GROWTH_STAGES.map((s) => [s, t(`stage.${s}`)])) as Tools["stageName"],
  };
}

/** When the entry was last checked, flagged when that is over a year ago (or never). */
function Checked({ entry, tools: { t, format } }: { entry: Pick<SupportEntryView, "checkedAt" | "stale">; tools: Tools }) {
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
function Kinds({ kinds, tools: { t } }: { kinds: SupportEntryView["kinds"]; tools: Tools }) {
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
 * One entry in a list of the map: its name (a link to its page), who offers it, one line with the
 * kinds, stages and region, and whether it may be out of date. What it offers, who may ask and how
 * to reach it are on the entry's page (where the kinds stand out in colour), so a page of the map
 * stays short for a reader and cheap to serve: a few elements per entry, not a list of chips each.
 */
export function SupportEntrySummary({ slug, entry, lang, tools }: { slug: string; entry: SupportEntryView; lang?: string; tools: Tools }) {
  const { t, kindName, stageName } = tools;
  const headingId = `entry-${entry.id}-title`;
  return (
    <article aria-labelledby={headingId} className="space-y-1">
      <h3 id={headingId} className="text-lg font-semibold" lang={lang}>
        <a href={`/n/${slug}/support/${entry.id}`} className="underline">
          {entry.name}
        </a>
      </h3>
      <p className="text-muted" lang={lang}>
        {entry.provider}
      </p>
      <p className="text-sm">
        {`${t("kindsLabel")}: ${entry.kinds.map((k) => kindName[k]).join(", ")} · `}
        {t("stagesLabel")}: {entry.stages.length ? entry.stages.map((s) => stageName[s]).join(", ") : t("allStages")}
        {entry.region ? (
          <>
            {" · "}
            {t("fieldRegion")}: <span lang={lang}>{entry.region}</span>
          </>
        ) : null}
      </p>
      {entry.status === "listed" ? <Checked entry={entry} tools={tools} /> : null}
    </article>
  );
}

/**
 * One entry of the map in full (its own page): what it offers and from whom, the kinds (money
 * first) and stages it serves, who may ask, where, how to reach it, its source and when it was last
 * checked. Links open as written, nothing about them is fetched.
 */
export async function SupportEntryCard({ entry, lang }: { entry: SupportEntryView; lang?: string }) {
  const tools = await supportTools();
  const { t } = tools;
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
      <Kinds kinds={entry.kinds} tools={tools} />
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
      {entry.status === "listed" ? <Checked entry={entry} tools={tools} /> : null}
    </article>
  );
}
