"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { undoUnsubscribeAction } from "@/lib/accounts/actions";

/** "Was that a mistake?": email back on as it was before the unsubscribe link. */
export function UndoUnsubscribeForm({ token, previous }: { token: string; previous: string }) {
  const t = useTranslations("unsubscribe");
  const [state, action] = useActionState(undoUnsubscribeAction, null);
  return (
    <form action={action} className="space-y-2">
      <FormMessage state={state} success={t("undone")} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="frequency" value={previous} />
      <p>{t("undoIntro")}</p>
      <SubmitButton>{t("undo")}</SubmitButton>
    </form>
  );
}
