"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField, TextField } from "@/components/ui/field";
import { useAnnouncedAction } from "@/components/ui/announcer";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { pledgeAction, releasePledgeAction, withdrawPledgeAction } from "@/lib/funding/actions";
import { NOTE_MAX } from "@/lib/funding/limits";

/** A funder pledges an amount to an open milestone; the idempotency key makes a double submit one pledge. */
export function PledgeForm({
  slug,
  milestoneId,
  currency,
  idempotencyKey,
}: {
  slug: string;
  milestoneId: string;
  currency: string;
  idempotencyKey: string;
}) {
  const t = useTranslations("funding");
  const [state, action] = useActionState(pledgeAction, null);
  const failed = state && !state.ok ? state : null;
  const key = state?.ok ? state.data.nextKey : (failed?.values?.idempotencyKey ?? idempotencyKey);
  return (
    <form action={action} className="space-y-4" noValidate key={state?.ok ? state.data.nextKey : "draft"}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="milestoneId" value={milestoneId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="amount" label={t("pledgeAmount")} hint={t("amountHint")} state={state} maxLength={40} required />
        <TextField name="currency" label={t("currency")} hint={t("currencyHint")} state={state} initial={currency} maxLength={3} required />
      </div>
      <TextAreaField name="condition" label={t("condition")} hint={t("conditionHint")} state={state} rows={2} maxLength={NOTE_MAX} />
      <FormMessage state={state} success={t("pledged")} />
      <SubmitButton pendingLabel={t("saving")}>{t("pledge")}</SubmitButton>
    </form>
  );
}

/** The funder confirms the release of its own pledge on a reached milestone. */
export function ReleasePledgeForm({ slug, pledgeId, label }: { slug: string; pledgeId: string; label: string }) {
  const t = useTranslations("funding");
  const [state, action] = useAnnouncedAction(releasePledgeAction, t("releasedMessage"));
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="pledgeId" value={pledgeId} />
      <FormMessage state={state} success={t("releasedMessage")} />
      <SubmitButton pendingLabel={t("saving")}>{label}</SubmitButton>
    </form>
  );
}

/** The funder withdraws its own pledge before release, saying why. */
export function WithdrawPledgeForm({ slug, pledgeId }: { slug: string; pledgeId: string }) {
  const t = useTranslations("funding");
  const [state, action] = useAnnouncedAction(withdrawPledgeAction, t("withdrawnMessage"));
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="pledgeId" value={pledgeId} />
      <TextAreaField name="reason" label={t("withdrawReason")} state={state} rows={2} maxLength={NOTE_MAX} required />
      <FormMessage state={state} success={t("withdrawnMessage")} />
      <SubmitButton variant="danger" pendingLabel={t("saving")}>
        {t("withdraw")}
      </SubmitButton>
    </form>
  );
}
