"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { CheckboxField, SelectField, TextAreaField } from "@/components/ui/field";
import { fieldMessages, FormMessage } from "@/components/ui/messages";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/action-types";
import { publishHarvestAction, saveHarvestAction } from "@/lib/harvests/actions";
import {
  HARVEST_TEXT_MAX,
  INSIGHT_MAX,
  INSIGHT_PREFIX,
  INSIGHTS_MAX,
  MILESTONE_PREFIX,
  THREAD_PREFIX,
} from "@/lib/harvests/limits";

type Link = { id: string; title: string; detail?: string };

export type HarvestEditorProps = {
  slug: string;
  gatheringId: string;
  /** The harvest as saved, or null for a first draft. */
  current: {
    version: string;
    summary: string;
    agreements: string;
    nextSteps: string;
    cycleId: string;
    insights: { body: string; level: string; area: string }[];
    threadIds: string[];
    milestoneIds: string[];
    published: boolean;
  } | null;
  options: { threads: Link[]; milestones: Link[]; cycles: Link[] };
  /** Level and area labels, translated on the server. */
  levels: { value: string; label: string }[];
  areas: { value: string; label: string }[];
};

/** The field messages of a group of checkboxes (a link to another network's record is refused as a whole). */
function GroupError({ state, name }: { state: FormState<unknown>; name: string }) {
  const messages = fieldMessages(state, name);
  return messages.length ? <p className="text-sm font-medium text-danger">{messages.join(" ")}</p> : null;
}

/** Links already made come first, then the rest of what may be linked, each once. */
function withLinked(options: Link[], linked: string[]): Link[] {
  const chosen = new Set(linked);
  return [...options.filter((o) => chosen.has(o.id)), ...options.filter((o) => !chosen.has(o.id))];
}

/**
 * The host's (or a broker's) editor of a gathering's harvest: the three Markdown texts, the insights
 * with their level and area, and what it links to (threads, milestones, a cycle); then publishing.
 * The server checks everything again (lib/harvests/mutations.ts).
 */
export function HarvestEditor({ slug, gatheringId, current, options, levels, areas }: HarvestEditorProps) {
  const t = useTranslations("harvests");
  const [state, action] = useActionState(saveHarvestAction, null);
  const [published, publish] = useActionState(publishHarvestAction, null);
  const insights = current?.insights ?? [];
  const [rows, setRows] = useState(Math.min(INSIGHTS_MAX, Math.max(insights.length + 1, 2)));
  // The version a successful save returned; a refused save keeps the one the form had.
  const version = state?.ok ? state.data.version : (current?.version ?? "");
  const typed = (name: string) => (state && !state.ok ? state.values?.[name] : undefined);
  const threads = withLinked(options.threads, current?.threadIds ?? []);
  const milestones = withLinked(options.milestones, current?.milestoneIds ?? []);
  const choose = { value: "", label: t("choose") };
  return (
    <div className="space-y-4">
      <form action={action} className="space-y-4" noValidate>
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="gatheringId" value={gatheringId} />
        <input type="hidden" name="version" value={version} />
        <p className="text-sm text-muted">{t("editorHint")}</p>
        <TextAreaField name="summary" label={t("summary")} state={state} initial={current?.summary} rows={6} maxLength={HARVEST_TEXT_MAX} required />
        <fieldset className="space-y-3">
          <legend className="font-medium">{t("insights")}</legend>
          {Array.from({ length: rows }, (_, n) => {
            const saved = insights[n];
            return (
              <div key={n} className="space-y-2 rounded-md border border-line p-3">
                <TextAreaField
                  name={`${INSIGHT_PREFIX}${n}.body`}
                  label={t("insightBody", { number: n + 1 })}
                  state={state}
                  initial={saved?.body}
                  rows={2}
                  maxLength={INSIGHT_MAX}
                />
                <div className="grid gap-3 sm:grid-cols-2">
                  <SelectField name={`${INSIGHT_PREFIX}${n}.level`} label={t("level")} state={state} initial={saved?.level ?? ""} options={[choose, ...levels]} />
                  <SelectField name={`${INSIGHT_PREFIX}${n}.area`} label={t("area")} state={state} initial={saved?.area ?? ""} options={[choose, ...areas]} />
                </div>
              </div>
            );
          })}
          {rows < INSIGHTS_MAX ? (
            <button type="button" className={buttonClass.secondary} onClick={() => setRows((r) => Math.min(INSIGHTS_MAX, r + 1))}>
              {t("addInsight")}
            </button>
          ) : null}
        </fieldset>
        <TextAreaField name="agreements" label={t("agreements")} state={state} initial={current?.agreements} rows={4} maxLength={HARVEST_TEXT_MAX} />
        <TextAreaField name="nextSteps" label={t("nextSteps")} state={state} initial={current?.nextSteps} rows={4} maxLength={HARVEST_TEXT_MAX} />
        <fieldset className="space-y-2">
          <legend className="font-medium">{t("linkThreads")}</legend>
          {threads.length === 0 ? <p className="text-sm text-muted">{t("noOptions")}</p> : null}
          {threads.map((o) => (
            <CheckboxField
              key={o.id}
              name={`${THREAD_PREFIX}${o.id}`}
              label={o.title}
              state={state}
              initial={(current?.threadIds ?? []).includes(o.id)}
            />
          ))}
          <GroupError state={state} name="threads" />
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="font-medium">{t("linkMilestones")}</legend>
          {milestones.length === 0 ? <p className="text-sm text-muted">{t("noOptions")}</p> : null}
          {milestones.map((o) => (
            <CheckboxField
              key={o.id}
              name={`${MILESTONE_PREFIX}${o.id}`}
              label={o.detail ? `${o.title} (${o.detail})` : o.title}
              state={state}
              initial={(current?.milestoneIds ?? []).includes(o.id)}
            />
          ))}
          <GroupError state={state} name="milestones" />
        </fieldset>
        <SelectField
          name="cycleId"
          label={t("linkCycle")}
          state={state}
          initial={typed("cycleId") ?? current?.cycleId ?? ""}
          options={[{ value: "", label: t("noCycle") }, ...options.cycles.map((c) => ({ value: c.id, label: c.title }))]}
        />
        <FormMessage state={state} success={t("saved")} />
        <SubmitButton>{current ? t("saveChanges") : t("saveDraft")}</SubmitButton>
      </form>
      {current && !current.published ? (
        <form action={publish} className="space-y-2 border-t border-line pt-4">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="gatheringId" value={gatheringId} />
          <p className="text-sm text-muted">{t("publishHint")}</p>
          <FormMessage state={published} success={t("published")} />
          <SubmitButton>{t("publish")}</SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
