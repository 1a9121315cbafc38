import "server-only";
import type { Db, Tx } from "@/lib/db/client";

/**
 * Keeps the full-text vectors of the dialogue current. Called in the same transaction
 * as every write of a thread's title or body or a reply's body; the vector is computed
 * from the stored row, stemmed in the language of the row's own network (Dutch for
 * `nl`, English otherwise), so no client input decides the configuration.
 */
type Sql = Pick<Tx, "$executeRaw">;

export async function indexThread(tx: Sql, networkId: string, threadId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Thread" t
    SET "searchVector" =
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, t.title), 'A') ||
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, t.body), 'B')
    FROM "Network" n
    WHERE n.id = t."networkId" AND t."networkId" = ${networkId} AND t.id = ${threadId}`;
}

export async function indexReply(tx: Sql, networkId: string, replyId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Reply" r
    SET "searchVector" = to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, r.body)
    FROM "Network" n
    WHERE n.id = r."networkId" AND r."networkId" = ${networkId} AND r.id = ${replyId}`;
}

/** The vector of an offer or request, stemmed like the rest: its title, body and tags (hyphens read as spaces). */
export async function indexExchangePost(tx: Sql, networkId: string, postId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "ExchangePost" p
    SET "searchVector" =
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, p.title), 'A') ||
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, p.body), 'B') ||
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END,
                            replace(array_to_string(p.tags, ' '), '-', ' ')), 'C')
    FROM "Network" n
    WHERE n.id = p."networkId" AND p."networkId" = ${networkId} AND p.id = ${postId}`;
}

/**
 * Fills the vectors that are still NULL (rows written before search existed, or by a
 * seed that bypasses the mutations). Idempotent; run at start-up and by `npm run db:seed`.
 * With `networkId` it covers one network only (the demo seed, right after creating it).
 */
export async function backfillSearchVectors(prisma: Db | Sql, networkId?: string): Promise<{ threads: number; replies: number; exchangePosts: number }> {
  const only = networkId ?? null;
  const threads = await prisma.$executeRaw`
    UPDATE "Thread" t
    SET "searchVector" =
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, t.title), 'A') ||
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, t.body), 'B')
    FROM "Network" n
    WHERE n.id = t."networkId" AND t."searchVector" IS NULL AND (${only}::text IS NULL OR t."networkId" = ${only}::text)`;
  const replies = await prisma.$executeRaw`
    UPDATE "Reply" r
    SET "searchVector" = to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, r.body)
    FROM "Network" n
    WHERE n.id = r."networkId" AND r."searchVector" IS NULL AND (${only}::text IS NULL OR r."networkId" = ${only}::text)`;
  const exchangePosts = await prisma.$executeRaw`
    UPDATE "ExchangePost" p
    SET "searchVector" =
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, p.title), 'A') ||
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, p.body), 'B') ||
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END,
                            replace(array_to_string(p.tags, ' '), '-', ' ')), 'C')
    FROM "Network" n
    WHERE n.id = p."networkId" AND p."searchVector" IS NULL AND (${only}::text IS NULL OR p."networkId" = ${only}::text)`;
  return { threads, replies, exchangePosts };
}
