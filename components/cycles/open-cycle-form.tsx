"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { openCycleAction } from "@/lib/cycles/actions";
import { AREAS, CYCLE_TITLE_MAX, QUESTION_MAX } from "@/lib/cycles/limits";

/** A broker opens a cycle; deadlines are typed in the viewer's own time zone. */
export function OpenCycleForm({
  slug,
  question,
  iDeadline,
  weDeadline,
  zone,
  fromConcernId = "",
}: {
  slug: string;
  fromConcernId?: string;
  question: string;
  iDeadline: string;
  weDeadline: string;
  zone: string;
}) {
  const t = useTranslations("cycles");
  const ta = useTranslations("areas");
  const [state, action] = useActionState(openCycleAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="fromConcernId" value={fromConcernId} />
      {fromConcernId ? <p className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">{t("fromConcern")}</p> : null}
      <TextField name="title" label={t("cycleTitle")} state={state} maxLength={CYCLE_TITLE_MAX} required />
      <TextAreaField
        name="question"
        label={t("question")}
        hint={t("questionHint")}
        state={state}
        initial={question}
        rows={3}
        maxLength={QUESTION_MAX}
        required
      />
      <SelectField
        name="focusArea"
        label={t("focusArea")}
        state={state}
        initial=""
        options={[{ value: "", label: t("noFocus") }, ...AREAS.map((a) => ({ value: a, label: ta(a) }))]}
      />
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
        <TextField
          name="weDeadline"
          type="datetime-local"
          label={t("weDeadline")}
          hint={t("weDeadlineHint")}
          state={state}
          initial={weDeadline}
          required
        />
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t("opening")}>{t("open")}</SubmitButton>
    </form>
  );
}
