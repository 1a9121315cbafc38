"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { HELP_TAGS_INPUT_MAX, HELP_TAGS_MAX } from "@/lib/membership/help-tags";
import { updateHelpTagsAction } from "@/lib/membership/actions";

/**
 * "I can help with" on the viewer's own membership: tags with commas between them. The network's
 * vocabulary is listed in the hint (in the viewer's language); what was stored is shown back
 * normalised, as matching reads it (decision 041).
 */
export function HelpTagsForm({ slug, helpTags, vocabulary }: { slug: string; helpTags: string[]; vocabulary: string[] }) {
  const t = useTranslations("members");
  const [state, action] = useActionState(updateHelpTagsAction, null);
  const stored = state?.ok ? state.data.helpTags : helpTags;
  const hint = vocabulary.length
    ? t("helpTagsHintVocabulary", { limit: HELP_TAGS_MAX, tags: vocabulary.join(", ") })
    : t("helpTagsHint", { limit: HELP_TAGS_MAX });
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <FormMessage state={state} success={t("helpTagsSaved")} />
      <TextField
        key={stored.join(",")}
        name="helpTags"
        label={t("helpTags")}
        hint={hint}
        initial={stored.join(", ")}
        state={state}
        maxLength={HELP_TAGS_INPUT_MAX}
      />
      <SubmitButton variant="secondary">{t("helpTagsSave")}</SubmitButton>
    </form>
  );
}
