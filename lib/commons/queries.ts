import "server-only";
import { cache } from "react";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { AreaName, CommonsKindName, LevelName, LicenceName, OutcomeName, StageName } from "./limits";
import { COMMONS_PAGE_SIZE, EXCERPT_MAX, FEED_SIZE, PATTERN_MIN_NETWORKS, QUESTIONS_PAGE_SIZE, REGIONS_MAX } from "./limits";
import { plainExcerpt } from "@/lib/markdown/text";
import type { NetworkScope } from "@/lib/membership/scope";
import { dutchAlternative } from "@/lib/search/schema";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { isItemId, type CommonsFilter } from "./policy";

/**
 * Reads of the commons (decision 045). `CommonsItem` is shared, not a tenant table (decision 043):
 * it is read with `db()`, which sees no tenant row, so nothing a network did not publish can reach
 * these statements. Every read keeps `withdrawnAt IS NULL`: a withdrawn item is in no list, search,
 * pattern or feed (and its own address answers 410); the patterns and the regions are counted from the
 * live items by a trigger (decision 052). Each function is one statement.
 */

/** Where the next page starts: after this rank (0 when not searching), then newest first, then id. */
export type CommonsCursor = { rank: number; at: Date; id: string };

function encodeCommonsCursor(c: CommonsCursor): string {
  return Buffer.from(`${c.rank}|${c.at.toISOString()}|${c.id}`).toString("base64url");
}

/** A tampered or foreign cursor is the first page, never an error. */
export function decodeCommonsCursor(raw: string | string[] | undefined): CommonsCursor | undefined {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (!text || text.length > 200) return undefined;
  const [rank, at, id] = Buffer.from(text, "base64url").toString().split("|");
  const r = rank ? Number(rank) : Number.NaN;
  const date = at ? new Date(at) : undefined;
  if (!Number.isFinite(r) || !date || Number.isNaN(date.getTime()) || !id || !isItemId(id)) return undefined;
  return { rank: r, at: date, id };
}

/** What a list, a feed and an item page show of an item. */
type ItemRow = {
  id: string;
  kind: CommonsKindName;
  language: "en" | "nl";
  title: string;
  body: string;
  bodyHtml: string;
  attribution: "names" | "network" | "anonymous";
  licence: LicenceName;
  sourceName: string;
  region: string;
  authorNames: string[];
  level: LevelName | null;
  area: AreaName | null;
  stage: StageName | null;
  outcome: OutcomeName | null;
  topic: string;
  publishedAt: Date;
};

const itemColumns = Prisma.sql`
  i.id::text AS id, i.kind::text AS kind, i.language::text AS language, i.title, i.body, i."bodyHtml",
  i.attribution::text AS attribution, i.licence::text AS licence, i."sourceName", i.region,
  coalesce(i."authorNames", ARRAY[]::text[]) AS "authorNames",
  i.level::text AS level, i.area::text AS area, i.stage::text AS stage, i.outcome::text AS outcome, i.topic, i."publishedAt"`;

export type CommonsListItem = Omit<ItemRow, "body" | "bodyHtml"> & { excerpt: string };

/**
 * One page of the commons: the live items the filter keeps, searched in full text when there is a
 * query. Each item is matched and ranked in its own language: the query is read once in Dutch (also
 * with the other f/v, s/z spelling, see dutchAlternative) for Dutch items and once in English for the
 * others, so "gemeenten" finds a Dutch "gemeente" and "municipalities" an English "municipality".
 * Ranked by ts_rank_cd when searching, newest first otherwise; keyset pages. One statement, which
 * picks the page's ids (ordered and limited) before it reads their text, so the newest page reads
 * the index of live items by date and the wide columns of those rows only.
 */
export async function listCommons(filter: CommonsFilter, after?: CommonsCursor, take = COMMONS_PAGE_SIZE) {
  const searching = filter.q !== "";
  const alternative = searching ? dutchAlternative(filter.q) : "";
  const matches = Prisma.sql`i."searchVector" @@ (CASE WHEN i.language::text = 'nl' THEN q.nl ELSE q.en END)`;
  const rank = searching
    ? Prisma.sql`ts_rank_cd(i."searchVector", CASE WHEN i.language::text = 'nl' THEN q.nl ELSE q.en END)::float8`
    : Prisma.sql`0::float8`;
  const where = Prisma.sql`
    i."withdrawnAt" IS NULL
    AND (${filter.kind}::text IS NULL OR i.kind::text = ${filter.kind}::text)
    AND (${filter.level}::text IS NULL OR i.level::text = ${filter.level}::text)
    AND (${filter.area}::text IS NULL OR i.area::text = ${filter.area}::text)
    AND (${filter.stage}::text IS NULL OR i.stage::text = ${filter.stage}::text)
    AND (${filter.outcome}::text IS NULL OR i.outcome::text = ${filter.outcome}::text)
    AND (${filter.region} = '' OR lower(i.region) = lower(${filter.region}))
    ${searching ? Prisma.sql`AND ${matches}` : Prisma.empty}`;
  const keyset = after
    ? searching
      ? Prisma.sql`AND (h.rank, h."publishedAt", h.id) < (${after.rank}::float8, ${after.at}::timestamp(3), ${after.id}::uuid)`
      : Prisma.sql`AND (h."publishedAt", h.id) < (${after.at}::timestamp(3), ${after.id}::uuid)`
    : Prisma.empty;
  const order = searching ? Prisma.sql`h.rank DESC, h."publishedAt" DESC, h.id DESC` : Prisma.sql`h."publishedAt" DESC, h.id DESC`;
  const rows = await db().$queryRaw<(ItemRow & { rank: number })[]>`
    WITH q AS (
      SELECT CASE WHEN ${alternative} <> '' THEN websearch_to_tsquery('dutch', ${filter.q}) || websearch_to_tsquery('dutch', ${alternative})
                  ELSE websearch_to_tsquery('dutch', ${filter.q}) END AS nl,
             websearch_to_tsquery('english', ${filter.q}) AS en
    ),
    h AS (
      SELECT id, "publishedAt", rank FROM (
        SELECT i.id, i."publishedAt", ${rank} AS rank
        FROM "CommonsItem" i, q
        WHERE ${where}
      ) h
      WHERE true ${keyset}
      ORDER BY ${order}
      LIMIT ${take + 1}
    )
    SELECT ${itemColumns}, h.rank
    FROM h JOIN "CommonsItem" i ON i.id = h.id
    ORDER BY ${order}`;
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map(({ body, bodyHtml, rank: _rank, ...row }): CommonsListItem => ({ ...row, excerpt: plainExcerpt(body, EXCERPT_MAX, bodyHtml) })),
    next: rows.length > take && last ? encodeCommonsCursor({ rank: Number(last.rank), at: last.publishedAt, id: last.id }) : null,
  };
}

/**
 * The regions the filter offers: those of live items, alphabetically (at most REGIONS_MAX). Kept in
 * "CommonsRegion" by the trigger that keeps the patterns (decision 052). One statement.
 */
async function listCommonsRegions(): Promise<string[]> {
  const rows = await db().$queryRaw<{ region: string }[]>`
    SELECT region FROM "CommonsRegion" ORDER BY region LIMIT ${REGIONS_MAX}`;
  return rows.map((r) => r.region);
}

export type CommonsItemView = ItemRow & { allowQuestions: boolean };

/**
 * One item by its address: live (with whether its source network takes questions), withdrawn
 * (nothing else is told), or null for an id that names no item. A malformed id never reaches the
 * database. One statement, once per request (the page and its metadata share it).
 */
export const findCommonsItem = cache(async (id: string): Promise<{ state: "live"; item: CommonsItemView } | { state: "withdrawn" } | null> => {
  if (!isItemId(id)) return null;
  const rows = await db().$queryRaw<(ItemRow & { withdrawn: boolean; allowQuestions: boolean })[]>`
    SELECT ${itemColumns}, i."withdrawnAt" IS NOT NULL AS withdrawn, n."allowCommonsQuestions" AS "allowQuestions"
    FROM "CommonsItem" i JOIN "Network" n ON n.id = i."sourceNetworkId"
    WHERE i.id = ${id}::uuid`;
  const row = rows[0];
  if (!row) return null;
  if (row.withdrawn) return { state: "withdrawn" };
  const { withdrawn: _withdrawn, ...item } = row;
  return { state: "live", item };
});

/** Whether this address names a withdrawn item (the proxy's question before it renders an item page). */
export async function isWithdrawnCommonsItem(id: string): Promise<boolean> {
  if (!isItemId(id)) return false;
  const rows = await db().$queryRaw<{ withdrawn: boolean }[]>`
    SELECT "withdrawnAt" IS NOT NULL AS withdrawn FROM "CommonsItem" WHERE id = ${id}::uuid`;
  return rows[0]?.withdrawn === true;
}

export type CommonsFeedItem = ItemRow;

/** The feeds' entries: the newest live items (FEED_SIZE). One statement. */
export async function listCommonsFeed(take = FEED_SIZE): Promise<CommonsFeedItem[]> {
  return db().$queryRaw<ItemRow[]>`
    SELECT ${itemColumns}
    FROM "CommonsItem" i
    WHERE i."withdrawnAt" IS NULL
    ORDER BY i."publishedAt" DESC, i.id DESC
    LIMIT ${take}`;
}

/** Which facet a pattern cell counts: how items of a kind ended, their area, their growth stage, or how a topic's steps ended. */
type PatternFacet = "outcome" | "area" | "stage" | "topic";

export type PatternCell = {
  kind: CommonsKindName;
  facet: PatternFacet;
  /** The facet's value (an outcome, an area, a stage; for `topic`, the topic as most often written). */
  value: string;
  /** For `topic`: how those steps ended. */
  outcome: OutcomeName | null;
  /** Distinct networks in the cell, and distinct networks that shared this kind at all. */
  networks: number;
  kindNetworks: number;
  items: number;
};

/**
 * Patterns across networks (issue 21): counts of live items by kind and outcome, area, stage, and
 * for milestone outcomes by topic and outcome. A cell is returned only where at least
 * PATTERN_MIN_NETWORKS distinct source networks contribute; smaller cells are left out altogether
 * (never shown as 0 or "fewer than 3"), so no count points at one network. Counts of items and
 * networks only: nothing about a person. The cells are computed by a trigger on "CommonsItem" in
 * the same transaction as every change that counts (decision 052), so a withdrawn item has left
 * them when its withdrawal commits; this reads them. One statement.
 */
export async function listCommonsPatterns(): Promise<PatternCell[]> {
  return db().$queryRaw<PatternCell[]>`
    SELECT kind::text AS kind, facet, value, outcome::text AS outcome, networks, "kindNetworks", items
    FROM "CommonsPattern"
    WHERE networks >= ${PATTERN_MIN_NETWORKS}
    ORDER BY position`;
}

export type CommonsQuestionView = {
  id: string;
  itemId: string;
  itemTitle: string;
  itemWithdrawn: boolean;
  bodyHtml: string;
  body: string;
  replyEmail: string;
  askerName: string | null;
  createdAt: Date;
};

/**
 * The questions people asked this network about its commons items, newest first, keyset pages,
 * for its brokers (the page checks `commons.questions`). The item's title comes from the shared
 * copy ("" once withdrawn). One statement.
 */
export async function listCommonsQuestions(scope: NetworkScope, after?: Cursor, take = QUESTIONS_PAGE_SIZE) {
  const keyset = after ? Prisma.sql`AND (q."createdAt", q.id) < (${after.at}::timestamp(3), ${after.id})` : Prisma.empty;
  const rows = await db(scope).$queryRaw<CommonsQuestionView[]>`
    SELECT q.id, q."itemId"::text AS "itemId", coalesce(i.title, '') AS "itemTitle", coalesce(i."withdrawnAt" IS NOT NULL, true) AS "itemWithdrawn",
           coalesce(q."bodyHtml", '') AS "bodyHtml", q.body, q."replyEmail", u.name AS "askerName", q."createdAt"
    FROM "CommonsQuestion" q
    LEFT JOIN "CommonsItem" i ON i.id = q."itemId" AND i."sourceNetworkId" = q."networkId"
    LEFT JOIN "User" u ON u.id = q."askerId"
    WHERE q."networkId" = ${scope.networkId} ${keyset}
    ORDER BY q."createdAt" DESC, q.id DESC
    LIMIT ${take + 1}`;
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return { items: page, next: rows.length > take && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
}

/** The network's commons settings, for its settings form: its region and whether it takes questions. One statement. */
export async function commonsSettingsOf(scope: NetworkScope): Promise<{ region: string; allowCommonsQuestions: boolean }> {
  return db(scope).network.findUniqueOrThrow({ where: { id: scope.networkId }, select: { region: true, allowCommonsQuestions: true } });
}

/** Everything /commons shows: one page of items, the regions its filter offers and the patterns. Three statements. */
export async function loadCommons(filter: CommonsFilter, after?: CommonsCursor) {
  const [page, regions, patterns] = await Promise.all([listCommons(filter, after), listCommonsRegions(), listCommonsPatterns()]);
  return { ...page, regions, patterns };
}

/**
 * The networks where a person asked a question about a shared item, through the reviewed door
 * `kring_question_networks` (decision 022): they need not belong to those networks, and their own
 * data export and the deletion of their account must still find what they wrote there.
 */
export async function questionNetworkIds(userId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ networkId: string }[]>`SELECT "networkId" FROM kring_question_networks(${userId})`;
  return rows.map((r) => r.networkId);
}
