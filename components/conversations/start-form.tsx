"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { startConversationAction } from "@/lib/conversations/actions";
import { MESSAGE_MAX } from "@/lib/conversations/limits";

/**
 * "I can help" on a request, "I'm interested" on an offer: the first message to the post's author,
 * which opens the private conversation and goes there. A refused form keeps what was typed.
 */
export function StartConversationForm({
  slug,
  postId,
  direction,
  authorName,
  idempotencyKey,
}: {
  slug: string;
  postId: string;
  direction: "offer" | "request";
  authorName: string;
  idempotencyKey: string;
}) {
  const t = useTranslations("conversations");
  const [state, action] = useActionState(startConversationAction, null);
  const key = state && !state.ok ? (state.values?.idempotencyKey ?? idempotencyKey) : idempotencyKey;
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="postId" value={postId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <TextAreaField
        name="body"
        label={t("firstMessageLabel", { name: authorName })}
        hint={t(direction === "request" ? "firstMessageHintRequest" : "firstMessageHintOffer")}
        state={state}
        rows={4}
        maxLength={MESSAGE_MAX}
        required
      />
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t("sending")}>{t(direction === "request" ? "canHelp" : "interested")}</SubmitButton>
    </form>
  );
}
