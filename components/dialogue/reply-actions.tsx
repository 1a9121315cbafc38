"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { useDisclosure } from "@/components/ui/disclosure";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { deleteReplyAction, editReplyAction } from "@/lib/dialogue/actions";
import { BODY_MAX } from "@/lib/dialogue/limits";

export function EditReplyForm({ slug, replyId, body }: { slug: string; replyId: string; body: string }) {
  const t = useTranslations("dialogue");
  const [state, action] = useActionState(editReplyAction, null);
  const { ref, opened, onToggle } = useDisclosure();
  return (
    <details ref={ref} onToggle={onToggle} className="text-sm">
      <summary className={`${buttonClass.quiet} cursor-pointer`}>{t("edit")}</summary>
      {opened ? (
        <form action={action} className="mt-2 space-y-3" noValidate>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="replyId" value={replyId} />
          <TextAreaField name="body" label={t("editReply")} state={state} initial={body} rows={5} maxLength={BODY_MAX} required />
          <FormMessage state={state} success={t("replySaved")} />
          <SubmitButton variant="secondary" pendingLabel={t("saving")}>
            {t("save")}
          </SubmitButton>
        </form>
      ) : null}
    </details>
  );
}

export function DeleteReplyForm({ slug, replyId }: { slug: string; replyId: string }) {
  const t = useTranslations("dialogue");
  const [state, action] = useActionState(deleteReplyAction, null);
  const { ref, opened, onToggle } = useDisclosure();
  return (
    <details ref={ref} onToggle={onToggle} className="text-sm">
      <summary className={`${buttonClass.quiet} cursor-pointer`}>{t("delete")}</summary>
      {opened ? (
        <form action={action} className="mt-2 space-y-2">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="replyId" value={replyId} />
          <p>{t("deleteConfirm")}</p>
          <FormMessage state={state} />
          <SubmitButton variant="danger">{t("deleteReply")}</SubmitButton>
        </form>
      ) : null}
    </details>
  );
}
