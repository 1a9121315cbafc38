"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { createThreadAction } from "@/lib/dialogue/actions";
import { AREAS, BODY_MAX, LEVELS, THREAD_TITLE_MAX } from "@/lib/dialogue/schema";

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
