"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { fieldMessages, FormMessage } from "@/components/ui/messages";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/action-types";
import { createGatheringAction, updateGatheringAction } from "@/lib/gatherings/actions";
import {
  ACCESSIBILITY_MAX,
  ADDRESS_MAX,
  AGENDA_MAX,
  AGENDA_TITLE_MAX,
  GATHERING_TITLE_MAX,
  MODES,
  ONLINE_URL_MAX,
  PLACE_NAME_MAX,
  PURPOSE_MAX,
  REPEATS,
  SERIES_MAX,
  VISIBILITIES,
} from "@/lib/gatherings/limits";

type AgendaRowValues = { title: string; minutes: string; hostId: string; threadId: string };

export type GatheringFormValues = {
  title: string;
  purpose: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  mode: string;
  placeName: string;
  address: string;
  accessibility: string;
  onlineUrl: string;
  visibility: string;
  capacity: string;
  agenda: AgendaRowValues[];
};

type Option = { value: string; label: string };

const EMPTY_ROW: AgendaRowValues = { title: "", minutes: "", hostId: "", threadId: "" };

/** The agenda rows a refused form sent (`agenda.<n>.<field>`), else the initial ones. */
function rowsOf(state: FormState<unknown>, initial: AgendaRowValues[]): AgendaRowValues[] {
  const values = state && !state.ok ? state.values : undefined;
  if (!values) return initial.length ? initial : [EMPTY_ROW];
  const rows: AgendaRowValues[] = [];
  for (const [key, value] of Object.entries(values)) {
    const m = /^agenda\.(\d+)\.(title|minutes|hostId|threadId)$/.exec(key);
    if (!m) continue;
    const i = Number(m[1]);
    while (rows.length <= i) rows.push({ ...EMPTY_ROW });
    rows[i] = { ...rows[i]!, [m[2]!]: value };
  }
  return rows.length ? rows : [EMPTY_ROW];
}

let rowSeq = 0;

const ROW_FIELDS = ["title", "minutes", "hostId", "threadId"] as const;

/** A form state holding only the field messages of the row sent at `origin`, named for its place `at` now. */
function rowErrors(state: FormState<unknown>, origin: number | null, at: number): FormState<unknown> {
  if (!state || state.ok || origin === null || !state.fieldMessages) return null;
  const fieldMessages: Record<string, string[]> = {};
  for (const field of ROW_FIELDS) {
    const messages = state.fieldMessages[`agenda.${origin}.${field}`];
    if (messages) fieldMessages[`agenda.${at}.${field}`] = messages;
  }
  return { ok: false, fieldMessages };
}

/**
 * The agenda in order: rows can be added, removed and moved. Each row's inputs are named by its
 * place (`agenda.<n>.title`), so the server reads the order as shown.
 */
function AgendaEditor({ state, initial, hosts, threads }: { state: FormState<unknown>; initial: AgendaRowValues[]; hosts: Option[]; threads: Option[] }) {
  const t = useTranslations("gatherings");
  const [rows, setRows] = useState(() => rowsOf(state, initial).map((r, origin) => ({ ...r, origin: origin as number | null, key: `row-${rowSeq++}` })));
  const move = (from: number, to: number) =>
    setRows((current) => {
      const next = [...current];
      const [row] = next.splice(from, 1);
      next.splice(to, 0, row!);
      return next;
    });
  const agendaErrors = fieldMessages(state, "agenda");
  return (
    <fieldset className="space-y-4" aria-describedby="agenda-hint">
      <legend className="text-lg font-semibold">{t("agendaTitle")}</legend>
      <p id="agenda-hint" className="text-sm text-muted">
        {t("agendaHint")}
      </p>
      {agendaErrors.length ? (
        <p className="text-sm font-medium text-danger" role="alert">
          {agendaErrors.join(" ")}
        </p>
      ) : null}
      <ol className="space-y-4">
        {rows.map((row, i) => {
          const n = i + 1;
          // The errors a refused form gave this row, under the names its inputs have now (rows move).
          const rowState = rowErrors(state, row.origin, i);
          return (
            <li key={row.key} className="space-y-3 rounded-md border border-line p-3">
              <p className="font-medium">{t("agendaItem", { n })}</p>
              <div className="grid gap-3 sm:grid-cols-[3fr_1fr]">
                <TextField name={`agenda.${i}.title`} label={t("agendaItemTitle")} state={rowState} initial={row.title} maxLength={AGENDA_TITLE_MAX} />
                <TextField name={`agenda.${i}.minutes`} type="number" inputMode="numeric" min={1} label={t("agendaMinutes")} state={rowState} initial={row.minutes} />
              </div>
              <div className="grid gap-3 sm:grid-cols-2">
                <SelectField name={`agenda.${i}.hostId`} label={t("agendaHost")} state={rowState} initial={row.hostId} options={[{ value: "", label: t("agendaNoHost") }, ...hosts]} />
                <SelectField name={`agenda.${i}.threadId`} label={t("agendaThread")} state={rowState} initial={row.threadId} options={[{ value: "", label: t("agendaNoThread") }, ...threads]} />
              </div>
              <div className="flex flex-wrap gap-2">
                {i > 0 ? (
                  <button type="button" className={buttonClass.quiet} onClick={() => move(i, i - 1)} aria-label={t("agendaUp", { n })}>
                    ↑
                  </button>
                ) : null}
                {i < rows.length - 1 ? (
                  <button type="button" className={buttonClass.quiet} onClick={() => move(i, i + 1)} aria-label={t("agendaDown", { n })}>
                    ↓
                  </button>
                ) : null}
                <button type="button" className={buttonClass.quiet} onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}>
                  {t("agendaRemove", { n })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {rows.length < AGENDA_MAX ? (
        <button type="button" className={buttonClass.secondary} onClick={() => setRows((current) => [...current, { ...EMPTY_ROW, origin: null, key: `row-${rowSeq++}` }])}>
          {t("agendaAdd")}
        </button>
      ) : null}
    </fieldset>
  );
}

/**
 * Planning (or proposing) a gathering and editing one share this form. Times are typed as local
 * date and time in the gathering's own zone; a refused form keeps everything typed, agenda included.
 */
export function GatheringForm({
  slug,
  mode,
  initial,
  hosts,
  threads,
  idempotencyKey = "",
  gatheringId = "",
  proposal = false,
  occurrence = false,
}: {
  slug: string;
  mode: "create" | "edit";
  initial: GatheringFormValues;
  hosts: Option[];
  threads: Option[];
  idempotencyKey?: string;
  gatheringId?: string;
  /** A member's proposal: one gathering, no series. */
  proposal?: boolean;
  /** One occurrence of a series. */
  occurrence?: boolean;
}) {
  const t = useTranslations("gatherings");
  const [state, action] = useActionState(mode === "create" ? createGatheringAction : updateGatheringAction, null);
  const agendaKey = state && !state.ok ? JSON.stringify(state.values ?? {}) : "initial";
  return (
    <form action={action} className="space-y-6" noValidate>
      <input type="hidden" name="slug" value={slug} />
      {mode === "create" ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : <input type="hidden" name="gatheringId" value={gatheringId} />}
      {occurrence ? <p className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">{t("editOccurrence")}</p> : null}
      <TextField name="title" label={t("fieldTitle")} state={state} initial={initial.title} maxLength={GATHERING_TITLE_MAX} required />
      <TextAreaField name="purpose" label={t("fieldPurpose")} hint={t("fieldPurposeHint")} state={state} initial={initial.purpose} rows={4} maxLength={PURPOSE_MAX} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="startsAt" type="datetime-local" label={t("fieldStartsAt")} hint={t("fieldTimesHint")} state={state} initial={initial.startsAt} required />
        <TextField name="endsAt" type="datetime-local" label={t("fieldEndsAt")} hint={t("fieldTimesHint")} state={state} initial={initial.endsAt} required />
      </div>
      <TextField name="timeZone" label={t("fieldTimeZone")} hint={t("fieldTimeZoneHint")} state={state} initial={initial.timeZone} maxLength={64} required />
      <SelectField name="mode" label={t("fieldMode")} state={state} initial={initial.mode} options={MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="placeName" label={t("fieldPlaceName")} state={state} initial={initial.placeName} maxLength={PLACE_NAME_MAX} />
        <TextField name="address" label={t("fieldAddress")} state={state} initial={initial.address} maxLength={ADDRESS_MAX} />
      </div>
      <TextAreaField
        name="accessibility"
        label={t("fieldAccessibility")}
        hint={t("fieldAccessibilityHint")}
        state={state}
        initial={initial.accessibility}
        rows={2}
        maxLength={ACCESSIBILITY_MAX}
      />
      <TextField name="onlineUrl" type="url" label={t("fieldOnlineUrl")} hint={t("fieldOnlineUrlHint")} state={state} initial={initial.onlineUrl} maxLength={ONLINE_URL_MAX} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="visibility"
          label={t("fieldVisibility")}
          state={state}
          initial={initial.visibility}
          options={VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
        />
        <TextField name="capacity" type="number" inputMode="numeric" min={1} label={t("fieldCapacity")} hint={t("fieldCapacityHint")} state={state} initial={initial.capacity} />
      </div>
      <AgendaEditor key={agendaKey} state={state} initial={initial.agenda} hosts={hosts} threads={threads} />
      {mode === "create" && !proposal ? (
        <fieldset className="space-y-4">
          <legend className="text-lg font-semibold">{t("repeatTitle")}</legend>
          <p className="text-sm text-muted">{t("repeatHint")}</p>
          <SelectField name="repeat" label={t("fieldRepeat")} state={state} initial="none" options={REPEATS.map((r) => ({ value: r, label: t(`repeat.${r}`) }))} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="repeatCount" type="number" inputMode="numeric" min={2} max={SERIES_MAX} label={t("fieldRepeatCount")} state={state} />
            <TextField name="repeatUntil" type="date" label={t("fieldRepeatUntil")} state={state} />
          </div>
        </fieldset>
      ) : null}
      <FormMessage state={state} />
      {mode === "create" ? (
        <SubmitButton pendingLabel={t("creating")}>{proposal ? t("createProposal") : t("create")}</SubmitButton>
      ) : (
        <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
      )}
    </form>
  );
}
