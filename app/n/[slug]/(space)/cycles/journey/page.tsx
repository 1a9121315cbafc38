import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { JourneyHarvestEntry } from "@/components/harvests/journey-harvest";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { listJourney } from "@/lib/cycles/queries";
import { decodeCursor } from "@/lib/cursor";
import { can } from "@/lib/membership/policy";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ShareWithCommons } from "@/components/sharing/share-state";
import { mayPropose } from "@/lib/sharing/policy";
import { authoredOnJourney, shareStates } from "@/lib/sharing/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cycles"))("journeyTitle") };
}

/**
 * The network's journey: its closed cycles and (for brokers and members) its gatherings' published
 * harvests, newest first, in one timeline. Everyone in the network sees the
 * question, the final synthesis and participation; brokers and members also the concerns
 * raised, and brokers can start the next cycle from one. Never a reflection.
 */
export default async function JourneyPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ before?: string }>;
}) {
  const { slug } = await params;
  const { before } = await searchParams;
  const scope = await requireMemberPage(slug, `/n/${slug}/cycles/journey`, "cycle.view");
  const [t, format, view, journey] = await Promise.all([
    getTranslations("cycles"),
    getFormatter(),
    viewNetwork(scope.slug),
    listJourney(scope, decodeCursor(before)),
  ]);
  const lang = view?.network.locale;
  const mayOpen = can(scope.role, "cycle.open");
  // Brokers share syntheses of closed cycles and published harvests with the commons, and so do
  // their authors: a synthesis's writers and those who answered its consent, a harvest's writer (decision 044).
  const cycleIds = journey.items.filter((c) => c.synthesis).map((c) => c.id);
  const harvestIds = journey.harvests.map((h) => h.id);
  const authored = mayPropose(scope.role, false) ? null : await authoredOnJourney(scope, cycleIds, harvestIds);
  const mayShare = (id: string) => mayPropose(scope.role, authored?.has(id) ?? false);
  const [sharedCycles, sharedHarvests] = await Promise.all([
    shareStates(scope, "synthesis", cycleIds.filter(mayShare)),
    shareStates(scope, "harvest", harvestIds.filter(mayShare)),
  ]);
  // Cycles by when they closed, harvests by when their gathering met: one story, newest first.
  const timeline = [
    ...journey.items.map((c) => ({ at: c.closedAt, id: c.id, cycle: c, harvest: null })),
    ...journey.harvests.map((h) => ({ at: h.startsAt, id: h.id, cycle: null, harvest: h })),
  ].sort((x, y) => y.at.getTime() - x.at.getTime() || (x.id < y.id ? 1 : -1));
  return (
    <ClientMessages namespaces={["sharing"]}>
      <div className="space-y-6">
        <div className="space-y-1">
          <h1 className="text-xl font-semibold">{t("journeyTitle")}</h1>
          <p className="text-muted">{t("journeyIntro")}</p>
          <p>
            <Link href={`/n/${scope.slug}/cycles`} className="font-medium">
              {t("toCycle")}
            </Link>
          </p>
        </div>
        {timeline.length === 0 ? <p className={cardClass}>{t("journeyNone")}</p> : null}
        {timeline.map(({ cycle: c, harvest }) => harvest ? (
          <div key={harvest.id} className="space-y-2">
            <JourneyHarvestEntry slug={scope.slug} harvest={harvest} lang={lang} />
            {mayShare(harvest.id) ? (
              <ShareWithCommons slug={scope.slug} kind="harvest" sourceId={harvest.id} what={harvest.title} state={sharedHarvests.get(harvest.id)} mayPropose />
            ) : null}
          </div>
        ) : (
          <article key={c.id} aria-labelledby={`journey-${c.id}`} className={`${cardClass} space-y-4`}>
            <div className="space-y-1">
              <h2 id={`journey-${c.id}`} className="text-lg font-semibold" lang={lang}>
                {c.title}
              </h2>
              <p className="text-sm text-muted">
                {t("closedOn")} <time dateTime={c.closedAt.toISOString()}>{format.dateTime(c.closedAt, { dateStyle: "long" })}</time>
              </p>
            </div>
            <div className="space-y-1">
              <h3 className="font-semibold">{t("question")}</h3>
              <blockquote className="border-l-4 border-accent pl-4 whitespace-pre-line" lang={lang}>
                {c.question}
              </blockquote>
            </div>
            <p>
              <span className="font-medium">{t("participationLabel")}:</span> {t("participation", c.participation)}
            </p>
            <div className="space-y-2">
              <h3 className="font-semibold">{t("finalSynthesis")}</h3>
              {c.synthesis ? (
                <>
                  <Markdown html={c.synthesis.html} lang={lang} />
                  <p className="text-sm text-muted">
                    {t("finalRevision", { number: c.synthesis.number })}
                    {c.synthesis.citations > 0 ? ` · ${t("citationCount", { count: c.synthesis.citations })}` : null}
                  </p>
                </>
              ) : (
                <p>{t("synthesisNone")}</p>
              )}
              {c.synthesis && mayShare(c.id) ? (
                <ShareWithCommons slug={scope.slug} kind="synthesis" sourceId={c.id} what={c.title} state={sharedCycles.get(c.id)} mayPropose />
              ) : null}
            </div>
            {c.concerns ? (
              <div className="space-y-2">
                <h3 className="font-semibold">{t("concernsTitle")}</h3>
                {c.concerns.length === 0 ? (
                  <p>{t("concernsNone")}</p>
                ) : (
                  <ul className="space-y-2">
                    {c.concerns.map((a) => (
                      <li key={a.id} className="space-y-1 rounded-md border border-line p-3">
                        <p>
                          <span className="font-medium">{t(`answerBy.${a.answer}`, { name: a.name || t("someone") })}</span>{" "}
                          <span className="whitespace-pre-line">{a.text}</span>
                        </p>
                        {a.hidden ? (
                          <p role="note" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
                            {t("answerHidden", { reason: a.hiddenReason })}
                          </p>
                        ) : null}
                        {a.handledNote ? <p className="text-sm text-muted">{t("handledNote", { note: a.handledNote })}</p> : null}
                        {mayOpen && !a.hidden ? (
                          <Link href={`/n/${scope.slug}/cycles/new?from=${a.id}`} className="inline-block font-medium">
                            {t("startFromConcern")}
                          </Link>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ) : null}
          </article>
        ))}
        {journey.next ? (
          <Link href={`/n/${scope.slug}/cycles/journey?before=${journey.next}`} className={buttonClass.secondary}>
            {t("journeyOlder")}
          </Link>
        ) : null}
      </div>
    </ClientMessages>
  );
}
