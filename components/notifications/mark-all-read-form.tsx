"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { markAllNotificationsReadAction } from "@/lib/notifications/actions";

export function MarkAllReadForm() {
  const t = useTranslations("notifications");
  const [state, action] = useActionState(markAllNotificationsReadAction, null);
  return (
    <form action={action} className="space-y-2">
      <SubmitButton variant="secondary">{t("markAll")}</SubmitButton>
      <FormMessage state={state} success={state?.ok ? t("markedAll", { count: state.data.count }) : undefined} />
    </form>
  );
}
