import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { AdvanceCycleForm, ExtendCycleForm } from "@/components/cycles/broker-controls";
import { CallConsentForm, CloseCycleForm, ConsentAnswerForm } from "@/components/cycles/consent-forms";
import { ReflectionForm } from "@/components/cycles/reflection-form";
import { SynthesisDiff } from "@/components/cycles/synthesis-diff";
import { SynthesisForm } from "@/components/cycles/synthesis-form";
import { Markdown } from "@/components/dialogue/markdown";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { openObjections } from "@/lib/cycles/policy";
import { findConsentRound, findRevision, findSynthesis, latestRevisionNumber, listRevisions, loadCyclePage } from "@/lib/cycles/queries";
import { AREAS, SYNTHESIS_PARTS, toLocalInput } from "@/lib/cycles/schema";
import { can } from "@/lib/membership/policy";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { ClientMessages } from "@/components/i18n/client-messages";
import {
  HideConsentAnswerForm,
  HideReflectionForm,
  RestoreConsentAnswerForm,
  RestoreReflectionForm,
} from "@/components/moderation/moderation-forms";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cycles"))("title") };
}

/**
 * The network's current cycle: its question and phase, participation, the viewer's own
 * reflection and (only as lib/cycles/policy.ts allows, decided on the server) the others'.
 * From the WE phase on: the synthesis, its revisions (`?revision=N` shows one with a diff
 * against the one before), the consent round and, for brokers, closing.
 */
export default async function CyclePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ revision?: string }>;
}) {
  const { slug } = await params;
  const { revision: revisionParam } = await searchParams;
  const scope = await requireMemberPage(slug, `/n/${slug}/cycles`, "cycle.view");
  const [t, ta, format, zone, view, loaded] = await Promise.all([
    getTranslations("cycles"),
    getTranslations("areas"),
    getFormatter(),
    getTimeZone(),
    viewNetwork(scope.slug),
    loadCyclePage(scope),
  ]);
  const lang = view?.network.locale;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "full", timeStyle: "short" });
  const mayOpen = can(scope.role, "cycle.open");
  const mayModerate = can(scope.role, "moderation.hide");

  if (!loaded) {
    return (
      <ClientMessages namespaces={["areas", "cycles", "errors", "validation"]}>
        <div className="space-y-6">
          <div className="space-y-1">
            <h1 className="text-xl font-semibold">{t("title")}</h1>
            <p className="text-muted">{t("intro")}</p>
          </div>
          <div className={`${cardClass} space-y-3`}>
            <p>{t("none")}</p>
            <div className="flex flex-wrap gap-3">
              {mayOpen ? (
                <Link href={`/n/${scope.slug}/cycles/new`} className={buttonClass.primary}>
                  {t("openLink")}
                </Link>
              ) : null}
              <Link href={`/n/${scope.slug}/cycles/journey`} className={buttonClass.secondary}>
                {t("journeyLink")}
              </Link>
            </div>
          </div>
        </div>
      </ClientMessages>
    );
  }

  const { cycle, participation, reflections } = loaded;
  const writer = can(scope.role, "reflection.write");
  const reflecting = cycle.phase === "reflect";
  const revisionNumber = revisionParam && /^\d{1,9}$/.test(revisionParam) ? Number(revisionParam) : null;
  const [synthesis, revisions, round, shownRevision, latestNumber] = await Promise.all([
    reflecting ? Promise.resolve(null) : findSynthesis(scope, cycle.id),
    reflecting ? Promise.resolve([]) : listRevisions(scope, cycle.id),
    reflecting ? Promise.resolve(null) : findConsentRound(scope, cycle.id),
    reflecting || revisionNumber === null ? Promise.resolve(null) : findRevision(scope, cycle.id, revisionNumber),
    reflecting ? Promise.resolve(0) : latestRevisionNumber(scope, cycle.id),
  ]);
  const own = reflections?.own ?? null;
  const visible = reflections?.visible ?? null;
  const byArea = AREAS.map((area) => ({ area, items: (visible?.reflections ?? []).filter((r) => r.area === area) })).filter(
    (g) => g.items.length > 0,
  );
  const name = (n: string | null) => n || t("someone");
  // Reflections a synthesis may cite: the shared ones shown below, and the viewer's own when shared;
  // never one a broker hid (decision 027).
  const ownShared = own && !own.private && own.submittedAt ? own : null;
  const citable = [
    ...(ownShared && !ownShared.hidden ? [{ id: ownShared.id, area: ownShared.area, authorName: t("you") }] : []),
    ...(visible?.revealed ? visible.reflections : [])
      .filter((r) => !r.hidden)
      .map((r) => ({ id: r.id, area: r.area, authorName: name(r.authorName) })),
  ];
  const hiddenNotice = (reason: string) => (
    <p role="note" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
      {t("reflectionHidden", { reason })}
    </p>
  );
  const roundIsCurrent = round !== null && round.closedAt === null && round.revisionNumber === latestNumber;
  const mine = round?.answers?.find((a) => a.userId === scope.userId) ?? null;
  const objections = roundIsCurrent ? openObjections(round.answers ?? []) : [];
  const concerns = (round?.answers ?? []).filter((a) => a.answer !== "agree");
  const template = SYNTHESIS_PARTS.map((part) => `## ${t(`parts.${part}`)}\n\n`).join("");

  return (
    <ClientMessages namespaces={["areas", "cycles", "dialogue", "errors", "moderation", "validation"]}>
      <div className="space-y-6">
        <div className="space-y-1">
          <p className="text-muted">{t("title")}</p>
          <h1 className="text-2xl font-semibold" lang={lang}>
            {cycle.title}
          </h1>
          <p>
            <Link href={`/n/${scope.slug}/cycles/journey`} className="font-medium">
              {t("journeyLink")}
            </Link>
          </p>
        </div>

        <section aria-labelledby="cycle-question" className={`${cardClass} space-y-3`}>
          <h2 id="cycle-question" className="text-lg font-semibold">
            {t("question")}
          </h2>
          <blockquote className="border-l-4 border-accent pl-4 text-lg whitespace-pre-line" lang={lang}>
            {cycle.question}
          </blockquote>
          {cycle.focusArea ? <p>{t("focusOn", { area: ta(cycle.focusArea) })}</p> : null}
          <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium">{t("phaseLabel")}</dt>
            <dd>{t(`phase.${cycle.phase}`)}</dd>
            <dt className="font-medium">{t("iDeadline")}</dt>
            <dd>
              <time dateTime={cycle.iDeadline.toISOString()}>{when(cycle.iDeadline)}</time>
            </dd>
            <dt className="font-medium">{t("weDeadline")}</dt>
            <dd>
              <time dateTime={cycle.weDeadline.toISOString()}>{when(cycle.weDeadline)}</time>
            </dd>
            <dt className="font-medium">{t("participationLabel")}</dt>
            <dd>{t("participation", participation)}</dd>
          </dl>
        </section>

        {writer ? (
          <section aria-labelledby="own-reflection" className={`${cardClass} space-y-4`}>
            <h2 id="own-reflection" className="text-lg font-semibold">
              {t("yourReflection")}
            </h2>
            {reflecting ? (
              <>
                {own?.submittedAt ? (
                  <p>{t("statusSubmitted", { date: when(own.submittedAt) })}</p>
                ) : (
                  <>
                    {own ? <p>{t("statusDraft")}</p> : null}
                    <p className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">{t("revealNotice")}</p>
                  </>
                )}
                {own?.hidden ? (
                  <>
                    {hiddenNotice(own.hiddenReason)}
                    <p className="text-sm text-muted">{t("ownReflectionHidden")}</p>
                  </>
                ) : null}
                <ReflectionForm
                  slug={scope.slug}
                  cycleId={cycle.id}
                  saved={
                    own
                      ? {
                          body: own.body,
                          area: own.area,
                          private: own.private,
                          submitted: own.submittedAt !== null,
                          version: String(own.updatedAt.getTime()),
                        }
                      : null
                  }
                />
              </>
            ) : own ? (
              <div id={ownShared ? `reflection-${own.id}` : undefined} className="scroll-mt-4 space-y-2">
                <p>{own.submittedAt ? t("ownAfterPhase") : t("ownDraftAfterPhase")}</p>
                {own.private ? <p className="text-sm text-muted">{t("statusPrivate")}</p> : null}
                <p className="text-sm text-muted">{ta(own.area)}</p>
                {own.hidden ? (
                  <>
                    {hiddenNotice(own.hiddenReason)}
                    <p className="text-sm text-muted">{t("ownReflectionHidden")}</p>
                  </>
                ) : null}
                <Markdown html={own.html} />
              </div>
            ) : (
              <p>{t("noOwnAfterPhase")}</p>
            )}
          </section>
        ) : null}

        <section aria-labelledby="others-reflections" className="space-y-4">
          <h2 id="others-reflections" className="text-lg font-semibold">
            {t("others")}
          </h2>
          {!writer ? (
            <p className={cardClass}>{t("funderNotice")}</p>
          ) : !visible?.revealed ? (
            <p className={cardClass}>{t("othersHidden")}</p>
          ) : byArea.length === 0 ? (
            <p className={cardClass}>{t("othersNone")}</p>
          ) : (
            byArea.map((group) => (
              <section key={group.area} aria-labelledby={`area-${group.area}`} className="space-y-3">
                <h3 id={`area-${group.area}`} className="font-semibold">
                  {ta(group.area)}
                </h3>
                {group.items.map((r) => (
                  <article
                    key={r.id}
                    id={`reflection-${r.id}`}
                    aria-label={t("by", { name: r.authorName || t("someone") })}
                    className={`${cardClass} scroll-mt-4 space-y-2`}
                  >
                    <p className="text-sm text-muted">
                      {t("by", { name: r.authorName || t("someone") })} ·{" "}
                      <time dateTime={r.submittedAt.toISOString()}>{format.dateTime(r.submittedAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                    </p>
                    {r.hidden ? hiddenNotice(r.hiddenReason) : null}
                    {r.html ? <Markdown html={r.html} /> : null}
                    {mayModerate ? (
                      r.hidden ? (
                        <RestoreReflectionForm slug={scope.slug} reflectionId={r.id} label={t("restoreReflection")} />
                      ) : (
                        <HideReflectionForm
                          slug={scope.slug}
                          reflectionId={r.id}
                          summaryLabel={t("hideReflectionNamed", { name: r.authorName || t("someone") })}
                          submit={t("hideReflectionSubmit")}
                        />
                      )
                    ) : null}
                  </article>
                ))}
              </section>
            ))
          )}
        </section>

        {!reflecting ? (
          <section aria-labelledby="synthesis-title" className={`${cardClass} space-y-4`}>
            <h2 id="synthesis-title" className="text-lg font-semibold">
              {t("synthesisTitle")}
            </h2>
            <p className="text-sm text-muted">{t("synthesisIntro")}</p>
            {!can(scope.role, "synthesis.read") ? (
              <p>{t("synthesisFunder")}</p>
            ) : synthesis ? (
              <div className="space-y-3">
                <p className="text-sm text-muted">
                  {t("revisionBy", { number: synthesis.number, name: name(synthesis.authorName) })} ·{" "}
                  <time dateTime={synthesis.createdAt.toISOString()}>{when(synthesis.createdAt)}</time>
                </p>
                <Markdown html={synthesis.html} lang={lang} />
                {synthesis.citations.length > 0 ? (
                  <div>
                    <h3 className="font-semibold">{t("citesTitle")}</h3>
                    <ul className="list-disc pl-6">
                      {synthesis.citations.map((c) => (
                        <li key={c.id}>
                          <a href={`#reflection-${c.id}`}>{t("citeLabel", { name: name(c.authorName), area: ta(c.area) })}</a>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            ) : (
              <p>{t("synthesisNone")}</p>
            )}
            {cycle.phase === "synthesise" && can(scope.role, "synthesis.write") ? (
              <SynthesisForm
                slug={scope.slug}
                cycleId={cycle.id}
                current={
                  synthesis
                    ? { number: synthesis.number, body: synthesis.body, authorName: synthesis.authorName, cites: synthesis.citations.map((c) => c.id) }
                    : null
                }
                citable={citable.map((r) => ({ id: r.id, label: t("citeLabel", { name: r.authorName, area: ta(r.area) }) }))}
                template={template}
              />
            ) : can(scope.role, "synthesis.write") && cycle.phase === "ended" ? (
              <p>{t("synthesisEnded")}</p>
            ) : null}
            {revisions.length > 0 ? (
              <div className="space-y-2">
                <h3 className="font-semibold">{t("revisionsTitle")}</h3>
                <ol className="space-y-1">
                  {revisions.map((r) => (
                    <li key={r.number}>
                      <Link
                        href={`/n/${scope.slug}/cycles?revision=${r.number}#revision`}
                        aria-current={shownRevision?.number === r.number ? "true" : undefined}
                      >
                        {t("revisionBy", { number: r.number, name: name(r.authorName) })}
                      </Link>{" "}
                      · <time dateTime={r.createdAt.toISOString()}>{format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                    </li>
                  ))}
                </ol>
              </div>
            ) : null}
            {shownRevision ? (
              <section id="revision" aria-labelledby="revision-title" className="scroll-mt-4 space-y-3">
                <h3 id="revision-title" className="font-semibold">
                  {t("revisionTitle", { number: shownRevision.number, name: name(shownRevision.authorName) })}
                </h3>
                <Markdown html={shownRevision.html} lang={lang} />
                <h4 className="font-medium">
                  {shownRevision.previous === null ? t("diffFirst") : t("diffTitle", { number: shownRevision.number - 1 })}
                </h4>
                <SynthesisDiff
                  before={shownRevision.previous ?? ""}
                  after={shownRevision.body}
                  labels={{ added: t("diffAdded"), removed: t("diffRemoved"), end: t("diffEnd") }}
                />
              </section>
            ) : null}
          </section>
        ) : null}

        {!reflecting ? (
          <section aria-labelledby="consent-title" className={`${cardClass} space-y-4`}>
            <h2 id="consent-title" className="text-lg font-semibold">
              {t("consentTitle")}
            </h2>
            {round ? (
              <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
                <dt className="font-medium">{t("roundOn")}</dt>
                <dd>
                  {t("roundRevision", { number: round.revisionNumber })}
                  {roundIsCurrent ? null : ` (${t("roundSuperseded")})`}
                </dd>
                <dt className="font-medium">{t("roundParticipationLabel")}</dt>
                <dd>{t("roundParticipation", round.participation)}</dd>
              </dl>
            ) : (
              <p>{t("consentNone")}</p>
            )}
            {round && !roundIsCurrent ? <p>{t("roundOutdated")}</p> : null}
            {roundIsCurrent && can(scope.role, "consent.answer") ? (
              <ConsentAnswerForm
                slug={scope.slug}
                cycleId={cycle.id}
                roundId={round.id}
                mine={mine ? { answer: mine.answer, text: mine.text } : null}
              />
            ) : null}
            {concerns.length > 0 ? (
              <div className="space-y-2">
                <h3 className="font-semibold">{t("concernsTitle")}</h3>
                <ul className="space-y-2">
                  {concerns.map((a) => (
                    <li key={a.id} className="rounded-md border border-line p-3">
                      <p>
                        <span className="font-medium">{t(`answerBy.${a.answer === "object" ? "object" : "concern"}`, { name: name(a.name) })}</span>{" "}
                        <span className="whitespace-pre-line">{a.text}</span>
                      </p>
                      {a.hidden ? (
                        <p role="note" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
                          {t("answerHidden", { reason: a.hiddenReason })}
                        </p>
                      ) : null}
                      {a.handledNote ? <p className="text-sm text-muted">{t("handledNote", { note: a.handledNote })}</p> : null}
                      {mayModerate && (a.text || a.hidden) ? (
                        a.hidden ? (
                          <RestoreConsentAnswerForm slug={scope.slug} answerId={a.id} label={t("restoreAnswer")} />
                        ) : (
                          <HideConsentAnswerForm
                            slug={scope.slug}
                            answerId={a.id}
                            summaryLabel={t("hideAnswerNamed", { name: name(a.name) })}
                            submit={t("hideAnswerSubmit")}
                          />
                        )
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {can(scope.role, "consent.call") && synthesis && !roundIsCurrent ? (
              <CallConsentForm slug={scope.slug} cycleId={cycle.id} revision={synthesis.number} />
            ) : null}
            {can(scope.role, "cycle.close") && roundIsCurrent ? (
              <CloseCycleForm
                slug={scope.slug}
                cycleId={cycle.id}
                objections={objections.map((o) => ({
                  id: o.id,
                  name: name(o.name),
                  text: o.hidden && o.userId !== scope.userId ? t("answerHidden", { reason: o.hiddenReason }) : o.text,
                }))}
              />
            ) : null}
          </section>
        ) : null}

        {can(scope.role, "cycle.extend") ? (
          <section aria-labelledby="broker-tools" className={`${cardClass} space-y-6`}>
            <h2 id="broker-tools" className="text-lg font-semibold">
              {t("brokerTools")}
            </h2>
            <ExtendCycleForm
              slug={scope.slug}
              cycleId={cycle.id}
              iDeadline={toLocalInput(cycle.iDeadline, zone)}
              weDeadline={toLocalInput(cycle.weDeadline, zone)}
              zone={zone}
            />
            {reflecting && can(scope.role, "cycle.advance") ? <AdvanceCycleForm slug={scope.slug} cycleId={cycle.id} /> : null}
          </section>
        ) : null}
      </div>
    </ClientMessages>
  );
}
