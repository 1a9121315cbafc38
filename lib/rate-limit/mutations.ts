import "server-only";
import { unstable_rethrow } from "next/navigation";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { onceKey, rateLimitedError, type RateCheck } from "./policy";

/** A row this hit added to, with the window it counted in: what a refund takes back. */
type Counted = { key: string; windowStart: number; marker: boolean };

export type RateVerdict = { allowed: true; counted: Counted[] } | { allowed: false; retryAfterMs: number };

type Client = Tx | ReturnType<typeof db>;

/** Epoch milliseconds as the UTC wall time Prisma keeps in `timestamp(3)` columns. */
function utc(ms: number): Prisma.Sql {
  return Prisma.sql`(to_timestamp(${ms}::float8 / 1000) AT TIME ZONE 'UTC')::timestamp(3)`;
}

/** A `timestamp(3)` column (UTC wall time) as epoch milliseconds. */
function epochMs(column: string): Prisma.Sql {
  return Prisma.raw(`(extract(epoch from "${column}") * 1000)::float8`);
}

type BumpedRow = { windowStart: number };

/**
 * Counts one hit on a counter, in one statement: creates it at 1 with a window from `now`;
 * starts a new window at 1 when the old one has ended; else adds one while below the limit.
 * `INSERT ... ON CONFLICT DO UPDATE` locks the row and re-reads it, so concurrent hits count
 * up one at a time: 20 hits at limit 10 let exactly 10 through. A refused hit changes
 * nothing. Returns the window counted in, or null when refused.
 */
async function bump(client: Client, check: RateCheck, now: number): Promise<number | null> {
  const rows = await client.$queryRaw<BumpedRow[]>`
    INSERT INTO "RateLimitBucket" AS b ("key", "windowStart", "expiresAt", "hits")
    VALUES (${check.key}, ${utc(now)}, ${utc(now + check.windowMs)}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN b."expiresAt" <= EXCLUDED."windowStart" THEN 1 ELSE b."hits" + 1 END,
      "windowStart" = CASE WHEN b."expiresAt" <= EXCLUDED."windowStart" THEN EXCLUDED."windowStart" ELSE b."windowStart" END,
      "expiresAt" = CASE WHEN b."expiresAt" <= EXCLUDED."windowStart" THEN EXCLUDED."expiresAt" ELSE b."expiresAt" END
    WHERE b."expiresAt" <= EXCLUDED."windowStart" OR b."hits" < ${check.limit}
    RETURNING ${epochMs("windowStart")} AS "windowStart"`;
  return rows[0] ? Number(rows[0].windowStart) : null;
}

type ExpiryRow = { expiresAt: number };

/** How long until a full counter's window ends. */
async function waitFor(check: RateCheck, now: number): Promise<number> {
  const rows = await db().$queryRaw<ExpiryRow[]>`
    SELECT ${epochMs("expiresAt")} AS "expiresAt" FROM "RateLimitBucket" WHERE "key" = ${check.key}`;
  return Math.max(1, Number(rows[0]?.expiresAt ?? now + check.windowMs) - now);
}

type MarkedRow = { key: string };

/**
 * Records that a post was counted, for the counter's window length; false when a live
 * marker already says so (an ended one is renewed, and counts as new).
 */
async function mark(tx: Tx, key: string, windowMs: number, now: number): Promise<boolean> {
  const rows = await tx.$queryRaw<MarkedRow[]>`
    INSERT INTO "RateLimitBucket" AS b ("key", "windowStart", "expiresAt", "hits")
    VALUES (${key}, ${utc(now)}, ${utc(now + windowMs)}, 1)
    ON CONFLICT ("key") DO UPDATE SET "windowStart" = EXCLUDED."windowStart", "expiresAt" = EXCLUDED."expiresAt"
    WHERE b."expiresAt" <= EXCLUDED."windowStart"
    RETURNING "key"`;
  return rows.length > 0;
}

class Refused extends Error {
  constructor(readonly check: RateCheck) {
    super("rate limited");
  }
}

/**
 * Counts one hit against every check and says whether all are within their limits. A
 * refused hit counts nowhere (with several checks, the transaction rolls back whole).
 *
 * `once` (a post's idempotency key with its kind and network) makes a retry count once: the
 * first hit also writes a marker row in the same transaction, and a hit that finds the marker
 * is the retry of a counted post, let through without counting. A retry that races its
 * original waits on the marker's key until the original's transaction ends.
 */
export async function hitRateLimits(
  checks: RateCheck[],
  options: { now?: Date; once?: string } = {},
): Promise<RateVerdict> {
  const now = (options.now ?? new Date()).getTime();
  // Rows are locked in key order, so two transactions never wait on each other in a cycle.
  const ordered = [...checks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const only = ordered[0];
  if (!only) return { allowed: true, counted: [] };

  if (ordered.length === 1 && options.once === undefined) {
    const windowStart = await bump(db(), only, now);
    if (windowStart === null) return { allowed: false, retryAfterMs: await waitFor(only, now) };
    return { allowed: true, counted: [{ key: only.key, windowStart, marker: false }] };
  }

  const token = options.once;
  try {
    const counted = await db().$transaction(async (tx) => {
      const rows: Counted[] = [];
      for (const check of ordered) {
        if (token !== undefined) {
          const marker = onceKey(check, token);
          if (!(await mark(tx, marker, check.windowMs, now))) continue; // a retry of a counted post
          rows.push({ key: marker, windowStart: now, marker: true });
        }
        const windowStart = await bump(tx, check, now);
        if (windowStart === null) throw new Refused(check);
        rows.push({ key: check.key, windowStart, marker: false });
      }
      return rows;
    });
    return { allowed: true, counted };
  } catch (error) {
    if (error instanceof Refused) return { allowed: false, retryAfterMs: await waitFor(error.check, now) };
    throw error;
  }
}

/** Takes back what a hit counted (its write was refused): counters down by one, markers gone. */
async function refundRateLimits(counted: Counted[]): Promise<void> {
  for (const row of counted) {
    // Only in the window the hit counted in: a counter that has started a new one is left alone.
    const at = utc(row.windowStart);
    if (row.marker) {
      await db().$executeRaw`DELETE FROM "RateLimitBucket" WHERE "key" = ${row.key} AND "windowStart" = ${at}`;
    } else {
      // One statement: the row goes when this was its only hit, else it counts one less.
      await db().$executeRaw`
        WITH gone AS (
          DELETE FROM "RateLimitBucket" WHERE "key" = ${row.key} AND "windowStart" = ${at} AND "hits" <= 1
        )
        UPDATE "RateLimitBucket" SET "hits" = "hits" - 1
        WHERE "key" = ${row.key} AND "windowStart" = ${at} AND "hits" > 1`;
    }
  }
}

/**
 * Runs `write` within the rate limits: counts the hit first, refuses with `rate_limited`
 * (the wait in minutes on `field`) when over a limit, and refunds the hit when `write` fails,
 * so only what is written counts and a refused action leaves the database as it was.
 */
export async function withinRateLimits<T>(
  checks: RateCheck[],
  options: { field: string; now?: Date; once?: string },
  write: () => Promise<T>,
): Promise<T> {
  const verdict = await hitRateLimits(checks, options);
  if (!verdict.allowed) throw rateLimitedError(verdict.retryAfterMs, options.field);
  try {
    return await write();
  } catch (error) {
    unstable_rethrow(error); // a redirect or notFound() is not a failure
    await refundRateLimits(verdict.counted).catch((refundError: unknown) =>
      console.error("[kring] refunding a rate-limit hit failed", refundError),
    );
    throw error;
  }
}

/** Deletes counters whose window has ended (the five-minute sweep in lib/jobs.ts). */
export async function deleteExpiredRateLimits(now: Date = new Date()): Promise<number> {
  const { count } = await db().rateLimitBucket.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
