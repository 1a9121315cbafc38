"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { rsvpAction } from "@/lib/gatherings/actions";
import { RSVP_CHOICES, RSVP_NOTE_MAX } from "@/lib/gatherings/limits";

const LABEL = { going: "rsvpGoing", maybe: "rsvpMaybe", not_going: "rsvpNotGoing" } as const;

/** Going, maybe or not going, with a note. The answer saved (or the waitlist) is announced. */
export function RsvpForm({ slug, gatheringId, current, note }: { slug: string; gatheringId: string; current: string | null; note: string }) {
  const t = useTranslations("gatherings");
  const [state, action] = useActionState(rsvpAction, null);
  const chosen = state && !state.ok ? (state.values?.status ?? current) : current === "waitlisted" ? "going" : current;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="gatheringId" value={gatheringId} />
      <fieldset className="space-y-2">
        <legend className="font-medium">{t("rsvpTitle")}</legend>
        <div className="flex flex-wrap gap-4">
          {RSVP_CHOICES.map((choice) => (
            <label key={`${choice}-${chosen}`} className="flex items-center gap-2">
              <input type="radio" name="status" value={choice} defaultChecked={chosen === choice} required className="size-5 accent-accent" />
              {t(LABEL[choice])}
            </label>
          ))}
        </div>
      </fieldset>
      <TextAreaField name="note" label={t("rsvpNote")} hint={t("rsvpNoteHint")} state={state} initial={note} rows={2} maxLength={RSVP_NOTE_MAX} />
      {state?.ok ? (
        <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
          {t("rsvpSaved", { status: state.data.status })}
        </p>
      ) : (
        <FormMessage state={state} />
      )}
      <SubmitButton pendingLabel={t("rsvpSending")}>{t("rsvpSend")}</SubmitButton>
    </form>
  );
}
