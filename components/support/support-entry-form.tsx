"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { TextAreaField, TextField } from "@/components/ui/field";
import { fieldMessages, FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/action-types";
import { createSupportEntryAction, updateSupportEntryAction } from "@/lib/support/actions";
import {
  DESCRIPTION_MAX,
  ELIGIBILITY_MAX,
  EMAIL_MAX,
  ENTRY_NAME_MAX,
  FINANCIAL_KINDS,
  GROWTH_STAGES,
  KIND_PREFIX,
  LINK_MAX,
  NON_FINANCIAL_KINDS,
  PHONE_MAX,
  PROVIDER_MAX,
  REGION_MAX,
  STAGE_PREFIX,
} from "@/lib/support/limits";

export type SupportEntryValues = {
  provider: string;
  name: string;
  description: string;
  kinds: string[];
  stages: string[];
  eligibility: string;
  region: string;
  url: string;
  email: string;
  phone: string;
  sourceUrl: string;
};

const EMPTY_ENTRY: SupportEntryValues = {
  provider: "",
  name: "",
  description: "",
  kinds: [],
  stages: [],
  eligibility: "",
  region: "",
  url: "",
  email: "",
  phone: "",
  sourceUrl: "",
};

/**
 * A group of checkboxes (`<prefix><value>`) in a fieldset whose legend names it; its error shows
 * under the legend and is tied to every box. A refused form shows what was ticked.
 */
function ChoiceGroup({
  name,
  prefix,
  legend,
  hint,
  options,
  initial,
  state,
}: {
  name: string;
  prefix: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  initial: string[];
  state: FormState<unknown>;
}) {
  const id = useId();
  const messages = fieldMessages(state, name);
  const sent = state && !state.ok ? state.values : undefined;
  const ticked = (value: string) => (sent ? sent[`${prefix}${value}`] === "on" : initial.includes(value));
  const describedBy = [hint ? `${id}-hint` : null, messages.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="space-y-2" aria-describedby={describedBy} aria-invalid={messages.length > 0 || undefined}>
      <legend className="font-medium">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {messages.length > 0 ? (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          {messages.join(" ")}
        </p>
      ) : null}
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-2">
            <input
              type="checkbox"
              name={`${prefix}${o.value}`}
              defaultChecked={ticked(o.value)}
              // Remount with what was sent, as React applies defaultChecked only when mounting.
              key={`${o.value}-${String(ticked(o.value))}`}
              className="size-5 accent-accent"
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function EntryFields({ state, initial }: { state: FormState<unknown>; initial: SupportEntryValues }) {
  const t = useTranslations("support");
  return (
    <>
      <TextField name="name" label={t("fieldName")} hint={t("fieldNameHint")} state={state} initial={initial.name} maxLength={ENTRY_NAME_MAX} required />
      <TextField name="provider" label={t("fieldProvider")} state={state} initial={initial.provider} maxLength={PROVIDER_MAX} required />
      <TextAreaField
        name="description"
        label={t("fieldDescription")}
        hint={t("fieldDescriptionHint")}
        state={state}
        initial={initial.description}
        rows={5}
        maxLength={DESCRIPTION_MAX}
      />
      <ChoiceGroup
        name="kinds"
        prefix={KIND_PREFIX}
        legend={t("fieldKinds")}
        hint={t("fieldKindsHint")}
        options={[...FINANCIAL_KINDS, ...NON_FINANCIAL_KINDS].map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        initial={initial.kinds}
        state={state}
      />
      <ChoiceGroup
        name="stages"
        prefix={STAGE_PREFIX}
        legend={t("fieldStages")}
        hint={t("fieldStagesHint")}
        options={GROWTH_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        initial={initial.stages}
        state={state}
      />
      <TextAreaField name="eligibility" label={t("fieldEligibility")} hint={t("fieldEligibilityHint")} state={state} initial={initial.eligibility} rows={2} maxLength={ELIGIBILITY_MAX} />
      <TextField name="region" label={t("fieldRegion")} hint={t("fieldRegionHint")} state={state} initial={initial.region} maxLength={REGION_MAX} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="url" type="url" label={t("fieldUrl")} hint={t("linkHint")} state={state} initial={initial.url} maxLength={LINK_MAX} autoComplete="url" />
        <TextField name="email" type="email" label={t("fieldEmail")} state={state} initial={initial.email} maxLength={EMAIL_MAX} autoComplete="email" />
        <TextField name="phone" label={t("fieldPhone")} hint={t("fieldPhoneHint")} state={state} initial={initial.phone} maxLength={PHONE_MAX} autoComplete="tel" />
        <TextField name="sourceUrl" type="url" label={t("fieldSource")} hint={t("fieldSourceHint")} state={state} initial={initial.sourceUrl} maxLength={LINK_MAX} />
      </div>
    </>
  );
}

/**
 * A broker adds an entry (listed at once), a member suggests one (for a broker to review). The
 * idempotency key comes from the server with each render: a double submit makes one entry.
 */
export function CreateSupportEntryForm({ slug, idempotencyKey, broker }: { slug: string; idempotencyKey: string; broker: boolean }) {
  const t = useTranslations("support");
  const [state, action] = useActionState(createSupportEntryAction, null);
  const done = state?.ok ? state.data : null;
  return (
    <div className="space-y-4">
      {done ? (
        <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
          {done.status === "listed" ? t("added") : t("suggested")}{" "}
          <Link href={`/n/${slug}/support`} className="underline">
            {t("backToMap")}
          </Link>
        </p>
      ) : null}
      <form action={action} className="space-y-4" noValidate key={done ? done.entryId : "draft"}>
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <EntryFields state={state} initial={EMPTY_ENTRY} />
        {state?.ok ? null : <FormMessage state={state} />}
        <SubmitButton pendingLabel={t("saving")}>{broker ? t("add") : t("suggest")}</SubmitButton>
      </form>
    </div>
  );
}

/** A broker edits an entry; back on the map once saved. */
export function EditSupportEntryForm({ slug, entryId, initial }: { slug: string; entryId: string; initial: SupportEntryValues }) {
  const t = useTranslations("support");
  const [state, action] = useActionState(updateSupportEntryAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="entryId" value={entryId} />
      <EntryFields state={state} initial={initial} />
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
