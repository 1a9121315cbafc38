"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { useDisclosure } from "@/components/ui/disclosure";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { createThreadAction, editThreadAction } from "@/lib/dialogue/actions";
import { AREAS, BODY_MAX, LEVELS, THREAD_TITLE_MAX } from "@/lib/dialogue/limits";

export function ThreadForm({ slug, idempotencyKey }: { slug: string; idempotencyKey: string }) {
  const t = useTranslations("dialogue");
  const tl = useTranslations("levels");
  const ta = useTranslations("areas");
  const [state, action] = useActionState(createThreadAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <TextField name="title" label={t("threadTitle")} state={state} maxLength={THREAD_TITLE_MAX} required />
      <TextAreaField name="body" label={t("body")} hint={t("markdownHint")} state={state} rows={8} maxLength={BODY_MAX} required />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="level"
          label={t("level")}
          state={state}
          initial="network"
          options={LEVELS.map((l) => ({ value: l, label: tl(l) }))}
        />
        <SelectField
          name="area"
          label={t("area")}
          state={state}
          initial="observations_facts"
          options={AREAS.map((a) => ({ value: a, label: ta(a) }))}
        />
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t("posting")}>{t("startThread")}</SubmitButton>
    </form>
  );
}

/** The author's edit of a thread's title and text, behind a disclosure. */
export function EditThreadForm({ slug, threadId, title, body }: { slug: string; threadId: string; title: string; body: string }) {
  const t = useTranslations("dialogue");
  const [state, action] = useActionState(editThreadAction, null);
  const { ref, opened, onToggle } = useDisclosure();
  return (
    <details ref={ref} onToggle={onToggle} className="text-sm">
      <summary className={`${buttonClass.quiet} cursor-pointer`}>{t("editThread")}</summary>
      {opened ? (
        <form action={action} className="mt-2 space-y-3" noValidate>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="threadId" value={threadId} />
          <TextField name="title" label={t("threadTitle")} state={state} initial={title} maxLength={THREAD_TITLE_MAX} required />
          <TextAreaField name="body" label={t("body")} state={state} initial={body} rows={8} maxLength={BODY_MAX} required />
          <FormMessage state={state} success={t("threadSaved")} />
          <SubmitButton variant="secondary" pendingLabel={t("saving")}>
            {t("save")}
          </SubmitButton>
        </form>
      ) : null}
    </details>
  );
}
