"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { fieldMessages, FormMessage } from "@/components/ui/messages";
import { ShownOnce } from "@/components/ui/shown-once";
import { SubmitButton } from "@/components/ui/submit-button";
import { createApiTokenAction, revokeApiTokenAction, rotateApiTokenAction } from "@/lib/api/actions";
import { API_SCOPES, TOKEN_EXPIRY_CHOICES, TOKEN_NAME_MAX } from "@/lib/api/limits";

/** A broker makes a token: a name, what it may read (at least one area), how long it works. */
export function CreateApiTokenForm({ slug }: { slug: string }) {
  const t = useTranslations("api.tokens");
  const [state, action] = useActionState(createApiTokenAction, null);
  const scopeErrors = fieldMessages(state, "scopes");
  const sent = state && !state.ok ? state.values : undefined;
  const errorId = useId();
  return (
    <div className="space-y-4">
      {state?.ok ? <ShownOnce label={t("newToken", { name: state.data.name })} secret={state.data.token} warning={t("shownOnce")} testId="api-token-secret" /> : null}
      <form action={action} className="space-y-4" noValidate>
        <input type="hidden" name="slug" value={slug} />
        {state && !state.ok ? <FormMessage state={state} /> : null}
        <TextField name="name" label={t("name")} hint={t("nameHint")} state={state} maxLength={TOKEN_NAME_MAX} required />
        <fieldset className="space-y-2" aria-describedby={scopeErrors.length ? errorId : undefined}>
          <legend className="font-medium">{t("scopes")}</legend>
          {API_SCOPES.map((scope) => (
            <div key={scope} className="flex items-start gap-3">
              <input
                id={`scope-${scope}`}
                name={`scope.${scope}`}
                type="checkbox"
                defaultChecked={sent ? sent[`scope.${scope}`] === "on" : scope === "threads"}
                className="mt-1 size-5 accent-accent"
              />
              <label htmlFor={`scope-${scope}`}>{t(`scopeNames.${scope}`)}</label>
            </div>
          ))}
          {scopeErrors.length ? (
            <p id={errorId} className="text-sm font-medium text-danger">
              {scopeErrors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <SelectField
          name="expiresInDays"
          label={t("expiresIn")}
          state={state}
          initial="365"
          options={TOKEN_EXPIRY_CHOICES.map((days) => ({ value: String(days), label: t("days", { days }) }))}
        />
        <SubmitButton>{t("create")}</SubmitButton>
      </form>
    </div>
  );
}

/** Rotate (a new secret, shown once) and revoke, for one working token. */
export function ApiTokenControls({ slug, tokenId, name }: { slug: string; tokenId: string; name: string }) {
  const t = useTranslations("api.tokens");
  const [rotated, rotate] = useActionState(rotateApiTokenAction, null);
  const [revoked, revoke] = useActionState(revokeApiTokenAction, null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-3">
        <form action={rotate}>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="tokenId" value={tokenId} />
          <SubmitButton variant="secondary">
            {t("rotate")} <span className="sr-only">{name}</span>
          </SubmitButton>
        </form>
        <form action={revoke}>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="tokenId" value={tokenId} />
          <SubmitButton variant="secondary">
            {t("revoke")} <span className="sr-only">{name}</span>
          </SubmitButton>
        </form>
      </div>
      <p className="text-sm text-muted">{t("rotateHint")}</p>
      {rotated?.ok ? <ShownOnce label={t("newToken", { name })} secret={rotated.data.token} warning={t("shownOnce")} testId="api-token-secret" /> : null}
      {rotated && !rotated.ok ? <FormMessage state={rotated} /> : null}
      {revoked && !revoked.ok ? <FormMessage state={revoked} /> : null}
    </div>
  );
}
