"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useRef, useState, type SyntheticEvent } from "react";
import { FormMessage } from "@/components/ui/messages";
import { buttonClass } from "@/components/ui/styles";
import { toggleReactionAction } from "@/lib/dialogue/actions";
import { REACTION_KINDS, type ReactionKind } from "@/lib/dialogue/limits";
import { ReportFields } from "@/components/moderation/report-form";
import { HidePostFields, RestorePostForm } from "./on-demand";
import { DeleteReplyForm, EditReplyForm } from "./reply-actions";
import type { ReplyView } from "./reply-view";

type ReactionResult = { replyId: string; result: Awaited<ReturnType<typeof toggleReactionAction>> } | null;

/**
 * A reply's reactions: a named group of toggle buttons, one per kind (its symbol is an inline SVG
 * from the list's sprite, hidden from screen readers: an emoji shows as an empty box where no
 * emoji font is installed). Plain buttons, not a form: the toggle is a client action either way
 * (the page needs JavaScript for it, as for live updates), and a page of replies then carries no form,
 * hidden input or name and value per button. The list holds one action state for all of them.
 */
function Reactions({
  reply,
  label,
  names,
  react,
  refused,
}: {
  reply: ReplyView;
  label: string;
  names: Record<ReactionKind, string>;
  react: (replyId: string, kind: ReactionKind) => void;
  refused: ReactionResult;
}) {
  return (
    <div role="group" aria-label={label} className="reactions">
      {REACTION_KINDS.map((kind, i) => (
        <button key={kind} type="button" aria-pressed={reply.mine?.includes(kind) ?? false} data-kind={kind} onClick={() => react(reply.id, kind)}>
          <svg aria-hidden="true" focusable="false" className="size-4 shrink-0">
            <use href={`#reaction-${kind}`} />
          </svg>
          {`${names[kind]} ${reply.counts?.[i] ?? 0}`}
        </button>
      ))}
      {refused?.replyId === reply.id && !refused.result.ok ? <FormMessage state={refused.result} /> : null}
    </div>
  );
}

/**
 * The reaction symbols, drawn once per page as SVG symbols (24-unit grid, stroked in the
 * button's text colour) and used by every button: each reply carries a short `<use>` each.
 */
const REACTION_PATHS: Record<ReactionKind, string> = {
  agree: "M7 11v9H4v-9zM7 11l3.6-6.6c1.6-.3 2.9.9 2.6 2.5L12.6 10h5.9a2 2 0 0 1 2 2.3l-1.1 5.9a2.2 2.2 0 0 1-2.2 1.8H7",
  heart: "M12 20s-9-5.4-9-11.2C3 6.1 5.1 4 7.7 4c1.8 0 3.4 1 4.3 2.5C12.9 5 14.5 4 16.3 4 18.9 4 21 6.1 21 8.8 21 14.6 12 20 12 20z",
  insight: "M9 18h6M10 21h4M12 3a6 6 0 0 0-3.6 10.8c.7.5 1.1 1.3 1.1 2.1v.1h5v-.1c0-.8.4-1.6 1.1-2.1A6 6 0 0 0 12 3z",
  question: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9.5 9.3a2.6 2.6 0 1 1 3.6 2.4c-.7.3-1.1.9-1.1 1.6v.7M12 17h.01",
};

function ReactionSymbols() {
  return (
    <svg aria-hidden="true" focusable="false" className="absolute size-0 overflow-hidden">
      {REACTION_KINDS.map((kind) => (
        <symbol key={kind} id={`reaction-${kind}`} viewBox="0 0 24 24">
          <path d={REACTION_PATHS[kind]} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        </symbol>
      ))}
    </svg>
  );
}

/** The names a reply's controls carry for screen readers ("Quote the reply by Ann"). */
type AuthorLabels = { reply: string; reactions: string; quote: string; report: string };

type Shared = {
  slug: string;
  threadId: string;
  t: ReturnType<typeof useTranslations<"dialogue">>;
  tm: ReturnType<typeof useTranslations<"moderation">>;
  reactionNames: Record<ReactionKind, string>;
  react: (replyId: string, kind: ReactionKind) => void;
  refused: ReactionResult;
  open: boolean;
  canReport: boolean;
  canModerate: boolean;
  /** Which report and hide forms have been opened ("report:<id>", "hide:<id>"): only those are rendered. */
  opened: Set<string>;
  onToggle: (event: SyntheticEvent<HTMLDetailsElement>) => void;
};

/** One reply. No hooks of its own: the list holds the translators and the state of all. */
function Reply({ reply, labels, quoteHref, shared }: { reply: ReplyView; labels: AuthorLabels; quoteHref: string; shared: Shared }) {
  const { slug, threadId, t, tm, open, canReport, canModerate, opened, onToggle } = shared;
  const post = { slug, threadId, replyId: reply.id };
  const notice = reply.hidden ? t("replyHidden", { reason: reply.hiddenReason || t("noReason") }) : "";
  return (
    <article className="card space-y-2" aria-label={labels.reply}>
      <p className="text-sm text-muted">
        <span className="font-medium text-ink">{reply.authorName}</span>
        {` · ${reply.when}${reply.edited && !reply.deleted ? ` · ${t("edited")}` : ""}`}
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
          <div className="prose-kring" dangerouslySetInnerHTML={{ __html: reply.html ?? "" }} />
          {reply.revisions ? (
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
          {reply.hidden ? null : (
            <Reactions reply={reply} label={labels.reactions} names={shared.reactionNames} react={shared.react} refused={shared.refused} />
          )}
          <div className="flex flex-wrap items-start gap-2">
            {open && !reply.hidden ? (
              <a href={quoteHref} className={buttonClass.quiet} aria-label={labels.quote}>
                {t("quote")}
              </a>
            ) : null}
            {reply.own && open && !reply.hidden ? <EditReplyForm slug={slug} replyId={reply.id} body={reply.body ?? ""} /> : null}
            {reply.own ? <DeleteReplyForm slug={slug} replyId={reply.id} /> : null}
            {!reply.hidden && canReport ? (
              <details className="text-sm" data-form={`report:${reply.id}`} onToggle={onToggle}>
                <summary className={`${buttonClass.quiet} cursor-pointer`} aria-label={labels.report}>
                  {tm("report")}
                </summary>
                {opened.has(`report:${reply.id}`) ? <ReportFields slug={slug} threadId={threadId} replyId={reply.id} /> : null}
              </details>
            ) : null}
            {canModerate ? (
              reply.hidden ? (
                <RestorePostForm post={post} label={tm("restoreReply")} />
              ) : (
                <details className="text-sm" data-form={`hide:${reply.id}`} onToggle={onToggle}>
                  <summary className={`${buttonClass.quiet} cursor-pointer`} aria-label={tm("hideReply")}>
                    {tm("hide")}
                  </summary>
                  {opened.has(`hide:${reply.id}`) ? <HidePostFields post={post} submit={tm("hideReply")} /> : null}
                </details>
              )
            ) : null}
          </div>
        </>
      )}
    </article>
  );
}

function markOpened(set: (update: (prev: Set<string>) => Set<string>) => void, key: string | undefined) {
  if (key) set((prev) => (prev.has(key) ? prev : new Set(prev).add(key)));
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
  const [refused, dispatchReaction] = useActionState(
    async (_prev: ReactionResult, form: FormData): Promise<ReactionResult> => ({
      replyId: String(form.get("replyId") ?? ""),
      result: await toggleReactionAction(null, form),
    }),
    null,
  );
  const [opened, setOpened] = useState<Set<string>>(() => new Set());
  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (event.currentTarget.open) markOpened(setOpened, event.currentTarget.dataset.form);
  };
  const list = useRef<HTMLOListElement>(null);
  // A disclosure opened before the page hydrated gets its form now.
  useEffect(() => {
    list.current?.querySelectorAll<HTMLDetailsElement>("details[data-form][open]").forEach((d) => markOpened(setOpened, d.dataset.form));
  }, []);
  const reactionNames = { agree: tr("agree"), heart: tr("heart"), insight: tr("insight"), question: tr("question") };
  // A page has many replies but few authors: each author's labels are formatted once.
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
  const shared: Shared = {
    slug,
    threadId,
    t,
    tm,
    reactionNames,
    react: (replyId: string, kind: ReactionKind) => {
      const form = new FormData();
      form.set("slug", slug);
      form.set("replyId", replyId);
      form.set("kind", kind);
      startTransition(() => dispatchReaction(form));
    },
    refused,
    open,
    canReport,
    canModerate,
    opened,
    onToggle,
  };
  return (
    <>
      <ReactionSymbols />
      <ol ref={list} className="space-y-3">
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
              reply={reply}
              labels={labelsFor(reply.authorName)}
              shared={shared}
              quoteHref={`/n/${slug}/dialogue/${threadId}?${new URLSearchParams({ ...(after ? { after } : {}), quote: reply.id })}#composer`}
            />
          </li>
        ))}
      </ol>
    </>
  );
}
