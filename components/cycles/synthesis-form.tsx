"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { fieldMessages, FormMessage } from "@/components/ui/messages";
import { inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveSynthesisAction } from "@/lib/synthesis/actions";
import { CITE_PREFIX, SYNTHESIS_MAX } from "@/lib/cycles/limits";

export type SynthesisFormCurrent = { number: number; body: string; authorName: string | null; cites: string[] };

/**
 * The co-written synthesis: one Markdown text under three headings, with the reflections
 * it draws on. The form carries the revision it is editing (`base`); when someone saved
 * in between, the save is refused and the form shows both texts: the one typed (kept in
 * the form) and the one saved in between. The next save is then based on that one.
 */
export function SynthesisForm({
  slug,
  cycleId,
  current,
  citable,
  template,
}: {
  slug: string;
  cycleId: string;
  current: SynthesisFormCurrent | null;
  citable: { id: string; label: string }[];
  template: string;
}) {
  const t = useTranslations("cycles");
  const [state, action] = useActionState(saveSynthesisAction, null);
  const currentNumber = current?.number ?? 0;
  // The revision this form edits: the one shown when it mounted, moved on only by this
  // form's own save or by a conflict (when the saved text is shown next to the typed one).
  const [tracked, setTracked] = useState({ state, base: currentNumber });
  let base = tracked.base;
  if (tracked.state !== state) {
    base = state?.ok ? state.data.number : state?.code === "synthesis_conflict" ? currentNumber : tracked.base;
    setTracked({ state, base });
  }
  const conflict = state && !state.ok && state.code === "synthesis_conflict";
  const refused = state && !state.ok ? state.values : undefined;
  const citeErrors = fieldMessages(state, "cites");
  const citesId = useId();
  const theirsId = useId();
  return (
    <form action={action} className="space-y-4" noValidate aria-labelledby="synthesis-form-title">
      <h3 id="synthesis-form-title" className="font-semibold">
        {current ? t("synthesisEdit") : t("synthesisStart")}
      </h3>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="cycleId" value={cycleId} />
      <input type="hidden" name="base" value={String(base)} />
      {conflict && current ? (
        <div className="space-y-2 rounded-md border border-line p-3">
          <label htmlFor={theirsId} className="block font-medium">
            {t("synthesisTheirs", { number: current.number, name: current.authorName || t("someone") })}
          </label>
          <textarea id={theirsId} readOnly value={current.body} rows={10} className={inputClass} />
          {current.cites.length > 0 ? (
            <p className="text-sm">
              {t("synthesisTheirsCites", {
                list: citable
                  .filter((r) => current.cites.includes(r.id))
                  .map((r) => r.label)
                  .join("; "),
              })}
            </p>
          ) : null}
        </div>
      ) : null}
      <TextAreaField
        name="body"
        label={conflict ? t("synthesisYours") : t("synthesisBody")}
        hint={t("synthesisHint", { max: SYNTHESIS_MAX })}
        state={state}
        initial={current?.body ?? template}
        rows={16}
        maxLength={SYNTHESIS_MAX}
        required
      />
      {citable.length > 0 ? (
        <fieldset className="space-y-2" aria-describedby={citeErrors.length ? `${citesId}-error` : undefined}>
          <legend className="font-medium">{t("citesLegend")}</legend>
          <p className="text-sm text-muted">{t("citesHint")}</p>
          <ul className="space-y-1">
            {citable.map((r) => {
              const checked = refused ? refused[`${CITE_PREFIX}${r.id}`] === "on" : (current?.cites.includes(r.id) ?? false);
              return (
                <li key={r.id} className="flex items-start gap-3">
                  <input
                    // Remount when the shown choice changes (a refused form shows what was sent).
                    key={`${r.id}-${String(checked)}`}
                    id={`${citesId}-${r.id}`}
                    name={`${CITE_PREFIX}${r.id}`}
                    type="checkbox"
                    defaultChecked={checked}
                    className="mt-1 size-5 accent-accent"
                  />
                  <label htmlFor={`${citesId}-${r.id}`}>{r.label}</label>
                </li>
              );
            })}
          </ul>
          {citeErrors.length > 0 ? (
            <p id={`${citesId}-error`} className="text-sm font-medium text-danger">
              {citeErrors.join(" ")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <FormMessage state={state} success={state?.ok ? t("synthesisSaved", { number: state.data.number }) : undefined} />
      <SubmitButton pendingLabel={t("saving")}>{t("synthesisSave")}</SubmitButton>
    </form>
  );
}
