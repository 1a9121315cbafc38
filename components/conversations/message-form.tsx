"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { sendMessageAction } from "@/lib/conversations/actions";
import { MESSAGE_MAX } from "@/lib/conversations/limits";

/**
 * The message box of a conversation: Markdown, an idempotency key per message (a double submit
 * sends one). A sent message empties the box and takes a fresh key; a refused one keeps the text.
 */
export function MessageForm({ slug, conversationId, idempotencyKey, otherName }: { slug: string; conversationId: string; idempotencyKey: string; otherName: string }) {
  const t = useTranslations("conversations");
  const [state, action] = useActionState(sendMessageAction, null);
  const key = state?.ok ? state.data.nextKey : state && !state.ok ? (state.values?.idempotencyKey ?? idempotencyKey) : idempotencyKey;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="conversationId" value={conversationId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      {/* A sent message remounts the box empty; a refused one keeps what was typed. */}
      <TextAreaField
        key={state?.ok ? state.data.nextKey : "draft"}
        name="body"
        label={t("messageLabel", { name: otherName })}
        hint={t("messageHint")}
        state={state}
        rows={4}
        maxLength={MESSAGE_MAX}
        required
      />
      <FormMessage state={state} success={t("messageSent")} />
      <SubmitButton pendingLabel={t("sending")}>{t("send")}</SubmitButton>
    </form>
  );
}
