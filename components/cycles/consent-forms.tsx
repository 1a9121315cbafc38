"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { TextAreaField } from "@/components/ui/field";
import { useAnnouncedAction } from "@/components/ui/announcer";
import { fieldMessages, FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { answerConsentAction, callConsentAction, closeCycleAction } from "@/lib/synthesis/actions";
import { CONSENT_CHOICES, CONSENT_TEXT_MAX, HANDLED_NOTE_MAX, HANDLED_PREFIX, type ConsentChoice } from "@/lib/cycles/limits";

/** A broker asks everyone for consent on the latest revision of the synthesis. */
export function CallConsentForm({ slug, cycleId, revision }: { slug: string; cycleId: string; revision: number }) {
  const t = useTranslations("cycles");
  const [state, action] = useAnnouncedAction(callConsentAction, t("called"));
  return (
    <form action={action} className="space-y-3" aria-labelledby="call-consent-title">
      <h3 id="call-consent-title" className="font-semibold">
        {t("callTitle")}
      </h3>
      <p className="text-sm text-muted">{t("callHint")}</p>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="cycleId" value={cycleId} />
      <FormMessage state={state} success={t("called")} />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("call", { number: revision })}
      </SubmitButton>
    </form>
  );
}

/** A broker's or member's answer in the open round; it can change while the round is open. */
export function ConsentAnswerForm({
  slug,
  cycleId,
  roundId,
  mine,
}: {
  slug: string;
  cycleId: string;
  roundId: string;
  mine: { answer: ConsentChoice; text: string } | null;
}) {
  const t = useTranslations("cycles");
  const [state, action] = useActionState(answerConsentAction, null);
  const id = useId();
  const refused = state && !state.ok ? state.values : undefined;
  const chosen = refused ? refused.answer : state?.ok ? state.data.answer : mine?.answer;
  const answerErrors = fieldMessages(state, "answer");
  return (
    <form action={action} className="space-y-4" noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="font-semibold">
        {mine ? t("answerChange") : t("answerTitle")}
      </h3>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="cycleId" value={cycleId} />
      <input type="hidden" name="roundId" value={roundId} />
      <fieldset className="space-y-2" aria-describedby={answerErrors.length ? `${id}-error` : undefined}>
        <legend className="font-medium">{t("answerLegend")}</legend>
        {CONSENT_CHOICES.map((choice) => (
          <div key={choice} className="flex items-start gap-3">
            <input
              key={`${choice}-${String(chosen === choice)}`}
              id={`${id}-${choice}`}
              name="answer"
              type="radio"
              value={choice}
              defaultChecked={chosen === choice}
              aria-describedby={`${id}-${choice}-hint`}
              className="mt-1 size-5 accent-accent"
            />
            <div>
              <label htmlFor={`${id}-${choice}`} className="font-medium">
                {t(`choice.${choice}`)}
              </label>
              <p id={`${id}-${choice}-hint`} className="text-sm text-muted">
                {t(`choiceHint.${choice}`)}
              </p>
            </div>
          </div>
        ))}
        {answerErrors.length > 0 ? (
          <p id={`${id}-error`} className="text-sm font-medium text-danger">
            {answerErrors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        name="text"
        label={t("answerText")}
        hint={t("answerTextHint")}
        state={state}
        initial={mine?.text ?? ""}
        rows={4}
        maxLength={CONSENT_TEXT_MAX}
      />
      <FormMessage state={state} success={t("answered")} />
      <SubmitButton pendingLabel={t("saving")}>{t("answerSave")}</SubmitButton>
    </form>
  );
}

/**
 * A broker closes the cycle into the journey. Each objection not yet handled needs a note
 * on how it was handled; without one the cycle stays open (and the typed notes are kept).
 */
export function CloseCycleForm({
  slug,
  cycleId,
  objections,
}: {
  slug: string;
  cycleId: string;
  objections: { id: string; name: string; text: string }[];
}) {
  const t = useTranslations("cycles");
  const [state, action] = useActionState(closeCycleAction, null);
  return (
    <form action={action} className="space-y-4" noValidate aria-labelledby="close-title">
      <h3 id="close-title" className="font-semibold">
        {t("closeTitle")}
      </h3>
      <p className="text-sm text-muted">{objections.length > 0 ? t("closeHintObjections") : t("closeHint")}</p>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="cycleId" value={cycleId} />
      {objections.map((o) => (
        <div key={o.id} className="space-y-2 rounded-md border border-line p-3">
          <p>
            <span className="font-medium">{t("objectionBy", { name: o.name })}</span> {o.text}
          </p>
          <TextAreaField
            name={`${HANDLED_PREFIX}${o.id}`}
            label={t("handledLabel", { name: o.name })}
            state={state}
            rows={3}
            maxLength={HANDLED_NOTE_MAX}
            required
          />
        </div>
      ))}
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("close")}
      </SubmitButton>
    </form>
  );
}
