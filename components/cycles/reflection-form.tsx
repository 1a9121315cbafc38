"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveReflectionAction } from "@/lib/cycles/actions";
import { AREAS, REFLECTION_MAX, REFLECTION_PROMPTS, type Area } from "@/lib/cycles/limits";

/**
 * The viewer's one reflection: saved as a draft on the server (it survives a closed tab)
 * or submitted. A refused save keeps what was typed.
 */
export function ReflectionForm({
  slug,
  cycleId,
  saved,
}: {
  slug: string;
  cycleId: string;
  saved: { body: string; area: Area; private: boolean; submitted: boolean; version: string } | null;
}) {
  const t = useTranslations("cycles");
  const ta = useTranslations("areas");
  const [state, action] = useActionState(saveReflectionAction, null);
  const privateId = useId();
  const refused = state && !state.ok ? state.values : undefined;
  // The version this form is editing: the one just saved, else the one the page showed.
  const version = state?.ok ? state.data.version : (saved?.version ?? "");
  const isPrivate = refused ? refused.private === "on" : (saved?.private ?? false);
  const submitted = (state?.ok && state.data.submitted) || (saved?.submitted ?? false);
  const success = state?.ok ? (state.data.intent === "draft" && !state.data.submitted ? t("draftSaved") : t("submitted")) : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="cycleId" value={cycleId} />
      <input type="hidden" name="version" value={version} />
      <div className="space-y-1">
        <p>{t("promptsIntro")}</p>
        <ul className="list-disc space-y-1 pl-6">
          {REFLECTION_PROMPTS.map((p) => (
            <li key={p}>{t(`prompts.${p}`)}</li>
          ))}
        </ul>
      </div>
      <TextAreaField
        name="body"
        label={t("body")}
        hint={t("bodyHint", { max: REFLECTION_MAX })}
        state={state}
        initial={saved?.body ?? ""}
        rows={12}
        maxLength={REFLECTION_MAX}
        required
      />
      <SelectField
        name="area"
        label={t("area")}
        state={state}
        initial={saved?.area ?? "observations_facts"}
        options={AREAS.map((a) => ({ value: a, label: ta(a) }))}
      />
      <fieldset className="space-y-1">
        <legend className="font-medium">{t("visibility")}</legend>
        <div className="flex items-start gap-3">
          <input
            // Remount when the saved or sent choice changes, so the box shows it.
            key={String(isPrivate)}
            id={privateId}
            name="private"
            type="checkbox"
            defaultChecked={isPrivate}
            aria-describedby={`${privateId}-hint`}
            className="mt-1 size-5 accent-accent"
          />
          <label htmlFor={privateId}>{t("onlyForMe")}</label>
        </div>
        <p id={`${privateId}-hint`} className="text-sm text-muted">
          {t("onlyForMeHint")}
        </p>
      </fieldset>
      <FormMessage state={state} success={success} />
      <div className="flex flex-wrap gap-3">
        {submitted ? (
          <SubmitButton name="intent" value="submit" pendingLabel={t("saving")}>
            {t("saveChanges")}
          </SubmitButton>
        ) : (
          <>
            <SubmitButton name="intent" value="submit" pendingLabel={t("saving")}>
              {t("submit")}
            </SubmitButton>
            <SubmitButton name="intent" value="draft" variant="secondary" pendingLabel={t("saving")}>
              {t("saveDraft")}
            </SubmitButton>
          </>
        )}
      </div>
    </form>
  );
}
