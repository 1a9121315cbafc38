"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/messages";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { deleteReplyAction, editReplyAction, toggleReactionAction } from "@/lib/dialogue/actions";
import { BODY_MAX, type ReactionKind } from "@/lib/dialogue/schema";

const symbols: Record<ReactionKind, string> = { agree: "👍", heart: "❤️", insight: "💡", question: "❓" };

function ReactionButton({ slug, replyId, kind, count, mine }: { slug: string; replyId: string; kind: ReactionKind; count: number; mine: boolean }) {
  const t = useTranslations("reactions");
  const [state, action] = useActionState(toggleReactionAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="replyId" value={replyId} />
      <input type="hidden" name="kind" value={kind} />
      <button
        type="submit"
        aria-pressed={mine}
        className="inline-flex min-h-11 items-center gap-1 rounded-full border border-line bg-white px-3 text-sm hover:bg-sand aria-pressed:border-accent aria-pressed:bg-accent-soft aria-pressed:text-accent-strong"
      >
        <span aria-hidden="true">{symbols[kind]}</span>
        {t("label", { reaction: t(kind), count })}
      </button>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

export function Reactions({
  slug,
  replyId,
  reactions,
  label,
}: {
  slug: string;
  replyId: string;
  reactions: { kind: ReactionKind; count: number; mine: boolean }[];
  label: string;
}) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap gap-2">
      {reactions.map((r) => (
        <ReactionButton key={r.kind} slug={slug} replyId={replyId} {...r} />
      ))}
    </div>
  );
}

export function EditReplyForm({ slug, replyId, body }: { slug: string; replyId: string; body: string }) {
  const t = useTranslations("dialogue");
  const [state, action] = useActionState(editReplyAction, null);
  return (
    <details className="text-sm">
      <summary className={`${buttonClass.quiet} cursor-pointer`}>{t("edit")}</summary>
      <form action={action} className="mt-2 space-y-3" noValidate>
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="replyId" value={replyId} />
        <TextAreaField name="body" label={t("editReply")} state={state} initial={body} rows={5} maxLength={BODY_MAX} required />
        <FormMessage state={state} success={t("replySaved")} />
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>
          {t("save")}
        </SubmitButton>
      </form>
    </details>
  );
}

export function DeleteReplyForm({ slug, replyId }: { slug: string; replyId: string }) {
  const t = useTranslations("dialogue");
  const [state, action] = useActionState(deleteReplyAction, null);
  return (
    <details className="text-sm">
      <summary className={`${buttonClass.quiet} cursor-pointer`}>{t("delete")}</summary>
      <form action={action} className="mt-2 space-y-2">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="replyId" value={replyId} />
        <p>{t("deleteConfirm")}</p>
        <FormMessage state={state} />
        <SubmitButton variant="danger">{t("deleteReply")}</SubmitButton>
      </form>
    </details>
  );
}
