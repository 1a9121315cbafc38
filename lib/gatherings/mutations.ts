import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { GatheringMode, GatheringStatus, NotificationKind, RsvpStatus } from "@/lib/db/generated/enums";
import { isTimeZone } from "@/lib/digests/schedule";
import { AppError } from "@/lib/errors";
import { renderMarkdown } from "@/lib/markdown/render";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { gatheringErrors, mayCreate, mayEdit, mayRecordAttendance, rsvpRefusal } from "./policy";
import { occurrenceStarts, parseLocal, seriesRule, type SeriesEnd } from "./recurrence";
import type { AgendaInput, CreateGatheringInput, RsvpChoice, UpdateGatheringInput } from "./schema";

/**
 * Writes of gatherings (decision 036). Every change to one gathering locks its row first
 * (`lockGathering`, SELECT ... FOR UPDATE): RSVPs, cancellations, edits and attendance take turns,
 * so two people cancelling at once free two seats and promote exactly two people from the waitlist.
 * Every change a calendar should see raises `sequence` (iCalendar SEQUENCE).
 */

type LockedGathering = {
  id: string;
  seriesId: string | null;
  title: string;
  purpose: string;
  status: GatheringStatus;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  mode: GatheringMode;
  placeName: string;
  address: string;
  accessibility: string;
  onlineUrl: string;
  visibility: string;
  capacity: number | null;
  sequence: number;
  createdById: string | null;
};

async function lockGathering(tx: Tx, scope: Pick<NetworkScope, "networkId">, gatheringId: string): Promise<LockedGathering> {
  const rows = await tx.$queryRaw<LockedGathering[]>`
    SELECT id, "seriesId", title, purpose, status::text AS status, "startsAt", "endsAt", "timeZone", mode::text AS mode,
           "placeName", address, accessibility, "onlineUrl", visibility::text AS visibility, capacity, sequence, "createdById"
    FROM "Gathering" WHERE id = ${gatheringId} AND "networkId" = ${scope.networkId} FOR UPDATE`;
  const g = rows[0];
  if (!g) throw new AppError("not_found");
  return g;
}

async function isHost(tx: Tx, scope: NetworkScope, gatheringId: string, userId: string): Promise<boolean> {
  const host = await tx.gatheringHost.findFirst({ where: { networkId: scope.networkId, gatheringId, userId }, select: { userId: true } });
  return host !== null;
}

// ---------------------------------------------------------------- notifications

/** Active members of the network among `userIds`, never the actor. */
async function activeAmong(tx: Tx, scope: NetworkScope, userIds: string[]): Promise<string[]> {
  const wanted = [...new Set(userIds)].filter((id) => id !== scope.userId);
  if (wanted.length === 0) return [];
  const rows = await tx.membership.findMany({
    where: { networkId: scope.networkId, status: "active", userId: { in: wanted } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

async function notify(tx: Tx, scope: NetworkScope, kind: NotificationKind, gatheringId: string, userIds: string[], dedupeKey: string) {
  if (userIds.length === 0) return;
  await tx.notification.createMany({
    data: userIds.map((userId) => ({ networkId: scope.networkId, userId, kind, actorId: scope.userId, gatheringId, dedupeKey })),
    skipDuplicates: true,
  });
}

async function activeBrokers(tx: Tx, scope: NetworkScope): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: { networkId: scope.networkId, status: "active", role: "broker", userId: { not: scope.userId } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

/** A gathering on the calendar: every active broker and member but the planner hears of it once. */
async function notifyPlanned(tx: Tx, scope: NetworkScope, gatheringId: string, alsoUserId: string | null) {
  const members = await tx.membership.findMany({
    where: { networkId: scope.networkId, status: "active", role: { in: ["broker", "member"] }, userId: { not: scope.userId } },
    select: { userId: true },
  });
  const people = members.map((m) => m.userId);
  if (alsoUserId && alsoUserId !== scope.userId && !people.includes(alsoUserId)) people.push(...(await activeAmong(tx, scope, [alsoUserId])));
  await notify(tx, scope, "gathering_planned", gatheringId, people, `gathering-planned:${gatheringId}`);
}

/** The people a change or a cancellation concerns: going, maybe and waiting. */
async function rsvpAudience(tx: Tx, scope: NetworkScope, gatheringId: string): Promise<string[]> {
  const rows = await tx.rsvp.findMany({
    where: { networkId: scope.networkId, gatheringId, status: { in: ["going", "maybe", "waitlisted"] } },
    select: { userId: true },
  });
  return activeAmong(
    tx,
    scope,
    rows.map((r) => r.userId),
  );
}

// ---------------------------------------------------------------- reading the form

type Resolved = {
  startsAt: Date;
  endsAt: Date;
  purposeHtml: string | null;
  agenda: AgendaInput[];
};

/** Reads the times in the planned zone and checks them, the capacity and the agenda; throws field errors. */
async function resolve(
  tx: Tx,
  scope: NetworkScope,
  input: Omit<UpdateGatheringInput, "gatheringId">,
  now: Date,
  opts: { startMustBeFuture: (startsAt: Date) => boolean; going: number },
): Promise<Resolved> {
  const errors: Record<string, string[]> = {};
  const zoneKnown = isTimeZone(input.timeZone);
  if (!zoneKnown) errors.timeZone = ["zone_unknown"];
  const startsAt = zoneKnown ? parseLocal(input.startsAt, input.timeZone) : null;
  const endsAt = zoneKnown ? parseLocal(input.endsAt, input.timeZone) : null;
  const agendaMinutes = input.agenda.reduce((sum, item) => sum + item.minutes, 0);
  if (zoneKnown) {
    Object.assign(
      errors,
      gatheringErrors({ ...input, startsAt, endsAt, agendaMinutes }, now, {
        startMustBeFuture: startsAt ? opts.startMustBeFuture(startsAt) : true,
        going: opts.going,
      }),
    );
  }
  // Hosts are active members who take part (brokers and members); threads of this network, not hidden.
  const hostIds = [...new Set(input.agenda.map((a) => a.hostId).filter((id): id is string => id !== null))];
  const threadIds = [...new Set(input.agenda.map((a) => a.threadId).filter((id): id is string => id !== null))];
  const [hosts, threads] = await Promise.all([
    hostIds.length
      ? tx.membership.findMany({
          where: { networkId: scope.networkId, status: "active", role: { in: ["broker", "member"] }, userId: { in: hostIds } },
          select: { userId: true },
        })
      : [],
    threadIds.length
      ? tx.thread.findMany({ where: { networkId: scope.networkId, id: { in: threadIds }, hiddenAt: null }, select: { id: true } })
      : [],
  ]);
  const hostOk = new Set(hosts.map((h) => h.userId));
  const threadOk = new Set(threads.map((t) => t.id));
  for (const item of input.agenda) {
    const index = item.index;
    if (item.hostId && !hostOk.has(item.hostId)) errors[`agenda.${index}.hostId`] = ["invalid_choice"];
    if (item.threadId && !threadOk.has(item.threadId)) errors[`agenda.${index}.threadId`] = ["invalid_choice"];
  }
  if (Object.keys(errors).length || !startsAt || !endsAt) throw new AppError("invalid_input", errors);
  return { startsAt, endsAt, purposeHtml: input.purpose ? renderMarkdown(input.purpose) : null, agenda: input.agenda };
}

function placeData(input: Omit<UpdateGatheringInput, "gatheringId">) {
  return {
    title: input.title,
    purpose: input.purpose,
    timeZone: input.timeZone,
    mode: input.mode,
    // A field of a mode not chosen is not kept: an online gathering has no address, an in-person one no link.
    placeName: input.mode === "online" ? "" : input.placeName,
    address: input.mode === "online" ? "" : input.address,
    accessibility: input.mode === "online" ? "" : input.accessibility,
    onlineUrl: input.mode === "in_person" ? "" : input.onlineUrl,
    visibility: input.visibility,
    capacity: input.capacity,
  };
}

async function writeAgenda(tx: Tx, scope: NetworkScope, gatheringId: string, agenda: AgendaInput[]) {
  if (agenda.length === 0) return;
  await tx.agendaItem.createMany({
    data: agenda.map((item, position) => ({
      networkId: scope.networkId,
      gatheringId,
      position,
      title: item.title,
      minutes: item.minutes,
      hostId: item.hostId,
      threadId: item.threadId,
    })),
  });
}

async function addHosts(tx: Tx, scope: NetworkScope, gatheringId: string, userIds: (string | null)[]) {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  await tx.gatheringHost.createMany({
    data: ids.map((userId) => ({ networkId: scope.networkId, gatheringId, userId })),
    skipDuplicates: true,
  });
}

// ---------------------------------------------------------------- create, edit, plan, cancel

/**
 * A broker plans a gathering, or a series of them (each occurrence its own row, with the same
 * agenda and hosts); a member proposes one where the network allows it. The planner and every
 * agenda item's host host it. A double submit (the same idempotency key) makes one.
 */
export async function createGathering(
  scope: NetworkScope,
  input: CreateGatheringInput & { membersPropose: boolean },
  now = new Date(),
): Promise<{ id: string }> {
  const status = mayCreate(scope.role, input.membersPropose);
  if (!status) throw new AppError("forbidden");
  const key = { networkId: scope.networkId, createdById: scope.userId, idempotencyKey: input.idempotencyKey };
  const existing = () => db(scope).gathering.findFirst({ where: key, select: { id: true } });
  const found = await existing();
  if (found) return found;
  try {
    return await db(scope).$transaction(async (tx) => {
      const resolved = await resolve(tx, scope, input, now, { startMustBeFuture: () => true, going: 0 });
      const starts = seriesStarts(input, resolved.startsAt, status);
      const length = resolved.endsAt.getTime() - resolved.startsAt.getTime();
      const series =
        starts.length > 1 && input.repeat !== "none"
          ? await tx.gatheringSeries.create({
              data: {
                networkId: scope.networkId,
                rule: seriesRule(input.repeat, resolved.startsAt, input.timeZone, seriesEnd(input)!),
                timeZone: input.timeZone,
                createdById: scope.userId,
              },
              select: { id: true },
            })
          : null;
      let first: { id: string } | null = null;
      for (const [i, startsAt] of starts.entries()) {
        const g = await tx.gathering.create({
          data: {
            ...placeData(input),
            networkId: scope.networkId,
            seriesId: series?.id ?? null,
            purposeHtml: resolved.purposeHtml,
            startsAt,
            endsAt: new Date(startsAt.getTime() + length),
            status,
            createdById: scope.userId,
            // The key on the first occurrence makes the whole submit happen once.
            idempotencyKey: i === 0 ? input.idempotencyKey : null,
          },
          select: { id: true },
        });
        first ??= g;
        await writeAgenda(tx, scope, g.id, resolved.agenda);
        await addHosts(tx, scope, g.id, [scope.userId, ...resolved.agenda.map((a) => a.hostId)]);
      }
      const made = first!;
      await recordAudit(tx, {
        networkId: scope.networkId,
        actorId: scope.userId,
        action: status === "planned" ? "gathering.planned" : "gathering.proposed",
        detail: { gatheringId: made.id, title: input.title, occurrences: starts.length },
      });
      // One notification for a series: its first occurrence (the page lists the others).
      if (status === "planned") await notifyPlanned(tx, scope, made.id, null);
      // A proposal waits for a broker: every active broker hears of it once.
      else await notify(tx, scope, "gathering_proposed", made.id, await activeBrokers(tx, scope), `gathering-proposed:${made.id}`);
      return made;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await existing();
      if (winner) return winner;
    }
    throw error;
  }
}

function seriesEnd(input: CreateGatheringInput): SeriesEnd | null {
  if (input.repeatCount !== null) return { count: input.repeatCount };
  if (input.repeatUntil !== "") return { until: input.repeatUntil };
  return null;
}

/** The starts of every occurrence; field errors for a series without an end, or one too long. */
function seriesStarts(input: CreateGatheringInput, startsAt: Date, status: "planned" | "proposed"): Date[] {
  if (input.repeat === "none") return [startsAt];
  // A proposal is one gathering: a broker plans a series.
  if (status === "proposed") throw new AppError("invalid_input", { repeat: ["invalid_choice"] });
  const end = seriesEnd(input);
  if (!end) throw new AppError("invalid_input", { repeatCount: ["series_end_required"] });
  if (input.repeatCount !== null && input.repeatUntil !== "") throw new AppError("invalid_input", { repeatUntil: ["series_end_one"] });
  const starts = occurrenceStarts(input.repeat, startsAt, input.timeZone, end);
  if (!starts) throw new AppError("invalid_input", { repeatUntil: ["series_too_long|52"] });
  if (starts.length < 2) throw new AppError("invalid_input", { repeatUntil: ["series_until_early"] });
  return starts;
}

/** What of a gathering a calendar shows: a change to any of these raises `sequence`. */
function calendarFields(g: Pick<LockedGathering, "title" | "purpose" | "startsAt" | "endsAt" | "timeZone" | "mode" | "placeName" | "address" | "onlineUrl" | "visibility">) {
  return JSON.stringify([g.title, g.purpose, g.startsAt.getTime(), g.endsAt.getTime(), g.timeZone, g.mode, g.placeName, g.address, g.onlineUrl, g.visibility]);
}

/**
 * Edits one gathering (one occurrence of a series: the others stay as they are). A moved start
 * must be in the future; the capacity may not drop below the people already going, and a raised
 * one promotes people from the waitlist. People going, maybe or waiting hear of a new time or place.
 */
export async function updateGathering(scope: NetworkScope, input: UpdateGatheringInput, now = new Date()) {
  return db(scope).$transaction(async (tx) => {
    const g = await lockGathering(tx, scope, input.gatheringId);
    if (!mayEdit(scope.role, g, scope.userId)) throw new AppError("forbidden");
    if (g.status === "cancelled") throw new AppError("gathering_cancelled");
    if (g.endsAt.getTime() <= now.getTime()) throw new AppError("gathering_past");
    const going = await tx.rsvp.count({ where: { networkId: scope.networkId, gatheringId: g.id, status: "going" } });
    const resolved = await resolve(tx, scope, input, now, {
      startMustBeFuture: (startsAt) => startsAt.getTime() !== g.startsAt.getTime(),
      going,
    });
    const next = { ...placeData(input), startsAt: resolved.startsAt, endsAt: resolved.endsAt };
    const calendarChanged = calendarFields({ ...g, ...next }) !== calendarFields(g);
    const moved = next.startsAt.getTime() !== g.startsAt.getTime() || next.endsAt.getTime() !== g.endsAt.getTime();
    const placeChanged = next.mode !== g.mode || next.placeName !== g.placeName || next.address !== g.address || next.onlineUrl !== g.onlineUrl;
    const sequence = calendarChanged ? g.sequence + 1 : g.sequence;
    await tx.gathering.update({
      where: { id: g.id, networkId: scope.networkId },
      data: {
        ...next,
        purposeHtml: resolved.purposeHtml,
        sequence,
        // A moved gathering is reminded of again, a day before its new time.
        ...(moved ? { remindedAt: null } : {}),
      },
    });
    await tx.agendaItem.deleteMany({ where: { networkId: scope.networkId, gatheringId: g.id } });
    await writeAgenda(tx, scope, g.id, resolved.agenda);
    await addHosts(tx, scope, g.id, resolved.agenda.map((a) => a.hostId));
    if (g.status === "planned") {
      if (input.capacity === null || (g.capacity !== null && input.capacity > g.capacity)) await promote(tx, scope, { ...g, capacity: input.capacity }, now);
      if (moved || placeChanged) {
        await notify(tx, scope, "gathering_changed", g.id, await rsvpAudience(tx, scope, g.id), `gathering-changed:${g.id}:${sequence}`);
      }
    }
    return { id: g.id };
  });
}

/** A broker plans what a member proposed: it goes on the calendar and the members hear of it. */
export async function planGathering(scope: NetworkScope, input: { gatheringId: string }, now = new Date()) {
  if (!can(scope.role, "gathering.plan")) throw new AppError("forbidden");
  await db(scope).$transaction(async (tx) => {
    const g = await lockGathering(tx, scope, input.gatheringId);
    if (g.status === "planned") return;
    if (g.status !== "proposed") throw new AppError("gathering_cancelled");
    if (g.startsAt.getTime() <= now.getTime()) throw new AppError("gathering_past");
    await tx.gathering.update({ where: { id: g.id, networkId: scope.networkId }, data: { status: "planned", sequence: g.sequence + 1 } });
    await recordAudit(tx, { networkId: scope.networkId, actorId: scope.userId, action: "gathering.planned", detail: { gatheringId: g.id, title: g.title } });
    await notifyPlanned(tx, scope, g.id, g.createdById);
  });
}

async function cancelLocked(tx: Tx, scope: NetworkScope, g: LockedGathering, reason: string, now: Date) {
  await tx.gathering.update({
    where: { id: g.id, networkId: scope.networkId },
    data: { status: "cancelled", cancelledAt: now, cancelReason: reason, sequence: g.sequence + 1 },
  });
  if (g.status === "planned") {
    await notify(tx, scope, "gathering_cancelled", g.id, await rsvpAudience(tx, scope, g.id), `gathering-cancelled:${g.id}`);
  }
}

/** Cancels one gathering (one occurrence: the rest of its series stays). It stays listed, struck, for calendars. */
export async function cancelGathering(scope: NetworkScope, input: { gatheringId: string; reason: string }, now = new Date()) {
  await db(scope).$transaction(async (tx) => {
    const g = await lockGathering(tx, scope, input.gatheringId);
    if (!mayEdit(scope.role, g, scope.userId)) throw new AppError("forbidden");
    if (g.status === "cancelled") return;
    if (g.endsAt.getTime() <= now.getTime()) throw new AppError("gathering_past");
    await cancelLocked(tx, scope, g, input.reason, now);
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "gathering.cancelled",
      detail: { gatheringId: g.id, title: g.title, reason: input.reason },
    });
  });
}

/** Ends a series: its occurrences still to come are cancelled; the past ones (and their harvests) stay. */
export async function endSeries(scope: NetworkScope, input: { seriesId: string }, now = new Date()) {
  if (!can(scope.role, "gathering.plan")) throw new AppError("forbidden");
  await db(scope).$transaction(async (tx) => {
    const series = await tx.$queryRaw<{ id: string; endedAt: Date | null }[]>`
      SELECT id, "endedAt" FROM "GatheringSeries" WHERE id = ${input.seriesId} AND "networkId" = ${scope.networkId} FOR UPDATE`;
    if (!series[0]) throw new AppError("not_found");
    if (series[0].endedAt) return;
    await tx.gatheringSeries.update({ where: { id: input.seriesId, networkId: scope.networkId }, data: { endedAt: now } });
    const future = await tx.gathering.findMany({
      where: { networkId: scope.networkId, seriesId: input.seriesId, startsAt: { gt: now }, status: { not: "cancelled" } },
      select: { id: true },
      orderBy: { startsAt: "asc" },
    });
    for (const { id } of future) await cancelLocked(tx, scope, await lockGathering(tx, scope, id), "", now);
    const title = future.length ? (await tx.gathering.findFirst({ where: { networkId: scope.networkId, id: future[0]!.id }, select: { title: true } }))?.title : "";
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "gathering.series_ended",
      detail: { seriesId: input.seriesId, title: title ?? "", cancelled: future.length },
    });
  });
}

// ---------------------------------------------------------------- RSVP and the waitlist

/**
 * Fills free seats from the waitlist, first come first served (`waitlistedAt`, then id), and tells
 * each person promoted. Runs with the gathering's row locked, so concurrent cancellations each
 * see the seats the other left: one person per free seat, never two.
 */
async function promote(tx: Tx, scope: Pick<NetworkScope, "networkId">, g: { id: string; capacity: number | null }, now: Date) {
  const going = await tx.rsvp.count({ where: { networkId: scope.networkId, gatheringId: g.id, status: "going" } });
  const free = g.capacity === null ? Number.MAX_SAFE_INTEGER : g.capacity - going;
  if (free <= 0) return;
  const next = await tx.rsvp.findMany({
    where: { networkId: scope.networkId, gatheringId: g.id, status: "waitlisted" },
    orderBy: [{ waitlistedAt: "asc" }, { id: "asc" }],
    take: Math.min(free, 1000),
    select: { id: true, userId: true },
  });
  if (next.length === 0) return;
  await tx.rsvp.updateMany({
    where: { networkId: scope.networkId, id: { in: next.map((r) => r.id) } },
    data: { status: "going", waitlistedAt: null },
  });
  // The promoted hear it even when the person who freed the seat is a broker acting for them.
  await tx.notification.createMany({
    data: next.map((r) => ({
      networkId: scope.networkId,
      userId: r.userId,
      kind: "gathering_promoted" as const,
      gatheringId: g.id,
      dedupeKey: `gathering-promoted:${g.id}:${r.userId}:${now.getTime()}`,
    })),
    skipDuplicates: true,
  });
}

/**
 * A member answers: going, maybe or not going, with a note. Going to a full gathering puts them on
 * the waitlist (keeping their place if they were on it); someone going who changes their answer
 * frees a seat for the first person waiting. One answer per person (a double submit changes nothing).
 */
export async function answerRsvp(
  scope: NetworkScope,
  input: { gatheringId: string; status: RsvpChoice; note: string },
  now = new Date(),
): Promise<{ status: RsvpStatus }> {
  return db(scope).$transaction(async (tx) => {
    const g = await lockGathering(tx, scope, input.gatheringId);
    const refusal = rsvpRefusal(g, now);
    if (refusal) throw new AppError(refusal);
    const where = { networkId: scope.networkId, gatheringId: g.id, userId: scope.userId };
    const before = await tx.rsvp.findFirst({ where, select: { status: true, waitlistedAt: true } });
    let status: RsvpStatus = input.status;
    let waitlistedAt: Date | null = null;
    if (input.status === "going" && before?.status !== "going" && g.capacity !== null) {
      const going = await tx.rsvp.count({ where: { networkId: scope.networkId, gatheringId: g.id, status: "going" } });
      if (going >= g.capacity) {
        status = "waitlisted";
        waitlistedAt = before?.status === "waitlisted" ? before.waitlistedAt : now;
      }
    }
    await tx.rsvp.upsert({
      where: { networkId_gatheringId_userId: where },
      create: { ...where, status, note: input.note, waitlistedAt },
      update: { status, note: input.note, waitlistedAt },
    });
    if (before?.status === "going" && status !== "going") await promote(tx, scope, g, now);
    return { status };
  });
}

/**
 * A person leaves the network, is removed, or deletes their account: their answers to gatherings
 * still to come are withdrawn (not going), and each seat they held goes to the first person
 * waiting, who is told, as when they cancel themselves. Inside the caller's transaction.
 */
export async function freeSeatsOf(tx: Tx, networkId: string, userId: string, now = new Date()) {
  const answers = await tx.rsvp.findMany({
    where: { networkId, userId, status: { in: ["going", "maybe", "waitlisted"] }, gathering: { networkId, startsAt: { gt: now }, status: "planned" } },
    select: { gatheringId: true, status: true },
    orderBy: { gatheringId: "asc" },
  });
  if (answers.length === 0) return;
  await tx.rsvp.updateMany({
    where: { networkId, userId, gatheringId: { in: answers.map((a) => a.gatheringId) } },
    data: { status: "not_going", waitlistedAt: null },
  });
  for (const a of answers) {
    if (a.status === "going") await promote(tx, { networkId }, await lockGathering(tx, { networkId }, a.gatheringId), now);
  }
}

// ---------------------------------------------------------------- attendance

/**
 * A host (or a broker) records who came, once the gathering has begun: the members ticked and
 * guests without an account by name. Saving again replaces the record.
 */
export async function recordAttendance(
  scope: NetworkScope,
  input: { gatheringId: string; came: string[]; guests: string[] },
  now = new Date(),
) {
  await db(scope).$transaction(async (tx) => {
    const g = await lockGathering(tx, scope, input.gatheringId);
    if (!mayRecordAttendance(scope.role, await isHost(tx, scope, g.id, scope.userId))) throw new AppError("forbidden");
    if (g.status === "cancelled") throw new AppError("gathering_cancelled");
    if (g.status !== "planned" || g.startsAt.getTime() > now.getTime()) throw new AppError("invalid_transition");
    const members = input.came.length
      ? await tx.membership.findMany({
          where: { networkId: scope.networkId, status: "active", userId: { in: [...new Set(input.came)] } },
          select: { userId: true },
        })
      : [];
    if (members.length !== new Set(input.came).size) throw new AppError("not_found");
    await tx.attendance.deleteMany({ where: { networkId: scope.networkId, gatheringId: g.id } });
    const rows = [
      ...members.map((m) => ({ userId: m.userId, guestName: "" })),
      ...input.guests.map((guestName) => ({ userId: null, guestName })),
    ];
    if (rows.length) {
      await tx.attendance.createMany({
        data: rows.map((r) => ({ ...r, networkId: scope.networkId, gatheringId: g.id, recordedById: scope.userId })),
      });
    }
  });
}
