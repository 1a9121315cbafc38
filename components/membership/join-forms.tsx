"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { CheckboxField, TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { acceptAddressedInvitationAction, acceptInvitationAction, joinAction, requestToJoinAction } from "@/lib/membership/actions";
import { REQUEST_MESSAGE_MAX } from "@/lib/membership/limits";

/** Open networks: accept the principles and join. */
export function JoinForm({ slug }: { slug: string }) {
  const t = useTranslations("join");
  const [state, action] = useActionState(joinAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="slug" value={slug} />
      <CheckboxField name="acceptPrinciples" label={t("acceptPrinciples")} state={state} />
      <SubmitButton pendingLabel={t("joining")}>{t("join")}</SubmitButton>
    </form>
  );
}

/** Networks that join by request: a message to the brokers, and the principles. */
export function RequestForm({ slug }: { slug: string }) {
  const t = useTranslations("join");
  const [state, action] = useActionState(requestToJoinAction, null);
  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
        {t("requestSent")}
      </p>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="slug" value={slug} />
      <TextAreaField name="message" label={t("message")} hint={t("messageHint")} state={state} rows={3} maxLength={REQUEST_MESSAGE_MAX} />
      <CheckboxField name="acceptPrinciples" label={t("acceptPrinciples")} state={state} />
      <SubmitButton pendingLabel={t("sending")}>{t("request")}</SubmitButton>
    </form>
  );
}

/** An invitation link: accept the principles and join with the invitation's role. */
export function AcceptInvitationForm({ slug, token }: { slug: string; token: string }) {
  const t = useTranslations("join");
  const [state, action] = useActionState(acceptInvitationAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="token" value={token} />
      <CheckboxField name="acceptPrinciples" label={t("acceptPrinciples")} state={state} />
      <SubmitButton pendingLabel={t("joining")}>{t("acceptInvitation")}</SubmitButton>
    </form>
  );
}

/** An invitation sent to the viewer's own address: accepted from the network's home, without the link. */
export function AcceptAddressedInvitationForm({ slug, invitationId }: { slug: string; invitationId: string }) {
  const t = useTranslations("join");
  const [state, action] = useActionState(acceptAddressedInvitationAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <CheckboxField name="acceptPrinciples" label={t("acceptPrinciples")} state={state} />
      <SubmitButton pendingLabel={t("joining")}>{t("acceptInvitation")}</SubmitButton>
    </form>
  );
}
