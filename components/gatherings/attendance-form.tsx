"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { recordAttendanceAction } from "@/lib/gatherings/actions";
import { CAME_PREFIX, GUEST_NAME_MAX, GUESTS_MAX } from "@/lib/gatherings/limits";

/** A host ticks who came (pre-ticked: who came as recorded, else who said they were going) and names guests. */
export function AttendanceForm({
  slug,
  gatheringId,
  candidates,
  guests,
}: {
  slug: string;
  gatheringId: string;
  candidates: { userId: string; name: string; checked: boolean; going: boolean }[];
  guests: string[];
}) {
  const t = useTranslations("gatherings");
  const [state, action] = useActionState(recordAttendanceAction, null);
  const sent = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="gatheringId" value={gatheringId} />
      <p className="text-sm text-muted">{t("attendanceFormHint")}</p>
      <fieldset className="space-y-2">
        <legend className="font-medium">{t("attendanceWho")}</legend>
        <ul className="grid gap-2 sm:grid-cols-2">
          {candidates.map((c) => (
            <li key={c.userId}>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  name={`${CAME_PREFIX}${c.userId}`}
                  defaultChecked={sent ? sent[`${CAME_PREFIX}${c.userId}`] === "on" : c.checked}
                  className="size-5 accent-accent"
                />
                <span>
                  {c.name}
                  {c.going ? <span className="text-sm text-muted"> ({t("wasGoing")})</span> : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextAreaField name="guests" label={t("guests")} hint={t("guestsHint")} state={state} initial={guests.join("\n")} rows={3} maxLength={GUESTS_MAX * (GUEST_NAME_MAX + 1)} />
      <FormMessage state={state} success={t("attendanceSaved")} />
      <SubmitButton pendingLabel={t("saving")}>{t("attendanceSave")}</SubmitButton>
    </form>
  );
}
