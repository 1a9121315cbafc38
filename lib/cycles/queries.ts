import "server-only";
import { db } from "@/lib/db/client";
import type { NetworkScope } from "@/lib/membership/scope";
import { cyclePhase, type CyclePhase } from "./phase";
import { canSeeReflection, mayRevealOthers } from "./policy";
import type { Area } from "./schema";

const cycleSelect = {
  id: true,
  title: true,
  question: true,
  focusArea: true,
  iDeadline: true,
  weDeadline: true,
  advancedToWeAt: true,
  closedAt: true,
  createdAt: true,
} as const;

/** The network's open (not closed) cycle with its phase now, or null. */
export async function findCurrentCycle(scope: NetworkScope, now = new Date()) {
  const cycle = await db().cycle.findFirst({
    where: { networkId: scope.networkId, openSlot: true },
    select: cycleSelect,
  });
  return cycle ? { ...cycle, phase: cyclePhase(cycle, now) } : null;
}

/** The network's question, to prefill a new cycle ("is this the real question?"). */
export async function findWorkingQuestion(scope: NetworkScope): Promise<string> {
  const network = await db().network.findUnique({ where: { id: scope.networkId }, select: { workingQuestion: true } });
  return network?.workingQuestion ?? "";
}

/**
 * How many of the people asked to reflect (active brokers and members) have submitted:
 * numbers only, for everyone in the network, funders included. One statement.
 */
export async function cycleParticipation(scope: NetworkScope, cycleId: string) {
  const rows = await db().$queryRaw<{ submitted: number; eligible: number }[]>`
    SELECT count(r.id) FILTER (WHERE r."submittedAt" IS NOT NULL)::int AS submitted, count(m.id)::int AS eligible
    FROM "Membership" m
    LEFT JOIN "Reflection" r
      ON r."networkId" = m."networkId" AND r."cycleId" = ${cycleId} AND r."authorId" = m."userId"
    WHERE m."networkId" = ${scope.networkId} AND m.status = 'active' AND m.role IN ('broker', 'member')`;
  return rows[0] ?? { submitted: 0, eligible: 0 };
}

/** The viewer's own reflection in a cycle (draft or submitted), or null. Funders have none. */
export async function findOwnReflection(scope: NetworkScope, cycleId: string) {
  const own = await db().reflection.findUnique({
    where: { networkId_cycleId_authorId: { networkId: scope.networkId, cycleId, authorId: scope.userId } },
    select: { id: true, authorId: true, body: true, area: true, private: true, submittedAt: true, updatedAt: true },
  });
  if (!own) return null;
  return canSeeReflection(scope, own, { phase: "reflect", viewerSubmitted: own.submittedAt !== null }) ? own : null;
}

export type VisibleReflection = {
  id: string;
  body: string;
  area: Area;
  submittedAt: Date;
  authorName: string | null;
};

/**
 * Other people's reflections in a cycle, as this viewer may see them: nothing before
 * the viewer has submitted their own while the I phase lasts (brokers included), never
 * an "only for me" or draft reflection, and never anything for a funder. The viewer's own
 * reflection is not in the list (see findOwnReflection). Grouped by area, oldest first.
 */
export async function listVisibleReflections(
  scope: NetworkScope,
  cycleId: string,
  now = new Date(),
): Promise<{ phase: CyclePhase; revealed: boolean; reflections: VisibleReflection[] } | null> {
  const cycle = await db().cycle.findFirst({
    where: { networkId: scope.networkId, id: cycleId },
    select: { iDeadline: true, weDeadline: true, advancedToWeAt: true, closedAt: true },
  });
  if (!cycle) return null;
  const phase = cyclePhase(cycle, now);
  const own = await db().reflection.findUnique({
    where: { networkId_cycleId_authorId: { networkId: scope.networkId, cycleId, authorId: scope.userId } },
    select: { submittedAt: true },
  });
  const viewerSubmitted = own?.submittedAt != null;
  if (!mayRevealOthers(scope, phase, viewerSubmitted)) return { phase, revealed: false, reflections: [] };
  const rows = await db().reflection.findMany({
    where: {
      networkId: scope.networkId,
      cycleId,
      private: false,
      submittedAt: { not: null },
      authorId: { not: scope.userId },
    },
    select: {
      id: true,
      authorId: true,
      body: true,
      area: true,
      private: true,
      submittedAt: true,
      author: { select: { name: true } },
    },
    orderBy: [{ area: "asc" }, { submittedAt: "asc" }, { id: "asc" }],
  });
  const reflections = rows
    .filter((r) => canSeeReflection(scope, r, { phase, viewerSubmitted }))
    .map((r) => ({ id: r.id, body: r.body, area: r.area, submittedAt: r.submittedAt as Date, authorName: r.author.name }));
  return { phase, revealed: true, reflections };
}
