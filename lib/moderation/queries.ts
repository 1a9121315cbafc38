import "server-only";
import { db } from "@/lib/db/client";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { plainExcerpt } from "@/lib/markdown/text";
import type { NetworkScope } from "@/lib/membership/scope";
import { EXCERPT_MAX, REPORTS_PAGE_SIZE } from "./schema";

/**
 * A short plain-text excerpt of a post for the queue: the words of its rendered Markdown (from the
 * stored HTML when given), no Markdown syntax and no HTML from the source; shown as text (decision 033).
 */
export function excerpt(body: string, max = EXCERPT_MAX, bodyHtml?: string | null): string {
  return plainExcerpt(body, max, bodyHtml);
}

/**
 * The review queue: open reports, oldest first, keyset-paged on (createdAt, id), each with
 * its post's excerpt and state, who reported and why. Two queries whatever the queue's length.
 */
export async function listOpenReports(scope: NetworkScope, opts: { after?: Cursor; take?: number } = {}) {
  const take = opts.take ?? REPORTS_PAGE_SIZE;
  const after = opts.after;
  const rows = await db(scope).report.findMany({
    where: {
      networkId: scope.networkId,
      status: "open",
      ...(after ? { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: take + 1,
    select: {
      id: true,
      reason: true,
      createdAt: true,
      reporterId: true,
      threadId: true,
      replyId: true,
      thread: { select: { title: true, body: true, bodyHtml: true, authorId: true, hiddenAt: true, hiddenReason: true } },
      reply: { select: { body: true, bodyHtml: true, authorId: true, hiddenAt: true, hiddenReason: true, deletedAt: true } },
    },
  });
  const page = rows.slice(0, take);
  const userIds = [
    ...new Set(
      page.flatMap((r) => [r.reporterId, r.reply ? r.reply.authorId : r.thread.authorId]).filter((x): x is string => !!x),
    ),
  ];
  const users = userIds.length
    ? await db(scope).user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })
    : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name || u.email]));
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const post = r.reply ?? r.thread;
      return {
        id: r.id,
        reason: r.reason,
        createdAt: r.createdAt,
        threadId: r.threadId,
        replyId: r.replyId,
        title: r.thread.title,
        excerpt: excerpt(post.body, EXCERPT_MAX, post.bodyHtml),
        hiddenAt: post.hiddenAt,
        hiddenReason: post.hiddenReason,
        deleted: r.reply?.deletedAt != null,
        reporterName: r.reporterId ? (nameOf.get(r.reporterId) ?? null) : null,
        authorName: post.authorId ? (nameOf.get(post.authorId) ?? null) : null,
      };
    }),
    next: page.length < rows.length && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
