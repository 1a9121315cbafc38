import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { PrinciplesReminder } from "@/components/dialogue/principles-reminder";
import { ReplyList } from "@/components/dialogue/reply-list";
import { toReplyView } from "@/components/dialogue/reply-view";
import { EditThreadForm, ThreadModeration } from "@/components/dialogue/on-demand";
import { HarvestMentions } from "@/components/harvests/harvest-mentions";
import { LiveThread } from "@/components/dialogue/live-thread";
import { ReplyComposer } from "@/components/dialogue/reply-composer";
import { ReportForm } from "@/components/moderation/report-form";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { recordThreadVisit } from "@/lib/dialogue/mutations";
import { isOwnReply, isOwnThread, visitChangesSomething } from "@/lib/dialogue/policy";
import { findQuotableReply, loadThreadPage } from "@/lib/dialogue/queries";
import { decodeCursor } from "@/lib/cursor";
import { AREAS, LEVELS } from "@/lib/dialogue/schema";
import { renderMarkdown, shownHtml } from "@/lib/markdown/render";
import { can } from "@/lib/membership/policy";
import { canSeeHiddenText } from "@/lib/moderation/policy";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { ClientMessages } from "@/components/i18n/client-messages";

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
  const t = await getTranslations("dialogue");
  if (!data.visible) {
    // Hidden by a broker: others see that it was, and why, but not what it said.
    return (
      <ClientMessages namespaces={["areas", "dialogue", "levels", "moderation", "reactions"]}>
        <div className="space-y-6">
          <p>
            <Link href={`/n/${slug}/dialogue`}>{t("backToList")}</Link>
          </p>
          <article className={`${cardClass} space-y-3`} aria-labelledby="thread-title">
            <h1 id="thread-title" className="text-2xl font-semibold">
              {t("hiddenThreadTitle")}
            </h1>
            <p role="note" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
              {t("threadHidden", { reason: data.thread.hiddenReason || t("noReason") })}
            </p>
          </article>
          <LiveThread url={`/n/${slug}/dialogue/${data.thread.id}/live`} />
        </div>
      </ClientMessages>
    );
  }
  // Where the viewer left off; the visit is written only when it changes something.
  const previousVisit = data.lastReadAt;
  const [, quoted, view] = await Promise.all([
    visitChangesSomething(previousVisit, data.thread.lastActivityAt) ? recordThreadVisit(scope, data.thread.id) : null,
    quote ? findQuotableReply(scope, data.thread.id, quote) : Promise.resolve(null),
    viewNetwork(scope.slug),
  ]);
  const tl = await getTranslations("levels");
  const ta = await getTranslations("areas");
  // A stored body the renderer could not make anything of shows as a notice (decision 027).
  const unrenderable = (await getTranslations("markdown"))("unrenderable");
  const tm = await getTranslations("moderation");
  // One formatter for the page's many dates, in the viewer's language and time zone.
  const dateFormat = new Intl.DateTimeFormat(await getLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: await getTimeZone(),
  });
  const { thread, replies, next } = data;
  const when = (d: Date) => dateFormat.format(d);
  const firstNew = previousVisit
    ? replies.find((r) => r.createdAt > previousVisit && r.authorId !== scope.userId)?.id
    : undefined;
  const open = !thread.lockedAt && !thread.hiddenAt;
  return (
    <ClientMessages namespaces={["areas", "dialogue", "levels", "moderation", "reactions"]}>
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
            {thread.editedAt ? <> · {t("edited")}</> : null}
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
          <Markdown html={thread.bodyHtml} />
          <HarvestMentions slug={slug} mentions={thread.harvests} kind="from" />
          {thread.revisions.length > 0 ? (
            <details className="text-sm">
              <summary className="cursor-pointer text-accent-strong">
                {t("earlierVersions", { count: thread.revisions.length })}
              </summary>
              <ol className="mt-2 space-y-2">
                {thread.revisions.map((v) => (
                  <li key={v.id} className="rounded-md border border-line p-3">
                    <p className="text-muted">{t("versionOf", { date: when(v.createdAt) })}</p>
                    <p className="font-semibold">{v.title}</p>
                    <Markdown source={v.body} />
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
          <div className="flex flex-wrap items-start gap-2">
            {isOwnThread(scope.userId, thread) && open ? (
              <EditThreadForm slug={slug} threadId={thread.id} title={thread.title} body={thread.body} />
            ) : null}
            {can(scope.role, "post.report") && !thread.hiddenAt ? (
              <ReportForm slug={slug} threadId={thread.id} label={tm("reportThread")} />
            ) : null}
          </div>
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
          <ReplyList
            slug={slug}
            threadId={thread.id}
            replies={replies.map((reply) =>
              toReplyView({ ...reply, bodyHtml: shownHtml(reply.bodyHtml, unrenderable) }, {
                someone: t("someone"),
                own: isOwnReply(scope.userId, reply),
                concealed: reply.hiddenAt !== null && !canSeeHiddenText(scope, reply),
                when,
                render: (source) => shownHtml(renderMarkdown(source), unrenderable),
              }),
            )}
            firstNewId={firstNew ?? null}
            open={open}
            canReport={can(scope.role, "post.report")}
            canModerate={can(scope.role, "moderation.hide")}
            after={after ?? null}
          />
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
                membersUrl={`/n/${slug}/dialogue/mentionable`}
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
    </ClientMessages>
  );
}
