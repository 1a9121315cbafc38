import "server-only";
import { dbSystem, type Tx } from "@/lib/db/client";
import { REMINDER_WINDOW_MS } from "@/lib/cycles/phase";
import { EXPIRY_REMINDER_DAYS } from "@/lib/exchange/limits";

// The reminder before a cycle's I deadline, for every network at once (in-app, and by email as
// the person's email settings say: lib/digests/mutations.ts mails it like every notification):
// the one cross-network writer of the cycles (decision 022), run by the sweep in lib/jobs.ts.

/** A reminder notification just written: whom it reaches, and (in its key) which cycle. */
type ReminderRow = { userId: string; networkId: string; dedupeKey: string };

/**
 * Writes the due reminders, one statement: for every open cycle in its last 48 hours of
 * the I phase, every active broker and member who has not submitted a reflection gets a
 * `cycle_reminder` keyed `cycle-reminder:<cycleId>`, so it never arrives twice. Returns
 * the rows written now.
 */
async function insertReminders(sql: Pick<Tx, "$queryRaw">, now: Date) {
  const until = new Date(now.getTime() + REMINDER_WINDOW_MS);
  return sql.$queryRaw<ReminderRow[]>`
    INSERT INTO "Notification" (id, "networkId", "userId", kind, "dedupeKey", "createdAt")
    SELECT gen_random_uuid()::text, c."networkId", m."userId", 'cycle_reminder', 'cycle-reminder:' || c.id, ${now}
    FROM "Cycle" c
    JOIN "Membership" m ON m."networkId" = c."networkId" AND m.status = 'active' AND m.role IN ('broker', 'member')
    WHERE c."openSlot" = true AND c."closedAt" IS NULL AND c."advancedToWeAt" IS NULL
      AND c."iDeadline" > ${now} AND c."iDeadline" <= ${until}
      AND NOT EXISTS (
        SELECT 1 FROM "Reflection" r
        WHERE r."networkId" = c."networkId" AND r."cycleId" = c.id
          AND r."authorId" = m."userId" AND r."submittedAt" IS NOT NULL)
    ON CONFLICT ("userId", "dedupeKey") DO NOTHING
    RETURNING "userId", "networkId", "dedupeKey"`;
}

/** Any number that no other advisory lock in Kring uses: one sweep at a time across instances. */
const REMINDER_SWEEP_LOCK = 0x6b72696e67;

/** Whether this transaction took the sweep's advisory lock (another instance may hold it). */
type SweepLockRow = { locked: boolean };

/**
 * The reminders of every network: the one way they are sent, by the periodic sweep
 * (lib/jobs.ts, every five minutes; the window is 48 hours). Page views send nothing: a GET
 * has no side effects (issue 16). A deliberate cross-network path: it reads no content,
 * writes only reminder notifications, and runs under an advisory lock so that of several
 * instances one sweeps at a time. Calling it again, or at the same time, changes nothing.
 */
export async function sendDueRemindersEverywhere(now = new Date()): Promise<number> {
  // The system path (decision 022): every network's open cycles.
  const rows = await dbSystem().$transaction(async (tx) => {
    const lock = await tx.$queryRaw<SweepLockRow[]>`SELECT pg_try_advisory_xact_lock(${REMINDER_SWEEP_LOCK}) AS locked`;
    if (!lock[0]?.locked) return [];
    return insertReminders(tx, now);
  });
  return rows.length;
}

/** Any other number: the gathering reminders take their own lock, so they never wait on the cycle sweep. */
const GATHERING_SWEEP_LOCK = 0x6b72696e68;

/** How long before a gathering its reminder goes out. */
const GATHERING_REMINDER_MS = 24 * 60 * 60 * 1000;

/**
 * The day-before reminders of gatherings, for every network at once (decision 036): every planned
 * gathering starting within a day whose reminder has not gone out is marked reminded, and everyone
 * going (and still an active member) gets a `gathering_reminder` keyed by the gathering and its
 * sequence, so it never arrives twice for the same time (a moved gathering is reminded again,
 * since moving it clears `remindedAt`). One statement under an advisory lock; the sweep in
 * lib/jobs.ts runs it. Returns how many gatherings were reminded.
 */
export async function sendGatheringRemindersEverywhere(now = new Date()): Promise<number> {
  const until = new Date(now.getTime() + GATHERING_REMINDER_MS);
  // The system path (decision 022): every network's gatherings.
  const rows = await dbSystem().$transaction(async (tx) => {
    const lock = await tx.$queryRaw<SweepLockRow[]>`SELECT pg_try_advisory_xact_lock(${GATHERING_SWEEP_LOCK}) AS locked`;
    if (!lock[0]?.locked) return [];
    return tx.$queryRaw<{ id: string }[]>`
      WITH due AS (
        UPDATE "Gathering" SET "remindedAt" = ${now}
        WHERE status = 'planned' AND "remindedAt" IS NULL AND "startsAt" > ${now} AND "startsAt" <= ${until}
        RETURNING id, "networkId", sequence
      ), sent AS (
        INSERT INTO "Notification" (id, "networkId", "userId", kind, "gatheringId", "dedupeKey", "createdAt")
        SELECT gen_random_uuid()::text, d."networkId", r."userId", 'gathering_reminder', d.id,
               'gathering-reminder:' || d.id || ':' || d.sequence, ${now}
        FROM due d
        JOIN "Rsvp" r ON r."networkId" = d."networkId" AND r."gatheringId" = d.id AND r.status = 'going'
        JOIN "Membership" m ON m."networkId" = d."networkId" AND m."userId" = r."userId" AND m.status = 'active'
        ON CONFLICT ("userId", "dedupeKey") DO NOTHING
        RETURNING 1
      )
      SELECT id FROM due`;
  });
  return rows.length;
}

/** Another number: the exchange sweep takes its own lock. */
const EXCHANGE_SWEEP_LOCK = 0x6b72696e69;

/** How long before a post expires its author is reminded. */
const EXCHANGE_REMINDER_MS = EXPIRY_REMINDER_DAYS * 24 * 60 * 60 * 1000;

/**
 * Offers and requests of every network at once (decision 039), in one transaction under an advisory
 * lock, run by the sweep in lib/jobs.ts: running posts past their expiry become expired (they leave
 * the open lists and stay readable), and the author of every running post expiring within a week
 * that has not been reminded (`remindedAt`, cleared on renewal) gets ONE `exchange_expiring`, keyed
 * by the post and its expiry, if still an active member. Returns how many posts expired and how many
 * authors were reminded.
 */
export async function sweepExchangePostsEverywhere(now = new Date()): Promise<{ expired: number; reminded: number }> {
  const until = new Date(now.getTime() + EXCHANGE_REMINDER_MS);
  // The system path (decision 022): every network's posts.
  return dbSystem().$transaction(async (tx) => {
    const lock = await tx.$queryRaw<SweepLockRow[]>`SELECT pg_try_advisory_xact_lock(${EXCHANGE_SWEEP_LOCK}) AS locked`;
    if (!lock[0]?.locked) return { expired: 0, reminded: 0 };
    const expired = await tx.$executeRaw`
      UPDATE "ExchangePost" SET status = 'expired', "closedAt" = ${now}
      WHERE status IN ('open', 'in_progress') AND "expiresAt" <= ${now}`;
    const reminded = await tx.$queryRaw<{ id: string }[]>`
      WITH due AS (
        UPDATE "ExchangePost" SET "remindedAt" = ${now}
        WHERE status IN ('open', 'in_progress') AND "remindedAt" IS NULL AND "expiresAt" > ${now} AND "expiresAt" <= ${until}
        RETURNING id, "networkId", "authorId", "expiresAt"
      )
      INSERT INTO "Notification" (id, "networkId", "userId", kind, "exchangePostId", "dedupeKey", "createdAt")
      SELECT gen_random_uuid()::text, d."networkId", d."authorId", 'exchange_expiring', d.id,
             'exchange-expiring:' || d.id || ':' || floor(extract(epoch FROM d."expiresAt"))::bigint, ${now}
      FROM due d
      JOIN "Membership" m ON m."networkId" = d."networkId" AND m."userId" = d."authorId" AND m.status = 'active'
      ON CONFLICT ("userId", "dedupeKey") DO NOTHING
      RETURNING id`;
    return { expired, reminded: reminded.length };
  });
}
