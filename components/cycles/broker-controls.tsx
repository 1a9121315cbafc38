"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { advanceCycleAction, extendCycleAction } from "@/lib/cycles/actions";

/** Moves the deadlines later; a deadline left as shown stays as it is. */
export function ExtendCycleForm({
  slug,
  cycleId,
  iDeadline,
  weDeadline,
  zone,
}: {
  slug: string;
  cycleId: string;
  iDeadline: string;
  weDeadline: string;
  zone: string;
}) {
  const t = useTranslations("cycles");
  const [state, action] = useActionState(extendCycleAction, null);
  return (
    <form action={action} className="space-y-4" noValidate aria-labelledby="extend-title">
      <h3 id="extend-title" className="font-semibold">
        {t("extendTitle")}
      </h3>
      <p className="text-sm text-muted">{t("extendHint")}</p>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="cycleId" value={cycleId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="iDeadline"
          type="datetime-local"
          label={t("iDeadline")}
          hint={t("iDeadlineHint", { zone })}
          state={state}
          initial={iDeadline}
          required
        />
        <TextField name="weDeadline" type="datetime-local" label={t("weDeadline")} state={state} initial={weDeadline} required />
      </div>
      <FormMessage state={state} success={t("extended")} />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("extend")}
      </SubmitButton>
    </form>
  );
}

/** Ends the I phase for everyone now. */
export function AdvanceCycleForm({ slug, cycleId }: { slug: string; cycleId: string }) {
  const t = useTranslations("cycles");
  const [state, action] = useActionState(advanceCycleAction, null);
  return (
    <form action={action} className="space-y-3" aria-labelledby="advance-title">
      <h3 id="advance-title" className="font-semibold">
        {t("advanceTitle")}
      </h3>
      <p className="text-sm text-muted">{t("advanceHint")}</p>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="cycleId" value={cycleId} />
      <FormMessage state={state} success={t("advanced")} />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("advance")}
      </SubmitButton>
    </form>
  );
}
