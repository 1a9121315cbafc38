/**
 * A cycle's phase is computed from its times, never stored: it changes at the deadline
 * whether or not any process ran, and a broker's early move is a timestamp, not a flag.
 *
 * - "reflect" (I phase): from opening until the I deadline, or until a broker moved it on;
 * - "synthesise" (WE phase): from then until the WE deadline;
 * - "ended": the WE deadline passed and no broker has closed the cycle yet;
 * - "closed": a broker closed it (it is in the network's journey).
 *
 * A deadline is the first instant of the next phase: at exactly the I deadline the
 * cycle is in the WE phase and reflections are no longer taken.
 */
export type CyclePhase = "reflect" | "synthesise" | "ended" | "closed";

export type CycleTimes = {
  iDeadline: Date;
  weDeadline: Date;
  advancedToWeAt: Date | null;
  closedAt: Date | null;
};

/** How long before the I deadline the one reminder goes to those who have not reflected. */
export const REMINDER_WINDOW_MS = 48 * 60 * 60 * 1000;

/** When the WE phase starts: the I deadline, or earlier when a broker moved the cycle on. */
export function weStartsAt(cycle: CycleTimes): Date {
  const advanced = cycle.advancedToWeAt;
  return advanced && advanced.getTime() < cycle.iDeadline.getTime() ? advanced : cycle.iDeadline;
}

export function cyclePhase(cycle: CycleTimes, now: Date): CyclePhase {
  if (cycle.closedAt && cycle.closedAt.getTime() <= now.getTime()) return "closed";
  const t = now.getTime();
  if (t < weStartsAt(cycle).getTime()) return "reflect";
  if (t < cycle.weDeadline.getTime()) return "synthesise";
  return "ended";
}
