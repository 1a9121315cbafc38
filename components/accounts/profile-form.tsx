"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateProfileAction } from "@/lib/accounts/actions";
import { PROFILE_BIO_MAX, PROFILE_NAME_MAX } from "@/lib/accounts/limits";

export function ProfileForm({ profile }: { profile: { name: string; bio: string; locale: string } }) {
  const t = useTranslations("profile");
  const tl = useTranslations("layout.languageName");
  const [state, action] = useActionState(updateProfileAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} success={t("saved")} />
      <TextField name="name" label={t("name")} initial={profile.name} state={state} required maxLength={PROFILE_NAME_MAX} autoComplete="name" />
      <TextAreaField name="bio" label={t("bio")} hint={t("bioHint")} initial={profile.bio} state={state} maxLength={PROFILE_BIO_MAX} />
      <SelectField
        name="locale"
        label={t("language")}
        initial={profile.locale}
        state={state}
        options={[
          { value: "en", label: tl("en") },
          { value: "nl", label: tl("nl") },
        ]}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
