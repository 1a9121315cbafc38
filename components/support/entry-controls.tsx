"use client";

import { useTranslations } from "next-intl";
import { TextAreaField } from "@/components/ui/field";
import { useAnnouncedAction } from "@/components/ui/announcer";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { checkSupportEntryAction, removeSupportEntryAction, reviewSupportEntryAction } from "@/lib/support/actions";
import { REVIEW_NOTE_MAX } from "@/lib/support/limits";

/** "Checked today": a broker confirms the entry is still right. */
export function CheckEntryForm({ slug, entryId, name }: { slug: string; entryId: string; name: string }) {
  const t = useTranslations("supportControls");
  const [state, action] = useAnnouncedAction(checkSupportEntryAction, t("checkedDone", { name }));
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="entryId" value={entryId} />
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("markChecked")}
        <span className="sr-only">: {name}</span>
      </SubmitButton>
    </form>
  );
}

/** A broker removes an entry from the map (inside a disclosure, so it takes a deliberate second step). */
export function RemoveEntryForm({ slug, entryId, name }: { slug: string; entryId: string; name: string }) {
  const t = useTranslations("supportControls");
  const [state, action] = useAnnouncedAction(removeSupportEntryAction, t("removedDone", { name }));
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="entryId" value={entryId} />
      <p className="text-sm text-muted">{t("removeHint")}</p>
      <FormMessage state={state} />
      <SubmitButton variant="danger" pendingLabel={t("saving")}>
        {t("removeConfirm")}
      </SubmitButton>
    </form>
  );
}

/** A broker lists a suggestion, or declines it with a note for the member who suggested it. */
export function ReviewEntryForm({ slug, entryId, name }: { slug: string; entryId: string; name: string }) {
  const t = useTranslations("supportControls");
  const [state, action] = useAnnouncedAction(reviewSupportEntryAction, t("reviewedDone", { name }));
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="entryId" value={entryId} />
      <TextAreaField name="note" label={t("reviewNote")} hint={t("reviewNoteHint")} state={state} rows={2} maxLength={REVIEW_NOTE_MAX} />
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="decision" value="list" pendingLabel={t("saving")}>
          {t("list")}
        </SubmitButton>
        <SubmitButton name="decision" value="decline" variant="secondary" pendingLabel={t("saving")}>
          {t("decline")}
        </SubmitButton>
      </div>
    </form>
  );
}
