import "server-only";
import { db, dbAcross, dbSystem, type Tx } from "@/lib/db/client";
import { REMINDER_WINDOW_MS } from "@/lib/cycles/phase";
import type { AppLocale } from "@/lib/i18n/config";
import { emailLink } from "@/lib/mail/links";
import { sendMail } from "@/lib/mail/transport";
import { reminderEmail } from "./reminder-email";

// The reminder before a cycle's I deadline, in-app and by email, for every network at once:
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

/** A cycle a reminder was written for, with its network's name, slug and language. */
type ReminderCycleRow = { id: string; networkId: string; question: string; iDeadline: Date; network: string; slug: string; locale: AppLocale };

/**
 * Emails the reminders just written to the people who want email (`emailReminders`),
 * in their language, with the cycle's question and a link. A failed message is logged
 * and not retried: the in-app reminder stands either way.
 */
async function emailReminders(rows: ReminderRow[]) {
  if (rows.length === 0) return;
  const cycleIds = [...new Set(rows.map((r) => r.dedupeKey.slice("cycle-reminder:".length)))];
  const networkIds = [...new Set(rows.map((r) => r.networkId))];
  const [people, cycles] = await Promise.all([
    db().user.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.userId))] }, emailReminders: true },
      select: { id: true, email: true, locale: true },
    }),
    // The cycles of exactly these reminders (their networks named explicitly, and the only ones visible).
    dbAcross(networkIds).$queryRaw<ReminderCycleRow[]>`
      SELECT c.id, c."networkId", c.question, c."iDeadline", n.name AS network, n.slug, n.locale::text AS locale
      FROM "Cycle" c JOIN "Network" n ON n.id = c."networkId"
      WHERE c."networkId" = ANY(${networkIds}::text[]) AND c.id = ANY(${cycleIds}::text[])`,
  ]);
  for (const row of rows) {
    const person = people.find((p) => p.id === row.userId);
    const cycle = cycles.find((c) => c.networkId === row.networkId && row.dedupeKey === `cycle-reminder:${c.id}`);
    if (!person || !cycle) continue;
    try {
      await sendMail(
        await reminderEmail({
          to: person.email,
          locale: person.locale ?? cycle.locale,
          network: cycle.network,
          question: cycle.question,
          deadline: cycle.iDeadline,
          url: emailLink(`/n/${cycle.slug}/cycles`),
        }),
      );
    } catch (error) {
      console.error("[kring] a cycle reminder email failed", error);
    }
  }
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
  await emailReminders(rows);
  return rows.length;
}
