import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { CapitalKind, ExchangeDirection } from "@/lib/db/generated/enums";
import type { NetworkScope } from "@/lib/membership/scope";

/**
 * Matching (decision 041): for one offer or request, the open posts of the other direction that
 * the viewer may read, and (for a request) the members whose "I can help with" meets it. Each
 * list is one bounded SQL statement; the post's network decides the text-search language (Dutch
 * stemming for a Dutch network, English otherwise), never client input.
 *
 * A candidate must share a tag or a stemmed word with the post; it then ranks by
 *   1.0 for the same kind of capital
 * + 0.5 per shared tag (at most three count)
 * + the share of the post's own words it meets, from PostgreSQL's ts_rank over its search vector
 *   with an OR query of the post's lexemes, divided by the post's rank against itself (0 to 1).
 */

/** How many matches each list shows (and notifies) at most. */
const MATCHES_MAX = 5;
/** The post's own lexemes that make its query: title words first, then the most frequent. */
const QUERY_LEXEMES_MAX = 64;

type MatchedPost = {
  id: string;
  title: string;
  direction: ExchangeDirection;
  capital: CapitalKind;
  town: string;
  authorId: string | null;
  authorName: string | null;
  /** The author is an active member or broker, who may read the post matched with theirs. */
  authorMayHear: boolean;
  sharedTags: string[];
  sameCapital: boolean;
  score: number;
};

type MatchedPerson = { userId: string; name: string | null; sharedTags: string[]; score: number };

export type Matches = { posts: MatchedPost[]; people: MatchedPerson[] };

/**
 * The post being matched, as the statements below read it: its language, its own weighted
 * vector (title A, body B) and the OR query of its lexemes. Quoting each lexeme keeps the query
 * exact (no second stemming) whatever characters a lexeme holds. Running posts only.
 */
function source(scope: NetworkScope, postId: string): Prisma.Sql {
  return Prisma.sql`
    src AS (
      SELECT p.id, p.direction, p.capital, p.tags, p."authorId", p.status, c.cfg,
             coalesce(p."searchVector", to_tsvector(c.cfg, p.title || ' ' || p.body)) AS vec,
             setweight(to_tsvector(c.cfg, p.title), 'A') || setweight(to_tsvector(c.cfg, p.body), 'B') AS own
      FROM "ExchangePost" p
      JOIN "Network" n ON n.id = p."networkId"
      CROSS JOIN LATERAL (SELECT CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END AS cfg) c
      WHERE p."networkId" = ${scope.networkId} AND p.id = ${postId}
        AND p.status IN ('open', 'in_progress') AND p."expiresAt" > now()
    ), q AS (
      SELECT src.*,
             (SELECT string_agg(w.quoted, ' | ')
              FROM (SELECT chr(39) || replace(replace(l.lexeme, chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39)) || chr(39) AS quoted
                    FROM unnest(src.own) l
                    ORDER BY l.weights[1], cardinality(l.positions) DESC, l.lexeme
                    LIMIT ${QUERY_LEXEMES_MAX}) w)::tsquery AS query
      FROM src
    )`;
}

type PostRow = Omit<MatchedPost, "score"> & { score: number | string };

/** The best open posts of the other direction, readable by the viewer (a funder: only those shown to funders). */
async function matchingPosts(scope: NetworkScope, postId: string): Promise<MatchedPost[]> {
  const fundersOnly = scope.role === "funder";
  const rows = await db(scope).$queryRaw<PostRow[]>`
    WITH ${source(scope, postId)}
    SELECT c.id, c.title, c.direction, c.capital, c.town, c."authorId", u.name AS "authorName",
           coalesce(m.status = 'active' AND m.role IN ('broker', 'member'), false) AS "authorMayHear",
           s.shared AS "sharedTags", (c.capital = q.capital) AS "sameCapital",
           ((CASE WHEN c.capital = q.capital THEN 1.0 ELSE 0 END)
            + 0.5 * least(cardinality(s.shared), 3)
            + least(coalesce(ts_rank(c."searchVector", q.query) / nullif(ts_rank(q.vec, q.query), 0), 0), 1))::float8 AS score
    FROM q
    JOIN "ExchangePost" c
      ON c."networkId" = ${scope.networkId} AND c.direction <> q.direction
     AND c.status = 'open' AND c."expiresAt" > now() AND c.id <> q.id
    CROSS JOIN LATERAL (SELECT ARRAY(SELECT unnest(c.tags) INTERSECT SELECT unnest(q.tags) ORDER BY 1) AS shared) s
    LEFT JOIN "User" u ON u.id = c."authorId"
    LEFT JOIN "Membership" m ON m."networkId" = c."networkId" AND m."userId" = c."authorId"
    WHERE (c."authorId" IS NULL OR (c."authorId" IS DISTINCT FROM q."authorId" AND c."authorId" <> ${scope.userId}))
      AND (${fundersOnly} = false OR c.visibility = 'network_and_funders')
      AND (c.tags && q.tags OR c."searchVector" @@ q.query)
    ORDER BY score DESC, c."createdAt" DESC, c.id
    LIMIT ${MATCHES_MAX}`;
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

type PersonRow = Omit<MatchedPerson, "score"> & { score: number | string };

/**
 * For a request: the active members and brokers whose "I can help with" shares a tag with it, or
 * (ranked after them) whose help tags are words of the request in the network's language. Funders
 * are never matched; the author is not their own match.
 */
async function matchingPeople(scope: NetworkScope, postId: string): Promise<MatchedPerson[]> {
  const rows = await db(scope).$queryRaw<PersonRow[]>`
    WITH ${source(scope, postId)}
    SELECT m."userId", u.name, s.shared AS "sharedTags",
           (cardinality(s.shared) + coalesce(ts_rank(h.vec, q.query), 0))::float8 AS score
    FROM q
    JOIN "Membership" m
      ON m."networkId" = ${scope.networkId} AND m.status = 'active' AND m.role IN ('broker', 'member')
     AND cardinality(m."helpTags") > 0 AND m."userId" IS DISTINCT FROM q."authorId" AND m."userId" <> ${scope.userId}
    JOIN "User" u ON u.id = m."userId"
    CROSS JOIN LATERAL (SELECT ARRAY(SELECT unnest(m."helpTags") INTERSECT SELECT unnest(q.tags) ORDER BY 1) AS shared) s
    CROSS JOIN LATERAL (SELECT to_tsvector(q.cfg, replace(array_to_string(m."helpTags", ' '), '-', ' ')) AS vec) h
    WHERE q.direction = 'request' AND (m."helpTags" && q.tags OR h.vec @@ q.query)
    ORDER BY score DESC, m."userId"
    LIMIT ${MATCHES_MAX}`;
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

/**
 * What may match one post, for its author (the post page's "may match" section, and the
 * notifications after a save): two statements, each at most MATCHES_MAX rows. Empty for a
 * post that is closed or expired, or not in the scope's network.
 */
export async function matchesForPost(scope: NetworkScope, postId: string): Promise<Matches> {
  const [posts, people] = await Promise.all([matchingPosts(scope, postId), matchingPeople(scope, postId)]);
  return { posts, people };
}
