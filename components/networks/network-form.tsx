"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { createNetworkAction, updateNetworkAction } from "@/lib/networks/actions";
import { NAME_MAX, PURPOSE_MAX, QUESTION_MAX, REGION_MAX, SLUG_MAX } from "@/lib/networks/limits";

export type NetworkFormValues = {
  slug: string;
  name: string;
  purpose: string;
  workingQuestion: string;
  principles: string[];
  visibility: string;
  joinPolicy: string;
  locale: string;
  showPublicThreadTitles: boolean;
  /** Only when editing: a new network starts with brokers alone planning gatherings. */
  membersProposeGatherings?: boolean;
  /** Only when editing: the commons (decision 045). */
  region?: string;
  allowCommonsQuestions?: boolean;
};

/** Creating a network and editing its settings share one form; the slug is fixed once chosen. */
export function NetworkForm({ mode, initial }: { mode: "create" | "edit"; initial: NetworkFormValues }) {
  const t = useTranslations("networkForm");
  const tn = useTranslations("networks");
  const tl = useTranslations("layout.languageName");
  const [state, action] = useActionState(mode === "create" ? createNetworkAction : updateNetworkAction, null);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} success={mode === "edit" ? t("saved") : undefined} />
      {mode === "create" ? (
        <TextField
          name="slug"
          label={t("slug")}
          hint={t("slugHint")}
          initial={initial.slug}
          state={state}
          required
          maxLength={SLUG_MAX}
          autoComplete="off"
        />
      ) : (
        <input type="hidden" name="slug" value={initial.slug} />
      )}
      <TextField name="name" label={t("name")} initial={initial.name} state={state} required maxLength={NAME_MAX} />
      <TextAreaField name="purpose" label={t("purpose")} hint={t("purposeHint")} initial={initial.purpose} state={state} required rows={4} maxLength={PURPOSE_MAX} />
      <TextAreaField
        name="workingQuestion"
        label={t("workingQuestion")}
        hint={t("workingQuestionHint")}
        initial={initial.workingQuestion}
        state={state}
        required
        rows={2}
        maxLength={QUESTION_MAX}
      />
      <TextAreaField
        name="principles"
        label={t("principles")}
        hint={t("principlesHint")}
        initial={initial.principles.join("\n")}
        state={state}
        required
        rows={8}
      />
      <div className="grid gap-5 sm:grid-cols-3">
        <SelectField
          name="visibility"
          label={t("visibility")}
          initial={initial.visibility}
          state={state}
          options={(["public", "listed", "private"] as const).map((v) => ({ value: v, label: tn(`visibility.${v}`) }))}
        />
        <SelectField
          name="joinPolicy"
          label={t("joinPolicy")}
          initial={initial.joinPolicy}
          state={state}
          options={(["open", "request", "invitation"] as const).map((v) => ({ value: v, label: tn(`joinPolicy.${v}`) }))}
        />
        <SelectField
          name="locale"
          label={t("language")}
          initial={initial.locale}
          state={state}
          options={[
            { value: "en", label: tl("en") },
            { value: "nl", label: tl("nl") },
          ]}
        />
      </div>
      <CheckboxField name="showPublicThreadTitles" label={t("showPublicThreadTitles")} initial={initial.showPublicThreadTitles} state={state} />
      {mode === "edit" ? (
        <CheckboxField
          name="membersProposeGatherings"
          label={t("membersProposeGatherings")}
          initial={initial.membersProposeGatherings ?? false}
          state={state}
        />
      ) : null}
      {mode === "edit" ? (
        <fieldset className="space-y-4">
          <legend className="font-semibold">{t("commonsTitle")}</legend>
          <TextField name="region" label={t("region")} hint={t("regionHint")} initial={initial.region ?? ""} state={state} maxLength={REGION_MAX} />
          <CheckboxField name="allowCommonsQuestions" label={t("allowCommonsQuestions")} initial={initial.allowCommonsQuestions ?? false} state={state} />
        </fieldset>
      ) : null}
      <details className="text-sm text-muted">
        <summary className="cursor-pointer">{t("visibilityHelpTitle")}</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>{t("visibilityHelp.public")}</li>
          <li>{t("visibilityHelp.listed")}</li>
          <li>{t("visibilityHelp.private")}</li>
        </ul>
      </details>
      <SubmitButton pendingLabel={t("saving")}>{mode === "create" ? t("create") : t("save")}</SubmitButton>
    </form>
  );
}
