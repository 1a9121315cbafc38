"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { useAnnouncedAction } from "@/components/ui/announcer";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { answerProposalAction, proposeForCommonsAction, publishProposalAction, withdrawProposalAction } from "@/lib/sharing/actions";
import { ATTRIBUTIONS, CONSENT_NOTE_MAX, LICENCES, type CommonsKindName } from "@/lib/sharing/limits";

/**
 * "Share with the commons" on a record: proposes it and opens the proposal. The idempotency key comes
 * from the server with each render, so a double submit makes one proposal.
 */
export function ShareButton({ slug, kind, sourceId, idempotencyKey, what }: { slug: string; kind: CommonsKindName; sourceId: string; idempotencyKey: string; what: string }) {
  const t = useTranslations("sharing");
  const [state, action] = useActionState(proposeForCommonsAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="sourceId" value={sourceId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("share")}
        <span className="sr-only">: {what}</span>
      </SubmitButton>
    </form>
  );
}

/**
 * A person asked agrees, choosing how the item names its source and under which licence, or objects
 * with a reason. The most protective choice of all consenters is what the commons uses.
 */
export function AnswerForm({ slug, proposalId }: { slug: string; proposalId: string }) {
  const t = useTranslations("sharing");
  const [state, action] = useAnnouncedAction(answerProposalAction, t("answered"));
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="proposalId" value={proposalId} />
      <fieldset className="space-y-2">
        <legend className="font-medium">{t("attributionLegend")}</legend>
        {ATTRIBUTIONS.map((a) => (
          <label key={a} className="flex items-start gap-2">
            <input type="radio" name="attribution" value={a} defaultChecked={a === "anonymous"} className="mt-1 size-5 accent-accent" />
            <span>
              {t(`attribution.${a}`)}
              <span className="block text-sm text-muted">{t(`attributionHint.${a}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-medium">{t("licenceLegend")}</legend>
        {LICENCES.map((l) => (
          <label key={l} className="flex items-start gap-2">
            <input type="radio" name="licence" value={l} defaultChecked={l === "cc_by_4_0"} className="mt-1 size-5 accent-accent" />
            <span>
              {t(`licence.${l}`)}
              <span className="block text-sm text-muted">{t(`licenceHint.${l}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <TextAreaField name="note" label={t("note")} hint={t("noteHint")} state={state} rows={3} maxLength={CONSENT_NOTE_MAX} />
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="choice" value="agree" pendingLabel={t("saving")}>
          {t("agree")}
        </SubmitButton>
        <SubmitButton name="choice" value="object" variant="secondary" pendingLabel={t("saving")}>
          {t("object")}
        </SubmitButton>
      </div>
    </form>
  );
}

/** A broker publishes a proposal everyone agreed to. */
export function PublishForm({ slug, proposalId }: { slug: string; proposalId: string }) {
  const t = useTranslations("sharing");
  const [state, action] = useAnnouncedAction(publishProposalAction, t("publishedDone"));
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="proposalId" value={proposalId} />
      <FormMessage state={state} />
      <SubmitButton pendingLabel={t("saving")}>{t("publish")}</SubmitButton>
    </form>
  );
}

/** Withdraws a published item from the commons, or cancels a proposal before publication. */
export function WithdrawForm({ slug, proposalId, published }: { slug: string; proposalId: string; published: boolean }) {
  const t = useTranslations("sharing");
  const [state, action] = useAnnouncedAction(withdrawProposalAction, t(published ? "withdrawnDone" : "cancelledDone"));
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="proposalId" value={proposalId} />
      <p className="text-sm text-muted">{t(published ? "withdrawHint" : "cancelHint")}</p>
      <FormMessage state={state} />
      <SubmitButton variant="danger" pendingLabel={t("saving")}>
        {t(published ? "withdraw" : "cancel")}
      </SubmitButton>
    </form>
  );
}
