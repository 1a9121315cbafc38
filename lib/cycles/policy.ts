import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/membership/policy";
import { DEADLINE_MAX_DAYS } from "./limits";
import type { CyclePhase } from "./phase";

/**
 * Who may see which reflection. The role table lives in lib/membership/policy.ts
 * (cycle.*, reflection.*); these are the rules that also depend on the cycle's phase
 * and on whether the viewer has reflected. Every read path of reflections goes through
 * `canSeeReflection`, on the server.
 */

export type ReflectionViewer = { userId: string; role: Role };
export type ReflectionState = { authorId: string; private: boolean; submittedAt: Date | null };

/** Who is asked to reflect and counts toward participation: active brokers and members, never funders. */
export function isEligible(role: Role): boolean {
  return can(role, "reflection.write");
}

/**
 * Reveal after you reflect: others' shared reflections open up to a broker or member
 * once they submitted their own, or once the I phase is over. Funders never.
 */
export function mayRevealOthers(viewer: { role: Role }, phase: CyclePhase, viewerSubmitted: boolean): boolean {
  if (!can(viewer.role, "reflection.read")) return false;
  if (phase !== "reflect") return true;
  return viewerSubmitted;
}

/**
 * One reflection for one viewer: its author always sees it (draft or private included);
 * nobody else sees a draft or an "only for me" reflection; a shared, submitted one only
 * when `mayRevealOthers`.
 */
export function canSeeReflection(
  viewer: ReflectionViewer,
  reflection: ReflectionState,
  context: { phase: CyclePhase; viewerSubmitted: boolean },
): boolean {
  if (reflection.authorId === viewer.userId) return can(viewer.role, "reflection.read");
  if (reflection.private || reflection.submittedAt === null) return false;
  return mayRevealOthers(viewer, context.phase, context.viewerSubmitted);
}

/** Reflections are written and changed only in the I phase. */
export function assertReflectPhase(phase: CyclePhase): void {
  if (phase === "closed") throw new AppError("cycle_not_open");
  if (phase !== "reflect") throw new AppError("reflect_phase_over");
}

/** Deadlines move only on a cycle that is not closed. */
export function assertNotClosed(phase: CyclePhase): void {
  if (phase === "closed") throw new AppError("cycle_not_open");
}

/**
 * Checks a pair of deadlines against now: each new one in the future, the WE deadline
 * after the I deadline. `changed` names the fields the person actually moved (an
 * unchanged deadline that has passed is fine when extending the other one).
 * Returns field errors (validation codes), empty when all is well.
 */
export function deadlineErrors(
  input: { iDeadline: Date; weDeadline: Date },
  now: Date,
  changed: { iDeadline: boolean; weDeadline: boolean } = { iDeadline: true, weDeadline: true },
  current?: { iDeadline: Date; weDeadline: Date },
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const field of ["iDeadline", "weDeadline"] as const) {
    if (!changed[field]) continue;
    if (input[field].getTime() <= now.getTime()) errors[field] = ["deadline_past"];
    else if (input[field].getTime() > now.getTime() + DEADLINE_MAX_DAYS * 86_400_000) errors[field] = [`deadline_far|${DEADLINE_MAX_DAYS}`];
    else if (current && input[field].getTime() < current[field].getTime()) errors[field] = ["deadline_earlier"];
  }
  if (!errors.weDeadline && input.weDeadline.getTime() <= input.iDeadline.getTime()) {
    errors.weDeadline = ["deadline_order"];
  }
  return errors;
}
