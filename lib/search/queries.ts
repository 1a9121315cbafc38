import "server-only";
import { db } from "@/lib/db/client";
import { encodeCursor } from "@/lib/cursor";
import { REPLIES_PAGE_SIZE } from "@/lib/dialogue/schema";
import { UNRENDERABLE_HTML } from "@/lib/markdown/render";
import { ANY_TAG_PATTERN, BLOCK_TAG_PATTERN, FOOTNOTE_CHROME_PATTERN } from "@/lib/markdown/text";
import type { NetworkScope } from "@/lib/membership/scope";
import { dutchAlternative, dutchPrefixQuery, SEARCH_PAGE_SIZE } from "./schema";

/** Where the next page starts: after this rank, then newest first by creation, then id. */
export type SearchCursor = { rank: number; at: Date; id: string };

function encodeSearchCursor(c: SearchCursor): string {
  return Buffer.from(`${c.rank}|${c.at.toISOString()}|${c.id}`).toString("base64url");
}

export function decodeSearchCursor(raw: string | undefined | null): SearchCursor | undefined {
  if (!raw || raw.length > 200) return undefined;
  const [rank, at, id] = Buffer.from(raw, "base64url").toString().split("|");
  const r = rank ? Number(rank) : Number.NaN;
  const date = at ? new Date(at) : undefined;
  if (!Number.isFinite(r) || !date || Number.isNaN(date.getTime()) || !id || id.length > 64) return undefined;
  return { rank: r, at: date, id };
}

/** A piece of an excerpt; `mark` pieces matched the query. Rendered as text, never as HTML. */
export type Segment = { text: string; mark: boolean };

// Private-use characters as markers: stripped from the stored text and the query before use.
const START = "\uE000";
const STOP = "\uE001";
const HEADLINE = `StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_HEADLINE = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;

/** Splits ts_headline's output at the markers into plain and matched pieces. */
export function toSegments(headline: string): Segment[] {
  const out: Segment[] = [];
  for (const [i, part] of headline.split(START).entries()) {
    if (i === 0) {
      if (part) out.push({ text: part.replaceAll(STOP, ""), mark: false });
      continue;
    }
    const [marked = "", ...rest] = part.split(STOP);
    if (marked) out.push({ text: marked, mark: true });
    const tail = rest.join("");
    if (tail) out.push({ text: tail, mark: false });
  }
  return out;
}

/** One row of searchDialogue's statement: a thread or reply hit with its rank and excerpt. */
type SearchHitRow = {
  kind: "thread" | "reply";
  id: string;
  threadId: string;
  rank: number;
  createdAt: Date;
  title: string;
  excerpt: string;
  threadHidden: boolean;
  replyHidden: boolean;
  authorName: string | null;
  laterPage: boolean;
  prevAt: Date | null;
  prevId: string | null;
};

/**
 * Full-text search over this network's threads (title weighted above body) and replies,
 * stemmed in the network's language (in Dutch also the word's other f/v, s/z spelling,
 * see dutchAlternative, and every word as a prefix, also without a verb's final -t, see
 * dutchPrefixQuery). Only what the viewer may read: hidden threads (and their replies) for
 * brokers and the thread's author, hidden replies for brokers and their author, deleted
 * replies never. Ranked by ts_rank_cd, ties newest first, keyset-paged on
 * (rank, createdAt, id). One query per page, excerpts computed for that page only.
 */
export async function searchDialogue(scope: NetworkScope, opts: { q: string; after?: SearchCursor; take?: number }) {
  const take = opts.take ?? SEARCH_PAGE_SIZE;
  if (!opts.q) return { items: [], next: null };
  const broker = scope.role === "broker";
  const after = opts.after ?? null;
  const alternative = dutchAlternative(opts.q);
  const prefix = dutchPrefixQuery(opts.q);
  const rows = await db(scope).$queryRaw<SearchHitRow[]>`
    WITH q AS (
      SELECT c.cfg,
             CASE
               WHEN NOT c.dutch THEN websearch_to_tsquery(c.cfg, ${opts.q})
               WHEN ${alternative} <> '' AND ${prefix} <> ''
                 THEN websearch_to_tsquery(c.cfg, ${opts.q}) || websearch_to_tsquery(c.cfg, ${alternative}) || to_tsquery(c.cfg, ${prefix})
               WHEN ${alternative} <> '' THEN websearch_to_tsquery(c.cfg, ${opts.q}) || websearch_to_tsquery(c.cfg, ${alternative})
               WHEN ${prefix} <> '' THEN websearch_to_tsquery(c.cfg, ${opts.q}) || to_tsquery(c.cfg, ${prefix})
               ELSE websearch_to_tsquery(c.cfg, ${opts.q})
             END AS query
      FROM (
        SELECT locale::text = 'nl' AS dutch,
               CASE WHEN locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END AS cfg
        FROM "Network" WHERE id = ${scope.networkId}
      ) c
    ),
    hits AS (
      SELECT 'thread'::text AS kind, t.id, t.id AS "threadId", ts_rank_cd(t."searchVector", q.query)::float8 AS rank, t."createdAt"
      FROM "Thread" t, q
      WHERE t."networkId" = ${scope.networkId}
        AND t."searchVector" @@ q.query
        AND (${broker} OR t."hiddenAt" IS NULL OR t."authorId" = ${scope.userId})
      UNION ALL
      SELECT 'reply'::text, r.id, r."threadId", ts_rank_cd(r."searchVector", q.query)::float8, r."createdAt"
      FROM "Reply" r
      JOIN "Thread" t ON t.id = r."threadId" AND t."networkId" = r."networkId", q
      WHERE r."networkId" = ${scope.networkId}
        AND t."networkId" = ${scope.networkId}
        AND r."searchVector" @@ q.query
        AND r."deletedAt" IS NULL
        AND (${broker} OR t."hiddenAt" IS NULL OR t."authorId" = ${scope.userId})
        AND (${broker} OR r."hiddenAt" IS NULL OR r."authorId" = ${scope.userId})
    ),
    page AS (
      SELECT * FROM hits
      WHERE ${after === null}
         OR (rank, "createdAt", id) < (${after?.rank ?? 0}::float8, ${after?.at ?? new Date(0)}::timestamp(3), ${after?.id ?? ""}::text)
      ORDER BY rank DESC, "createdAt" DESC, id DESC
      LIMIT ${take + 1}
    )
    SELECT page.kind, page.id, page."threadId", page.rank, page."createdAt",
           ts_headline(q.cfg, translate(t.title, ${START + STOP}, ''), q.query, ${TITLE_HEADLINE}) AS title,
           -- The excerpt is cut from the words of the rendered post (its stored, sanitised HTML with
           -- the tags removed, as htmlText in lib/markdown/text.ts does), not from its Markdown: no
           -- syntax shows, and HTML in the source never reaches it (the renderer dropped it).
           -- A row not rendered yet, or one the renderer refused, falls back to the source.
           ts_headline(q.cfg, translate(
             CASE WHEN src.html IS NULL OR src.html = ${UNRENDERABLE_HTML} THEN src.body
             ELSE btrim(regexp_replace(replace(replace(replace(replace(replace(
                    regexp_replace(regexp_replace(regexp_replace(src.html,
                      ${FOOTNOTE_CHROME_PATTERN}, '', 'g'), ${BLOCK_TAG_PATTERN}, ' ', 'gi'), ${ANY_TAG_PATTERN}, '', 'g'),
                    '&#x3C;', '<'), '&#x3E;', '>'), '&#x22;', '"'), '&#x27;', ''''), '&#x26;', '&'),
                  '[[:space:]]+', ' ', 'g'))
             END, ${START + STOP}, ''), q.query, ${HEADLINE}) AS excerpt,
           t."hiddenAt" IS NOT NULL AS "threadHidden",
           coalesce(r."hiddenAt" IS NOT NULL, false) AS "replyHidden",
           u.name AS "authorName",
           -- A reply past the thread page's first page: it is reached with the cursor of the reply before it.
           page.kind = 'reply' AND (
             SELECT count(*) FROM (
               SELECT 1 FROM "Reply" b
               WHERE b."networkId" = ${scope.networkId} AND b."threadId" = page."threadId"
                 AND (b."createdAt", b.id) < (page."createdAt", page.id)
               LIMIT ${REPLIES_PAGE_SIZE}
             ) before
           ) >= ${REPLIES_PAGE_SIZE} AS "laterPage",
           prev."createdAt" AS "prevAt", prev.id AS "prevId"
    FROM page
    CROSS JOIN q
    JOIN "Thread" t ON t.id = page."threadId" AND t."networkId" = ${scope.networkId}
    LEFT JOIN "Reply" r ON page.kind = 'reply' AND r.id = page.id AND r."networkId" = ${scope.networkId}
    CROSS JOIN LATERAL (
      SELECT CASE WHEN page.kind = 'reply' THEN r.body ELSE t.body END AS body,
             CASE WHEN page.kind = 'reply' THEN r."bodyHtml" ELSE t."bodyHtml" END AS html
    ) src
    LEFT JOIN "User" u ON u.id = coalesce(r."authorId", t."authorId")
    LEFT JOIN LATERAL (
      SELECT p."createdAt", p.id FROM "Reply" p
      WHERE page.kind = 'reply' AND p."networkId" = ${scope.networkId} AND p."threadId" = page."threadId"
        AND (p."createdAt", p.id) < (page."createdAt", page.id)
      ORDER BY p."createdAt" DESC, p.id DESC
      LIMIT 1
    ) prev ON true
    ORDER BY page.rank DESC, page."createdAt" DESC, page.id DESC`;
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      kind: r.kind,
      id: r.id,
      threadId: r.threadId,
      createdAt: r.createdAt,
      hidden: Boolean(r.threadHidden || r.replyHidden),
      authorName: r.authorName,
      // The thread page's `after` cursor that shows this reply (null: it is on the first page).
      threadPage: r.laterPage && r.prevAt && r.prevId ? encodeCursor({ at: r.prevAt, id: r.prevId }) : null,
      title: toSegments(r.title),
      excerpt: toSegments(r.excerpt),
    })),
    next:
      rows.length > take && last
        ? encodeSearchCursor({ rank: Number(last.rank), at: last.createdAt, id: last.id })
        : null,
  };
}
