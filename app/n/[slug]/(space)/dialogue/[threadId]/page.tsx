import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { PrinciplesReminder } from "@/components/dialogue/principles-reminder";
import { DeleteReplyForm, EditReplyForm, Reactions } from "@/components/dialogue/reply-actions";
import { LiveThread } from "@/components/dialogue/live-thread";
import { ReplyComposer } from "@/components/dialogue/reply-composer";
import { HidePostForm, RestorePostForm, ThreadModeration } from "@/components/moderation/moderation-forms";
import { ReportForm } from "@/components/moderation/report-form";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { recordThreadVisit } from "@/lib/dialogue/mutations";
import { isOwnReply } from "@/lib/dialogue/policy";
import { findQuotableReply, loadThreadPage } from "@/lib/dialogue/queries";
import { decodeCursor } from "@/lib/cursor";
import { AREAS, LEVELS } from "@/lib/dialogue/schema";
import { can } from "@/lib/membership/policy";
import { canSeeHiddenText } from "@/lib/moderation/policy";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dialogue"))("title") };
}

/** A Markdown quote of a reply, to start an answer with. */
function quoteMarkdown(body: string, name: string): string {
  const lines = body.split("\n").map((line) => `> ${line}`);
  return `> **${name}:**\n${lines.join("\n")}\n\n`;
}

export default async function ThreadPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; threadId: string }>;
  searchParams: Promise<{ after?: string; quote?: string }>;
}) {
  const { slug, threadId } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/dialogue/${threadId}`, "thread.read");
  const { after, quote } = await searchParams;
  const data = await loadThreadPage(scope, threadId, { after: decodeCursor(after) });
  if (!data) notFound();
  const [previousVisit, quoted, view] = await Promise.all([
    recordThreadVisit(scope, data.thread.id),
    quote ? findQuotableReply(scope, data.thread.id, quote) : Promise.resolve(null),
    viewNetwork(scope.slug),
  ]);
  const t = await getTranslations("dialogue");
  const tl = await getTranslations("levels");
  const ta = await getTranslations("areas");
  const tm = await getTranslations("moderation");
  const format = await getFormatter();
  const { thread, replies, next, members } = data;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const firstNew = previousVisit
    ? replies.find((r) => r.createdAt > previousVisit && r.authorId !== scope.userId)?.id
    : undefined;
  const open = !thread.lockedAt && !thread.hiddenAt;
  return (
    <div className="space-y-6">
      <p>
        <Link href={`/n/${slug}/dialogue`}>{t("backToList")}</Link>
      </p>
      <article className={`${cardClass} space-y-3`} aria-labelledby="thread-title">
        <h1 id="thread-title" className="text-2xl font-semibold">
          {thread.title}
        </h1>
        <p className="text-sm text-muted">
          {tl(thread.level)} · {ta(thread.area)} · {t("startedBy", { name: thread.authorName ?? t("someone") })} ·{" "}
          {when(thread.createdAt)}
        </p>
        {thread.hiddenAt ? (
          <p role="note" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
            {t("threadHidden", { reason: thread.hiddenReason || t("noReason") })}
          </p>
        ) : null}
        {thread.lockedAt ? (
          <p role="note" className="rounded-md bg-sand px-3 py-2">
            {t("threadLocked", { reason: thread.lockReason || t("noReason") })}
          </p>
        ) : null}
        <Markdown source={thread.body} />
        {can(scope.role, "post.report") && !thread.hiddenAt ? (
          <ReportForm slug={slug} threadId={thread.id} label={tm("reportThread")} />
        ) : null}
        {can(scope.role, "moderation.hide") ? (
          <section aria-label={tm("tools")} className="border-t border-line pt-3">
            <ThreadModeration
              slug={slug}
              threadId={thread.id}
              locked={!!thread.lockedAt}
              pinned={!!thread.pinnedAt}
              hidden={!!thread.hiddenAt}
              level={thread.level}
              area={thread.area}
              levels={LEVELS.map((value) => ({ value, label: tl(value) }))}
              areas={AREAS.map((value) => ({ value, label: ta(value) }))}
            />
          </section>
        ) : null}
      </article>

      <section aria-labelledby="replies-title" className="space-y-3">
        <h2 id="replies-title" className="text-lg font-semibold">
          {t("replies", { count: thread.replyCount })}
        </h2>
        {after ? (
          <p className="text-sm text-muted">
            {t("laterRepliesShown")} <Link href={`/n/${slug}/dialogue/${thread.id}`}>{t("firstReplies")}</Link>
          </p>
        ) : null}
        <ol className="space-y-3">
          {replies.map((reply) => {
            const own = isOwnReply(scope.userId, reply);
            const name = reply.authorName ?? t("someone");
            return (
              <li key={reply.id} id={`reply-${reply.id}`} className="space-y-3">
                {reply.id === firstNew ? (
                  <p id="new-since-last-visit" className="flex items-center gap-3 text-sm font-semibold text-accent-strong">
                    <span className="h-px flex-1 bg-accent" aria-hidden="true" />
                    {t("newSinceLastVisit")}
                    <span className="h-px flex-1 bg-accent" aria-hidden="true" />
                  </p>
                ) : null}
                <article className={`${cardClass} space-y-2`} aria-label={t("replyBy", { name })}>
                  <p className="text-sm text-muted">
                    <span className="font-medium text-ink">{name}</span> · {when(reply.createdAt)}
                    {reply.editedAt && !reply.deletedAt ? <> · {t("edited")}</> : null}
                    {reply.quotedReplyId && !reply.deletedAt ? (
                      <>
                        {" · "}
                        <a href={`#reply-${reply.quotedReplyId}`}>{t("inReplyTo")}</a>
                      </>
                    ) : null}
                  </p>
                  {reply.deletedAt ? (
                    <p className="italic text-muted">{t("replyDeleted")}</p>
                  ) : reply.hiddenAt && !canSeeHiddenText(scope, reply) ? (
                    <p className="italic text-muted">{t("replyHidden", { reason: reply.hiddenReason || t("noReason") })}</p>
                  ) : (
                    <>
                      {reply.hiddenAt ? (
                        <p role="note" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
                          {t("replyHidden", { reason: reply.hiddenReason || t("noReason") })}
                          {reply.authorId === scope.userId ? <> {tm("ownHidden")}</> : null}
                        </p>
                      ) : null}
                      <Markdown source={reply.body} />
                      {reply.revisions.length > 0 ? (
                        <details className="text-sm">
                          <summary className="cursor-pointer text-accent-strong">
                            {t("earlierVersions", { count: reply.revisions.length })}
                          </summary>
                          <ol className="mt-2 space-y-2">
                            {reply.revisions.map((v) => (
                              <li key={v.id} className="rounded-md border border-line p-3">
                                <p className="text-muted">{t("versionOf", { date: when(v.createdAt) })}</p>
                                <Markdown source={v.body} />
                              </li>
                            ))}
                          </ol>
                        </details>
                      ) : null}
                      {reply.hiddenAt ? null : (
                        <Reactions slug={slug} replyId={reply.id} reactions={reply.reactions} label={t("reactionsTo", { name })} />
                      )}
                      <div className="flex flex-wrap items-start gap-2">
                        {open && !reply.hiddenAt ? (
                          <Link
                            href={`/n/${slug}/dialogue/${thread.id}?${new URLSearchParams({ ...(after ? { after } : {}), quote: reply.id })}#composer`}
                            className={buttonClass.quiet}
                            aria-label={t("quoteReplyBy", { name })}
                          >
                            {t("quote")}
                          </Link>
                        ) : null}
                        {own && open && !reply.hiddenAt ? <EditReplyForm slug={slug} replyId={reply.id} body={reply.body} /> : null}
                        {own ? <DeleteReplyForm slug={slug} replyId={reply.id} /> : null}
                        {!reply.hiddenAt && can(scope.role, "post.report") ? (
                          <ReportForm slug={slug} threadId={thread.id} replyId={reply.id} label={tm("reportReply", { name })} />
                        ) : null}
                        {can(scope.role, "moderation.hide") ? (
                          reply.hiddenAt ? (
                            <RestorePostForm post={{ slug, threadId: thread.id, replyId: reply.id }} label={tm("restoreReply")} />
                          ) : (
                            <HidePostForm
                              post={{ slug, threadId: thread.id, replyId: reply.id }}
                              summaryLabel={tm("hideReply")}
                              submit={tm("hideReply")}
                            />
                          )
                        ) : null}
                      </div>
                    </>
                  )}
                </article>
              </li>
            );
          })}
        </ol>
        {next ? (
          <Link href={`/n/${slug}/dialogue/${thread.id}?after=${next}`} className={buttonClass.secondary}>
            {t("laterReplies")}
          </Link>
        ) : null}
      </section>

      <section aria-labelledby="reply-title" className={`${cardClass} space-y-4`}>
        <h2 id="reply-title" className="text-lg font-semibold">
          {t("replyTitle")}
        </h2>
        {open ? (
          <>
            {view ? <PrinciplesReminder principles={view.network.principles} lang={view.network.locale} /> : null}
            <ReplyComposer
              key={quoted?.id ?? "new"}
              slug={slug}
              threadId={thread.id}
              idempotencyKey={randomUUID().replaceAll("-", "")}
              members={members}
              initialBody={quoted ? quoteMarkdown(quoted.body, quoted.authorName ?? t("someone")) : ""}
              quotedReplyId={quoted?.id ?? ""}
            />
          </>
        ) : (
          <p>{thread.hiddenAt ? t("noRepliesHidden") : t("noRepliesLocked")}</p>
        )}
      </section>
      <LiveThread url={`/n/${slug}/dialogue/${thread.id}/live`} />
    </div>
  );
}
