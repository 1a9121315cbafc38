import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { publishThreadEvent } from "@/lib/live/mutations";
import { renderMarkdown } from "@/lib/markdown/render";
import type { NetworkScope } from "@/lib/membership/scope";
import { notifyMentioned, notifyReplyCreated } from "@/lib/notifications/mutations";
import { indexReply, indexThread } from "@/lib/search/mutations";
import { emitWebhookEvent } from "@/lib/webhooks/mutations";
import { assertOwnReply, assertOwnThread, assertThreadOpen } from "./policy";
import type { Area, Level, ReactionKind } from "./schema";

/**
 * Runs a create that carries an idempotency key. A second submit with the same key
 * (double click, retry after a timeout) finds the first record instead of making
 * another; when both race, the unique index on (network, author, key) decides and
 * the loser's transaction rolls back whole, so counters move once.
 */
async function once<T>(create: () => Promise<T>, existing: () => Promise<T | null>): Promise<T> {
  const found = await existing();
  if (found) return found;
  try {
    return await create();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await existing();
    if (!winner) throw error;
    return winner;
  }
}

export async function createThread(
  scope: NetworkScope,
  input: { title: string; body: string; level: Level; area: Area; idempotencyKey: string },
) {
  const key = { networkId: scope.networkId, authorId: scope.userId, idempotencyKey: input.idempotencyKey };
  return once(
    () =>
      db(scope).$transaction(async (tx) => {
        const now = new Date();
        const thread = await tx.thread.create({
          data: {
            ...key,
            title: input.title,
            body: input.body,
            bodyHtml: renderMarkdown(input.body),
            level: input.level,
            area: input.area,
            lastActivityAt: now,
          },
          select: { id: true },
        });
        await indexThread(tx, scope.networkId, thread.id);
        await markRead(tx, scope, thread.id, now);
        return thread;
      }),
    () => db(scope).thread.findFirst({ where: key, select: { id: true } }),
  );
}

async function markRead(tx: Tx, scope: NetworkScope, threadId: string, at: Date) {
  await tx.threadRead.upsert({
    where: { networkId_threadId_userId: { networkId: scope.networkId, threadId, userId: scope.userId } },
    create: { networkId: scope.networkId, threadId, userId: scope.userId, lastReadAt: at },
    update: { lastReadAt: at },
  });
}

/** Whether `@name` stands in the text as a whole name (not the start of a longer one). */
function names(body: string, name: string | null): boolean {
  if (!name) return false;
  const tag = `@${name}`;
  for (let at = body.indexOf(tag); at !== -1; at = body.indexOf(tag, at + 1)) {
    const next = body.slice(at + tag.length, at + tag.length + 2);
    if (!/^[\p{L}\p{N}]/u.test(next)) return true;
  }
  return false;
}

/**
 * Mentions are kept only for active members of this network whose `@Name` is in
 * the text, so a crafted form cannot notify strangers or people not named. With
 * `ids`, only those members are candidates (the ones picked in the autocomplete);
 * without, every active member is (an edit re-reads the text).
 */
async function mentionTargets(tx: Tx, scope: NetworkScope, body: string, ids?: string[]) {
  if (ids && ids.length === 0) return [];
  const rows = await tx.membership.findMany({
    where: { networkId: scope.networkId, status: "active", ...(ids ? { userId: { in: ids } } : {}) },
    select: { userId: true, user: { select: { name: true } } },
  });
  return rows.filter((m) => names(body, m.user.name)).map((m) => m.userId);
}

/** The thread a reply goes to, locked while the reply is written. */
type LockedThreadRow = { id: string; lockedAt: Date | null; hiddenAt: Date | null };

export async function createReply(
  scope: NetworkScope,
  input: { threadId: string; body: string; quotedReplyId: string | null; mentions: string[]; idempotencyKey: string },
) {
  const key = { networkId: scope.networkId, authorId: scope.userId, idempotencyKey: input.idempotencyKey };
  return once(
    () =>
      db(scope).$transaction(async (tx) => {
        // Locks the thread's row: replies to one thread count up one at a time.
        const locked = await tx.$queryRaw<LockedThreadRow[]>`
          SELECT id, "lockedAt", "hiddenAt" FROM "Thread"
          WHERE id = ${input.threadId} AND "networkId" = ${scope.networkId} FOR UPDATE`;
        const thread = locked[0];
        if (!thread) throw new AppError("not_found");
        assertThreadOpen(thread);
        if (input.quotedReplyId) {
          const quoted = await tx.reply.findFirst({
            where: { networkId: scope.networkId, threadId: thread.id, id: input.quotedReplyId },
            select: { id: true },
          });
          if (!quoted) throw new AppError("not_found");
        }
        const now = new Date();
        const reply = await tx.reply.create({
          data: {
            ...key,
            threadId: thread.id,
            body: input.body,
            bodyHtml: renderMarkdown(input.body),
            quotedReplyId: input.quotedReplyId,
            createdAt: now,
          },
          select: { id: true, threadId: true },
        });
        await indexReply(tx, scope.networkId, reply.id);
        const mentioned = await mentionTargets(tx, scope, input.body, input.mentions);
        if (mentioned.length) {
          await tx.mention.createMany({
            data: mentioned.map((userId) => ({ networkId: scope.networkId, replyId: reply.id, userId })),
            skipDuplicates: true,
          });
        }
        await notifyReplyCreated(tx, scope, reply, mentioned);
        await tx.thread.update({
          where: { id: thread.id, networkId: scope.networkId },
          data: { replyCount: { increment: 1 }, lastActivityAt: now },
        });
        await markRead(tx, scope, thread.id, now);
        await publishThreadEvent(tx, {
          networkId: scope.networkId,
          threadId: thread.id,
          kind: "reply.created",
          replyId: reply.id,
        });
        // A reply in a hidden thread is not there for a member, so not for a webhook either.
        if (!thread.hiddenAt) {
          await emitWebhookEvent(tx, scope.networkId, "reply_created", {
            network: scope.slug,
            reply: { id: reply.id, threadId: thread.id, quotedReplyId: input.quotedReplyId, createdAt: now.toISOString() },
          }, now);
        }
        return reply;
      }),
    () => db(scope).reply.findFirst({ where: key, select: { id: true, threadId: true } }),
  );
}

/** A reply with its thread's state, as lockReply reads it. */
type LockedReplyRow = {
  id: string;
  threadId: string;
  authorId: string | null;
  body: string;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  threadLockedAt: Date | null;
  threadHiddenAt: Date | null;
};

/** Loads a reply with its thread's state, locked for the rest of the transaction. */
async function lockReply(tx: Tx, scope: NetworkScope, replyId: string) {
  const rows = await tx.$queryRaw<LockedReplyRow[]>`
    SELECT r.id, r."threadId", r."authorId", r.body, r."deletedAt", r."hiddenAt",
           t."lockedAt" AS "threadLockedAt", t."hiddenAt" AS "threadHiddenAt"
    FROM "Reply" r JOIN "Thread" t ON t.id = r."threadId" AND t."networkId" = r."networkId"
    WHERE r.id = ${replyId} AND r."networkId" = ${scope.networkId}
    FOR UPDATE OF r`;
  const reply = rows[0];
  if (!reply) throw new AppError("not_found");
  return reply;
}

/**
 * The author edits a reply: the earlier text becomes a revision, the reply is marked
 * edited, and its mentions follow the new text: people newly named are mentioned (and
 * notified, once), people no longer named are no longer mentioned.
 */
export async function editReply(scope: NetworkScope, input: { replyId: string; body: string }) {
  return db(scope).$transaction(async (tx) => {
    const reply = await lockReply(tx, scope, input.replyId);
    assertOwnReply(scope, reply);
    assertThreadOpen({ lockedAt: reply.threadLockedAt, hiddenAt: reply.threadHiddenAt });
    // A broker hid it first: the edit is refused, the hidden state and its reason stay.
    if (reply.hiddenAt) throw new AppError("post_hidden");
    if (reply.body === input.body) return { id: reply.id, threadId: reply.threadId };
    await tx.replyRevision.create({ data: { networkId: scope.networkId, replyId: reply.id, body: reply.body } });
    await tx.reply.update({
      where: { id: reply.id, networkId: scope.networkId },
      data: { body: input.body, bodyHtml: renderMarkdown(input.body), editedAt: new Date() },
    });
    await indexReply(tx, scope.networkId, reply.id);
    const now = await mentionTargets(tx, scope, input.body);
    const before = await tx.mention.findMany({
      where: { networkId: scope.networkId, replyId: reply.id },
      select: { userId: true },
    });
    const added = now.filter((id) => !before.some((m) => m.userId === id));
    await tx.mention.deleteMany({ where: { networkId: scope.networkId, replyId: reply.id, userId: { notIn: now } } });
    if (added.length) {
      await tx.mention.createMany({
        data: added.map((userId) => ({ networkId: scope.networkId, replyId: reply.id, userId })),
        skipDuplicates: true,
      });
      await notifyMentioned(tx, scope, { id: reply.id, threadId: reply.threadId }, added);
    }
    await publishThreadEvent(tx, { networkId: scope.networkId, threadId: reply.threadId, kind: "reply.updated", replyId: reply.id });
    return { id: reply.id, threadId: reply.threadId };
  });
}

/** A thread as editThread reads it, locked. */
type EditedThreadRow = { id: string; authorId: string | null; title: string; body: string; lockedAt: Date | null; hiddenAt: Date | null };

/**
 * The author edits a thread's title and body: the earlier ones become a revision
 * (everyone who reads the thread can), the thread is marked edited and re-indexed. Like a reply,
 * a thread a broker hid or locked cannot be edited.
 */
export async function editThread(scope: NetworkScope, input: { threadId: string; title: string; body: string }) {
  return db(scope).$transaction(async (tx) => {
    const rows = await tx.$queryRaw<EditedThreadRow[]>`
      SELECT id, "authorId", title, body, "lockedAt", "hiddenAt" FROM "Thread"
      WHERE id = ${input.threadId} AND "networkId" = ${scope.networkId}
      FOR UPDATE`;
    const thread = rows[0];
    if (!thread) throw new AppError("not_found");
    assertOwnThread(scope, thread);
    if (thread.hiddenAt) throw new AppError("post_hidden");
    assertThreadOpen(thread);
    if (thread.title === input.title && thread.body === input.body) return { id: thread.id };
    await tx.threadRevision.create({
      data: { networkId: scope.networkId, threadId: thread.id, title: thread.title, body: thread.body },
    });
    await tx.thread.update({
      where: { id: thread.id, networkId: scope.networkId },
      data: { title: input.title, body: input.body, bodyHtml: renderMarkdown(input.body), editedAt: new Date() },
    });
    await indexThread(tx, scope.networkId, thread.id);
    await publishThreadEvent(tx, { networkId: scope.networkId, threadId: thread.id, kind: "thread.updated" });
    return { id: thread.id };
  });
}

/** The author deletes a reply: it stays as a tombstone so the conversation still reads. */
export async function deleteReply(scope: NetworkScope, input: { replyId: string }) {
  return db(scope).$transaction(async (tx) => {
    const reply = await lockReply(tx, scope, input.replyId);
    assertOwnReply(scope, reply);
    await tx.reply.update({
      where: { id: reply.id, networkId: scope.networkId },
      data: { deletedAt: new Date() },
    });
    await tx.thread.update({
      where: { id: reply.threadId, networkId: scope.networkId },
      data: { replyCount: { decrement: 1 } },
    });
    await publishThreadEvent(tx, { networkId: scope.networkId, threadId: reply.threadId, kind: "reply.updated", replyId: reply.id });
    return { id: reply.id, threadId: reply.threadId };
  });
}

/** Adds the viewer's reaction of one kind to a reply, or takes it back. Returns whether it is on now. */
export async function toggleReaction(scope: NetworkScope, input: { replyId: string; kind: ReactionKind }) {
  return db(scope).$transaction(async (tx) => {
    const reply = await lockReply(tx, scope, input.replyId);
    if (reply.deletedAt) throw new AppError("reply_deleted");
    if (reply.hiddenAt) throw new AppError("forbidden");
    assertThreadOpen({ lockedAt: reply.threadLockedAt, hiddenAt: reply.threadHiddenAt });
    const pk = { networkId: scope.networkId, replyId: reply.id, userId: scope.userId, kind: input.kind };
    const removed = await tx.reaction.deleteMany({ where: pk });
    if (removed.count === 0) await tx.reaction.create({ data: pk });
    return { on: removed.count === 0, threadId: reply.threadId };
  });
}

type PreviousVisitRow = { previous: Date | null };

/**
 * Records that the viewer opened a thread and returns when they had last read it
 * before (null on a first visit): one statement, so the page's query count stays fixed.
 */
export async function recordThreadVisit(scope: NetworkScope, threadId: string): Promise<Date | null> {
  const rows = await db(scope).$queryRaw<PreviousVisitRow[]>`
    WITH previous AS (
      SELECT "lastReadAt" FROM "ThreadRead"
      WHERE "networkId" = ${scope.networkId} AND "threadId" = ${threadId} AND "userId" = ${scope.userId}
    )
    INSERT INTO "ThreadRead" ("networkId", "threadId", "userId", "lastReadAt")
    VALUES (${scope.networkId}, ${threadId}, ${scope.userId}, ${new Date()})
    ON CONFLICT ("networkId", "threadId", "userId") DO UPDATE SET "lastReadAt" = EXCLUDED."lastReadAt"
    RETURNING (SELECT "lastReadAt" FROM previous) AS previous`;
  return rows[0]?.previous ?? null;
}

