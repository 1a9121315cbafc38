import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { AdvanceCycleForm, ExtendCycleForm } from "@/components/cycles/broker-controls";
import { ReflectionForm } from "@/components/cycles/reflection-form";
import { Markdown } from "@/components/dialogue/markdown";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { sendDueReminders } from "@/lib/cycles/mutations";
import { cycleParticipation, findCurrentCycle, findOwnReflection, listVisibleReflections } from "@/lib/cycles/queries";
import { AREAS, toLocalInput } from "@/lib/cycles/schema";
import { can } from "@/lib/membership/policy";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cycles"))("title") };
}

/**
 * The network's current cycle: its question and phase, participation, the viewer's own
 * reflection and (only as lib/cycles/policy.ts allows, decided on the server) the others'.
 */
export default async function CyclePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/cycles`, "cycle.view");
  // The reminder is sent lazily, when someone looks: idempotent, see sendDueReminders.
  await sendDueReminders(scope);
  const [t, ta, format, zone, view, cycle] = await Promise.all([
    getTranslations("cycles"),
    getTranslations("areas"),
    getFormatter(),
    getTimeZone(),
    viewNetwork(scope.slug),
    findCurrentCycle(scope),
  ]);
  const lang = view?.network.locale;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "full", timeStyle: "short" });
  const mayOpen = can(scope.role, "cycle.open");

  if (!cycle) {
    return (
      <div className="space-y-6">
        <div className="space-y-1">
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="text-muted">{t("intro")}</p>
        </div>
        <div className={`${cardClass} space-y-3`}>
          <p>{t("none")}</p>
          {mayOpen ? (
            <Link href={`/n/${scope.slug}/cycles/new`} className={buttonClass.primary}>
              {t("openLink")}
            </Link>
          ) : null}
        </div>
      </div>
    );
  }

  const writer = can(scope.role, "reflection.write");
  const [participation, own, visible] = await Promise.all([
    cycleParticipation(scope, cycle.id),
    writer ? findOwnReflection(scope, cycle.id) : Promise.resolve(null),
    writer ? listVisibleReflections(scope, cycle.id) : Promise.resolve(null),
  ]);
  const byArea = AREAS.map((area) => ({ area, items: (visible?.reflections ?? []).filter((r) => r.area === area) })).filter(
    (g) => g.items.length > 0,
  );
  const reflecting = cycle.phase === "reflect";

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-muted">{t("title")}</p>
        <h1 className="text-2xl font-semibold" lang={lang}>
          {cycle.title}
        </h1>
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
            <div className="space-y-2">
              <p>{own.submittedAt ? t("ownAfterPhase") : t("ownDraftAfterPhase")}</p>
              {own.private ? <p className="text-sm text-muted">{t("statusPrivate")}</p> : null}
              <p className="text-sm text-muted">{ta(own.area)}</p>
              <Markdown source={own.body} />
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
                <article key={r.id} aria-label={t("by", { name: r.authorName || t("someone") })} className={`${cardClass} space-y-2`}>
                  <p className="text-sm text-muted">
                    {t("by", { name: r.authorName || t("someone") })} ·{" "}
                    <time dateTime={r.submittedAt.toISOString()}>{format.dateTime(r.submittedAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                  </p>
                  <Markdown source={r.body} />
                </article>
              ))}
            </section>
          ))
        )}
      </section>

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
  );
}
