"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { signInAction } from "@/lib/accounts/actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("signin");
  const [state, action] = useActionState(signInAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        name="email"
        type="email"
        inputMode="email"
        autoComplete="email"
        label={t("email")}
        hint={t("emailHint")}
        state={state}
        required
        maxLength={254}
      />
      <SubmitButton pendingLabel={t("sending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
