"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { askCommonsQuestionAction } from "@/lib/commons/actions";
import { QUESTION_MAX, REPLY_EMAIL_MAX } from "@/lib/commons/limits";

/**
 * "Ask the source network" (decision 045): a question in Markdown, and an address for the answer only
 * if the asker chooses to give one. A refused form keeps what was typed; once sent, the form says so.
 */
export function AskForm({ itemId, idempotencyKey }: { itemId: string; idempotencyKey: string }) {
  const t = useTranslations("commons");
  const [state, action] = useActionState(askCommonsQuestionAction, null);
  if (state?.ok) return <FormMessage state={state} success={t("asked")} />;
  const key = state && !state.ok ? (state.values?.idempotencyKey ?? idempotencyKey) : idempotencyKey;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <TextAreaField name="body" label={t("askBody")} hint={t("askBodyHint")} state={state} rows={4} maxLength={QUESTION_MAX} required />
      <TextField name="replyEmail" type="email" label={t("replyEmail")} hint={t("replyEmailHint")} state={state} maxLength={REPLY_EMAIL_MAX} autoComplete="email" />
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t("asking")}>{t("askSubmit")}</SubmitButton>
    </form>
  );
}
