import type { GatheringStatus, Role } from "@/lib/db/generated/enums";
import type { ErrorCode } from "@/lib/errors";
import { can } from "@/lib/membership/policy";
import { DURATION_MAX_DAYS, PLAN_AHEAD_MAX_DAYS } from "./limits";

/**
 * Who may do what with a gathering, beyond the role table in lib/membership/policy.ts
 * (gathering.*): the rules that depend on the network's setting, on being a host, on the
 * viewer's RSVP and on the gathering's state and time. Decision 036.
 */

const DAY = 86_400_000;

/** Brokers plan; members propose when the network lets them (a broker then plans what they propose). */
export function mayCreate(role: Role, membersPropose: boolean): "planned" | "proposed" | null {
  if (can(role, "gathering.plan")) return "planned";
  if (membersPropose && can(role, "gathering.propose")) return "proposed";
  return null;
}

/** Brokers edit any gathering; the member who proposed one edits it until a broker plans it. */
export function mayEdit(role: Role, g: { status: GatheringStatus; createdById: string | null }, userId: string): boolean {
  if (can(role, "gathering.plan")) return true;
  return g.status === "proposed" && g.createdById === userId && can(role, "gathering.propose");
}

/** Hosts (and brokers) record who came. */
export function mayRecordAttendance(role: Role, isHost: boolean): boolean {
  return can(role, "gathering.plan") || (isHost && can(role, "gathering.attendance"));
}

/**
 * The online link reaches only people going, the hosts and the brokers: never someone who said
 * maybe, waits on the list, a funder, a visitor or a public page.
 */
export function maySeeOnlineLink(role: Role | null, isHost: boolean, rsvp: string | null): boolean {
  if (!role) return false;
  return can(role, "gathering.plan") || (isHost && can(role, "gathering.attendance")) || (rsvp === "going" && can(role, "gathering.rsvp"));
}

/** Names of who is going and who came: brokers and members. Funders see counts only. */
export function maySeeNames(role: Role): boolean {
  return can(role, "gathering.names");
}

/** Why an RSVP to this gathering is refused, or null. */
export function rsvpRefusal(g: { status: GatheringStatus; startsAt: Date }, now: Date): ErrorCode | null {
  if (g.status === "cancelled") return "gathering_cancelled";
  if (g.status !== "planned") return "invalid_transition";
  if (g.startsAt.getTime() <= now.getTime()) return "gathering_past";
  return null;
}

/**
 * The field errors of a gathering's time, capacity and agenda (validation codes, empty when all is
 * well). `isNew`: a new gathering (or a moved one) must start in the future.
 */
export function gatheringErrors(
  input: { startsAt: Date | null; endsAt: Date | null; capacity: number | null; agendaMinutes: number; mode: string; onlineUrl: string; placeName: string },
  now: Date,
  opts: { startMustBeFuture: boolean; going: number },
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const { startsAt, endsAt } = input;
  if (!startsAt) errors.startsAt = ["datetime_invalid"];
  if (!endsAt) errors.endsAt = ["datetime_invalid"];
  if (startsAt && opts.startMustBeFuture && startsAt.getTime() <= now.getTime()) errors.startsAt = ["deadline_past"];
  else if (startsAt && startsAt.getTime() > now.getTime() + PLAN_AHEAD_MAX_DAYS * DAY) errors.startsAt = [`deadline_far|${PLAN_AHEAD_MAX_DAYS}`];
  if (startsAt && endsAt && !errors.endsAt) {
    const length = endsAt.getTime() - startsAt.getTime();
    if (length <= 0) errors.endsAt = ["end_before_start"];
    else if (length > DURATION_MAX_DAYS * DAY) errors.endsAt = [`too_long_days|${DURATION_MAX_DAYS}`];
    else if (input.agendaMinutes * 60_000 > length) errors.agenda = [`agenda_too_long|${Math.round(length / 60_000)}`];
  }
  if (input.capacity !== null && input.capacity < opts.going) errors.capacity = [`capacity_below_going|${opts.going}`];
  if (input.mode !== "in_person" && input.onlineUrl === "") errors.onlineUrl = ["required"];
  if (input.mode !== "online" && input.placeName === "") errors.placeName = ["required"];
  return errors;
}
