import { getTranslations } from "next-intl/server";
import { HideConsentAnswerForm, RestoreConsentAnswerForm } from "@/components/moderation/moderation-forms";
import { cardClass } from "@/components/ui/styles";
import type { CyclePage, WePhase } from "@/lib/cycles/queries";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { openObjections } from "@/lib/synthesis/policy";
import { CallConsentForm, CloseCycleForm, ConsentAnswerForm } from "./consent-forms";

/**
 * The consent round on the synthesis: which revision it asks about and how many answered (every
 * role), the viewer's answer, the concerns and objections (brokers and members), and for brokers
 * calling a round and closing the cycle once every objection is handled.
 */
export async function ConsentSection({ scope, cycle, we }: { scope: NetworkScope; cycle: CyclePage["cycle"]; we: WePhase }) {
  const t = await getTranslations("cycles");
  const { synthesis, round, roundIsCurrent } = we;
  const name = (n: string | null) => n || t("someone");
  const mayModerate = can(scope.role, "moderation.hide");
  const mine = round?.answers?.find((a) => a.userId === scope.userId) ?? null;
  const objections = roundIsCurrent ? openObjections(round?.answers ?? []) : [];
  const concerns = (round?.answers ?? []).filter((a) => a.answer !== "agree");
  return (
    <section aria-labelledby="consent-title" className={`${cardClass} space-y-4`}>
      <h2 id="consent-title" className="scroll-mt-6 text-lg font-semibold">
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
      {round && roundIsCurrent && can(scope.role, "consent.answer") ? (
        <ConsentAnswerForm slug={scope.slug} cycleId={cycle.id} roundId={round.id} mine={mine ? { answer: mine.answer, text: mine.text } : null} />
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
  );
}
