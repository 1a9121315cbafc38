"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { reportPostAction } from "@/lib/moderation/actions";
import { REPORT_REASON_MAX } from "@/lib/moderation/limits";

/** The report form itself: the reason, sent for a thread or one of its replies. */
export function ReportFields({ slug, threadId, replyId }: { slug: string; threadId: string; replyId?: string }) {
  const t = useTranslations("moderation");
  const [state, action] = useActionState(reportPostAction, null);
  return (
    <form action={action} className="mt-2 space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="threadId" value={threadId} />
      <input type="hidden" name="replyId" value={replyId ?? ""} />
      <TextAreaField
        name="reason"
        label={t("reportReason")}
        hint={t("reportHint")}
        state={state}
        rows={3}
        maxLength={REPORT_REASON_MAX}
        required
      />
      <FormMessage state={state} success={t("reportSent")} />
      <SubmitButton variant="secondary" pendingLabel={t("sending")}>
        {t("sendReport")}
      </SubmitButton>
    </form>
  );
}
