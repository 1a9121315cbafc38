"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { addTagAction, removeTagAction, renameTagAction } from "@/lib/exchange/actions";
import { TAG_LABEL_MAX, TAG_MAX } from "@/lib/exchange/limits";

/** A broker adds a tag: its slug (normalised) and its English and Dutch labels. */
export function AddTagForm({ slug }: { slug: string }) {
  const t = useTranslations("exchange");
  const [state, action] = useActionState(addTagAction, null);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <TextField name="tag" label={t("fieldTagSlug")} hint={t("fieldTagSlugHint")} state={state} maxLength={TAG_MAX * 2} required />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="labelEn" label={t("fieldLabelEn")} state={state} maxLength={TAG_LABEL_MAX} required />
        <TextField name="labelNl" label={t("fieldLabelNl")} state={state} maxLength={TAG_LABEL_MAX} required />
      </div>
      <FormMessage state={state} success={t("tagAdded")} />
      <SubmitButton pendingLabel={t("saving")}>{t("addTag")}</SubmitButton>
    </form>
  );
}

/** A broker renames a tag (its labels) or removes it. */
export function EditTagForm({ slug, tag }: { slug: string; tag: { id: string; slug: string; labelEn: string; labelNl: string } }) {
  const t = useTranslations("exchange");
  const [state, action] = useActionState(renameTagAction, null);
  const [removed, remove] = useActionState(removeTagAction, null);
  return (
    <div className="space-y-3">
      <form action={action} className="space-y-3" noValidate aria-label={t("renameTag", { tag: tag.slug })}>
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="tagId" value={tag.id} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField name="labelEn" label={t("fieldLabelEn")} state={state} initial={tag.labelEn} maxLength={TAG_LABEL_MAX} required />
          <TextField name="labelNl" label={t("fieldLabelNl")} state={state} initial={tag.labelNl} maxLength={TAG_LABEL_MAX} required />
        </div>
        <FormMessage state={state} success={t("tagSaved")} />
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>
          {t("renameTag", { tag: tag.slug })}
        </SubmitButton>
      </form>
      <form action={remove} noValidate>
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="tagId" value={tag.id} />
        <FormMessage state={removed} />
        <SubmitButton variant="danger" pendingLabel={t("saving")}>
          {t("removeTag", { tag: tag.slug })}
        </SubmitButton>
      </form>
    </div>
  );
}
