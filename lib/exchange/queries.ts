import "server-only";
import { loadPostConversations } from "@/lib/conversations/queries";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { CapitalKind, ExchangeDirection, ExchangeStatus, ExchangeVisibility } from "@/lib/db/generated/enums";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { EXCHANGE_PAGE_SIZE, MINE_MAX, VOCABULARY_MAX } from "./limits";
import { isLive, mayEdit, mayFulfil, mayRenew, mayStart, mayWithdraw, visibleTo } from "./policy";
import type { ExchangeFilter } from "./schema";

/**
 * Reads of offers and requests (decision 039). Every statement carries the viewer's visibilities
 * (`visibleTo`): a funder's reads never return a post shown to the network only. Each page is a
 * fixed number of statements whatever the data size.
 */

export type VocabularyTag = { id: string; slug: string; labelEn: string; labelNl: string };

/** The network's tag vocabulary, by slug. */
async function listVocabulary(scope: NetworkScope): Promise<VocabularyTag[]> {
  return db(scope).exchangeTag.findMany({
    where: { networkId: scope.networkId },
    select: { id: true, slug: true, labelEn: true, labelNl: true },
    orderBy: [{ slug: "asc" }],
    take: VOCABULARY_MAX,
  });
}

// ---------------------------------------------------------------- the list

export type PostSummary = {
  id: string;
  direction: ExchangeDirection;
  capital: CapitalKind;
  title: string;
  status: ExchangeStatus;
  town: string;
  tags: string[];
  expiresAt: Date;
  createdAt: Date;
  authorName: string | null;
  initiativeId: string | null;
  initiativeName: string | null;
  milestoneTitle: string | null;
};

const SUMMARY = Prisma.sql`
  p.id, p.direction::text AS direction, p.capital::text AS capital, p.title, p.status::text AS status, p.town, p.tags,
  p."expiresAt", p."createdAt", u.name AS "authorName", p."initiativeId", i.name AS "initiativeName", m.title AS "milestoneTitle"`;

const JOINS = Prisma.sql`
  LEFT JOIN "User" u ON u.id = p."authorId"
  LEFT JOIN "Initiative" i ON i."networkId" = p."networkId" AND i.id = p."initiativeId"
  LEFT JOIN "Milestone" m ON m."networkId" = p."networkId" AND m.id = p."milestoneId"`;

function visibilitySql(scope: NetworkScope) {
  const seen = visibleTo(scope.role);
  return Prisma.sql`p.visibility::text IN (${Prisma.join(seen.length ? seen : ["none"])})`;
}

/**
 * The exchange page: the running offers and requests (open or in progress, not past their expiry,
 * whatever the sweep has done yet), newest first, filtered by direction, capital and tag, paged by
 * keyset on (createdAt, id); on the first page the viewer's own posts of any status (expired ones
 * to renew), and the vocabulary for the filter. One statement.
 */
export async function loadExchangePage(scope: NetworkScope, filter: ExchangeFilter, after: Cursor | undefined, now = new Date()) {
  const n = scope.networkId;
  const where = [
    Prisma.sql`p."networkId" = ${n}`,
    Prisma.sql`p.status IN ('open', 'in_progress')`,
    Prisma.sql`p."expiresAt" > ${now}`,
    visibilitySql(scope),
    filter.direction ? Prisma.sql`p.direction = ${filter.direction}::"ExchangeDirection"` : null,
    filter.capital ? Prisma.sql`p.capital = ${filter.capital}::"CapitalKind"` : null,
    filter.tag ? Prisma.sql`${filter.tag} = ANY(p.tags)` : null,
    after ? Prisma.sql`(p."createdAt", p.id) < (${after.at}, ${after.id})` : null,
  ].filter((w): w is Prisma.Sql => w !== null);
  const poster = can(scope.role, "exchange.post");
  const withMine = poster && !after;
  // One statement of three parts, told apart by `part`: the page of running posts, the viewer's own
  // posts (first page only), and the vocabulary (its columns in the summary's, NULL elsewhere).
  const parts = await db(scope).$queryRaw<(PostSummary & { part: number; labelEn: string | null; labelNl: string | null })[]>`
    (SELECT 0 AS part, ${SUMMARY}, NULL::text AS "labelEn", NULL::text AS "labelNl" FROM "ExchangePost" p ${JOINS}
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY p."createdAt" DESC, p.id DESC LIMIT ${EXCHANGE_PAGE_SIZE + 1})
    UNION ALL
    (SELECT 1 AS part, ${SUMMARY}, NULL::text, NULL::text FROM "ExchangePost" p ${JOINS}
      WHERE ${withMine} AND p."networkId" = ${n} AND p."authorId" = ${scope.userId}
      ORDER BY p."createdAt" DESC, p.id DESC LIMIT ${MINE_MAX})
    UNION ALL
    (SELECT 2, v.id, NULL, NULL, v.slug, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, v."labelEn", v."labelNl"
      FROM "ExchangeTag" v WHERE v."networkId" = ${n}
      ORDER BY v.slug LIMIT ${VOCABULARY_MAX})`;
  const summary = ({ part: _p, labelEn: _e, labelNl: _n, ...post }: (typeof parts)[number]): PostSummary => post;
  const rows = parts.filter((r) => r.part === 0).map(summary);
  const mine = parts.filter((r) => r.part === 1).map(summary);
  const vocabulary: VocabularyTag[] = parts.filter((r) => r.part === 2).map((r) => ({ id: r.id, slug: r.title, labelEn: r.labelEn ?? "", labelNl: r.labelNl ?? "" }));
  const page = rows.slice(0, EXCHANGE_PAGE_SIZE);
  const last = page.at(-1);
  return {
    posts: page,
    next: rows.length > EXCHANGE_PAGE_SIZE && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    mine,
    vocabulary,
    mayPost: poster,
    mayKeepTags: can(scope.role, "exchange.tags"),
  };
}

// ---------------------------------------------------------------- one post

type PostRow = {
  id: string;
  authorId: string | null;
  authorName: string | null;
  direction: ExchangeDirection;
  capital: CapitalKind;
  title: string;
  body: string;
  bodyHtml: string | null;
  tags: string[];
  initiativeId: string | null;
  initiativeName: string | null;
  milestoneId: string | null;
  milestoneTitle: string | null;
  town: string;
  address: string;
  visibility: ExchangeVisibility;
  status: ExchangeStatus;
  expiresAt: Date;
  closedAt: Date | null;
  helperId: string | null;
  helperName: string | null;
  thanks: string;
  thanksHtml: string | null;
  lesson: string;
  lessonHtml: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** One row of the page's second statement: a vocabulary tag, or a member who may have helped. */
type PartRow = { kind: "tag" | "person"; id: string; slug: string | null; labelEn: string | null; labelNl: string | null; name: string | null };

export type PostPage = NonNullable<Awaited<ReturnType<typeof loadPostPage>>>;

/**
 * Everything the post page shows, for this viewer: the post (with its author, helper, initiative
 * and milestone), then the vocabulary's labels and, for its author while it runs, the members who
 * may have helped (for "fulfilled"). Two statements. Null when the post is not there or not shown
 * to this viewer (a funder and a post for the network only): the page is then a 404.
 */
export async function loadPostPage(scope: NetworkScope, postId: string, now = new Date()) {
  const n = scope.networkId;
  const rows = await db(scope).$queryRaw<PostRow[]>`
    SELECT p.id, p."authorId", u.name AS "authorName", p.direction::text AS direction, p.capital::text AS capital, p.title,
           p.body, p."bodyHtml", p.tags, p."initiativeId", i.name AS "initiativeName", p."milestoneId", m.title AS "milestoneTitle",
           p.town, p.address, p.visibility::text AS visibility, p.status::text AS status, p."expiresAt", p."closedAt",
           p."helperId", h.name AS "helperName", p.thanks, p."thanksHtml", p.lesson, p."lessonHtml", p."createdAt", p."updatedAt"
    FROM "ExchangePost" p
    LEFT JOIN "User" u ON u.id = p."authorId"
    LEFT JOIN "User" h ON h.id = p."helperId"
    LEFT JOIN "Initiative" i ON i."networkId" = p."networkId" AND i.id = p."initiativeId"
    LEFT JOIN "Milestone" m ON m."networkId" = p."networkId" AND m.id = p."milestoneId"
    WHERE p.id = ${postId} AND p."networkId" = ${n} AND ${visibilitySql(scope)}`;
  const post = rows[0];
  if (!post) return null;
  // Past its expiry but not yet swept: shown as expired, as the sweep will make it.
  const status: ExchangeStatus = isLive(post.status) && post.expiresAt.getTime() <= now.getTime() ? "expired" : post.status;
  const ref = { authorId: post.authorId, status };
  const fulfils = mayFulfil(scope.role, ref, scope.userId);
  // Beside its tags and helpers, sent together: the conversations part (lib/conversations/queries.ts,
  // decision 039): for the author the conversations on the post, for another broker or member theirs.
  const [parts, conversations] = await Promise.all([
    db(scope).$queryRaw<PartRow[]>`
    (SELECT 'tag'::text AS kind, t.id, t.slug, t."labelEn", t."labelNl", NULL::text AS name
      FROM "ExchangeTag" t WHERE t."networkId" = ${n} AND t.slug = ANY(${post.tags}::text[])
      ORDER BY t.slug LIMIT 100)
    UNION ALL
    (SELECT 'person', ms."userId", NULL, NULL, NULL, u.name
      FROM "Membership" ms JOIN "User" u ON u.id = ms."userId"
      WHERE ${fulfils ? Prisma.sql`TRUE` : Prisma.sql`FALSE`} AND ms."networkId" = ${n} AND ms.status = 'active' AND ms.role IN ('broker', 'member')
        AND ms."userId" <> ${scope.userId}
      ORDER BY u.name, ms."userId" LIMIT 1000)`,
    loadPostConversations(scope, { id: post.id, authorId: post.authorId, status, expiresAt: post.expiresAt }, now),
  ]);
  const labels = new Map(parts.filter((p) => p.kind === "tag").map((p) => [p.slug!, { en: p.labelEn!, nl: p.labelNl! }]));
  return {
    post: { ...post, status },
    tags: post.tags.map((slug) => ({ slug, label: labels.get(slug) ?? null })),
    helpers: parts.filter((p) => p.kind === "person").map((p) => ({ userId: p.id, name: p.name ?? "" })),
    /** The conversations section as this viewer may see it (nothing for a funder). */
    conversations,
    isAuthor: post.authorId === scope.userId,
    may: {
      edit: mayEdit(scope.role, ref, scope.userId),
      start: mayStart(scope.role, ref, scope.userId),
      renew: mayRenew(scope.role, ref, scope.userId),
      fulfil: fulfils,
      withdraw: mayWithdraw(scope.role, ref, scope.userId),
    },
  };
}

// ---------------------------------------------------------------- the form

type UnlockOption = { value: string; initiative: string; milestone: string | null };

/**
 * What the new and edit forms need: the vocabulary, the initiatives and milestones a post can
 * unlock (running ones, and the one the post already names), the author's zone (an expiry is the
 * end of a day there) and, to edit, the post itself (null when the viewer may not edit it).
 */
export async function loadPostForm(scope: NetworkScope, postId: string | null) {
  const n = scope.networkId;
  const [vocabulary, author, post] = await Promise.all([
    listVocabulary(scope),
    db(scope).user.findUnique({ where: { id: scope.userId }, select: { timeZone: true } }),
    postId
      ? db(scope).exchangePost.findFirst({
          where: { id: postId, networkId: n },
          select: {
            id: true,
            authorId: true,
            status: true,
            direction: true,
            capital: true,
            title: true,
            body: true,
            tags: true,
            initiativeId: true,
            milestoneId: true,
            town: true,
            address: true,
            visibility: true,
            expiresAt: true,
          },
        })
      : Promise.resolve(null),
  ]);
  const current = post?.milestoneId ?? post?.initiativeId ?? "";
  const options = await db(scope).$queryRaw<{ initiativeId: string; initiative: string; milestoneId: string | null; milestone: string | null }[]>`
    SELECT i.id AS "initiativeId", i.name AS initiative, m.id AS "milestoneId", m.title AS milestone
    FROM "Initiative" i
    LEFT JOIN "Milestone" m ON m."networkId" = i."networkId" AND m."initiativeId" = i.id
      AND (m.status IN ('planned', 'active') OR m.id = ${current})
    WHERE i."networkId" = ${n} AND (i.status <> 'ended' OR i.id = ${current} OR m.id IS NOT NULL)
    ORDER BY i.name, i.id, m.position NULLS FIRST
    LIMIT 500`;
  const unlocks: UnlockOption[] = [];
  const seen = new Set<string>();
  for (const o of options) {
    if (!seen.has(o.initiativeId)) {
      seen.add(o.initiativeId);
      unlocks.push({ value: `initiative:${o.initiativeId}`, initiative: o.initiative, milestone: null });
    }
    if (o.milestoneId) unlocks.push({ value: `milestone:${o.milestoneId}`, initiative: o.initiative, milestone: o.milestone });
  }
  const editable = post && mayEdit(scope.role, post, scope.userId) && post.expiresAt.getTime() > Date.now() ? post : null;
  return { vocabulary, unlocks, timeZone: author?.timeZone ?? "Europe/Amsterdam", post: editable };
}

// ---------------------------------------------------------------- the vocabulary page

/** The vocabulary with how many posts use each tag (a removed tag stays on them as a free tag). One statement. */
export async function loadTagsPage(scope: NetworkScope) {
  return db(scope).$queryRaw<(VocabularyTag & { uses: number })[]>`
    SELECT t.id, t.slug, t."labelEn", t."labelNl",
           (SELECT count(*)::int FROM "ExchangePost" p WHERE p."networkId" = t."networkId" AND t.slug = ANY(p.tags)) AS uses
    FROM "ExchangeTag" t WHERE t."networkId" = ${scope.networkId}
    ORDER BY t.slug LIMIT ${VOCABULARY_MAX}`;
}

// ---------------------------------------------------------------- the lessons log

export type ExchangeLesson = {
  id: string;
  title: string;
  lesson: string;
  lessonHtml: string | null;
  closedAt: Date;
  authorId: string | null;
  authorName: string | null;
  initiativeId: string | null;
  initiativeName: string | null;
  milestoneTitle: string | null;
};

/**
 * The lessons of fulfilled offers and requests this viewer may read, newest first (by when they
 * were fulfilled), optionally of one initiative, after a keyset cursor: the lessons log
 * (lib/funding/queries.ts) merges them with the milestones' lessons. One statement.
 */
export async function listExchangeLessons(scope: NetworkScope, filter: { initiative?: string }, after: Cursor | undefined, take: number) {
  const where = [
    Prisma.sql`p."networkId" = ${scope.networkId}`,
    Prisma.sql`p.status = 'fulfilled'`,
    Prisma.sql`p.lesson <> ''`,
    Prisma.sql`p."closedAt" IS NOT NULL`,
    visibilitySql(scope),
    filter.initiative ? Prisma.sql`p."initiativeId" = ${filter.initiative}` : null,
    after ? Prisma.sql`(p."closedAt", p.id) < (${after.at}, ${after.id})` : null,
  ].filter((w): w is Prisma.Sql => w !== null);
  return db(scope).$queryRaw<ExchangeLesson[]>`
    SELECT p.id, p.title, p.lesson, p."lessonHtml", p."closedAt", p."authorId", u.name AS "authorName",
           p."initiativeId", i.name AS "initiativeName", m.title AS "milestoneTitle"
    FROM "ExchangePost" p ${JOINS}
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY p."closedAt" DESC, p.id DESC LIMIT ${take}`;
}
