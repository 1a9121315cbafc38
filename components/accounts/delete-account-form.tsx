"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { deleteAccountAction } from "@/lib/accounts/actions";

export function DeleteAccountForm({ email }: { email: string }) {
  const t = useTranslations("profile");
  const [state, action] = useActionState(deleteAccountAction, null);
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <TextField name="confirmEmail" type="email" autoComplete="off" label={t("deleteConfirm", { email })} state={state} required maxLength={254} />
      <SubmitButton variant="danger" pendingLabel={t("deleting")}>
        {t("deleteButton")}
      </SubmitButton>
    </form>
  );
}
