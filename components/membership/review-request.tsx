"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { reviewRequestAction } from "@/lib/membership/actions";
import { DECLINE_NOTE_MAX } from "@/lib/membership/limits";

export function ReviewRequest({ slug, membershipId }: { slug: string; membershipId: string }) {
  const t = useTranslations("requests");
  const [state, action] = useActionState(reviewRequestAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="membershipId" value={membershipId} />
      <TextAreaField name="note" label={t("declineNote")} state={state} rows={2} maxLength={DECLINE_NOTE_MAX} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="decision" value="approve">
          {t("approve")}
        </SubmitButton>
        <SubmitButton name="decision" value="decline" variant="secondary">
          {t("decline")}
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
