"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { TextField } from "@/components/ui/field";
import { fieldMessages, FormMessage } from "@/components/ui/messages";
import { ShownOnce } from "@/components/ui/shown-once";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  createWebhookAction,
  deleteWebhookAction,
  resendWebhookDeliveryAction,
  rotateWebhookSecretAction,
  setWebhookStateAction,
} from "@/lib/webhooks/actions";
import { WEBHOOK_DESCRIPTION_MAX, WEBHOOK_EVENTS, WEBHOOK_URL_MAX } from "@/lib/webhooks/limits";

/** A broker registers an address: https, on the public internet, for at least one event. */
export function CreateWebhookForm({ slug }: { slug: string }) {
  const t = useTranslations("webhooks");
  const [state, action] = useActionState(createWebhookAction, null);
  const eventErrors = fieldMessages(state, "events");
  const sent = state && !state.ok ? state.values : undefined;
  const errorId = useId();
  return (
    <div className="space-y-4">
      {state?.ok ? <ShownOnce label={t("newSecret", { url: state.data.url })} secret={state.data.secret} warning={t("shownOnce")} testId="webhook-secret" /> : null}
      <form action={action} className="space-y-4" noValidate>
        <input type="hidden" name="slug" value={slug} />
        {state && !state.ok ? <FormMessage state={state} /> : null}
        <TextField name="url" type="url" inputMode="text" label={t("url")} hint={t("urlHint")} state={state} maxLength={WEBHOOK_URL_MAX} required />
        <TextField name="description" label={t("description")} hint={t("descriptionHint")} state={state} maxLength={WEBHOOK_DESCRIPTION_MAX} />
        <fieldset className="space-y-2" aria-describedby={eventErrors.length ? errorId : undefined}>
          <legend className="font-medium">{t("events")}</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <div key={event} className="flex items-start gap-3">
              <input
                id={`event-${event}`}
                name={`event.${event}`}
                type="checkbox"
                defaultChecked={sent ? sent[`event.${event}`] === "on" : true}
                className="mt-1 size-5 shrink-0 accent-accent"
              />
              <label htmlFor={`event-${event}`} className="break-words">
                {t(`eventNames.${event}`)}
              </label>
            </div>
          ))}
          {eventErrors.length ? (
            <p id={errorId} className="text-sm font-medium text-danger">
              {eventErrors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <SubmitButton>{t("create")}</SubmitButton>
      </form>
    </div>
  );
}

/** New secret (shown once), turn off or on, delete: one endpoint's controls. */
export function WebhookControls({ slug, endpointId, label, enabled }: { slug: string; endpointId: string; label: string; enabled: boolean }) {
  const t = useTranslations("webhooks");
  const [rotated, rotate] = useActionState(rotateWebhookSecretAction, null);
  const [switched, setState] = useActionState(setWebhookStateAction, null);
  const [deleted, remove] = useActionState(deleteWebhookAction, null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-3">
        <form action={rotate}>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="endpointId" value={endpointId} />
          <SubmitButton variant="secondary">
            {t("rotate")} <span className="sr-only">{label}</span>
          </SubmitButton>
        </form>
        <form action={setState}>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="endpointId" value={endpointId} />
          <input type="hidden" name="state" value={enabled ? "disabled" : "enabled"} />
          <SubmitButton variant="secondary">
            {enabled ? t("disable") : t("enable")} <span className="sr-only">{label}</span>
          </SubmitButton>
        </form>
        <form action={remove}>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="endpointId" value={endpointId} />
          <SubmitButton variant="secondary">
            {t("delete")} <span className="sr-only">{label}</span>
          </SubmitButton>
        </form>
      </div>
      <p className="text-sm text-muted">
        {t("rotateHint")} {t("deleteHint")}
      </p>
      {rotated?.ok ? <ShownOnce label={t("newSecret", { url: label })} secret={rotated.data.secret} warning={t("shownOnce")} testId="webhook-secret" /> : null}
      {rotated && !rotated.ok ? <FormMessage state={rotated} /> : null}
      {switched && !switched.ok ? <FormMessage state={switched} /> : null}
      {deleted && !deleted.ok ? <FormMessage state={deleted} /> : null}
    </div>
  );
}

/**
 * "Send again" for one logged delivery; the button only once it is finished (delivered or given up).
 * The form stays mounted while the delivery waits, so the answer to "send again" (which makes it
 * wait) is still shown and announced after the log re-renders.
 */
export function ResendDeliveryForm({ slug, deliveryId, label, finished }: { slug: string; deliveryId: string; label: string; finished: boolean }) {
  const t = useTranslations("webhooks");
  const [state, action] = useActionState(resendWebhookDeliveryAction, null);
  if (!finished && !state) return null;
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      {finished ? (
        <SubmitButton variant="secondary">
          {t("resend")} <span className="sr-only">{label}</span>
        </SubmitButton>
      ) : null}
      <FormMessage state={state} success={t("resent")} />
    </form>
  );
}
