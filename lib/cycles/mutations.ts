import "server-only";
import { renderMarkdown } from "@/lib/markdown/render";
import { recordAudit } from "@/lib/audit/mutations";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { NetworkScope } from "@/lib/membership/scope";
import { cyclePhase, type CycleTimes } from "./phase";
import { assertNotClosed, assertReflectPhase, deadlineErrors } from "./policy";
import { parseLocalDateTime, toLocalInput, type Area } from "./schema";

type LockedCycle = CycleTimes & { id: string; title: string; question: string };

/** Loads a cycle of this network and locks its row: deadline changes and reflections take turns. */
export async function lockCycle(tx: Tx, scope: NetworkScope, cycleId: string, mode: "update" | "share"): Promise<LockedCycle> {
  const rows =
    mode === "update"
      ? await tx.$queryRaw<LockedCycle[]>`
          SELECT id, title, question, "iDeadline", "weDeadline", "advancedToWeAt", "closedAt" FROM "Cycle"
          WHERE id = ${cycleId} AND "networkId" = ${scope.networkId} FOR UPDATE`
      : await tx.$queryRaw<LockedCycle[]>`
          SELECT id, title, question, "iDeadline", "weDeadline", "advancedToWeAt", "closedAt" FROM "Cycle"
          WHERE id = ${cycleId} AND "networkId" = ${scope.networkId} FOR SHARE`;
  const cycle = rows[0];
  if (!cycle) throw new AppError("not_found");
  return cycle;
}

/** A hideable text of a cycle, its row locked: its author, its hidden state and its cycle's title. */
export type LockedText = { id: string; cycleId: string; authorId: string; hiddenAt: Date | null; hiddenReason: string; title: string };

/**
 * Hides (with a reason) or restores a member's text in a cycle, audited as `<kind>.hidden` or
 * `<kind>.restored` like hiding a post (decision 027). Hiding a hidden text keeps its first
 * reason, restoring a shown one changes nothing. Only `hiddenAt` and `hiddenReason` change, so
 * a reflection's version (updatedAt) stays and its author's open form still saves.
 */
export async function setHidden(
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
