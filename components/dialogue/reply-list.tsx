"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { HidePostForm, RestorePostForm } from "@/components/moderation/moderation-forms";
import { ReportForm } from "@/components/moderation/report-form";
import { FormMessage } from "@/components/ui/messages";
import { buttonClass } from "@/components/ui/styles";
import { toggleReactionAction } from "@/lib/dialogue/actions";
import type { ReactionSummary } from "@/lib/dialogue/queries";
import type { ReactionKind } from "@/lib/dialogue/schema";
import { DeleteReplyForm, EditReplyForm } from "./reply-actions";

/**
 * One reply as the page shows it, prepared on the server: what the viewer may see of
 * it (a hidden reply's text only reaches brokers and its author), its text already
 * rendered to sanitised HTML, its times already in the viewer's zone.
 */
export type ReplyView = {
  id: string;
  authorName: string;
  /** When it was written, formatted for the viewer. */
  when: string;
  edited: boolean;
  quotedReplyId: string | null;
  deleted: boolean;
  hidden: boolean;
  hiddenReason: string;
  /** Hidden, and the viewer is neither a broker nor its author: only the notice. */
  concealed: boolean;
  /** Sanitised HTML of the text ("" when deleted or concealed). */
  html: string;
  own: boolean;
  /** The Markdown, for the edit form: only sent for the viewer's own replies. */
  body: string;
  reactions: ReactionSummary[];
  /** Earlier versions (brokers only): when, and their sanitised HTML. */
  revisions: { id: string; when: string; html: string }[];
};

/**
 * A reply's reactions: one form, one toggle button per kind (the pressed button's
 * `kind` is what the form sends; its symbol comes from CSS, hidden from screen
 * readers). The action is a client function around the server action that adds the
 * reply's ids, so fifty of these carry no progressive-enhancement payloads.
 */
function Reactions({ slug, reply, label, names }: { slug: string; reply: ReplyView; label: string; names: Record<ReactionKind, string> }) {
  const [state, action] = useActionState((_prev: unknown, form: FormData) => {
    form.set("slug", slug);
    form.set("replyId", reply.id);
    return toggleReactionAction(null, form);
  }, null);
  return (
    <form action={action} role="group" aria-label={label} className="flex flex-wrap gap-2">
      {reply.reactions.map((r) => (
        <button key={r.kind} type="submit" name="kind" value={r.kind} aria-pressed={r.mine} className="reaction-button" data-kind={r.kind}>
          {names[r.kind]} {r.count}
        </button>
      ))}
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

/** The names a reply's controls carry for screen readers ("Quote the reply by Ann"). */
type AuthorLabels = { reply: string; reactions: string; quote: string; report: string };

function Reply({
  slug,
  threadId,
  reply,
  labels,
  reactionNames,
  open,
  canReport,
  canModerate,
  quoteHref,
}: {
  slug: string;
  threadId: string;
  reply: ReplyView;
  labels: AuthorLabels;
  reactionNames: Record<ReactionKind, string>;
  open: boolean;
  canReport: boolean;
  canModerate: boolean;
  quoteHref: string;
}) {
  const t = useTranslations("dialogue");
  const tm = useTranslations("moderation");
  const name = reply.authorName;
  const post = { slug, threadId, replyId: reply.id };
  const notice = reply.hidden ? t("replyHidden", { reason: reply.hiddenReason || t("noReason") }) : "";
  return (
    <article className="card space-y-2" aria-label={labels.reply}>
      <p className="text-sm text-muted">
        <span className="font-medium text-ink">{name}</span> · {reply.when}
        {reply.edited && !reply.deleted ? <> · {t("edited")}</> : null}
        {reply.quotedReplyId && !reply.deleted ? (
          <>
            {" · "}
            <a href={`#reply-${reply.quotedReplyId}`}>{t("inReplyTo")}</a>
          </>
        ) : null}
      </p>
      {reply.deleted ? (
        <p className="italic text-muted">{t("replyDeleted")}</p>
      ) : reply.concealed ? (
        <p className="italic text-muted">{notice}</p>
      ) : (
        <>
          {reply.hidden ? (
            <p role="note" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
              {notice}
              {reply.own ? <> {tm("ownHidden")}</> : null}
            </p>
          ) : null}
          <div className="prose-kring" dangerouslySetInnerHTML={{ __html: reply.html }} />
          {reply.revisions.length > 0 ? (
            <details className="text-sm">
              <summary className="cursor-pointer text-accent-strong">{t("earlierVersions", { count: reply.revisions.length })}</summary>
              <ol className="mt-2 space-y-2">
                {reply.revisions.map((v) => (
                  <li key={v.id} className="rounded-md border border-line p-3">
                    <p className="text-muted">{t("versionOf", { date: v.when })}</p>
                    <div className="prose-kring" dangerouslySetInnerHTML={{ __html: v.html }} />
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
          {reply.hidden ? null : <Reactions slug={slug} reply={reply} label={labels.reactions} names={reactionNames} />}
          <div className="flex flex-wrap items-start gap-2">
            {open && !reply.hidden ? (
              <a href={quoteHref} className={buttonClass.quiet} aria-label={labels.quote}>
                {t("quote")}
              </a>
            ) : null}
            {reply.own && open && !reply.hidden ? <EditReplyForm slug={slug} replyId={reply.id} body={reply.body} /> : null}
            {reply.own ? <DeleteReplyForm slug={slug} replyId={reply.id} /> : null}
            {!reply.hidden && canReport ? (
              <ReportForm slug={slug} threadId={threadId} replyId={reply.id} label={labels.report} />
            ) : null}
            {canModerate ? (
              reply.hidden ? (
                <RestorePostForm post={post} label={tm("restoreReply")} />
              ) : (
                <HidePostForm post={post} summaryLabel={tm("hideReply")} submit={tm("hideReply")} />
              )
            ) : null}
          </div>
        </>
      )}
    </article>
  );
}

/**
 * A page of a thread's replies, as one client island fed with compact data: the
 * server sends each reply's fields once (no per-reply component boundaries, no
 * per-form payloads), and the forms behind "Report", "Hide", "Edit" and "Delete"
 * are rendered only when their disclosure is opened.
 */
export function ReplyList({
  slug,
  threadId,
  replies,
  firstNewId,
  open,
  canReport,
  canModerate,
  after,
}: {
  slug: string;
  threadId: string;
  replies: ReplyView[];
  /** The first reply written since the viewer's last visit, if any. */
  firstNewId: string | null;
  open: boolean;
  canReport: boolean;
  canModerate: boolean;
  /** The page's cursor, kept in the quote links. */
  after: string | null;
}) {
  const t = useTranslations("dialogue");
  const tm = useTranslations("moderation");
  const tr = useTranslations("reactions");
  const reactionNames = { agree: tr("agree"), heart: tr("heart"), insight: tr("insight"), question: tr("question") };
  // A page has fifty replies but few authors: each author's labels are formatted once.
  const byAuthor = new Map<string, AuthorLabels>();
  const labelsFor = (name: string) => {
    let labels = byAuthor.get(name);
    if (!labels) {
      labels = {
        reply: t("replyBy", { name }),
        reactions: t("reactionsTo", { name }),
        quote: t("quoteReplyBy", { name }),
        report: tm("reportReply", { name }),
      };
      byAuthor.set(name, labels);
    }
    return labels;
  };
  return (
    <ol className="space-y-3">
      {replies.map((reply) => (
        <li key={reply.id} id={`reply-${reply.id}`} className="space-y-3">
          {reply.id === firstNewId ? (
            <p id="new-since-last-visit" className="flex items-center gap-3 text-sm font-semibold text-accent-strong">
              <span className="h-px flex-1 bg-accent" aria-hidden="true" />
              {t("newSinceLastVisit")}
              <span className="h-px flex-1 bg-accent" aria-hidden="true" />
            </p>
          ) : null}
          <Reply
            slug={slug}
            threadId={threadId}
            reply={reply}
            labels={labelsFor(reply.authorName)}
            reactionNames={reactionNames}
            open={open}
            canReport={canReport}
            canModerate={canModerate}
            quoteHref={`/n/${slug}/dialogue/${threadId}?${new URLSearchParams({ ...(after ? { after } : {}), quote: reply.id })}#composer`}
          />
        </li>
      ))}
    </ol>
  );
}
