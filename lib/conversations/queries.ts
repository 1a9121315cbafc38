import "server-only";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { ExchangeDirection, ExchangeStatus } from "@/lib/db/generated/enums";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { CONVERSATIONS_PAGE_SIZE, MESSAGES_PAGE_SIZE, POST_CONVERSATIONS_MAX } from "./limits";
import { isAnswerable, startRefusal } from "./policy";

/**
 * Reads of the exchange's private conversations (decision 039). A conversation leaves the database
 * only for its two people, the post's author and the member who answered: every statement carries
 * that condition itself (`c."starterId" = me OR p."authorId" = me`), so a broker, another member or
 * a funder gets nothing, whatever the page or action around it checks. Funders never converse
 * (`exchange.converse`), so they are answered with nothing before any statement runs.
 */

/** The condition that the viewer is one of the conversation's two people (`c` joined with its post `p`). */
function aParty(scope: NetworkScope) {
  return Prisma.sql`(c."starterId" = ${scope.userId} OR p."authorId" = ${scope.userId})`;
}

// ---------------------------------------------------------------- one conversation

type ConversationRow = {
  id: string;
  postId: string;
  postTitle: string;
  direction: ExchangeDirection;
  status: ExchangeStatus;
  expiresAt: Date;
  starterId: string | null;
  starterName: string | null;
  authorId: string | null;
  authorName: string | null;
  /** Whether the other person is still an active broker or member of the network. */
  otherActive: boolean;
  createdAt: Date;
};

export type ConversationPage = NonNullable<Awaited<ReturnType<typeof loadConversationPage>>>;

export type MessageView = { id: string; senderId: string | null; senderName: string | null; body: string; bodyHtml: string | null; createdAt: Date };

/**
 * A conversation as one of its two people reads it: the post it is about, who the two are, and its
 * latest messages in order (oldest first), with a cursor to earlier ones (`before`: keyset on the
 * time and id of the earliest message shown). Two statements, sent together; null for anyone else.
 */
export async function loadConversationPage(scope: NetworkScope, conversationId: string, before?: Cursor, now = new Date()) {
  if (!can(scope.role, "exchange.converse")) return null;
  const n = scope.networkId;
  const cursor = before ? Prisma.sql`AND (x."createdAt", x.id) < (${before.at}, ${before.id})` : Prisma.empty;
  const [rows, messages] = await Promise.all([
    db(scope).$queryRaw<ConversationRow[]>`
      SELECT c.id, c."postId", p.title AS "postTitle", p.direction::text AS direction, p.status::text AS status, p."expiresAt",
             c."starterId", su.name AS "starterName", p."authorId", au.name AS "authorName", c."createdAt",
             EXISTS (SELECT 1 FROM "Membership" m
                     WHERE m."networkId" = c."networkId" AND m.status = 'active' AND m.role IN ('broker', 'member')
                       AND m."userId" = CASE WHEN c."starterId" = ${scope.userId} THEN p."authorId" ELSE c."starterId" END) AS "otherActive"
      FROM "ExchangeConversation" c
      JOIN "ExchangePost" p ON p."networkId" = c."networkId" AND p.id = c."postId"
      LEFT JOIN "User" su ON su.id = c."starterId"
      LEFT JOIN "User" au ON au.id = p."authorId"
      WHERE c.id = ${conversationId} AND c."networkId" = ${n} AND ${aParty(scope)}`,
    db(scope).$queryRaw<MessageView[]>`
      SELECT x.id, x."senderId", u.name AS "senderName", x.body, x."bodyHtml", x."createdAt"
      FROM "ExchangeMessage" x
      JOIN "ExchangeConversation" c ON c."networkId" = x."networkId" AND c.id = x."conversationId"
      JOIN "ExchangePost" p ON p."networkId" = c."networkId" AND p.id = c."postId"
      LEFT JOIN "User" u ON u.id = x."senderId"
      WHERE x."networkId" = ${n} AND x."conversationId" = ${conversationId} AND ${aParty(scope)} ${cursor}
      ORDER BY x."createdAt" DESC, x.id DESC
      LIMIT ${MESSAGES_PAGE_SIZE + 1}`,
  ]);
  const row = rows[0];
  if (!row) return null;
  const page = messages.slice(0, MESSAGES_PAGE_SIZE);
  const earliest = page.at(-1);
  const viewerIsAuthor = row.authorId === scope.userId;
  const other = viewerIsAuthor ? { id: row.starterId, name: row.starterName } : { id: row.authorId, name: row.authorName };
  return {
    conversation: { id: row.id, createdAt: row.createdAt },
    // Past its expiry but not yet swept: shown as expired, as the sweep will make it.
    post: { id: row.postId, title: row.postTitle, direction: row.direction, status: isAnswerable(row, now) || !["open", "in_progress"].includes(row.status) ? row.status : ("expired" as const), expiresAt: row.expiresAt },
    viewerIsAuthor,
    other: { id: other.id, name: other.name, active: row.otherActive },
    messages: page.reverse(),
    earlier: messages.length > MESSAGES_PAGE_SIZE && earliest ? encodeCursor({ at: earliest.createdAt, id: earliest.id }) : null,
    /** A message can go while the other person may still read it. */
    maySend: row.otherActive,
  };
}

// ---------------------------------------------------------------- a member's conversations

export type ConversationSummary = {
  id: string;
  postId: string;
  postTitle: string;
  direction: ExchangeDirection;
  status: ExchangeStatus;
  otherId: string | null;
  otherName: string | null;
  /** Whether the viewer started it (answered the post) rather than wrote the post. */
  started: boolean;
  lastMessageAt: Date;
  /** The viewer has an unread notification about it. */
  unread: boolean;
};

/**
 * The viewer's conversations in this network, those they started and those on their posts, the
 * latest message first; paged by keyset on (lastMessageAt, id). One statement.
 */
export async function loadMyConversations(scope: NetworkScope, before?: Cursor) {
  if (!can(scope.role, "exchange.converse")) return { conversations: [], next: null };
  const n = scope.networkId;
  const me = scope.userId;
  const cursor = before ? Prisma.sql`AND (c."lastMessageAt", c.id) < (${before.at}, ${before.id})` : Prisma.empty;
  // Two branches, each on its own index (conversations by starter, posts by author), merged in order.
  const rows = await db(scope).$queryRaw<(Omit<ConversationSummary, "otherName"> & { otherName: string | null })[]>`
    SELECT mine.id, mine."postId", mine."postTitle", mine.direction, mine.status, mine."otherId", u.name AS "otherName",
           mine.started, mine."lastMessageAt",
           EXISTS (SELECT 1 FROM "Notification" nt WHERE nt."userId" = ${me} AND nt."networkId" = ${n}
                   AND nt."conversationId" = mine.id AND nt."readAt" IS NULL) AS unread
    FROM (
      (SELECT c.id, c."postId", p.title AS "postTitle", p.direction::text AS direction, p.status::text AS status,
              p."authorId" AS "otherId", TRUE AS started, c."lastMessageAt"
        FROM "ExchangeConversation" c JOIN "ExchangePost" p ON p."networkId" = c."networkId" AND p.id = c."postId"
        WHERE c."networkId" = ${n} AND c."starterId" = ${me} ${cursor}
        ORDER BY c."lastMessageAt" DESC, c.id DESC LIMIT ${CONVERSATIONS_PAGE_SIZE + 1})
      UNION ALL
      (SELECT c.id, c."postId", p.title, p.direction::text, p.status::text, c."starterId", FALSE, c."lastMessageAt"
        FROM "ExchangePost" p JOIN "ExchangeConversation" c ON c."networkId" = p."networkId" AND c."postId" = p.id
        WHERE p."networkId" = ${n} AND p."authorId" = ${me} ${cursor}
        ORDER BY c."lastMessageAt" DESC, c.id DESC LIMIT ${CONVERSATIONS_PAGE_SIZE + 1})
    ) mine
    LEFT JOIN "User" u ON u.id = mine."otherId"
    ORDER BY mine."lastMessageAt" DESC, mine.id DESC
    LIMIT ${CONVERSATIONS_PAGE_SIZE + 1}`;
  const page = rows.slice(0, CONVERSATIONS_PAGE_SIZE);
  const last = page.at(-1);
  return {
    conversations: page as ConversationSummary[],
    next: rows.length > CONVERSATIONS_PAGE_SIZE && last ? encodeCursor({ at: last.lastMessageAt, id: last.id }) : null,
  };
}

// ---------------------------------------------------------------- on a post

export type PostConversations = Awaited<ReturnType<typeof loadPostConversations>>;

/**
 * What the post page's conversation section shows this viewer. The author: the conversations on
 * their post (the most recent first, at most POST_CONVERSATIONS_MAX). Anyone else who may
 * converse: their own conversation on it if they have one, and whether they may start one. A
 * funder: nothing. One statement (none for a funder).
 */
export async function loadPostConversations(
  scope: NetworkScope,
  post: { id: string; authorId: string | null; status: ExchangeStatus; expiresAt: Date },
  now = new Date(),
) {
  if (!can(scope.role, "exchange.converse")) return { role: "none" as const };
  const n = scope.networkId;
  if (post.authorId === scope.userId) {
    const conversations = await db(scope).$queryRaw<{ id: string; starterId: string | null; starterName: string | null; lastMessageAt: Date; messages: number; unread: boolean }[]>`
      SELECT c.id, c."starterId", u.name AS "starterName", c."lastMessageAt",
             (SELECT count(*)::int FROM "ExchangeMessage" x WHERE x."networkId" = c."networkId" AND x."conversationId" = c.id) AS messages,
             EXISTS (SELECT 1 FROM "Notification" nt WHERE nt."userId" = ${scope.userId} AND nt."networkId" = ${n}
                     AND nt."conversationId" = c.id AND nt."readAt" IS NULL) AS unread
      FROM "ExchangeConversation" c
      JOIN "ExchangePost" p ON p."networkId" = c."networkId" AND p.id = c."postId"
      LEFT JOIN "User" u ON u.id = c."starterId"
      WHERE c."networkId" = ${n} AND c."postId" = ${post.id} AND p."authorId" = ${scope.userId}
      ORDER BY c."lastMessageAt" DESC, c.id DESC
      LIMIT ${POST_CONVERSATIONS_MAX}`;
    return { role: "author" as const, conversations };
  }
  const mine = await db(scope).exchangeConversation.findFirst({
    where: { networkId: n, postId: post.id, starterId: scope.userId },
    select: { id: true },
  });
  return {
    role: "answerer" as const,
    conversationId: mine?.id ?? null,
    mayStart: startRefusal(scope.role, post, scope.userId, now) === null,
    answerable: isAnswerable(post, now),
  };
}
