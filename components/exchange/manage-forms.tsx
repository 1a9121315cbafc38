"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { fulfilPostAction, renewPostAction, startPostAction, withdrawPostAction } from "@/lib/exchange/actions";
import { EXCHANGE_LESSON_MAX, THANKS_MAX, WITHDRAW_REASON_MAX } from "@/lib/exchange/limits";

type Ref = { slug: string; postId: string };

function Hidden({ slug, postId }: Ref) {
  return (
    <>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="postId" value={postId} />
    </>
  );
}

/** The author says someone is on it. */
export function StartPostForm(props: Ref) {
  const t = useTranslations("exchange");
  const [state, action] = useActionState(startPostAction, null);
  return (
    <form action={action} className="space-y-2" noValidate>
      <Hidden {...props} />
      <p className="text-sm text-muted">{t("startHint")}</p>
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("start")}
      </SubmitButton>
    </form>
  );
}

/** Renew in one step: the new expiry is filled in (60 days from today). */
export function RenewPostForm({ expiresOn, ...props }: Ref & { expiresOn: string }) {
  const t = useTranslations("exchange");
  const [state, action] = useActionState(renewPostAction, null);
  return (
    <form action={action} className="space-y-3" noValidate>
      <Hidden {...props} />
      <TextField name="expiresOn" type="date" label={t("renewUntil")} state={state} initial={expiresOn} required />
      <FormMessage state={state} success={t("renewed")} />
      <SubmitButton pendingLabel={t("saving")}>{t("renew")}</SubmitButton>
    </form>
  );
}

/** Fulfilled in one step: who helped, a public thanks, a lesson for the network's lessons log (all optional). */
export function FulfilPostForm({ helpers, ...props }: Ref & { helpers: { value: string; label: string }[] }) {
  const t = useTranslations("exchange");
  const [state, action] = useActionState(fulfilPostAction, null);
  return (
    <form action={action} className="space-y-3" noValidate>
      <Hidden {...props} />
      <SelectField name="helperId" label={t("fieldHelper")} state={state} initial="" options={[{ value: "", label: t("helperNone") }, ...helpers]} />
      <TextAreaField name="thanks" label={t("fieldThanks")} hint={t("fieldThanksHint")} state={state} rows={3} maxLength={THANKS_MAX} />
      <TextAreaField name="lesson" label={t("fieldLesson")} hint={t("fieldLessonHint")} state={state} rows={4} maxLength={EXCHANGE_LESSON_MAX} />
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t("saving")}>{t("fulfil")}</SubmitButton>
    </form>
  );
}

/** The author withdraws the post; a broker withdrawing someone's post gives a reason (the audit log keeps it). */
export function WithdrawPostForm({ moderation, ...props }: Ref & { moderation: boolean }) {
  const t = useTranslations("exchange");
  const [state, action] = useActionState(withdrawPostAction, null);
  return (
    <form action={action} className="space-y-3" noValidate>
      <Hidden {...props} />
      {moderation ? (
        <TextAreaField name="reason" label={t("withdrawReason")} state={state} rows={2} maxLength={WITHDRAW_REASON_MAX} />
      ) : (
        <p className="text-sm text-muted">{t("withdrawHint")}</p>
      )}
      <FormMessage state={state} />
      <SubmitButton variant="danger" pendingLabel={t("saving")}>
        {t("withdraw")}
      </SubmitButton>
    </form>
  );
}
