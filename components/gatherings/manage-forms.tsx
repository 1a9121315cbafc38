"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { cancelGatheringAction, endSeriesAction, planGatheringAction } from "@/lib/gatherings/actions";
import { CANCEL_REASON_MAX } from "@/lib/gatherings/limits";

/** Cancels one gathering, with a reason the people going are told. */
export function CancelGatheringForm({ slug, gatheringId }: { slug: string; gatheringId: string }) {
  const t = useTranslations("gatherings");
  const [state, action] = useActionState(cancelGatheringAction, null);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="gatheringId" value={gatheringId} />
      <TextAreaField name="reason" label={t("cancelReason")} state={state} rows={2} maxLength={CANCEL_REASON_MAX} />
      <FormMessage state={state} />
      <SubmitButton variant="danger" pendingLabel={t("cancelling")}>
        {t("cancelConfirm")}
      </SubmitButton>
    </form>
  );
}

/** A broker plans a member's proposal. */
export function PlanGatheringForm({ slug, gatheringId }: { slug: string; gatheringId: string }) {
  const t = useTranslations("gatherings");
  const [state, action] = useActionState(planGatheringAction, null);
  return (
    <form action={action} className="space-y-2" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="gatheringId" value={gatheringId} />
      <p className="text-sm text-muted">{t("planHint")}</p>
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t("planning")}>{t("planProposal")}</SubmitButton>
    </form>
  );
}

/** A broker ends a series: what is still to come is cancelled. */
export function EndSeriesForm({ slug, seriesId }: { slug: string; seriesId: string }) {
  const t = useTranslations("gatherings");
  const [state, action] = useActionState(endSeriesAction, null);
  return (
    <form action={action} className="space-y-2" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="seriesId" value={seriesId} />
      <p className="text-sm text-muted">{t("endSeriesHint")}</p>
      <FormMessage state={state} />
      <SubmitButton variant="danger" pendingLabel={t("ending")}>
        {t("endSeriesConfirm")}
      </SubmitButton>
    </form>
  );
}
