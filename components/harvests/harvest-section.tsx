import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { cardClass } from "@/components/ui/styles";
import { AREAS, LEVELS } from "@/lib/dialogue/limits";
import type { loadHarvestSection } from "@/lib/harvests/queries";
import { HarvestEditor } from "./harvest-editor";

type HarvestSectionData = NonNullable<Awaited<ReturnType<typeof loadHarvestSection>>>;

/**
 * A gathering's harvest on its page (decision 038): for its readers what happened, the insights with
 * their level and area, agreements, next steps, what it links to and its earlier versions; for its
 * hosts and brokers, once the gathering has started, the editor and publishing. The data is the
 * gathering page loader's (`loadHarvestSection`, lib/harvests/queries.ts). Needs the "harvests",
 * "levels", "areas", "errors" and "validation" messages on the client.
 */
export async function HarvestSection({ slug, gatheringId, data, lang }: { slug: string; gatheringId: string; data: HarvestSectionData; lang?: string }) {
  const [t, tl, ta, format] = await Promise.all([getTranslations("harvests"), getTranslations("levels"), getTranslations("areas"), getFormatter()]);
  const { harvest } = data;
  const date = (d: Date) => format.dateTime(d, { dateStyle: "long" });
  return (
    <section aria-labelledby="harvest-title" className={`${cardClass} space-y-4`}>
      <div className="space-y-1">
        <h2 id="harvest-title" className="text-xl font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-muted">{t("intro")}</p>
      </div>
      {data.cancelled ? <p>{t("cancelled")}</p> : !harvest ? <p>{data.open ? t("none") : t("notYet")}</p> : null}
      {harvest ? (
        <article className="space-y-4" lang={lang}>
          <p className="text-sm text-muted">
            {harvest.publishedAt ? t("publishedOn", { date: date(harvest.publishedAt) }) : t("draft")}
            {harvest.editedAt ? ` · ${t("editedOn", { date: date(harvest.editedAt) })}` : null}
            {" · "}
            {t("writtenBy", { name: harvest.authorName ?? t("someone") })}
          </p>
          <div className="space-y-1">
            <h3 className="font-semibold">{t("summary")}</h3>
            <Markdown html={harvest.summaryHtml} lang={lang} />
          </div>
          {harvest.insights.length ? (
            <div className="space-y-1">
              <h3 className="font-semibold">{t("insights")}</h3>
              <ul className="space-y-2">
                {harvest.insights.map((i) => (
                  <li key={i.id} className="rounded-md border border-line p-3">
                    <p className="whitespace-pre-line">{i.body}</p>
                    <p className="text-sm text-muted" lang={undefined}>
                      {tl(i.level)} · {ta(i.area)}
                    </p>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {harvest.agreements ? (
            <div className="space-y-1">
              <h3 className="font-semibold">{t("agreements")}</h3>
              <Markdown html={harvest.agreementsHtml} lang={lang} />
            </div>
          ) : null}
          {harvest.nextSteps ? (
            <div className="space-y-1">
              <h3 className="font-semibold">{t("nextSteps")}</h3>
              <Markdown html={harvest.nextStepsHtml} lang={lang} />
            </div>
          ) : null}
          {harvest.cycle ? (
            <p>
              <Link href={`/n/${slug}/cycles/journey`}>{t("cycleLine", { title: harvest.cycle.title })}</Link>
            </p>
          ) : null}
          {harvest.threads.length ? (
            <div className="space-y-1">
              <h3 className="font-semibold">{t("threads")}</h3>
              <ul className="list-disc pl-6">
                {harvest.threads.map((th) => (
                  <li key={th.id}>
                    <Link href={`/n/${slug}/dialogue/${th.id}`}>{th.title}</Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {harvest.milestones.length ? (
            <div className="space-y-1">
              <h3 className="font-semibold">{t("milestones")}</h3>
              <ul className="list-disc pl-6">
                {harvest.milestones.map((m) => (
                  <li key={m.id}>
                    <Link href={`/n/${slug}/initiatives/${m.initiativeId}#milestone-${m.id}`}>{m.title}</Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {harvest.revisions.length ? (
            <details className="text-sm">
              <summary className="cursor-pointer text-accent-strong">{t("earlierVersions", { count: harvest.revisions.length })}</summary>
              <ol className="mt-2 space-y-2">
                {harvest.revisions.map((r) => (
                  <li key={r.id} className="space-y-2 rounded-md border border-line p-3">
                    <p className="text-muted">{t("versionBefore", { name: r.editorName ?? t("someone"), date: date(r.createdAt) })}</p>
                    <Markdown source={r.summary} lang={lang} />
                    {r.agreements ? <Markdown source={r.agreements} lang={lang} /> : null}
                    {r.nextSteps ? <Markdown source={r.nextSteps} lang={lang} /> : null}
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
        </article>
      ) : null}
      {data.mayWrite && data.options ? (
        <details className="rounded-md border border-line p-3" open={!harvest?.publishedAt}>
          <summary className="cursor-pointer font-medium">{harvest ? t("edit") : t("write")}</summary>
          <div className="mt-3">
            <HarvestEditor
              slug={slug}
              gatheringId={gatheringId}
              current={
                harvest
                  ? {
                      version: harvest.version,
                      summary: harvest.summary,
                      agreements: harvest.agreements,
                      nextSteps: harvest.nextSteps,
                      cycleId: harvest.cycle?.id ?? "",
                      insights: harvest.insights,
                      threadIds: harvest.threads.map((x) => x.id),
                      milestoneIds: harvest.milestones.map((x) => x.id),
                      published: harvest.publishedAt !== null,
                    }
                  : null
              }
              options={{
                threads: data.options.threads,
                milestones: data.options.milestones.map((m) => ({ id: m.id, title: m.title, detail: m.initiativeName })),
                cycles: data.options.cycles,
              }}
              levels={LEVELS.map((value) => ({ value, label: tl(value) }))}
              areas={AREAS.map((value) => ({ value, label: ta(value) }))}
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}
