"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { useDisclosure } from "@/components/ui/disclosure";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { hideUpdateAction, restoreUpdateAction } from "@/lib/funding/actions";
import { MODERATION_REASON_MAX } from "@/lib/moderation/limits";

/**
 * A broker's tools for one milestone update or lesson (decision 027): hide it with a reason
 * everyone will see, behind a disclosure named after the update, or restore it.
 */
export function HideUpdateForm({ slug, updateId, summaryLabel, submit }: { slug: string; updateId: string; summaryLabel: string; submit: string }) {
  const t = useTranslations("moderation");
  const { ref, opened, onToggle } = useDisclosure();
  return (
    <details ref={ref} onToggle={onToggle} className="text-sm">
      <summary className={`${buttonClass.quiet} cursor-pointer`} aria-label={summaryLabel}>
        {t("hide")}
      </summary>
      {opened ? <HideUpdateFields slug={slug} updateId={updateId} reasonLabel={t("hideReason")} submit={submit} /> : null}
    </details>
  );
}

function HideUpdateFields({ slug, updateId, reasonLabel, submit }: { slug: string; updateId: string; reasonLabel: string; submit: string }) {
  const [state, action] = useActionState(hideUpdateAction, null);
  return (
    <form action={action} className="mt-2 space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="updateId" value={updateId} />
      <TextAreaField name="reason" label={reasonLabel} state={state} rows={3} maxLength={MODERATION_REASON_MAX} required />
      <FormMessage state={state} />
      <SubmitButton variant="danger">{submit}</SubmitButton>
    </form>
  );
}

export function RestoreUpdateForm({ slug, updateId, label }: { slug: string; updateId: string; label: string }) {
  const [state, action] = useActionState(restoreUpdateAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="updateId" value={updateId} />
      <SubmitButton variant="secondary">{label}</SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
