import "server-only";
import { renderMarkdown } from "@/lib/markdown/render";
import { recordAudit } from "@/lib/audit/mutations";
import { db, dbAcross, dbSystem, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { NetworkScope } from "@/lib/membership/scope";
import type { AppLocale } from "@/lib/i18n/config";
import { emailLink } from "@/lib/mail/links";
import { sendMail } from "@/lib/mail/transport";
import { cyclePhase, REMINDER_WINDOW_MS, type CycleTimes } from "./phase";
import { reminderEmail } from "./reminder-email";
import {
  assertConsentPhase,
  assertNotClosed,
  assertReflectPhase,
  assertSynthesisPhase,
  deadlineErrors,
  openObjections,
} from "./policy";
import { HANDLED_PREFIX, parseLocalDateTime, toLocalInput, type Area, type ConsentChoice } from "./schema";

type LockedCycle = CycleTimes & { id: string; title: string };

/** Loads a cycle of this network and locks its row: deadline changes and reflections take turns. */
async function lockCycle(tx: Tx, scope: NetworkScope, cycleId: string, mode: "update" | "share"): Promise<LockedCycle> {
  const rows =
    mode === "update"
      ? await tx.$queryRaw<LockedCycle[]>`
          SELECT id, title, "iDeadline", "weDeadline", "advancedToWeAt", "closedAt" FROM "Cycle"
          WHERE id = ${cycleId} AND "networkId" = ${scope.networkId} FOR UPDATE`
      : await tx.$queryRaw<LockedCycle[]>`
          SELECT id, title, "iDeadline", "weDeadline", "advancedToWeAt", "closedAt" FROM "Cycle"
          WHERE id = ${cycleId} AND "networkId" = ${scope.networkId} FOR SHARE`;
  const cycle = rows[0];
  if (!cycle) throw new AppError("not_found");
  return cycle;
}

/** A hideable text of a cycle, its row locked: its author, its hidden state and its cycle's title. */
type LockedText = { id: string; cycleId: string; authorId: string; hiddenAt: Date | null; hiddenReason: string; title: string };

/**
 * Hides (with a reason) or restores a member's text in a cycle, audited as `<kind>.hidden` or
 * `<kind>.restored` like hiding a post (decision 027). Hiding a hidden text keeps its first
 * reason, restoring a shown one changes nothing. Only `hiddenAt` and `hiddenReason` change, so
 * a reflection's version (updatedAt) stays and its author's open form still saves.
 */
async function setHidden(
  tx: Tx,
  scope: NetworkScope,
  kind: "reflection" | "consent_answer",
  text: LockedText,
  hide: { reason: string; now: Date } | null,
) {
  if (!!text.hiddenAt === !!hide) return;
  const hiddenAt = hide?.now ?? null;
  const hiddenReason = hide?.reason ?? "";
  if (kind === "reflection") {
    await tx.$executeRaw`
      UPDATE "Reflection" SET "hiddenAt" = ${hiddenAt}, "hiddenReason" = ${hiddenReason}
      WHERE id = ${text.id} AND "networkId" = ${scope.networkId}`;
  } else {
    await tx.$executeRaw`
      UPDATE "ConsentAnswer" SET "hiddenAt" = ${hiddenAt}, "hiddenReason" = ${hiddenReason}
      WHERE id = ${text.id} AND "networkId" = ${scope.networkId}`;
  }
  await recordAudit(tx, {
    networkId: scope.networkId,
    actorId: scope.userId,
    action: hide ? `${kind}.hidden` : `${kind}.restored`,
    subjectUserId: text.authorId,
    detail: {
      [kind === "reflection" ? "reflectionId" : "answerId"]: text.id,
      cycleId: text.cycleId,
      title: text.title,
      reason: hide?.reason ?? text.hiddenReason,
    },
  });
}

/**
 * A broker hides a member's shared, submitted reflection with a reason: its author still sees
 * their text with the notice, everyone else (the broker too) only the notice and the reason.
 * A draft or an "only for me" reflection is nobody else's to see, so it is not found.
 */
export async function hideReflection(scope: NetworkScope, input: { reflectionId: string; reason: string }, now = new Date()) {
  await db(scope).$transaction(async (tx) =>
    setHidden(tx, scope, "reflection", await lockReflection(tx, scope, input.reflectionId), { reason: input.reason, now }),
  );
}

/** A broker restores a hidden reflection. */
export async function restoreReflection(scope: NetworkScope, input: { reflectionId: string }) {
  await db(scope).$transaction(async (tx) => setHidden(tx, scope, "reflection", await lockReflection(tx, scope, input.reflectionId), null));
}

/** A shared, submitted reflection of this network with its cycle's title, its row locked (hide and restore take turns). */
async function lockReflection(tx: Tx, scope: NetworkScope, reflectionId: string): Promise<LockedText> {
  const rows = await tx.$queryRaw<LockedText[]>`
    SELECT r.id, r."cycleId", r."authorId", r."hiddenAt", r."hiddenReason", c.title
    FROM "Reflection" r
    JOIN "Cycle" c ON c.id = r."cycleId" AND c."networkId" = r."networkId"
    WHERE r.id = ${reflectionId} AND r."networkId" = ${scope.networkId} AND r.private = false AND r."submittedAt" IS NOT NULL
    FOR UPDATE OF r`;
  const reflection = rows[0];
  if (!reflection) throw new AppError("not_found");
  return reflection;
}

/**
 * A broker hides the text of a member's consent answer (a concern or an objection) with a
 * reason: its author still sees it with the notice, everyone else (the broker too) only the
 * notice, here and in the journey. The answer itself (agree, concern, object) still counts.
 */
export async function hideConsentAnswer(scope: NetworkScope, input: { answerId: string; reason: string }, now = new Date()) {
  await db(scope).$transaction(async (tx) =>
    setHidden(tx, scope, "consent_answer", await lockConsentAnswer(tx, scope, input.answerId), { reason: input.reason, now }),
  );
}

/** A broker restores a hidden consent answer's text. */
export async function restoreConsentAnswer(scope: NetworkScope, input: { answerId: string }) {
  await db(scope).$transaction(async (tx) => setHidden(tx, scope, "consent_answer", await lockConsentAnswer(tx, scope, input.answerId), null));
}

/** A consent answer of this network with its cycle's title, its row locked (hide and restore take turns). */
async function lockConsentAnswer(tx: Tx, scope: NetworkScope, answerId: string): Promise<LockedText> {
  const rows = await tx.$queryRaw<LockedText[]>`
    SELECT a.id, r."cycleId", a."userId" AS "authorId", a."hiddenAt", a."hiddenReason", c.title
    FROM "ConsentAnswer" a
    JOIN "ConsentRound" r ON r.id = a."roundId" AND r."networkId" = a."networkId"
    JOIN "Cycle" c ON c.id = r."cycleId" AND c."networkId" = a."networkId"
    WHERE a.id = ${answerId} AND a."networkId" = ${scope.networkId}
    FOR UPDATE OF a`;
  const answer = rows[0];
  if (!answer) throw new AppError("not_found");
  return answer;
}

/** Both deadlines from datetime-local values in the viewer's zone; unreadable ones are field errors. */
function readDeadlines(input: { iDeadline: string; weDeadline: string }, zone: string) {
  const iDeadline = parseLocalDateTime(input.iDeadline, zone);
  const weDeadline = parseLocalDateTime(input.weDeadline, zone);
  const errors: Record<string, string[]> = {};
  if (!iDeadline) errors.iDeadline = ["datetime_invalid"];
  if (!weDeadline) errors.weDeadline = ["datetime_invalid"];
  if (!iDeadline || !weDeadline) throw new AppError("invalid_input", errors);
  return { iDeadline, weDeadline };
}

/**
 * A broker opens a cycle. At most one cycle per network is open: the Network row is
 * locked while checking, and the unique (networkId, openSlot) refuses a second one even
 * if a check were skipped. Members are notified in-app once (`cycle-opened:<id>`).
 */
export async function openCycle(
  scope: NetworkScope,
  input: {
    title: string;
    question: string;
    focusArea: Area | null;
    iDeadline: string;
    weDeadline: string;
    zone: string;
    fromConcernId?: string | null;
  },
  now = new Date(),
) {
  // Raises the network's FundingStamp by trigger (docs/derived-data.md).
  const deadlines = readDeadlines(input, input.zone);
  const errors = deadlineErrors(deadlines, now);
  if (Object.keys(errors).length) throw new AppError("invalid_input", errors);
  try {
    return await db(scope).$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Network" WHERE id = ${scope.networkId} FOR UPDATE`;
      const open = await tx.cycle.findFirst({ where: { networkId: scope.networkId, openSlot: true }, select: { id: true } });
      if (open) throw new AppError("cycle_already_open");
      // Starting from a concern of this network's journey: it must be a concern or objection of a closed cycle here.
      if (input.fromConcernId) {
        const concern = await tx.consentAnswer.findFirst({
          where: {
            networkId: scope.networkId,
            id: input.fromConcernId,
            answer: { in: ["concern", "object"] },
            round: { cycle: { closedAt: { not: null } } },
          },
          select: { id: true },
        });
        if (!concern) throw new AppError("not_found");
      }
      const cycle = await tx.cycle.create({
        data: {
          networkId: scope.networkId,
          title: input.title,
          question: input.question,
          focusArea: input.focusArea,
          iDeadline: deadlines.iDeadline,
          weDeadline: deadlines.weDeadline,
          openedById: scope.userId,
          fromConcernId: input.fromConcernId ?? null,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        networkId: scope.networkId,
        actorId: scope.userId,
        action: "cycle.opened",
        detail: { cycleId: cycle.id, title: input.title },
      });
      await notifyCycleOpened(tx, scope, cycle.id);
      return cycle;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("cycle_already_open");
    throw error;
  }
}

/** Every active broker and member but the opener hears that a cycle opened: their turn to reflect. */
async function notifyCycleOpened(tx: Tx, scope: NetworkScope, cycleId: string) {
  const people = await tx.membership.findMany({
    where: { networkId: scope.networkId, status: "active", role: { in: ["broker", "member"] }, userId: { not: scope.userId } },
    select: { userId: true },
  });
  if (people.length === 0) return;
  await tx.notification.createMany({
    data: people.map((p) => ({
      networkId: scope.networkId,
      userId: p.userId,
      kind: "cycle_opened" as const,
      actorId: scope.userId,
      dedupeKey: `cycle-opened:${cycleId}`,
    })),
    skipDuplicates: true,
  });
}

/**
 * A broker moves one or both deadlines later. A deadline left as shown is unchanged
 * (inputs carry minutes, the stored time may carry seconds). A moved deadline must be in
 * the future and not earlier than before; the I deadline moves only during the I phase
 * (reflections already revealed to all cannot be taken back); the WE deadline stays after it.
 */
export async function extendCycle(
  scope: NetworkScope,
  input: { cycleId: string; iDeadline: string; weDeadline: string; zone: string },
  now = new Date(),
) {
  return db(scope).$transaction(async (tx) => {
    const cycle = await lockCycle(tx, scope, input.cycleId, "update");
    const phase = cyclePhase(cycle, now);
    assertNotClosed(phase);
    const changed = {
      iDeadline: input.iDeadline !== toLocalInput(cycle.iDeadline, input.zone),
      weDeadline: input.weDeadline !== toLocalInput(cycle.weDeadline, input.zone),
    };
    const parsed = readDeadlines(input, input.zone);
    const next = {
      iDeadline: changed.iDeadline ? parsed.iDeadline : cycle.iDeadline,
      weDeadline: changed.weDeadline ? parsed.weDeadline : cycle.weDeadline,
    };
    const errors = deadlineErrors(next, now, changed, cycle);
    if (changed.iDeadline && phase !== "reflect" && !errors.iDeadline) errors.iDeadline = ["i_phase_over"];
    if (Object.keys(errors).length) throw new AppError("invalid_input", errors);
    if (!changed.iDeadline && !changed.weDeadline) return { id: cycle.id };
    await tx.cycle.update({ where: { id: cycle.id, networkId: scope.networkId }, data: next });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "cycle.extended",
      detail: {
        cycleId: cycle.id,
        title: cycle.title,
        ...(changed.iDeadline ? { iDeadline: next.iDeadline.toISOString() } : {}),
        ...(changed.weDeadline ? { weDeadline: next.weDeadline.toISOString() } : {}),
      },
    });
    return { id: cycle.id };
  });
}

/** A broker ends the I phase now: everyone's shared reflections become visible to members. */
export async function advanceCycle(scope: NetworkScope, input: { cycleId: string }, now = new Date()) {
  return db(scope).$transaction(async (tx) => {
    const cycle = await lockCycle(tx, scope, input.cycleId, "update");
    assertReflectPhase(cyclePhase(cycle, now));
    await tx.cycle.update({ where: { id: cycle.id, networkId: scope.networkId }, data: { advancedToWeAt: now } });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "cycle.advanced",
      detail: { cycleId: cycle.id, title: cycle.title },
    });
    return { id: cycle.id };
  });
}

/**
 * Saves the viewer's one reflection of a cycle: a draft, or submitted. The unique
 * (networkId, cycleId, authorId) keeps it one row whatever happens: saving again (a second
 * submit, a double click) updates that row, and a submitted reflection stays submitted
 * with its first submission time. A save from a form that showed an older version than the
 * saved one (another tab saved in between) is refused (`reflection_changed`) with the typed text
 * kept, unless it sends exactly the saved text (a retry). Only during the I phase; the cycle row is share-locked
 * so a broker's move to the WE phase waits for it (and it for the move).
 */
export async function saveReflection(
  scope: NetworkScope,
  input: { cycleId: string; body: string; area: Area; private: boolean; intent: "draft" | "submit"; version: number | null },
  now = new Date(),
) {
  // Rendered once, when written, outside the transaction (decision 027).
  const bodyHtml = renderMarkdown(input.body);
  const write = () =>
    db(scope).$transaction(async (tx) => {
      const cycle = await lockCycle(tx, scope, input.cycleId, "share");
      assertReflectPhase(cyclePhase(cycle, now));
      const key = { networkId: scope.networkId, cycleId: cycle.id, authorId: scope.userId };
      const existing = await tx.reflection.findUnique({
        where: { networkId_cycleId_authorId: key },
        select: { submittedAt: true, updatedAt: true, body: true, area: true, private: true },
      });
      // The form showed another version than the one saved now (another tab saved in between).
      if ((existing?.updatedAt.getTime() ?? null) !== input.version) {
        const unchanged =
          existing && existing.body === input.body && existing.area === input.area && existing.private === input.private;
        // The same text sent twice (a retry) is not a conflict; it may still submit a draft.
        if (!unchanged) throw new AppError("reflection_changed");
      }
      const submittedAt = existing?.submittedAt ?? (input.intent === "submit" ? now : null);
      const fields = { body: input.body, bodyHtml, area: input.area, private: input.private, submittedAt };
      return tx.reflection.upsert({
        where: { networkId_cycleId_authorId: key },
        create: { ...key, ...fields },
        update: fields,
        select: { id: true, submittedAt: true, updatedAt: true },
      });
    });
  try {
    return await write();
  } catch (error) {
    // Two first saves at once: one inserted, the other now finds the row and updates it.
    if (isUniqueViolation(error)) return write();
    throw error;
  }
}

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
    dbAcross(networkIds).$queryRaw<{ id: string; networkId: string; question: string; iDeadline: Date; network: string; slug: string; locale: AppLocale }[]>`
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
    const lock = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${REMINDER_SWEEP_LOCK}) AS locked`;
    if (!lock[0]?.locked) return [];
    return insertReminders(tx, now);
  });
  await emailReminders(rows);
  return rows.length;
}

// ---------- the WE phase: synthesis, consent, closing ----------

async function latestRevision(tx: Tx, scope: NetworkScope, cycleId: string) {
  return tx.synthesisRevision.findFirst({
    where: { networkId: scope.networkId, cycleId },
    orderBy: { number: "desc" },
    select: { id: true, number: true, body: true, authorId: true, citations: { select: { reflectionId: true } } },
  });
}

function sameSet(a: string[], b: string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}

/**
 * Saves the synthesis as a new revision (number = latest + 1), with the reflections it
 * cites. Optimistic concurrency: the form names the revision it was editing (`base`, 0 for
 * none); when someone saved in between, the save is refused (`synthesis_conflict`) and the
 * form keeps its text. The cycle row is share-locked (a broker's call for consent or
 * closing waits); two saves on the same base race to insert the same number and the unique
 * (networkId, cycleId, number) lets only one of them win. Sending the text of the latest
 * revision again (a retry, a double click) makes no new revision. A new revision ends the
 * open consent round: consent was asked on another text.
 */
export async function saveSynthesis(
  scope: NetworkScope,
  input: { cycleId: string; base: number; body: string; cites: string[] },
  now = new Date(),
) {
  // Raises the network's FundingStamp by trigger (docs/derived-data.md).
  try {
    return await db(scope).$transaction(async (tx) => {
      const cycle = await lockCycle(tx, scope, input.cycleId, "share");
      assertSynthesisPhase(cyclePhase(cycle, now));
      const latest = await latestRevision(tx, scope, cycle.id);
      const latestNumber = latest?.number ?? 0;
      const unchanged =
        latest !== null &&
        latest.body === input.body &&
        sameSet(
          latest.citations.map((c) => c.reflectionId),
          input.cites,
        );
      if (input.base !== latestNumber) {
        // The same save arriving twice: the first made the latest revision, the second changes nothing.
        if (unchanged && latest.authorId === scope.userId && input.base === latestNumber - 1) {
          return { number: latestNumber, created: false };
        }
        throw new AppError("synthesis_conflict");
      }
      if (unchanged) return { number: latestNumber, created: false };
      if (input.cites.length > 0) {
        // Only shared, submitted reflections of this cycle can be cited (never a private one or a draft).
        const citable = await tx.reflection.count({
          where: { networkId: scope.networkId, cycleId: cycle.id, id: { in: input.cites }, private: false, submittedAt: { not: null } },
        });
        if (citable !== input.cites.length) throw new AppError("invalid_input", { cites: ["invalid"] });
      }
      const revision = await tx.synthesisRevision.create({
        data: {
          networkId: scope.networkId,
          cycleId: cycle.id,
          number: latestNumber + 1,
          body: input.body,
          bodyHtml: renderMarkdown(input.body),
          authorId: scope.userId,
          createdAt: now,
        },
        select: { id: true, number: true },
      });
      if (input.cites.length > 0) {
        await tx.synthesisCitation.createMany({
          data: input.cites.map((reflectionId) => ({ networkId: scope.networkId, revisionId: revision.id, reflectionId })),
        });
      }
      await tx.consentRound.updateMany({
        where: { networkId: scope.networkId, cycleId: cycle.id, closedAt: null },
        data: { closedAt: now },
      });
      return { number: revision.number, created: true };
    });
  } catch (error) {
    // Someone else's save took this number first.
    if (isUniqueViolation(error)) throw new AppError("synthesis_conflict");
    throw error;
  }
}

/**
 * A broker calls for consent on the latest revision: a new round, and every other active
 * broker and member hears of it once (`consent:<roundId>`). Calling again while that round is
 * open (a double click, a second broker) returns the same round.
 */
export async function callConsent(scope: NetworkScope, input: { cycleId: string }, now = new Date()) {
  return db(scope).$transaction(async (tx) => {
    const cycle = await lockCycle(tx, scope, input.cycleId, "update");
    assertConsentPhase(cyclePhase(cycle, now));
    const latest = await latestRevision(tx, scope, cycle.id);
    if (!latest) throw new AppError("synthesis_missing");
    const open = await tx.consentRound.findFirst({
      where: { networkId: scope.networkId, cycleId: cycle.id, closedAt: null },
      select: { id: true, revisionNumber: true },
    });
    if (open?.revisionNumber === latest.number) return { id: open.id, created: false };
    await tx.consentRound.updateMany({
      where: { networkId: scope.networkId, cycleId: cycle.id, closedAt: null },
      data: { closedAt: now },
    });
    const round = await tx.consentRound.create({
      data: { networkId: scope.networkId, cycleId: cycle.id, revisionNumber: latest.number, calledById: scope.userId, openedAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "consent.called",
      detail: { cycleId: cycle.id, title: cycle.title, revision: latest.number },
    });
    const people = await tx.membership.findMany({
      where: { networkId: scope.networkId, status: "active", role: { in: ["broker", "member"] }, userId: { not: scope.userId } },
      select: { userId: true },
    });
    if (people.length > 0) {
      await tx.notification.createMany({
        data: people.map((p) => ({
          networkId: scope.networkId,
          userId: p.userId,
          kind: "consent_requested" as const,
          actorId: scope.userId,
          dedupeKey: `consent:${round.id}`,
        })),
        skipDuplicates: true,
      });
    }
    return { id: round.id, created: true };
  });
}

/**
 * A broker or member answers the open round: agree, a concern (with its text) or an
 * objection (with its reason); answering again changes the answer. A round that is closed
 * or on an older revision than the latest is refused (`consent_outdated`). The round row
 * is share-locked, so a new revision (which closes the round) and an answer take turns.
 */
export async function answerConsent(
  scope: NetworkScope,
  input: { cycleId: string; roundId: string; answer: ConsentChoice; text: string },
  now = new Date(),
) {
  const write = () =>
    db(scope).$transaction(async (tx) => {
      const cycle = await lockCycle(tx, scope, input.cycleId, "share");
      assertConsentPhase(cyclePhase(cycle, now));
      const rounds = await tx.$queryRaw<{ id: string; revisionNumber: number; closedAt: Date | null }[]>`
        SELECT id, "revisionNumber", "closedAt" FROM "ConsentRound"
        WHERE id = ${input.roundId} AND "networkId" = ${scope.networkId} AND "cycleId" = ${cycle.id} FOR SHARE`;
      const round = rounds[0];
      if (!round) throw new AppError("not_found");
      const latest = await latestRevision(tx, scope, cycle.id);
      if (round.closedAt !== null || round.revisionNumber !== latest?.number) throw new AppError("consent_outdated");
      const key = { networkId: scope.networkId, roundId: round.id, userId: scope.userId };
      const fields = { answer: input.answer, text: input.text, handledNote: "", handledById: null, handledAt: null };
      return tx.consentAnswer.upsert({
        where: { networkId_roundId_userId: key },
        create: { ...key, ...fields },
        update: fields,
        select: { id: true, answer: true },
      });
    });
  try {
    return await write();
  } catch (error) {
    // Two first answers at once: one inserted, the other now updates it.
    if (isUniqueViolation(error)) return write();
    throw error;
  }
}

/**
 * A broker closes the cycle: the latest round must be on the latest revision, and every
 * objection in it either withdrawn or handled: `notes` (by answer id) records how, for
 * each objection not handled yet. Closing ends the round, sets `closedAt` and frees the
 * open slot (`openSlot` NULL) so the next cycle can open; audited. Afterwards every write
 * to the cycle is refused (`cycle_not_open`).
 */
export async function closeCycle(scope: NetworkScope, input: { cycleId: string; notes: Record<string, string> }, now = new Date()) {
  // Raises the network's FundingStamp by trigger (docs/derived-data.md).
  return db(scope).$transaction(async (tx) => {
    const cycle = await lockCycle(tx, scope, input.cycleId, "update");
    assertConsentPhase(cyclePhase(cycle, now));
    const latest = await latestRevision(tx, scope, cycle.id);
    const round = latest
      ? await tx.consentRound.findFirst({
          where: { networkId: scope.networkId, cycleId: cycle.id, revisionNumber: latest.number, closedAt: null },
          select: { id: true, answers: { select: { id: true, answer: true, handledNote: true } } },
        })
      : null;
    if (!latest || !round) throw new AppError("consent_missing");
    const objections = openObjections(round.answers);
    const unhandled = objections.filter((a) => !input.notes[a.id]);
    if (unhandled.length > 0) {
      throw new AppError("objection_unhandled", Object.fromEntries(unhandled.map((a) => [`${HANDLED_PREFIX}${a.id}`, ["required"]])));
    }
    for (const objection of objections) {
      await tx.consentAnswer.update({
        where: { id: objection.id, networkId: scope.networkId },
        data: { handledNote: input.notes[objection.id] ?? "", handledById: scope.userId, handledAt: now },
      });
    }
    await tx.consentRound.update({ where: { id: round.id, networkId: scope.networkId }, data: { closedAt: now } });
    await tx.cycle.update({
      where: { id: cycle.id, networkId: scope.networkId },
      data: { closedAt: now, closedById: scope.userId, openSlot: null },
    });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "cycle.closed",
      detail: { cycleId: cycle.id, title: cycle.title, revision: latest.number, objectionsHandled: objections.length },
    });
    return { id: cycle.id };
  });
}
