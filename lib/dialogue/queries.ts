import "server-only";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { displayNames } from "@/lib/accounts/queries";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { HARVESTS_OF_THREAD, mentionsFrom } from "@/lib/harvests/queries";
import type { NetworkScope } from "@/lib/membership/scope";
import { markMentions } from "@/lib/markdown/mentions";
import { renderMarkdown } from "@/lib/markdown/render";
import { canSeeHiddenText } from "@/lib/moderation/policy";
import { canReadRevisions, canSeeThread } from "./policy";
import { REACTION_KINDS, REPLIES_PAGE_SIZE, THREADS_PAGE_SIZE, type Area, type Level, type ReactionKind } from "./schema";

/** A thread as the list shows it; the thread page reads more of it (ThreadRow). */
type ThreadCard = {
  id: string;
  title: string;
  level: Level;
  area: Area;
  authorId: string | null;
  authorName: string | null;
  replyCount: number;
  lastActivityAt: Date;
  createdAt: Date;
  pinnedAt: Date | null;
  lockedAt: Date | null;
  hiddenAt: Date | null;
};

type ThreadCardRow = ThreadCard & { part: number; lastReadAt: Date | null };

/**
 * The thread list: pinned threads first (on the first page), then the others by last
 * activity, newest first, keyset-paged on (lastActivityAt, id). One statement whatever the
 * number of threads: the pinned ones and the page, with their authors' names and the viewer's
 * read markers.
 */
export async function listThreads(
  scope: NetworkScope,
  opts: { level?: Level; area?: Area; after?: Cursor; take?: number } = {},
) {
  const take = opts.take ?? THREADS_PAGE_SIZE;
  const after = opts.after;
  const filters = Prisma.sql`t."networkId" = ${scope.networkId}
    ${opts.level ? Prisma.sql`AND t.level = CAST(${opts.level} AS "Level")` : Prisma.empty}
    ${opts.area ? Prisma.sql`AND t.area = CAST(${opts.area} AS "Area")` : Prisma.empty}
    ${scope.role === "broker" ? Prisma.empty : Prisma.sql`AND (t."hiddenAt" IS NULL OR t."authorId" = ${scope.userId})`}`;
  const columns = Prisma.sql`t.id, t.title, t.level::text AS level, t.area::text AS area, t."authorId", t."replyCount",
    t."lastActivityAt", t."createdAt", t."pinnedAt", t."lockedAt", t."hiddenAt", t."networkId"`;
  // Hidden threads stay visible to brokers and their authors only (the filters above).
  const pinned = after
    ? Prisma.empty
    : Prisma.sql`(SELECT 0 AS part, ${columns} FROM "Thread" t
        WHERE ${filters} AND t."pinnedAt" IS NOT NULL
        ORDER BY t."pinnedAt" DESC, t.id DESC LIMIT 20)
      UNION ALL`;
  const rows = await db(scope).$queryRaw<ThreadCardRow[]>`
    SELECT x.part, x.id, x.title, x.level, x.area, x."authorId", u.name AS "authorName", x."replyCount",
           x."lastActivityAt", x."createdAt", x."pinnedAt", x."lockedAt", x."hiddenAt", tr."lastReadAt"
    FROM (
      ${pinned}
      (SELECT 1 AS part, ${columns} FROM "Thread" t
        WHERE ${filters} AND t."pinnedAt" IS NULL
          ${after ? Prisma.sql`AND (t."lastActivityAt", t.id) < (${after.at}::timestamp, ${after.id})` : Prisma.empty}
        ORDER BY t."lastActivityAt" DESC, t.id DESC LIMIT ${take + 1})
    ) x
    LEFT JOIN "User" u ON u.id = x."authorId"
    LEFT JOIN "ThreadRead" tr ON tr."networkId" = x."networkId" AND tr."threadId" = x.id AND tr."userId" = ${scope.userId}
    ORDER BY x.part, (CASE WHEN x.part = 0 THEN x."pinnedAt" ELSE x."lastActivityAt" END) DESC, x.id DESC`;
  const pinnedRows = rows.filter((t) => t.part === 0);
  const others = rows.filter((t) => t.part === 1);
  const page = others.slice(0, take);
  const last = page.at(-1);
  return {
    items: [...pinnedRows, ...page].map(({ part: _part, lastReadAt, ...t }) => ({
      ...t,
      unread: !lastReadAt || lastReadAt < t.lastActivityAt,
    })),
    next: others.length > take && last ? encodeCursor({ at: last.lastActivityAt, id: last.id }) : null,
  };
}

export type ReactionSummary = { kind: ReactionKind; count: number; mine: boolean };

type Revision = { id: string; title: string | null; body: string; createdAt: Date };

type ThreadRow = ThreadCard & {
  body: string;
  bodyHtml: string | null;
  editedAt: Date | null;
  lockReason: string;
  hiddenReason: string;
};

type ReplyRow = {
  id: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  bodyHtml: string | null;
  quotedReplyId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string;
};

/** Stored HTML, or rendered now for a row the start-up backfill has not reached yet. */
/** The thread as loadThreadPage reads it, with when the viewer last read it. */
/** `harvests`: the published harvests that name the thread (HARVESTS_OF_THREAD, read with mentionsFrom). */
type ThreadPageRow = ThreadRow & { lastReadAt: Date | null; harvests: unknown };
/**
 * A reply as loadThreadPage reads it: reaction counts as [kind, count, the viewer's own], and the
 * names of the members it mentions (the Mention table), shown as mentions (decision 033).
 */
type ReplyPageRow = ReplyRow & { reactions: [ReactionKind, number, boolean][]; mentioned: (string | null)[] };
/** An earlier version of the thread or of one of its replies (`ownerId` names which). */
type RevisionRow = Revision & { ownerId: string };

function html(stored: string | null, body: string): string {
  return stored ?? renderMarkdown(body);
}

/**
 * The thread page's data: the thread, one page of replies (oldest first, keyset on
 * (createdAt, id)), their authors, reaction counts with the viewer's own, earlier
 * versions of the thread and its replies for those who may read them (`reply.read_revisions`:
 * everyone who reads the thread), never of a reply whose text the viewer does not get (deleted,
 * or hidden from them). A fixed number of queries (at most 4) whatever the number of replies,
 * reactions and mentions; the gatherings whose published harvest names the thread ride along in
 * the thread's statement (for brokers and members, decision 038). Returns null when the thread is not in this network; a thread a broker
 * hid comes back as `{ visible: false }` with the reason only, for the notice.
 */
export async function loadThreadPage(scope: NetworkScope, threadId: string, opts: { after?: Cursor; take?: number } = {}) {
  const take = opts.take ?? REPLIES_PAGE_SIZE;
  // The thread with its author's name and when the viewer last read it, in one statement.
  const found = await db(scope).$queryRaw<ThreadPageRow[]>`
    SELECT t.id, t.title, t.level::text AS level, t.area::text AS area, t."authorId", u.name AS "authorName",
           t."replyCount", t."lastActivityAt", t."createdAt", t."pinnedAt", t."lockedAt", t."hiddenAt",
           t.body, t."bodyHtml", t."editedAt", t."lockReason", t."hiddenReason", tr."lastReadAt",
           ${HARVESTS_OF_THREAD} AS harvests
    FROM "Thread" t
    LEFT JOIN "User" u ON u.id = t."authorId"
    LEFT JOIN "ThreadRead" tr ON tr."networkId" = t."networkId" AND tr."threadId" = t.id AND tr."userId" = ${scope.userId}
    WHERE t."networkId" = ${scope.networkId} AND t.id = ${threadId}`;
  const thread = found[0];
  if (!thread) return null;
  if (!canSeeThread(scope, thread)) {
    return { visible: false as const, thread: { id: thread.id, hiddenReason: thread.hiddenReason } };
  }
  const after = opts.after;
  const history = canReadRevisions(scope);
  const threadEdited = history && thread.editedAt !== null;
  // One page of replies with their authors' names and reaction counts (the viewer's own
  // marked) in one statement; keyset on (createdAt, id).
  const rows = await db(scope).$queryRaw<ReplyPageRow[]>`
    SELECT r.id, r."authorId", u.name AS "authorName", r.body, r."bodyHtml", r."quotedReplyId",
           r."createdAt", r."editedAt", r."deletedAt", r."hiddenAt", r."hiddenReason",
           COALESCE((
             SELECT json_agg(json_build_array(x.kind, x.count, x.mine))
             FROM (
               SELECT kind::text AS kind, count(*)::int AS count, bool_or("userId" = ${scope.userId}) AS mine
               FROM "Reaction"
               WHERE "networkId" = r."networkId" AND "replyId" = r.id
               GROUP BY kind
             ) x
           ), '[]'::json) AS reactions,
           COALESCE((
             SELECT json_agg(mu.name)
             FROM "Mention" m
             JOIN "User" mu ON mu.id = m."userId"
             WHERE m."networkId" = r."networkId" AND m."replyId" = r.id
           ), '[]'::json) AS mentioned
    FROM "Reply" r
    LEFT JOIN "User" u ON u.id = r."authorId"
    WHERE r."networkId" = ${scope.networkId} AND r."threadId" = ${thread.id}
      AND (${after?.at ?? null}::timestamp IS NULL OR (r."createdAt", r.id) > (${after?.at ?? null}::timestamp, ${after?.id ?? ""}))
    ORDER BY r."createdAt" ASC, r.id ASC
    LIMIT ${take + 1}`;
  const page = rows.slice(0, take);
  // Earlier versions only of what the viewer may read now: a hidden reply's earlier text is as
  // hidden as its current one, and a deleted reply's is gone with it.
  const editedReplies = history
    ? page.filter((r) => r.editedAt && !r.deletedAt && !(r.hiddenAt !== null && !canSeeHiddenText(scope, r))).map((r) => r.id)
    : [];
  // Earlier versions of the thread and of its edited replies, in one query, newest first.
  const revisions =
    editedReplies.length || threadEdited
      ? await db(scope).$queryRaw<RevisionRow[]>`
          SELECT id, "threadId" AS "ownerId", title, body, "createdAt" FROM "ThreadRevision"
          WHERE "networkId" = ${scope.networkId} AND "threadId" = ${threadEdited ? thread.id : null}
          UNION ALL
          SELECT id, "replyId" AS "ownerId", NULL AS title, body, "createdAt" FROM "ReplyRevision"
          WHERE "networkId" = ${scope.networkId} AND "replyId" = ANY(${editedReplies}::text[])
          ORDER BY "createdAt" DESC, id DESC`
      : [];
  const revisionsOf = new Map<string, Revision[]>();
  for (const { ownerId, ...v } of revisions) {
    const list = revisionsOf.get(ownerId) ?? [];
    list.push(v);
    revisionsOf.set(ownerId, list);
  }
  const last = page.at(-1);
  const { bodyHtml, lastReadAt, harvests, ...threadRest } = thread;
  return {
    visible: true as const,
    /** When the viewer last read this thread before now (null: never). */
    lastReadAt,
    thread: {
      ...threadRest,
      bodyHtml: html(bodyHtml, thread.body),
      revisions: revisionsOf.get(thread.id) ?? [],
      /** "From the gathering X": the gatherings whose published harvest speaks to this thread. */
      harvests: mentionsFrom(scope, harvests),
    },
    replies: page.map(({ bodyHtml: stored, reactions, mentioned, ...r }) => {
      // A hidden reply's text reaches only brokers and its author; everyone else gets the notice.
      const concealed = r.hiddenAt !== null && !canSeeHiddenText(scope, r);
      return {
        ...r,
        body: concealed ? "" : r.body,
        bodyHtml: concealed ? "" : markMentions(html(stored, r.body), mentioned),
        reactions: REACTION_KINDS.map((kind): ReactionSummary => {
          const found = reactions.find(([k]) => k === kind);
          return { kind, count: found ? Number(found[1]) : 0, mine: found ? Boolean(found[2]) : false };
        }),
        revisions: revisionsOf.get(r.id) ?? [],
      };
    }),
    next: rows.length > take && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

const MENTIONABLE_MAX = 500;

/** Active members with a name, for the mention autocomplete (one query). */
export async function listMentionable(scope: NetworkScope) {
  return db(scope).user.findMany({
    where: {
      name: { not: null },
      memberships: { some: { networkId: scope.networkId, status: "active" } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: MENTIONABLE_MAX,
    select: { id: true, name: true },
  }) as Promise<{ id: string; name: string }[]>;
}

/** A reply of this network that the quote link points at, for prefilling the composer. */
export async function findQuotableReply(scope: NetworkScope, threadId: string, replyId: string) {
  const reply = await db(scope).reply.findFirst({
    where: { networkId: scope.networkId, threadId, id: replyId, deletedAt: null, hiddenAt: null },
    select: { id: true, body: true, authorId: true },
  });
  if (!reply) return null;
  const names = await displayNames([reply.authorId]);
  return { id: reply.id, body: reply.body, authorName: reply.authorId ? (names.get(reply.authorId) ?? null) : null };
}

/**
 * A thread of this network, or null (for the live-update stream's check). A hidden
 * thread counts: its stream carries ids only, and lets the notice turn back into the
 * thread when a broker restores it.
 */
export async function findThreadInNetwork(scope: NetworkScope, threadId: string) {
  return db(scope).thread.findFirst({
    where: { networkId: scope.networkId, id: threadId },
    select: { id: true },
  });
}
