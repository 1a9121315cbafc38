"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { fieldMessages, FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/action-types";
import { createInitiativeAction, editInitiativeAction } from "@/lib/funding/actions";
import { INITIATIVE_NAME_MAX, INITIATIVE_STATUSES, INITIATIVE_TEXT_MAX, type InitiativeStatus } from "@/lib/funding/limits";

type Candidate = { userId: string; name: string };

/** The team as ticked checkboxes (`team_<userId>`); a refused form shows what was ticked. */
function TeamField({ candidates, team, state }: { candidates: Candidate[]; team: string[]; state: FormState<unknown> }) {
  const t = useTranslations("funding");
  const id = useId();
  const failed = state && !state.ok ? state : null;
  const errors = fieldMessages(state, "team");
  const checked = (userId: string) => (failed ? failed.values?.[`team_${userId}`] === "on" : team.includes(userId));
  return (
    <fieldset className="space-y-2" aria-describedby={errors.length ? `${id}-error` : `${id}-hint`}>
      <legend className="font-medium">{t("team")}</legend>
      <p id={`${id}-hint`} className="text-sm text-muted">
        {t("teamHint")}
      </p>
      {candidates.length === 0 ? <p>{t("noCandidates")}</p> : null}
      <ul className="grid gap-1 sm:grid-cols-2">
        {candidates.map((c) => (
          <li key={c.userId} className="flex items-center gap-2">
            <input
              id={`${id}-${c.userId}`}
              type="checkbox"
              name={`team_${c.userId}`}
              defaultChecked={checked(c.userId)}
              className="size-5 accent-accent"
            />
            <label htmlFor={`${id}-${c.userId}`}>{c.name}</label>
          </li>
        ))}
      </ul>
      {errors.length ? (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

function Fields({
  state,
  initial,
  candidates,
}: {
  state: FormState<unknown>;
  initial: { name: string; description: string; systemChange: string; status: InitiativeStatus; team: string[] };
  candidates: Candidate[];
}) {
  const t = useTranslations("funding");
  return (
    <>
      <TextField name="name" label={t("name")} state={state} initial={initial.name} maxLength={INITIATIVE_NAME_MAX} required />
      <TextAreaField
        name="description"
        label={t("description")}
        state={state}
        initial={initial.description}
        maxLength={INITIATIVE_TEXT_MAX}
        required
      />
      <TextAreaField
        name="systemChange"
        label={t("systemChange")}
        hint={t("systemChangeHint")}
        state={state}
        initial={initial.systemChange}
        maxLength={INITIATIVE_TEXT_MAX}
        required
      />
      <SelectField
        name="status"
        label={t("statusLabel")}
        state={state}
        initial={initial.status}
        options={INITIATIVE_STATUSES.map((s) => ({ value: s, label: t(`initiativeStatus.${s}`) }))}
      />
      <TeamField candidates={candidates} team={initial.team} state={state} />
    </>
  );
}

/** A broker or member starts an initiative; they are on its team unless they untick themselves. */
export function NewInitiativeForm({ slug, candidates, viewerId }: { slug: string; candidates: Candidate[]; viewerId: string }) {
  const t = useTranslations("funding");
  const [state, action] = useActionState(createInitiativeAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <Fields
        state={state}
        candidates={candidates}
        initial={{ name: "", description: "", systemChange: "", status: "exploring", team: [viewerId] }}
      />
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t("saving")}>{t("create")}</SubmitButton>
    </form>
  );
}

export function EditInitiativeForm({
  slug,
  initiative,
  candidates,
}: {
  slug: string;
  initiative: { id: string; name: string; description: string; systemChange: string; status: InitiativeStatus; team: string[] };
  candidates: Candidate[];
}) {
  const t = useTranslations("funding");
  const [state, action] = useActionState(editInitiativeAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="initiativeId" value={initiative.id} />
      <Fields state={state} candidates={candidates} initial={initiative} />
      <FormMessage state={state} success={t("saved")} />
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
