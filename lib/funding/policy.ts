import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/membership/policy";
import type { MilestoneStatus } from "./schema";

/**
 * Who may do what with initiatives, growth paths and pledges. The role table lives in
 * lib/membership/policy.ts (initiative.*, milestone.*, pledge.*, funding.overview); these
 * are the rules that also depend on the initiative's team, the milestone's status or
 * whose pledge it is. Pure functions: the mutations call them with locked rows.
 */

type Viewer = { userId: string; role: Role };

/** Brokers, and the initiative's team, edit an initiative and its growth path. */
export function mayEditInitiative(viewer: Viewer, teamIds: readonly string[]): boolean {
  if (!can(viewer.role, "initiative.edit")) return false;
  return viewer.role === "broker" || teamIds.includes(viewer.userId);
}

export function assertMayEditInitiative(viewer: Viewer, teamIds: readonly string[]): void {
  if (!mayEditInitiative(viewer, teamIds)) throw new AppError("forbidden");
}

/** Who can be on a team: active brokers and members (a funder funds; it does not also mark its own milestones). */
export function mayJoinTeam(role: Role): boolean {
  return can(role, "initiative.edit");
}

/** A milestone that ended (reached, learned, dropped) is history: no edits, no pledges, no new status. */
const CLOSED_STATUSES: readonly MilestoneStatus[] = ["reached", "learned", "dropped"];

export function isClosed(status: MilestoneStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/**
 * A milestone is overdue when it is still open (planned or active) and its target date is a day
 * before `today`: on its date it is due, from the next day overdue. Days are UTC calendar days, as
 * the target date is stored (a date) and shown, and as the network home counts milestones past
 * their date. A reached, learned or dropped milestone is never overdue.
 */
export function isOverdue(milestone: { status: MilestoneStatus; targetDate: Date | null }, today: Date): boolean {
  if (isClosed(milestone.status) || milestone.targetDate === null) return false;
  return milestone.targetDate.toISOString().slice(0, 10) < today.toISOString().slice(0, 10);
}

/** The statuses a milestone may move to from `from`: open ones move anywhere else; closed ones nowhere. */
export function nextStatuses(from: MilestoneStatus): MilestoneStatus[] {
  if (isClosed(from)) return [];
  return (["planned", "active", "reached", "learned", "dropped"] as const).filter((s) => s !== from);
}

/**
 * Checks one status change. A closed milestone refuses (`milestone_closed`); moving to
 * the same status is `invalid_transition`; "learned" needs its lesson and "dropped" its
 * reason, as a field error on `note`.
 */
export function assertTransition(from: MilestoneStatus, to: MilestoneStatus, note: string): void {
  if (isClosed(from)) throw new AppError("milestone_closed");
  if (!nextStatuses(from).includes(to)) throw new AppError("invalid_transition");
  if (to === "learned" && note.trim() === "") throw new AppError("invalid_input", { note: ["lesson_required"] });
  if (to === "dropped" && note.trim() === "") throw new AppError("invalid_input", { note: ["reason_required"] });
}

/** Milestone fields (title, amount, ...) change only while it is open. */
export function assertMilestoneOpen(status: MilestoneStatus): void {
  if (isClosed(status)) throw new AppError("milestone_closed");
}

/** Funders pledge to planned and active milestones only. */
/** An initiative that has ended takes no new pledges (paused ones still do: they may resume). */
export function assertInitiativeTakesPledges(status: string): void {
  if (status === "ended") throw new AppError("initiative_ended");
}

export function assertOpenForPledges(status: MilestoneStatus): void {
  if (isClosed(status)) throw new AppError("milestone_closed");
}

type PledgeState = { funderId: string | null; status: "pledged" | "released" | "withdrawn" };

/** Only the funder who pledged touches a pledge: no one releases or withdraws another's. */
function assertOwnPledge(viewer: Viewer, pledge: PledgeState): void {
  if (!pledge.funderId || pledge.funderId !== viewer.userId) throw new AppError("forbidden");
}

/** A pledge is released once, by its own funder, on a reached milestone. */
export function assertMayRelease(viewer: Viewer, pledge: PledgeState, milestone: { status: MilestoneStatus }): void {
  if (!can(viewer.role, "pledge.release")) throw new AppError("forbidden");
  assertOwnPledge(viewer, pledge);
  if (pledge.status === "released") throw new AppError("pledge_released");
  if (pledge.status === "withdrawn") throw new AppError("pledge_withdrawn");
  if (milestone.status !== "reached") throw new AppError("milestone_not_reached");
}

/** A funder withdraws its own pledge until it is released. */
export function assertMayWithdraw(viewer: Viewer, pledge: PledgeState): void {
  if (!can(viewer.role, "pledge.withdraw")) throw new AppError("forbidden");
  assertOwnPledge(viewer, pledge);
  if (pledge.status === "released") throw new AppError("pledge_released");
  if (pledge.status === "withdrawn") throw new AppError("pledge_withdrawn");
}

/**
 * Whether a milestone still needs funders: open, and pledged (not withdrawn) in its own
 * currency less than needed. Pledges in other currencies are shown apart, never converted.
 */
export function needsFunders(status: MilestoneStatus, pledgedInOwnCurrency: bigint, needed: bigint): boolean {
  return !isClosed(status) && pledgedInOwnCurrency < needed;
}
