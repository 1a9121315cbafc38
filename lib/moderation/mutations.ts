import "server-only";
import { recordAudit, type AuditAction } from "@/lib/audit/mutations";
import { db, type Tx } from "@/lib/db/client";
import type { Area, Level } from "@/lib/dialogue/schema";
import { canSeeThread } from "@/lib/dialogue/policy";
import { AppError } from "@/lib/errors";
import { publishThreadEvent } from "@/lib/live/mutations";
import type { NetworkScope } from "@/lib/membership/scope";
import { notifyModeration } from "@/lib/notifications/mutations";
import type { ModerationAct } from "@/lib/notifications/schema";
import { assertReportable, assertReportOpen } from "./policy";
import type { PostRef } from "./schema";

type LockedThread = {
  id: string;
  authorId: string | null;
  title: string;
  level: Level;
  area: Area;
  pinnedAt: Date | null;
  lockedAt: Date | null;
  lockReason: string;
  hiddenAt: Date | null;
  hiddenReason: string;
};

/** Loads a thread of this network, locked for the rest of the transaction. */
async function lockThreadRow(tx: Tx, scope: NetworkScope, threadId: string): Promise<LockedThread> {
  const rows = await tx.$queryRaw<LockedThread[]>`
    SELECT id, "authorId", title, level::text AS level, area::text AS area, "pinnedAt",
           "lockedAt", "lockReason", "hiddenAt", "hiddenReason"
    FROM "Thread"
    WHERE id = ${threadId} AND "networkId" = ${scope.networkId}
    FOR UPDATE`;
  const thread = rows[0];
  if (!thread) throw new AppError("not_found");
  return thread;
}

type LockedPost = {
  threadId: string;
  replyId: string | null;
  authorId: string | null;
  title: string;
  threadAuthorId: string | null;
  threadHiddenAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string;
  deletedAt: Date | null;
};

/**
 * Loads a post (a thread, or a reply of that thread) of this network and locks its row,
 * so a hide, an edit and a report of the same post take turns.
 */
async function lockPost(tx: Tx, scope: NetworkScope, ref: PostRef): Promise<LockedPost> {
  if (!ref.replyId) {
    const t = await lockThreadRow(tx, scope, ref.threadId);
    return {
      threadId: t.id,
      replyId: null,
      authorId: t.authorId,
      title: t.title,
      threadAuthorId: t.authorId,
      threadHiddenAt: t.hiddenAt,
      hiddenAt: t.hiddenAt,
      hiddenReason: t.hiddenReason,
      deletedAt: null,
    };
  }
  const rows = await tx.$queryRaw<LockedPost[]>`
    SELECT r."threadId", r.id AS "replyId", r."authorId", t.title, t."authorId" AS "threadAuthorId",
           t."hiddenAt" AS "threadHiddenAt", r."hiddenAt", r."hiddenReason", r."deletedAt"
    FROM "Reply" r JOIN "Thread" t ON t.id = r."threadId" AND t."networkId" = r."networkId"
    WHERE r.id = ${ref.replyId} AND r."threadId" = ${ref.threadId} AND r."networkId" = ${scope.networkId}
    FOR UPDATE OF r`;
  const post = rows[0];
  if (!post) throw new AppError("not_found");
  return post;
}

/** Tells the post's author that a broker hid or restored it (see lib/notifications/mutations.ts). */
async function notifyPostAuthor(tx: Tx, scope: NetworkScope, post: LockedPost, act: ModerationAct, at: Date) {
  await notifyModeration(tx, scope, {
    act,
    authorId: post.authorId,
    threadId: post.threadId,
    replyId: post.replyId,
    threadAuthorId: post.threadAuthorId,
    threadHiddenAt: post.replyId ? post.threadHiddenAt : null,
    at,
  });
}

/** Open pages of the thread re-render: the hidden post turns into its notice (or back). */
async function publishPostChange(tx: Tx, scope: NetworkScope, post: LockedPost) {
  await publishThreadEvent(tx, {
    networkId: scope.networkId,
    threadId: post.threadId,
    ...(post.replyId ? { kind: "reply.updated", replyId: post.replyId } : { kind: "thread.updated" }),
  });
}

function postDetail(post: LockedPost) {
  return { threadId: post.threadId, ...(post.replyId ? { replyId: post.replyId } : {}), title: post.title };
}

/**
 * A member reports a post with a reason. One open report per person and post: a second
 * one is refused (`already_reported`) until a broker has decided on the first. The post's
 * row is locked, so two reports sent at once cannot both pass that check.
 */
export async function reportPost(scope: NetworkScope, input: PostRef & { reason: string }) {
  return db(scope).$transaction(async (tx) => {
    const post = await lockPost(tx, scope, input);
    if (!canSeeThread(scope, { authorId: post.threadAuthorId, hiddenAt: post.threadHiddenAt, lockedAt: null })) {
      throw new AppError("not_found");
    }
    assertReportable(post);
    const open = await tx.report.findFirst({
      where: {
        networkId: scope.networkId,
        threadId: post.threadId,
        replyId: post.replyId,
        reporterId: scope.userId,
        status: "open",
      },
      select: { id: true },
    });
    if (open) throw new AppError("already_reported");
    return tx.report.create({
      data: {
        networkId: scope.networkId,
        threadId: post.threadId,
        replyId: post.replyId,
        reporterId: scope.userId,
        reason: input.reason,
      },
      select: { id: true, threadId: true },
    });
  });
}

/** Closes the post's open reports as resolved by this broker; returns how many. */
async function resolveReports(tx: Tx, scope: NetworkScope, post: LockedPost, at: Date) {
  const { count } = await tx.report.updateMany({
    where: { networkId: scope.networkId, threadId: post.threadId, replyId: post.replyId, status: "open" },
    data: { status: "resolved", resolvedById: scope.userId, resolvedAt: at },
  });
  return count;
}

/**
 * A broker hides a post with a reason: everyone else sees a notice with the reason, its
 * author still sees the text with the notice. The post's open reports are resolved.
 * Hiding a post that is already hidden is refused (`post_hidden`); its reason stays.
 */
export async function hidePost(scope: NetworkScope, input: PostRef & { reason: string }) {
  return db(scope).$transaction(async (tx) => {
    const post = await lockPost(tx, scope, input);
    if (post.deletedAt) throw new AppError("reply_deleted");
    if (post.hiddenAt) throw new AppError("post_hidden");
    const now = new Date();
    const data = { hiddenAt: now, hiddenReason: input.reason };
    if (post.replyId) await tx.reply.update({ where: { id: post.replyId, networkId: scope.networkId }, data });
    else await tx.thread.update({ where: { id: post.threadId, networkId: scope.networkId }, data });
    const resolved = await resolveReports(tx, scope, post, now);
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: post.replyId ? "reply.hidden" : "thread.hidden",
      subjectUserId: post.authorId,
      detail: { ...postDetail(post), reason: input.reason, resolvedReports: resolved },
    });
    await notifyPostAuthor(tx, scope, post, "hide", now);
    await publishPostChange(tx, scope, post);
    return { threadId: post.threadId };
  });
}

/** A broker restores a hidden post. Restoring a post that is not hidden changes nothing. */
export async function restorePost(scope: NetworkScope, input: PostRef) {
  return db(scope).$transaction(async (tx) => {
    const post = await lockPost(tx, scope, input);
    if (!post.hiddenAt) return { threadId: post.threadId };
    const data = { hiddenAt: null, hiddenReason: "" };
    if (post.replyId) await tx.reply.update({ where: { id: post.replyId, networkId: scope.networkId }, data });
    else await tx.thread.update({ where: { id: post.threadId, networkId: scope.networkId }, data });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: post.replyId ? "reply.restored" : "thread.restored",
      subjectUserId: post.authorId,
      detail: { ...postDetail(post), reason: post.hiddenReason },
    });
    await notifyPostAuthor(tx, scope, post, "restore", new Date());
    await publishPostChange(tx, scope, post);
    return { threadId: post.threadId };
  });
}

/** A report as dismissReport reads it, locked. */
type LockedReportRow = { id: string; status: string; threadId: string; replyId: string | null; reporterId: string | null; reason: string };

/** A broker dismisses one open report: the post stays as it is. */
export async function dismissReport(scope: NetworkScope, input: { reportId: string }) {
  return db(scope).$transaction(async (tx) => {
    const rows = await tx.$queryRaw<LockedReportRow[]>`
      SELECT id, status::text AS status, "threadId", "replyId", "reporterId", reason FROM "Report"
      WHERE id = ${input.reportId} AND "networkId" = ${scope.networkId}
      FOR UPDATE`;
    const report = rows[0];
    if (!report) throw new AppError("not_found");
    assertReportOpen(report);
    await tx.report.update({
      where: { id: report.id, networkId: scope.networkId },
      data: { status: "dismissed", resolvedById: scope.userId, resolvedAt: new Date() },
    });
    const thread = await tx.thread.findFirst({
      where: { id: report.threadId, networkId: scope.networkId },
      select: { title: true },
    });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "report.dismissed",
      subjectUserId: report.reporterId,
      detail: {
        reportId: report.id,
        threadId: report.threadId,
        ...(report.replyId ? { replyId: report.replyId } : {}),
        title: thread?.title ?? "",
        reason: report.reason,
      },
    });
    return { threadId: report.threadId };
  });
}

/** Runs one change to a thread's moderation state under its row lock, with its audit entry. */
async function changeThread(
  scope: NetworkScope,
  threadId: string,
  decide: (thread: LockedThread) => { data: Record<string, unknown>; action: AuditAction; detail: Record<string, string> } | null,
) {
  return db(scope).$transaction(async (tx) => {
    const thread = await lockThreadRow(tx, scope, threadId);
    const change = decide(thread);
    if (!change) return { threadId: thread.id };
    await tx.thread.update({ where: { id: thread.id, networkId: scope.networkId }, data: change.data });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: change.action,
      subjectUserId: thread.authorId,
      detail: { threadId: thread.id, title: thread.title, ...change.detail },
    });
    await publishThreadEvent(tx, { networkId: scope.networkId, threadId: thread.id, kind: "thread.updated" });
    if (change.action === "thread.locked") {
      await notifyModeration(tx, scope, {
        act: "lock",
        authorId: thread.authorId,
        threadId: thread.id,
        replyId: null,
        threadAuthorId: thread.authorId,
        threadHiddenAt: thread.hiddenAt,
        at: new Date(),
      });
    }
    return { threadId: thread.id };
  });
}

/** Locks a thread with a reason: it takes no new replies. Locking a locked thread is refused. */
export async function lockThread(scope: NetworkScope, input: { threadId: string; reason: string }) {
  return changeThread(scope, input.threadId, (thread) => {
    if (thread.lockedAt) throw new AppError("thread_locked");
    return {
      data: { lockedAt: new Date(), lockReason: input.reason },
      action: "thread.locked",
      detail: { reason: input.reason },
    };
  });
}

export async function unlockThread(scope: NetworkScope, input: { threadId: string }) {
  return changeThread(scope, input.threadId, (thread) =>
    thread.lockedAt
      ? { data: { lockedAt: null, lockReason: "" }, action: "thread.unlocked", detail: { reason: thread.lockReason } }
      : null,
  );
}

export async function pinThread(scope: NetworkScope, input: { threadId: string }) {
  return changeThread(scope, input.threadId, (thread) =>
    thread.pinnedAt ? null : { data: { pinnedAt: new Date() }, action: "thread.pinned", detail: {} },
  );
}

export async function unpinThread(scope: NetworkScope, input: { threadId: string }) {
  return changeThread(scope, input.threadId, (thread) =>
    thread.pinnedAt ? { data: { pinnedAt: null }, action: "thread.unpinned", detail: {} } : null,
  );
}

/** Moves a thread to another level and/or area. Moving it where it already is changes nothing. */
export async function moveThread(scope: NetworkScope, input: { threadId: string; level: Level; area: Area }) {
  return changeThread(scope, input.threadId, (thread) =>
    thread.level === input.level && thread.area === input.area
      ? null
      : {
          data: { level: input.level, area: input.area },
          action: "thread.moved",
          detail: { fromLevel: thread.level, fromArea: thread.area, toLevel: input.level, toArea: input.area },
        },
  );
}
