import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { GrowthStage, NotificationKind } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { renderMarkdown } from "@/lib/markdown/render";
import type { NetworkScope } from "@/lib/membership/scope";
import { emitWebhookEvent } from "@/lib/webhooks/mutations";
import type { Money } from "./money";
import {
  assertMayEditInitiative,
  assertMayRelease,
  assertMayWithdraw,
  assertMilestoneOpen,
  assertInitiativeTakesPledges,
  assertOpenForPledges,
  assertTransition,
  mayJoinTeam,
} from "./policy";
import type { Area, InitiativeStatus, MilestoneStatus, UpdateKind } from "./schema";

type InitiativeInput = { name: string; description: string; systemChange: string; status: InitiativeStatus; team: string[] };

/** The team as typed, if every person is an active broker or member of the network; else a field error. */
async function checkTeam(tx: Tx, scope: NetworkScope, team: string[]): Promise<string[]> {
  const ids = [...new Set(team)];
  if (ids.length === 0) return [];
  const rows = await tx.membership.findMany({
    where: { networkId: scope.networkId, status: "active", userId: { in: ids } },
    select: { userId: true, role: true },
  });
  const eligible = new Set(rows.filter((m) => mayJoinTeam(m.role)).map((m) => m.userId));
  if (ids.some((id) => !eligible.has(id))) throw new AppError("invalid_input", { team: ["invalid_choice"] });
  return ids;
}

/** An initiative's row, locked. */
type LockedInitiativeRow = { id: string; name: string };

/** Loads an initiative of this network with its team and locks its row (growth-path changes take turns). */
async function lockInitiative(tx: Tx, scope: NetworkScope, initiativeId: string) {
  const rows = await tx.$queryRaw<LockedInitiativeRow[]>`
    SELECT id, name FROM "Initiative" WHERE id = ${initiativeId} AND "networkId" = ${scope.networkId} FOR UPDATE`;
  const initiative = rows[0];
  if (!initiative) throw new AppError("not_found");
  const team = await tx.initiativeMember.findMany({
    where: { networkId: scope.networkId, initiativeId: initiative.id },
    select: { userId: true },
  });
  return { ...initiative, teamIds: team.map((m) => m.userId) };
}

type LockedMilestone = {
  id: string;
  initiativeId: string;
  title: string;
  status: MilestoneStatus;
  position: number;
  currency: string;
};

/** Loads a milestone of this network and locks its row; `share` lets pledges run side by side. */
async function lockMilestone(tx: Tx, scope: NetworkScope, milestoneId: string, mode: "update" | "share"): Promise<LockedMilestone> {
  const rows =
    mode === "update"
      ? await tx.$queryRaw<LockedMilestone[]>`
          SELECT id, "initiativeId", title, status::text AS status, position, currency FROM "Milestone"
          WHERE id = ${milestoneId} AND "networkId" = ${scope.networkId} FOR UPDATE`
      : await tx.$queryRaw<LockedMilestone[]>`
          SELECT id, "initiativeId", title, status::text AS status, position, currency FROM "Milestone"
          WHERE id = ${milestoneId} AND "networkId" = ${scope.networkId} FOR SHARE`;
  const milestone = rows[0];
  if (!milestone) throw new AppError("not_found");
  return milestone;
}

async function teamOf(tx: Tx, scope: NetworkScope, initiativeId: string): Promise<string[]> {
  const team = await tx.initiativeMember.findMany({
    where: { networkId: scope.networkId, initiativeId },
    select: { userId: true },
  });
  return team.map((m) => m.userId);
}

/** A broker or member starts an initiative; the people ticked (active brokers and members) form its team. */
export async function createInitiative(scope: NetworkScope, input: InitiativeInput) {
  // Raises the network's FundingStamp by trigger (docs/derived-data.md).
  return db(scope).$transaction(async (tx) => {
    const team = await checkTeam(tx, scope, input.team);
    const initiative = await tx.initiative.create({
      data: {
        networkId: scope.networkId,
        name: input.name,
        description: input.description,
        systemChange: input.systemChange,
        status: input.status,
        createdById: scope.userId,
      },
      select: { id: true },
    });
    if (team.length) {
      await tx.initiativeMember.createMany({
        data: team.map((userId) => ({ networkId: scope.networkId, initiativeId: initiative.id, userId })),
      });
    }
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "initiative.created",
      detail: { initiativeId: initiative.id, title: input.name },
    });
    return initiative;
  });
}

/** Brokers and the team change an initiative: its texts, status and team. */
export async function editInitiative(scope: NetworkScope, input: InitiativeInput & { initiativeId: string }) {
  // Raises the network's FundingStamp by trigger (docs/derived-data.md).
  return db(scope).$transaction(async (tx) => {
    const initiative = await lockInitiative(tx, scope, input.initiativeId);
    assertMayEditInitiative(scope, initiative.teamIds);
    const team = await checkTeam(tx, scope, input.team);
    await tx.initiative.update({
      where: { id: initiative.id, networkId: scope.networkId },
      data: { name: input.name, description: input.description, systemChange: input.systemChange, status: input.status },
    });
    const removed = initiative.teamIds.filter((id) => !team.includes(id));
    const added = team.filter((id) => !initiative.teamIds.includes(id));
    if (removed.length) {
      await tx.initiativeMember.deleteMany({
        where: { networkId: scope.networkId, initiativeId: initiative.id, userId: { in: removed } },
      });
    }
    if (added.length) {
      await tx.initiativeMember.createMany({
        data: added.map((userId) => ({ networkId: scope.networkId, initiativeId: initiative.id, userId })),
        skipDuplicates: true,
      });
    }
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "initiative.updated",
      detail: { initiativeId: initiative.id, title: input.name, status: input.status },
    });
    return { id: initiative.id };
  });
}

type MilestoneInput = { title: string; unlocks: string; targetDate: Date | null; money: Money; stage: GrowthStage | null };

/** Adds a milestone at the end of the growth path (positions stay 0, 1, 2, ...). */
export async function addMilestone(scope: NetworkScope, input: MilestoneInput & { initiativeId: string }) {
  // Triggers keep MilestoneTally and raise FundingStamp (docs/derived-data.md).
  return db(scope).$transaction(async (tx) => {
    const initiative = await lockInitiative(tx, scope, input.initiativeId);
    assertMayEditInitiative(scope, initiative.teamIds);
    const position = await tx.milestone.count({ where: { networkId: scope.networkId, initiativeId: initiative.id } });
    return tx.milestone.create({
      data: {
        networkId: scope.networkId,
        initiativeId: initiative.id,
        position,
        title: input.title,
        unlocks: input.unlocks,
        targetDate: input.targetDate,
        amountNeeded: input.money.amount,
        currency: input.money.currency,
        stage: input.stage,
      },
      select: { id: true },
    });
  });
}

/** Adjusts an open milestone's title, what it unlocks, target date and amount needed. */
export async function editMilestone(scope: NetworkScope, input: MilestoneInput & { milestoneId: string }) {
  // Triggers keep MilestoneTally and raise FundingStamp (docs/derived-data.md).
  return db(scope).$transaction(async (tx) => {
    const milestone = await lockMilestone(tx, scope, input.milestoneId, "update");
    assertMayEditInitiative(scope, await teamOf(tx, scope, milestone.initiativeId));
    assertMilestoneOpen(milestone.status);
    await tx.milestone.update({
      where: { id: milestone.id, networkId: scope.networkId },
      data: {
        title: input.title,
        unlocks: input.unlocks,
        targetDate: input.targetDate,
        amountNeeded: input.money.amount,
        currency: input.money.currency,
        stage: input.stage,
      },
    });
    return { id: milestone.id, initiativeId: milestone.initiativeId };
  });
}

/**
 * Moves a milestone one place up or down its growth path: it swaps positions with its
 * neighbour in one transaction, with the initiative locked so two moves take turns.
 * The unique (networkId, initiativeId, position) is checked per row, so the swap goes
 * through a free position (-1). At either end, nothing changes.
 */
export async function moveMilestone(scope: NetworkScope, input: { milestoneId: string; direction: "up" | "down" }) {
  // Raises the network's FundingStamp by trigger (docs/derived-data.md).
  return db(scope).$transaction(async (tx) => {
    const found = await tx.milestone.findFirst({
      where: { networkId: scope.networkId, id: input.milestoneId },
      select: { initiativeId: true },
    });
    if (!found) throw new AppError("not_found");
    const initiative = await lockInitiative(tx, scope, found.initiativeId);
    assertMayEditInitiative(scope, initiative.teamIds);
    const milestone = await tx.milestone.findFirst({
      where: { networkId: scope.networkId, id: input.milestoneId },
      select: { id: true, position: true },
    });
    if (!milestone) throw new AppError("not_found");
    const neighbour = await tx.milestone.findFirst({
      where: {
        networkId: scope.networkId,
        initiativeId: initiative.id,
        position: input.direction === "up" ? milestone.position - 1 : milestone.position + 1,
      },
      select: { id: true, position: true },
    });
    if (!neighbour) return { id: milestone.id, initiativeId: initiative.id, moved: false };
    const where = (id: string) => ({ id, networkId: scope.networkId });
    await tx.milestone.update({ where: where(milestone.id), data: { position: -1 } });
    await tx.milestone.update({ where: where(neighbour.id), data: { position: milestone.position } });
    await tx.milestone.update({ where: where(milestone.id), data: { position: neighbour.position } });
    return { id: milestone.id, initiativeId: initiative.id, moved: true };
  });
}

const STATUS_NOTIFICATION: Partial<Record<MilestoneStatus, NotificationKind>> = {
  reached: "milestone_reached",
  learned: "milestone_learned",
  dropped: "milestone_dropped",
};

/**
 * Brokers and the team move a milestone to another status (see assertTransition).
 * Reached sets progress to 100. Learned keeps its lesson (also posted as a lesson update,
 * so it shows in the lessons log with its area); dropped keeps its reason (posted as a
 * setback). Every change is audited; reached, learned and dropped notify the team and the
 * funders with a standing pledge, once (`milestone-<status>:<milestoneId>`).
 */
export async function setMilestoneStatus(
  scope: NetworkScope,
  input: { milestoneId: string; status: MilestoneStatus; note: string; area: Area | null },
  now = new Date(),
) {
  // Triggers keep MilestoneTally and raise FundingStamp (docs/derived-data.md).
  return db(scope).$transaction(async (tx) => {
    const milestone = await lockMilestone(tx, scope, input.milestoneId, "update");
    assertMayEditInitiative(scope, await teamOf(tx, scope, milestone.initiativeId));
    assertTransition(milestone.status, input.status, input.note);
    const closing = input.status === "reached" || input.status === "learned" || input.status === "dropped";
    await tx.milestone.update({
      where: { id: milestone.id, networkId: scope.networkId },
      data: {
        status: input.status,
        ...(input.status === "reached" ? { progress: 100 } : {}),
        closingNote: input.status === "learned" || input.status === "dropped" ? input.note : "",
        closedAt: closing ? now : null,
      },
    });
    if (input.status === "learned" || input.status === "dropped") {
      await tx.milestoneUpdate.create({
        data: {
          networkId: scope.networkId,
          initiativeId: milestone.initiativeId,
          milestoneId: milestone.id,
          authorId: scope.userId,
          kind: input.status === "learned" ? "lesson" : "setback",
          body: input.note,
          bodyHtml: renderMarkdown(input.note),
          area: input.area,
          createdAt: now,
        },
      });
    }
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "milestone.status_changed",
      detail: { milestoneId: milestone.id, title: milestone.title, from: milestone.status, to: input.status },
    });
    const kind = STATUS_NOTIFICATION[input.status];
    if (kind) await notifyMilestone(tx, scope, milestone, kind, `milestone-${input.status}:${milestone.id}`);
    await emitWebhookEvent(tx, scope.networkId, "milestone_status_changed", {
      network: scope.slug,
      milestone: {
        id: milestone.id,
        initiativeId: milestone.initiativeId,
        title: milestone.title,
        status: input.status,
        previousStatus: milestone.status,
        closedAt: closing ? now.toISOString() : null,
      },
    }, now);
    return { id: milestone.id, initiativeId: milestone.initiativeId };
  });
}

/** The team and every funder with a standing (not withdrawn) pledge hear of it, but not the actor. */
async function notifyMilestone(tx: Tx, scope: NetworkScope, milestone: { id: string; initiativeId: string }, kind: NotificationKind, dedupeKey: string) {
  const [team, pledges] = await Promise.all([
    teamOf(tx, scope, milestone.initiativeId),
    tx.pledge.findMany({
      where: { networkId: scope.networkId, milestoneId: milestone.id, status: { in: ["pledged", "released"] } },
      select: { funderId: true },
    }),
  ]);
  const funders = pledges.map((p) => p.funderId).filter((id): id is string => id !== null);
  await notifyPeople(tx, scope, [...team, ...funders], { kind, milestoneId: milestone.id, dedupeKey });
}

/** Writes one notification per active member among `people` (but the actor), at most once per dedupe key. */
async function notifyPeople(tx: Tx, scope: NetworkScope, people: string[], n: { kind: NotificationKind; milestoneId: string; dedupeKey: string }) {
  const ids = [...new Set(people)].filter((id) => id !== scope.userId);
  if (ids.length === 0) return;
  const active = await tx.membership.findMany({
    where: { networkId: scope.networkId, status: "active", userId: { in: ids } },
    select: { userId: true },
  });
  if (active.length === 0) return;
  await tx.notification.createMany({
    data: active.map((m) => ({
      networkId: scope.networkId,
      userId: m.userId,
      kind: n.kind,
      actorId: scope.userId,
      milestoneId: n.milestoneId,
      dedupeKey: n.dedupeKey,
    })),
    skipDuplicates: true,
  });
}

/**
 * The team posts progress (with the new percentage), evidence, a setback or a lesson.
 * Progress moves only on an open milestone; evidence and lessons may follow a closed one.
 * The idempotency key makes a double submit one update.
 */
export async function postUpdate(
  scope: NetworkScope,
  input: { milestoneId: string; kind: UpdateKind; body: string; progress: number | null; area: Area | null; idempotencyKey: string },
) {
  // Raises the network's FundingStamp by trigger (docs/derived-data.md).
  // Rendered once, when written, outside the transaction (decision 027).
  const bodyHtml = renderMarkdown(input.body);
  const write = () =>
    db(scope).$transaction(async (tx) => {
      const milestone = await lockMilestone(tx, scope, input.milestoneId, "update");
      assertMayEditInitiative(scope, await teamOf(tx, scope, milestone.initiativeId));
      const existing = await tx.milestoneUpdate.findUnique({
        where: {
          networkId_authorId_idempotencyKey: { networkId: scope.networkId, authorId: scope.userId, idempotencyKey: input.idempotencyKey },
        },
        select: { id: true },
      });
      if (existing) return { id: existing.id, initiativeId: milestone.initiativeId };
      if (input.kind === "progress") assertMilestoneOpen(milestone.status);
      const update = await tx.milestoneUpdate.create({
        data: {
          networkId: scope.networkId,
          initiativeId: milestone.initiativeId,
          milestoneId: milestone.id,
          authorId: scope.userId,
          kind: input.kind,
          body: input.body,
          bodyHtml,
          progress: input.kind === "progress" ? input.progress : null,
          area: input.area,
          idempotencyKey: input.idempotencyKey,
        },
        select: { id: true },
      });
      if (input.kind === "progress" && input.progress !== null) {
        await tx.milestone.update({ where: { id: milestone.id, networkId: scope.networkId }, data: { progress: input.progress } });
      }
      return { id: update.id, initiativeId: milestone.initiativeId };
    });
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) return write();
    throw error;
  }
}

/**
 * A broker hides a milestone update (progress, evidence, a setback or a lesson) with a reason:
 * brokers and its author still see it with the notice, everyone else (funders' dashboards, the
 * lessons log) no longer does. Hiding a hidden update changes nothing (its first reason stays);
 * audited like hiding a post (decision 027).
 */
export async function hideUpdate(scope: NetworkScope, input: { updateId: string; reason: string }, now = new Date()) {
  return setUpdateHidden(scope, input.updateId, { reason: input.reason, now });
}

/** A broker restores a hidden update. Restoring one that is not hidden changes nothing. */
export async function restoreUpdate(scope: NetworkScope, input: { updateId: string }) {
  return setUpdateHidden(scope, input.updateId, null);
}

/**
 * Hides (`hide` given) or restores (`null`) an update, audited as `update.hidden` or
 * `update.restored` with the reason it was hidden for. A change to the state it already has
 * writes nothing. The same shape as hiding a reflection or consent answer (lib/cycles), kept
 * apart because the audit detail and the stamp trigger are funding's own.
 */
async function setUpdateHidden(scope: NetworkScope, updateId: string, hide: { reason: string; now: Date } | null) {
  // Raises the network's FundingStamp by trigger (docs/derived-data.md).
  return db(scope).$transaction(async (tx) => {
    const update = await lockUpdate(tx, scope, updateId);
    if (!!update.hiddenAt === !!hide) return { initiativeId: update.initiativeId };
    await tx.milestoneUpdate.update({
      where: { id: update.id, networkId: scope.networkId },
      data: { hiddenAt: hide?.now ?? null, hiddenReason: hide?.reason ?? "" },
    });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: hide ? "update.hidden" : "update.restored",
      subjectUserId: update.authorId,
      detail: { updateId: update.id, milestoneId: update.milestoneId, title: update.title, reason: hide?.reason ?? update.hiddenReason },
    });
    return { initiativeId: update.initiativeId };
  });
}

type LockedUpdate = {
  id: string;
  initiativeId: string;
  milestoneId: string;
  authorId: string | null;
  hiddenAt: Date | null;
  hiddenReason: string;
  title: string;
};

/** An update of this network with its milestone's title, its row locked (hide and restore take turns). */
async function lockUpdate(tx: Tx, scope: NetworkScope, updateId: string): Promise<LockedUpdate> {
  const rows = await tx.$queryRaw<LockedUpdate[]>`
    SELECT u.id, u."initiativeId", u."milestoneId", u."authorId", u."hiddenAt", u."hiddenReason", m.title
    FROM "MilestoneUpdate" u
    JOIN "Milestone" m ON m.id = u."milestoneId" AND m."networkId" = u."networkId"
    WHERE u.id = ${updateId} AND u."networkId" = ${scope.networkId}
    FOR UPDATE OF u`;
  const update = rows[0];
  if (!update) throw new AppError("not_found");
  return update;
}

/** An initiative's status, share-locked while a pledge is made. */
type InitiativeStatusRow = { status: string };

/**
 * A funder pledges an amount (in any currency) to an open milestone, with an optional
 * condition. The milestone is share-locked, so a status change waits for the pledge and
 * a pledge never lands on a milestone closed meanwhile. The form's idempotency key is
 * unique per (network, funder): a double submit returns the first pledge.
 */
export async function createPledge(
  scope: NetworkScope,
  input: { milestoneId: string; money: Money; condition: string; idempotencyKey: string },
) {
  // Triggers keep PledgeMonth, MilestoneTally, FunderMilestone and FundingStamp (docs/derived-data.md).
  const write = () =>
    db(scope).$transaction(async (tx) => {
      const existing = await tx.pledge.findUnique({
        where: {
          networkId_funderId_idempotencyKey: { networkId: scope.networkId, funderId: scope.userId, idempotencyKey: input.idempotencyKey },
        },
        select: { id: true, milestone: { select: { initiativeId: true } } },
      });
      if (existing) return { id: existing.id, initiativeId: existing.milestone.initiativeId, created: false };
      const milestone = await lockMilestone(tx, scope, input.milestoneId, "share");
      assertOpenForPledges(milestone.status);
      // An ended initiative asks for no more money, whatever its open milestones say.
      const initiative = await tx.$queryRaw<InitiativeStatusRow[]>`
        SELECT status::text AS status FROM "Initiative"
        WHERE id = ${milestone.initiativeId} AND "networkId" = ${scope.networkId} FOR SHARE`;
      assertInitiativeTakesPledges(initiative[0]?.status ?? "ended");
      const pledge = await tx.pledge.create({
        data: {
          networkId: scope.networkId,
          milestoneId: milestone.id,
          funderId: scope.userId,
          amount: input.money.amount,
          currency: input.money.currency,
          condition: input.condition,
          idempotencyKey: input.idempotencyKey,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        networkId: scope.networkId,
        actorId: scope.userId,
        action: "pledge.created",
        detail: {
          pledgeId: pledge.id,
          milestoneId: milestone.id,
          title: milestone.title,
          amount: input.money.amount.toString(),
          currency: input.money.currency,
        },
      });
      return { id: pledge.id, initiativeId: milestone.initiativeId, created: true };
    });
  try {
    return await write();
  } catch (error) {
    // The same key at the same moment: one insert won, the retry finds it.
    if (isUniqueViolation(error)) return write();
    throw error;
  }
}

type LockedPledge = {
  id: string;
  funderId: string | null;
  status: "pledged" | "released" | "withdrawn";
  milestoneId: string;
  amount: bigint;
  currency: string;
};

async function lockPledge(tx: Tx, scope: NetworkScope, pledgeId: string): Promise<LockedPledge> {
  const rows = await tx.$queryRaw<LockedPledge[]>`
    SELECT id, "funderId", status::text AS status, "milestoneId", amount, currency FROM "Pledge"
    WHERE id = ${pledgeId} AND "networkId" = ${scope.networkId} FOR UPDATE`;
  const pledge = rows[0];
  if (!pledge) throw new AppError("not_found");
  return pledge;
}

/**
 * The funder who made a pledge confirms its release, once, on a reached milestone.
 * Nobody else can: not another funder, not the team, not a broker. The team hears of it
 * once (`pledge-released:<pledgeId>`).
 */
export async function releasePledge(scope: NetworkScope, input: { pledgeId: string }, now = new Date()) {
  // Triggers keep PledgeMonth, MilestoneTally, FunderMilestone and FundingStamp (docs/derived-data.md).
  return db(scope).$transaction(async (tx) => {
    const pledge = await lockPledge(tx, scope, input.pledgeId);
    const milestone = await lockMilestone(tx, scope, pledge.milestoneId, "share");
    assertMayRelease(scope, pledge, milestone);
    await tx.pledge.update({ where: { id: pledge.id, networkId: scope.networkId }, data: { status: "released", releasedAt: now } });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "pledge.released",
      detail: { pledgeId: pledge.id, milestoneId: milestone.id, title: milestone.title, amount: pledge.amount.toString(), currency: pledge.currency },
    });
    const team = await teamOf(tx, scope, milestone.initiativeId);
    await notifyPeople(tx, scope, team, { kind: "pledge_released", milestoneId: milestone.id, dedupeKey: `pledge-released:${pledge.id}` });
    // Who released it is not said: the read API gives totals, never a funder's own pledges.
    await emitWebhookEvent(tx, scope.networkId, "pledge_released", {
      network: scope.slug,
      pledge: {
        id: pledge.id,
        initiativeId: milestone.initiativeId,
        milestoneId: milestone.id,
        amount: Number(pledge.amount),
        currency: pledge.currency,
        releasedAt: now.toISOString(),
      },
    }, now);
    return { id: pledge.id, initiativeId: milestone.initiativeId };
  });
}

/** The funder who made a pledge withdraws it before its release, saying why. */
export async function withdrawPledge(scope: NetworkScope, input: { pledgeId: string; reason: string }, now = new Date()) {
  // Triggers keep PledgeMonth, MilestoneTally, FunderMilestone and FundingStamp (docs/derived-data.md).
  return db(scope).$transaction(async (tx) => {
    const pledge = await lockPledge(tx, scope, input.pledgeId);
    assertMayWithdraw(scope, pledge);
    const milestone = await lockMilestone(tx, scope, pledge.milestoneId, "share");
    await tx.pledge.update({
      where: { id: pledge.id, networkId: scope.networkId },
      data: { status: "withdrawn", withdrawnAt: now, withdrawReason: input.reason },
    });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "pledge.withdrawn",
      detail: { pledgeId: pledge.id, milestoneId: milestone.id, title: milestone.title, reason: input.reason },
    });
    return { id: pledge.id, initiativeId: milestone.initiativeId };
  });
}
