"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { useAnnouncedAction } from "@/components/ui/announcer";
import { FormMessage } from "@/components/ui/messages";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { useDisclosure } from "@/components/ui/disclosure";
import {
  addMilestoneAction,
  editMilestoneAction,
  moveMilestoneAction,
  postUpdateAction,
  setMilestoneStatusAction,
} from "@/lib/funding/actions";
import {
  AREAS,
  MILESTONE_TEXT_MAX,
  MILESTONE_TITLE_MAX,
  NOTE_MAX,
  UPDATE_BODY_MAX,
  UPDATE_KINDS,
  type MilestoneStatus,
} from "@/lib/funding/limits";
import type { StageChoice } from "@/components/support/milestone-support";

/** A `<details>` whose form is rendered once opened, and stays mounted (typed text survives closing). */
export function FormDisclosure({ summary, children }: { summary: string; children: ReactNode }) {
  const { ref, opened, onToggle } = useDisclosure();
  return (
    <details ref={ref} onToggle={onToggle} className="rounded-md border border-line p-3">
      <summary className="cursor-pointer font-medium">{summary}</summary>
      {opened ? <div className="mt-3">{children}</div> : null}
    </details>
  );
}

type MilestoneValues = { title: string; unlocks: string; targetDate: string; amount: string; currency: string; stage?: string };

function MilestoneFields({ state, initial, stage }: { state: Parameters<typeof FormMessage>[0]["state"]; initial: MilestoneValues; stage: StageChoice }) {
  const t = useTranslations("funding");
  return (
    <>
      <TextField name="title" label={t("milestoneTitle")} state={state} initial={initial.title} maxLength={MILESTONE_TITLE_MAX} required />
      <TextAreaField
        name="unlocks"
        label={t("unlocks")}
        hint={t("unlocksHint")}
        state={state}
        initial={initial.unlocks}
        rows={3}
        maxLength={MILESTONE_TEXT_MAX}
        required
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField name="targetDate" type="date" label={t("targetDate")} state={state} initial={initial.targetDate} />
        <TextField name="amount" label={t("amountNeeded")} hint={t("amountHint")} state={state} initial={initial.amount} maxLength={40} required />
        <TextField name="currency" label={t("currency")} hint={t("currencyHint")} state={state} initial={initial.currency} maxLength={3} required />
      </div>
      <SelectField name="stage" label={stage.label} hint={stage.hint} state={state} initial={initial.stage ?? ""} options={stage.options} />
    </>
  );
}

export function AddMilestoneForm({ slug, initiativeId, stage }: { slug: string; initiativeId: string; stage: StageChoice }) {
  const t = useTranslations("funding");
  const [state, action] = useActionState(addMilestoneAction, null);
  return (
    <form action={action} className="space-y-4" noValidate key={state?.ok ? state.data.milestoneId : "draft"}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="initiativeId" value={initiativeId} />
      <MilestoneFields state={state} initial={{ title: "", unlocks: "", targetDate: "", amount: "", currency: "EUR" }} stage={stage} />
      <FormMessage state={state} success={t("milestoneAdded")} />
      <SubmitButton pendingLabel={t("saving")}>{t("addMilestone")}</SubmitButton>
    </form>
  );
}

export function EditMilestoneForm({ slug, milestoneId, initial, stage }: { slug: string; milestoneId: string; initial: MilestoneValues; stage: StageChoice }) {
  const t = useTranslations("funding");
  const [state, action] = useActionState(editMilestoneAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="milestoneId" value={milestoneId} />
      <MilestoneFields state={state} initial={initial} stage={stage} />
      <FormMessage state={state} success={t("saved")} />
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}

/** Move up / move down: two real buttons, each a form post, so keyboards and screen readers use them as they are. */
export function MoveMilestoneButtons({
  slug,
  milestoneId,
  title,
  first,
  last,
}: {
  slug: string;
  milestoneId: string;
  title: string;
  first: boolean;
  last: boolean;
}) {
  const t = useTranslations("funding");
  const [state, action] = useActionState(moveMilestoneAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="milestoneId" value={milestoneId} />
      {first ? null : (
        <button type="submit" name="direction" value="up" className={buttonClass.secondary} aria-label={t("moveUpLabel", { title })}>
          {t("moveUp")}
        </button>
      )}
      {last ? null : (
        <button type="submit" name="direction" value="down" className={buttonClass.secondary} aria-label={t("moveDownLabel", { title })}>
          {t("moveDown")}
        </button>
      )}
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

export function MilestoneStatusForm({ slug, milestoneId, options }: { slug: string; milestoneId: string; options: MilestoneStatus[] }) {
  const t = useTranslations("funding");
  const ta = useTranslations("areas");
  const [state, action] = useAnnouncedAction(setMilestoneStatusAction, t("statusChanged"));
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="milestoneId" value={milestoneId} />
      <SelectField
        name="status"
        label={t("newStatus")}
        state={state}
        initial={options[0] ?? ""}
        options={options.map((s) => ({ value: s, label: t(`milestoneStatus.${s}`) }))}
      />
      <TextAreaField name="note" label={t("statusNote")} hint={t("statusNoteHint")} state={state} rows={3} maxLength={NOTE_MAX} />
      <SelectField
        name="area"
        label={t("lessonArea")}
        hint={t("lessonAreaHint")}
        state={state}
        initial=""
        options={[{ value: "", label: t("noArea") }, ...AREAS.map((a) => ({ value: a, label: ta(a) }))]}
      />
      <FormMessage state={state} success={t("statusChanged")} />
      <SubmitButton pendingLabel={t("saving")}>{t("changeStatus")}</SubmitButton>
    </form>
  );
}

export function UpdateForm({ slug, milestoneId, idempotencyKey, progress }: { slug: string; milestoneId: string; idempotencyKey: string; progress: number }) {
  const t = useTranslations("funding");
  const ta = useTranslations("areas");
  const [state, action] = useActionState(postUpdateAction, null);
  const failed = state && !state.ok ? state : null;
  const key = state?.ok ? state.data.nextKey : (failed?.values?.idempotencyKey ?? idempotencyKey);
  return (
    <form action={action} className="space-y-4" noValidate key={state?.ok ? state.data.nextKey : "draft"}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="milestoneId" value={milestoneId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <SelectField
        name="kind"
        label={t("updateKind")}
        state={state}
        initial="progress"
        options={UPDATE_KINDS.map((k) => ({ value: k, label: t(`updateKinds.${k}`) }))}
      />
      <TextAreaField name="body" label={t("updateBody")} hint={t("updateBodyHint")} state={state} rows={4} maxLength={UPDATE_BODY_MAX} required />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="progress" type="number" min={0} max={100} label={t("newProgress")} hint={t("newProgressHint")} state={state} initial={String(progress)} />
        <SelectField
          name="area"
          label={t("lessonArea")}
          hint={t("updateAreaHint")}
          state={state}
          initial=""
          options={[{ value: "", label: t("noArea") }, ...AREAS.map((a) => ({ value: a, label: ta(a) }))]}
        />
      </div>
      <FormMessage state={state} success={t("updatePosted")} />
      <SubmitButton pendingLabel={t("saving")}>{t("postUpdate")}</SubmitButton>
    </form>
  );
}
