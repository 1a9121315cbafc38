"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { createInvitationAction, revokeInvitationAction } from "@/lib/membership/actions";
import { INVITATION_EMAIL_MAX, INVITATION_NOTE_MAX } from "@/lib/membership/limits";

export function CreateInvitationForm({ slug }: { slug: string }) {
  const t = useTranslations("invitations");
  const tr = useTranslations("roles");
  const [state, action] = useActionState(createInvitationAction, null);
  // Built by the server on KRING_PUBLIC_URL, not from the address this page happens to be on.
  const link = state?.ok ? state.data.link : null;
  const sentTo = state?.ok ? state.data.sentTo : null;
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-4 sm:grid-cols-3 sm:items-end" noValidate>
        <input type="hidden" name="slug" value={slug} />
        <SelectField
          name="role"
          label={t("role")}
          initial="member"
          state={state}
          options={(["member", "funder", "broker"] as const).map((r) => ({ value: r, label: tr(r) }))}
        />
        <TextField name="expiresInDays" type="number" inputMode="numeric" min={1} max={30} label={t("expiresInDays")} initial="7" state={state} required />
        <TextField name="note" label={t("note")} hint={t("noteHint")} state={state} maxLength={INVITATION_NOTE_MAX} />
        <div className="sm:col-span-3">
          <TextField
            name="email"
            type="email"
            autoComplete="off"
            label={t("email")}
            hint={t("emailHint")}
            state={state}
            maxLength={INVITATION_EMAIL_MAX}
          />
        </div>
        <div className="sm:col-span-3">
          <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
        </div>
      </form>
      {state && !state.ok ? <FormMessage state={state} /> : null}
      {link ? (
        <div role="status" className="space-y-2 rounded-md bg-accent-soft p-3">
          <label htmlFor="invitation-link" className="block font-medium text-accent-strong">
            {t("created")}
          </label>
          <input id="invitation-link" readOnly value={link} className={inputClass} onFocus={(e) => e.currentTarget.select()} data-testid="invitation-link" />
          <p className="text-sm">{t("shownOnce")}</p>
          {sentTo ? <p className="text-sm">{t("mailed", { email: sentTo })}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

export function RevokeInvitationForm({ slug, invitationId }: { slug: string; invitationId: string }) {
  const t = useTranslations("invitations");
  const [state, action] = useActionState(revokeInvitationAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <SubmitButton variant="secondary">{t("revoke")}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
