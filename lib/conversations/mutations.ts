import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { ExchangeStatus, Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { renderMarkdown } from "@/lib/markdown/render";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { isParty, otherParty, startRefusal } from "./policy";

/**
 * Writes of the exchange's private conversations (decision 039). A conversation is one post's
 * author and one member who answered it; every message carries the sender's idempotency key, so a
 * double submit (or a retry after a timeout) sends one message. Starting takes the post's row lock,
 * so one person's two starts on one post make one conversation; sending takes the conversation's,
 * so messages and their notifications take turns.
 */

/**
 * Runs a write that carries an idempotency key: a second submit with the same key finds the first
 * message instead of sending another; when both race, the unique index on (network, sender, key)
 * decides and the loser's transaction rolls back whole.
 */
async function once<T>(write: () => Promise<T>, existing: () => Promise<T | null>): Promise<T> {
  const found = await existing();
  if (found) return found;
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await existing();
    if (!winner) throw error;
    return winner;
  }
}

type Sent = { conversationId: string; messageId: string; postId: string };

/** The message a key already sent, with its conversation. */
async function sentWithKey(scope: NetworkScope, idempotencyKey: string): Promise<Sent | null> {
  const found = await db(scope).exchangeMessage.findFirst({
    where: { networkId: scope.networkId, senderId: scope.userId, idempotencyKey },
    select: { id: true, conversationId: true, conversation: { select: { postId: true } } },
  });
  return found ? { conversationId: found.conversationId, messageId: found.id, postId: found.conversation.postId } : null;
}

/** Writes a message, moves the conversation's latest time, and reads the sender's own news of it. */
async function writeMessage(tx: Tx, scope: NetworkScope, conversationId: string, input: { body: string; idempotencyKey: string }, now: Date) {
  const message = await tx.exchangeMessage.create({
    data: {
      networkId: scope.networkId,
      conversationId,
      senderId: scope.userId,
      body: input.body,
      bodyHtml: renderMarkdown(input.body),
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
    },
    select: { id: true },
  });
  await tx.exchangeConversation.update({ where: { id: conversationId, networkId: scope.networkId }, data: { lastMessageAt: now } });
  // Answering is reading: the sender's unread notifications of this conversation are read, so the
  // next message the other person sends notifies them again (see notifyMessage).
  await tx.notification.updateMany({
    where: { networkId: scope.networkId, userId: scope.userId, conversationId, readAt: null },
    data: { readAt: now },
  });
  return message;
}

// ---------------------------------------------------------------- notifications

/** Whether `userId` is an active member of the network who may still converse. */
function mayHear(role: Role | null) {
  return role !== null && can(role, "exchange.converse");
}

/**
 * A conversation started: the post's author hears of it once (`exchange-answered:<conversationId>`),
 * unless they are no longer an active broker or member.
 */
async function notifyAnswered(tx: Tx, scope: NetworkScope, input: { postId: string; conversationId: string; authorId: string | null; authorRole: Role | null }) {
  if (!input.authorId || !mayHear(input.authorRole)) return;
  await tx.notification.createMany({
    data: [
      {
        networkId: scope.networkId,
        userId: input.authorId,
        kind: "exchange_answered",
        actorId: scope.userId,
        exchangePostId: input.postId,
        conversationId: input.conversationId,
        dedupeKey: `exchange-answered:${input.conversationId}`,
      },
    ],
    skipDuplicates: true,
  });
}

/**
 * A message: the other person hears of it (`exchange-message:<messageId>`), at most one unread
 * notification per conversation at a time. While one about this conversation (its start, or an
 * earlier message) is still unread, a new message adds nothing: the unread one already leads to
 * the conversation, and a busy conversation does not fill the centre or the mail. Reading it, or
 * answering in the conversation, lets the next message notify again.
 */
async function notifyMessage(
  tx: Tx,
  scope: NetworkScope,
  input: { postId: string; conversationId: string; messageId: string; recipientId: string | null; recipientRole: Role | null },
) {
  if (!input.recipientId || !mayHear(input.recipientRole)) return;
  const unread = await tx.notification.findFirst({
    where: {
      networkId: scope.networkId,
      userId: input.recipientId,
      conversationId: input.conversationId,
      kind: { in: ["exchange_answered", "exchange_message"] },
      readAt: null,
    },
    select: { id: true },
  });
  if (unread) return;
  await tx.notification.createMany({
    data: [
      {
        networkId: scope.networkId,
        userId: input.recipientId,
        kind: "exchange_message",
        actorId: scope.userId,
        exchangePostId: input.postId,
        conversationId: input.conversationId,
        dedupeKey: `exchange-message:${input.messageId}`,
      },
    ],
    skipDuplicates: true,
  });
}

// ---------------------------------------------------------------- starting

type LockedPost = { id: string; authorId: string | null; status: ExchangeStatus; expiresAt: Date; authorRole: Role | null };

/** The post, locked while a conversation on it starts, with its author's active role (null: not an active member). */
async function lockPost(tx: Tx, scope: NetworkScope, postId: string): Promise<LockedPost> {
  const rows = await tx.$queryRaw<LockedPost[]>`
    SELECT p.id, p."authorId", p.status::text AS status, p."expiresAt", m.role::text AS "authorRole"
    FROM "ExchangePost" p
    LEFT JOIN "Membership" m ON m."networkId" = p."networkId" AND m."userId" = p."authorId" AND m.status = 'active'
    WHERE p.id = ${postId} AND p."networkId" = ${scope.networkId}
    FOR UPDATE OF p`;
  const post = rows[0];
  if (!post) throw new AppError("not_found");
  return post;
}

/**
 * "I can help" on a request, "I'm interested" on an offer: the conversation between the post's
 * author and this member, with its first message. One per post and person: starting again adds
 * the message to the conversation already there. Refused on one's own post (a field error),
 * on a post that is fulfilled, withdrawn or expired, and for funders (the action's permission).
 */
export async function startConversation(
  scope: NetworkScope,
  input: { postId: string; body: string; idempotencyKey: string },
  now = new Date(),
): Promise<Sent> {
  return once(
    () =>
      db(scope).$transaction(async (tx) => {
        const post = await lockPost(tx, scope, input.postId);
        const refusal = startRefusal(scope.role, post, scope.userId, now);
        if (refusal) throw refusal.field ? new AppError(refusal.code, { body: [refusal.field] }) : new AppError(refusal.code);
        const found = await tx.exchangeConversation.findFirst({
          where: { networkId: scope.networkId, postId: post.id, starterId: scope.userId },
          select: { id: true },
        });
        const conversation =
          found ??
          (await tx.exchangeConversation.create({
            data: { networkId: scope.networkId, postId: post.id, starterId: scope.userId, lastMessageAt: now, createdAt: now },
            select: { id: true },
          }));
        const message = await writeMessage(tx, scope, conversation.id, input, now);
        const about = { postId: post.id, conversationId: conversation.id };
        if (found) {
          await notifyMessage(tx, scope, { ...about, messageId: message.id, recipientId: post.authorId, recipientRole: post.authorRole });
        } else {
          await notifyAnswered(tx, scope, { ...about, authorId: post.authorId, authorRole: post.authorRole });
        }
        return { conversationId: conversation.id, messageId: message.id, postId: post.id };
      }),
    () => sentWithKey(scope, input.idempotencyKey),
  );
}

// ---------------------------------------------------------------- sending

type LockedConversation = {
  id: string;
  postId: string;
  starterId: string | null;
  authorId: string | null;
  starterRole: Role | null;
  authorRole: Role | null;
};

/**
 * A message in a conversation the sender takes part in. Anyone else (a broker, another member, a
 * funder) finds nothing: `not_found`, as for a conversation that does not exist. When the other
 * person is no longer an active broker or member of the network (they left, were removed or
 * deleted their account), nobody would read it: `conversation_closed`.
 */
export async function sendMessage(
  scope: NetworkScope,
  input: { conversationId: string; body: string; idempotencyKey: string },
  now = new Date(),
): Promise<Sent> {
  return once(
    () =>
      db(scope).$transaction(async (tx) => {
        const rows = await tx.$queryRaw<LockedConversation[]>`
          SELECT c.id, c."postId", c."starterId", p."authorId", ms.role::text AS "starterRole", ma.role::text AS "authorRole"
          FROM "ExchangeConversation" c
          JOIN "ExchangePost" p ON p."networkId" = c."networkId" AND p.id = c."postId"
          LEFT JOIN "Membership" ms ON ms."networkId" = c."networkId" AND ms."userId" = c."starterId" AND ms.status = 'active'
          LEFT JOIN "Membership" ma ON ma."networkId" = c."networkId" AND ma."userId" = p."authorId" AND ma.status = 'active'
          WHERE c.id = ${input.conversationId} AND c."networkId" = ${scope.networkId}
          FOR UPDATE OF c`;
        const conversation = rows[0];
        if (!conversation || !isParty(scope.role, conversation, scope.userId)) throw new AppError("not_found");
        const recipientId = otherParty(conversation, scope.userId);
        const recipientRole = recipientId === conversation.starterId ? conversation.starterRole : conversation.authorRole;
        if (!recipientId || !mayHear(recipientRole)) throw new AppError("conversation_closed");
        const message = await writeMessage(tx, scope, conversation.id, input, now);
        await notifyMessage(tx, scope, { postId: conversation.postId, conversationId: conversation.id, messageId: message.id, recipientId, recipientRole });
        return { conversationId: conversation.id, messageId: message.id, postId: conversation.postId };
      }),
    () => sentWithKey(scope, input.idempotencyKey),
  );
}
