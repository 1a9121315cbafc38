"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { fieldMessages, FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/action-types";
import { createPostAction, updatePostAction } from "@/lib/exchange/actions";
import {
  CAPITAL_CHOICES,
  DIRECTIONS,
  EXCHANGE_ADDRESS_MAX,
  EXCHANGE_BODY_MAX,
  EXCHANGE_TITLE_MAX,
  EXCHANGE_VISIBILITIES,
  FREE_TAGS_FIELD_MAX,
  FREE_TAGS_MAX,
  TAG_PREFIX,
  TOWN_MAX,
} from "@/lib/exchange/limits";

export type PostFormValues = {
  direction: string;
  capital: string;
  title: string;
  body: string;
  tags: string[];
  freeTags: string;
  unlocks: string;
  town: string;
  address: string;
  showAddress: boolean;
  expiresOn: string;
  visibility: string;
};

type Option = { value: string; label: string };

/** The vocabulary as checkboxes (`tag.<slug>`), ticked as sent when the form was refused. */
function VocabularyField({ state, tags, initial }: { state: FormState<unknown>; tags: Option[]; initial: string[] }) {
  const t = useTranslations("exchange");
  const id = useId();
  const sent = state && !state.ok ? state.values : undefined;
  const errors = fieldMessages(state, "tags");
  if (tags.length === 0) return null;
  return (
    <fieldset className="space-y-2" aria-describedby={errors.length ? `${id}-error` : `${id}-hint`}>
      <legend className="font-medium">{t("fieldTags")}</legend>
      <p id={`${id}-hint`} className="text-sm text-muted">
        {t("fieldTagsHint")}
      </p>
      <ul className="flex flex-wrap gap-x-4 gap-y-2">
        {tags.map((tag) => {
          const name = `${TAG_PREFIX}${tag.value}`;
          const checked = sent ? sent[name] === "on" : initial.includes(tag.value);
          return (
            <li key={tag.value} className="flex items-center gap-2">
              <input id={`${id}-${tag.value}`} type="checkbox" name={name} defaultChecked={checked} className="size-5 accent-accent" />
              <label htmlFor={`${id}-${tag.value}`}>{tag.label}</label>
            </li>
          );
        })}
      </ul>
      {errors.length ? (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * Posting an offer or a request and editing one share this form. A refused form keeps everything
 * typed; each refusal (money, an expiry, an unknown tag, a street address) is said at its field.
 */
export function PostForm({
  slug,
  mode,
  initial,
  vocabulary,
  unlocks,
  idempotencyKey = "",
  postId = "",
  pledgesHref,
}: {
  slug: string;
  mode: "create" | "edit";
  initial: PostFormValues;
  vocabulary: Option[];
  unlocks: Option[];
  idempotencyKey?: string;
  postId?: string;
  /** Where money goes instead: the initiatives, whose milestones take pledges. */
  pledgesHref: string;
}) {
  const t = useTranslations("exchange");
  const [state, action] = useActionState(mode === "create" ? createPostAction : updatePostAction, null);
  // Checkbox lists read what was sent only when they mount: remount them with each answer.
  const sentKey = state && !state.ok ? JSON.stringify(state.values ?? {}) : "initial";
  const moneyRefused = state && !state.ok && (state.fieldErrors?.capital ?? []).includes("exchange_money");
  return (
    <form action={action} className="space-y-6" noValidate>
      <input type="hidden" name="slug" value={slug} />
      {mode === "create" ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : <input type="hidden" name="postId" value={postId} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="direction"
          label={t("fieldDirection")}
          state={state}
          initial={initial.direction}
          options={DIRECTIONS.map((d) => ({ value: d, label: t(`directionChoice.${d}`) }))}
        />
        <SelectField
          name="capital"
          label={t("fieldCapital")}
          hint={t("fieldCapitalHint")}
          state={state}
          initial={initial.capital}
          options={CAPITAL_CHOICES.map((c) => ({ value: c, label: t(`capital.${c}`) }))}
        />
      </div>
      {moneyRefused ? (
        <p className="text-sm">
          <a href={pledgesHref} className="underline">
            {t("moneyLink")}
          </a>
        </p>
      ) : null}
      <TextField name="title" label={t("fieldTitle")} hint={t("fieldTitleHint")} state={state} initial={initial.title} maxLength={EXCHANGE_TITLE_MAX} required />
      <TextAreaField name="body" label={t("fieldBody")} hint={t("fieldBodyHint")} state={state} initial={initial.body} rows={6} maxLength={EXCHANGE_BODY_MAX} />
      <VocabularyField key={sentKey} state={state} tags={vocabulary} initial={initial.tags} />
      <TextField
        name="freeTags"
        label={t("fieldFreeTags")}
        hint={t("fieldFreeTagsHint", { max: FREE_TAGS_MAX })}
        state={state}
        initial={initial.freeTags}
        maxLength={FREE_TAGS_FIELD_MAX}
      />
      <SelectField
        name="unlocks"
        label={t("fieldUnlocks")}
        hint={t("fieldUnlocksHint")}
        state={state}
        initial={initial.unlocks}
        options={[{ value: "", label: t("unlocksNone") }, ...unlocks]}
      />
      <TextField name="town" label={t("fieldTown")} hint={t("fieldTownHint")} state={state} initial={initial.town} maxLength={TOWN_MAX} />
      <fieldset className="space-y-3">
        <legend className="font-medium">{t("addressLegend")}</legend>
        <p className="text-sm text-muted">{t("addressHint")}</p>
        <CheckboxField key={sentKey} name="showAddress" label={t("fieldShowAddress")} state={state} initial={initial.showAddress} />
        <TextField name="address" label={t("fieldAddress")} state={state} initial={initial.address} maxLength={EXCHANGE_ADDRESS_MAX} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="expiresOn" type="date" label={t("fieldExpiresOn")} hint={t("fieldExpiresOnHint")} state={state} initial={initial.expiresOn} required />
        <SelectField
          name="visibility"
          label={t("fieldVisibility")}
          state={state}
          initial={initial.visibility}
          options={EXCHANGE_VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
        />
      </div>
      <FormMessage state={state} />
      {mode === "create" ? (
        <SubmitButton pendingLabel={t("posting")}>{t("post")}</SubmitButton>
      ) : (
        <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
      )}
    </form>
  );
}
