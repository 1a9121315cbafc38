"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { useDisclosure } from "@/components/ui/disclosure";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/action-types";
import { hideReflectionAction, restoreReflectionAction } from "@/lib/cycles/actions";
import {
  dismissReportAction,
  hidePostAction,
  lockThreadAction,
  moveThreadAction,
  pinThreadAction,
  restorePostAction,
  unlockThreadAction,
  unpinThreadAction,
} from "@/lib/moderation/actions";
import { hideConsentAnswerAction, restoreConsentAnswerAction } from "@/lib/synthesis/actions";
import { MODERATION_REASON_MAX } from "@/lib/moderation/limits";

type Action = (prev: unknown, form: FormData) => Promise<ActionResult>;

function Hidden({ fields }: { fields: Record<string, string> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** One button that sends one decision (restore, dismiss, unlock, pin, unpin). */
function ActionButton({
  action: serverAction,
  fields,
  label,
  variant = "secondary",
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  variant?: "secondary" | "danger" | "quiet";
}) {
  const [state, action] = useActionState(serverAction, null);
  return (
    <form action={action} className="space-y-2">
      <Hidden fields={fields} />
      <SubmitButton variant={variant}>{label}</SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

/** The form of a decision that needs a reason everyone will see (hide, lock). */
function ReasonFields({
  action: serverAction,
  fields,
  reasonLabel,
  submit,
}: {
  action: Action;
  fields: Record<string, string>;
  reasonLabel: string;
  submit: string;
}) {
  const [state, action] = useActionState(serverAction, null);
  return (
    <form action={action} className="mt-2 space-y-3" noValidate>
      <Hidden fields={fields} />
      <TextAreaField name="reason" label={reasonLabel} state={state} rows={3} maxLength={MODERATION_REASON_MAX} required />
      <FormMessage state={state} />
      <SubmitButton variant="danger">{submit}</SubmitButton>
    </form>
  );
}

/** Such a decision behind a disclosure; the form is rendered once it is opened. */
function ReasonForm({
  summary,
  summaryLabel,
  ...form
}: {
  action: Action;
  fields: Record<string, string>;
  summary: string;
  summaryLabel?: string;
  reasonLabel: string;
  submit: string;
}) {
  const { ref, opened, onToggle } = useDisclosure();
  return (
    <details ref={ref} onToggle={onToggle} className="text-sm">
      <summary className={`${buttonClass.quiet} cursor-pointer`} aria-label={summaryLabel}>
        {summary}
      </summary>
      {opened ? <ReasonFields {...form} /> : null}
    </details>
  );
}

type Post = { slug: string; threadId: string; replyId?: string | null };

function postFields({ slug, threadId, replyId }: Post) {
  return { slug, threadId, replyId: replyId ?? "" };
}

/** Hide a thread or a reply with a reason. */
export function HidePostForm({ post, summaryLabel, submit }: { post: Post; summaryLabel?: string; submit: string }) {
  const t = useTranslations("moderation");
  return (
    <ReasonForm
      action={hidePostAction}
      fields={postFields(post)}
      summary={t("hide")}
      summaryLabel={summaryLabel}
      reasonLabel={t("hideReason")}
      submit={submit}
    />
  );
}

/** The hide form alone (the reason and the button), for a disclosure rendered elsewhere. */
export function HidePostFields({ post, submit }: { post: Post; submit: string }) {
  const t = useTranslations("moderation");
  return <ReasonFields action={hidePostAction} fields={postFields(post)} reasonLabel={t("hideReason")} submit={submit} />;
}

export function RestorePostForm({ post, label }: { post: Post; label: string }) {
  return <ActionButton action={restorePostAction} fields={postFields(post)} label={label} />;
}

export function DismissReportForm({ slug, reportId }: { slug: string; reportId: string }) {
  const t = useTranslations("moderation");
  return <ActionButton action={dismissReportAction} fields={{ slug, reportId }} label={t("dismiss")} />;
}

/** A broker's tools for one thread: lock or unlock, pin or unpin, move, hide or restore. */
export function ThreadModeration({
  slug,
  threadId,
  locked,
  pinned,
  hidden,
  level,
  area,
  levels,
  areas,
}: {
  slug: string;
  threadId: string;
  locked: boolean;
  pinned: boolean;
  hidden: boolean;
  level: string;
  area: string;
  levels: { value: string; label: string }[];
  areas: { value: string; label: string }[];
}) {
  const t = useTranslations("moderation");
  const td = useTranslations("dialogue");
  const fields = { slug, threadId };
  const [moveState, move] = useActionState(moveThreadAction, null);
  return (
    <div className="flex flex-wrap items-start gap-2">
      {locked ? (
        <ActionButton action={unlockThreadAction} fields={fields} label={t("unlockThread")} />
      ) : (
        <ReasonForm action={lockThreadAction} fields={fields} summary={t("lock")} reasonLabel={t("lockReason")} submit={t("lockThread")} />
      )}
      {pinned ? (
        <ActionButton action={unpinThreadAction} fields={fields} label={t("unpinThread")} />
      ) : (
        <ActionButton action={pinThreadAction} fields={fields} label={t("pinThread")} />
      )}
      <details className="text-sm">
        <summary className={`${buttonClass.quiet} cursor-pointer`}>{t("move")}</summary>
        <form action={move} className="mt-2 space-y-3" noValidate>
          <Hidden fields={fields} />
          <SelectField name="level" label={td("level")} state={moveState} initial={level} options={levels} />
          <SelectField name="area" label={td("area")} state={moveState} initial={area} options={areas} />
          <FormMessage state={moveState} success={t("done")} />
          <SubmitButton variant="secondary">{t("moveThread")}</SubmitButton>
        </form>
      </details>
      {hidden ? (
        <RestorePostForm post={fields} label={t("restoreThread")} />
      ) : (
        <HidePostForm post={fields} summaryLabel={t("hideThread")} submit={t("hideThread")} />
      )}
    </div>
  );
}

/** Hide a member's shared reflection with a reason (brokers; decision 027). */
export function HideReflectionForm({ slug, reflectionId, summaryLabel, submit }: { slug: string; reflectionId: string; summaryLabel: string; submit: string }) {
  const t = useTranslations("moderation");
  return (
    <ReasonForm
      action={hideReflectionAction}
      fields={{ slug, reflectionId }}
      summary={t("hide")}
      summaryLabel={summaryLabel}
      reasonLabel={t("hideReason")}
      submit={submit}
    />
  );
}

export function RestoreReflectionForm({ slug, reflectionId, label }: { slug: string; reflectionId: string; label: string }) {
  return <ActionButton action={restoreReflectionAction} fields={{ slug, reflectionId }} label={label} />;
}

/** Hide the text of a member's consent answer with a reason (brokers; decision 027). */
export function HideConsentAnswerForm({ slug, answerId, summaryLabel, submit }: { slug: string; answerId: string; summaryLabel: string; submit: string }) {
  const t = useTranslations("moderation");
  return (
    <ReasonForm
      action={hideConsentAnswerAction}
      fields={{ slug, answerId }}
      summary={t("hide")}
      summaryLabel={summaryLabel}
      reasonLabel={t("hideReason")}
      submit={submit}
    />
  );
}

export function RestoreConsentAnswerForm({ slug, answerId, label }: { slug: string; answerId: string; label: string }) {
  return <ActionButton action={restoreConsentAnswerAction} fields={{ slug, answerId }} label={label} />;
}
