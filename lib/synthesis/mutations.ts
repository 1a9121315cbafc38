import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import { lockCycle, setHidden, type LockedText } from "@/lib/cycles/mutations";
import { cyclePhase } from "@/lib/cycles/phase";
import { HANDLED_PREFIX, type ConsentChoice } from "@/lib/cycles/limits";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { renderMarkdown } from "@/lib/markdown/render";
import type { NetworkScope } from "@/lib/membership/scope";
import { emitWebhookEvent } from "@/lib/webhooks/mutations";
import { assertConsentPhase, assertSynthesisPhase, openObjections } from "./policy";

// The WE phase of a cycle: the synthesis, the consent round on it, closing the cycle into the
// journey, and a broker hiding a consent answer's text. The cycle itself (opening, deadlines,
// reflections) is lib/cycles/mutations.ts, whose row lock every write here takes first.

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
 * broker and member hears of it once (`consent:<roundId>`). The requests of the cycle's earlier
 * rounds that are still unread are marked read in the same transaction: the new request
 * supersedes them, so the notification centre and the mail (which takes unread ones only) show
 * the current one instead of a pile. Calling again while that round is open (a double click, a
 * second broker) returns the same round.
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
    // Superseded: the unread requests of this cycle's earlier rounds (those already read keep when).
    await tx.$executeRaw`
      UPDATE "Notification" SET "readAt" = ${now}
      WHERE "networkId" = ${scope.networkId} AND kind = 'consent_requested' AND "readAt" IS NULL
        AND "dedupeKey" IN (
          SELECT 'consent:' || id FROM "ConsentRound"
          WHERE "networkId" = ${scope.networkId} AND "cycleId" = ${cycle.id} AND id <> ${round.id}
        )`;
    return { id: round.id, created: true };
  });
}

/** A consent round of the cycle, share-locked while an answer is written. */
type LockedRoundRow = { id: string; revisionNumber: number; closedAt: Date | null };

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
      const rounds = await tx.$queryRaw<LockedRoundRow[]>`
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
    await emitWebhookEvent(tx, scope.networkId, "cycle_closed", {
      network: scope.slug,
      cycle: { id: cycle.id, title: cycle.title, question: cycle.question, closedAt: now.toISOString() },
    }, now);
    return { id: cycle.id };
  });
}
