import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  assertMayRelease,
  assertMayWithdraw,
  assertOpenForPledges,
  assertTransition,
  isClosed,
  isOverdue,
  mayEditInitiative,
  needsFunders,
  nextStatuses,
} from "@/lib/funding/policy";
import { MILESTONE_STATUSES, type MilestoneStatus } from "@/lib/funding/schema";

function outcome(fn: () => void): string {
  try {
    fn();
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors ? `${error.code}:${JSON.stringify(error.fieldErrors)}` : error.code;
    throw error;
  }
}

describe("milestone status transitions", () => {
  const open: MilestoneStatus[] = ["planned", "active"];
  const closed: MilestoneStatus[] = ["reached", "learned", "dropped"];

  it("closed statuses are reached, learned and dropped", () => {
    expect(MILESTONE_STATUSES.filter(isClosed)).toEqual(closed);
  });

  it.each(open)("from %s to any other status", (from) => {
    expect(nextStatuses(from)).toEqual(MILESTONE_STATUSES.filter((s) => s !== from));
  });

  it.each(closed)("nothing moves on from %s", (from) => {
    expect(nextStatuses(from)).toEqual([]);
    for (const to of MILESTONE_STATUSES) expect(outcome(() => assertTransition(from, to, "note"))).toBe("milestone_closed");
  });

  it("refuses a move to the same status", () => {
    expect(outcome(() => assertTransition("planned", "planned", ""))).toBe("invalid_transition");
  });

  it("learned needs a lesson, dropped needs a reason", () => {
    expect(outcome(() => assertTransition("active", "learned", " "))).toBe('invalid_input:{"note":["lesson_required"]}');
    expect(outcome(() => assertTransition("active", "dropped", ""))).toBe('invalid_input:{"note":["reason_required"]}');
    expect(outcome(() => assertTransition("active", "learned", "We learned X"))).toBe("ok");
    expect(outcome(() => assertTransition("planned", "dropped", "No longer needed"))).toBe("ok");
    expect(outcome(() => assertTransition("planned", "reached", ""))).toBe("ok");
  });
});

describe("pledges", () => {
  const funder = { userId: "f1", role: "funder" as const };
  const pledge = { funderId: "f1", status: "pledged" as const };

  it("only to open milestones", () => {
    expect(outcome(() => assertOpenForPledges("planned"))).toBe("ok");
    expect(outcome(() => assertOpenForPledges("active"))).toBe("ok");
    for (const s of ["reached", "learned", "dropped"] as const) expect(outcome(() => assertOpenForPledges(s))).toBe("milestone_closed");
  });

  it("released once, by its own funder, on a reached milestone", () => {
    expect(outcome(() => assertMayRelease(funder, pledge, { status: "reached" }))).toBe("ok");
    expect(outcome(() => assertMayRelease(funder, pledge, { status: "active" }))).toBe("milestone_not_reached");
    expect(outcome(() => assertMayRelease(funder, pledge, { status: "learned" }))).toBe("milestone_not_reached");
    expect(outcome(() => assertMayRelease(funder, { ...pledge, status: "released" }, { status: "reached" }))).toBe("pledge_released");
    expect(outcome(() => assertMayRelease(funder, { ...pledge, status: "withdrawn" }, { status: "reached" }))).toBe("pledge_withdrawn");
    expect(outcome(() => assertMayRelease({ userId: "f2", role: "funder" }, pledge, { status: "reached" }))).toBe("forbidden");
    expect(outcome(() => assertMayRelease({ userId: "f1", role: "broker" }, pledge, { status: "reached" }))).toBe("forbidden");
    expect(outcome(() => assertMayRelease({ userId: "m1", role: "member" }, pledge, { status: "reached" }))).toBe("forbidden");
    expect(outcome(() => assertMayRelease(funder, { ...pledge, funderId: null }, { status: "reached" }))).toBe("forbidden");
  });

  it("withdrawn by its own funder until released", () => {
    expect(outcome(() => assertMayWithdraw(funder, pledge))).toBe("ok");
    expect(outcome(() => assertMayWithdraw(funder, { ...pledge, status: "released" }))).toBe("pledge_released");
    expect(outcome(() => assertMayWithdraw(funder, { ...pledge, status: "withdrawn" }))).toBe("pledge_withdrawn");
    expect(outcome(() => assertMayWithdraw({ userId: "f2", role: "funder" }, pledge))).toBe("forbidden");
  });

  it("a milestone needs funders while open and short in its own currency", () => {
    expect(needsFunders("planned", 0n, 100n)).toBe(true);
    expect(needsFunders("active", 100n, 100n)).toBe(false);
    expect(needsFunders("reached", 0n, 100n)).toBe(false);
  });
});

describe("an overdue milestone", () => {
  // Target dates come from a date column: midnight UTC of their day.
  const due = new Date("2026-12-06T00:00:00Z");

  it("is an open milestone from the day after its target date (UTC days)", () => {
    for (const status of ["planned", "active"] as const) {
      expect(isOverdue({ status, targetDate: due }, new Date("2026-12-07T00:00:00Z")), status).toBe(true);
      expect(isOverdue({ status, targetDate: due }, new Date("2027-03-01T12:00:00Z")), status).toBe(true);
      // On its date it is due, not overdue: all day long, whatever the test machine's zone.
      expect(isOverdue({ status, targetDate: due }, new Date("2026-12-06T00:00:00Z")), status).toBe(false);
      expect(isOverdue({ status, targetDate: due }, new Date("2026-12-06T23:59:59Z")), status).toBe(false);
      expect(isOverdue({ status, targetDate: due }, new Date("2026-11-30T12:00:00Z")), status).toBe(false);
    }
  });

  it("is never a milestone without a target date, nor a reached, learned or dropped one", () => {
    const late = new Date("2027-01-01T12:00:00Z");
    expect(isOverdue({ status: "active", targetDate: null }, late)).toBe(false);
    for (const status of ["reached", "learned", "dropped"] as const) {
      expect(isOverdue({ status, targetDate: due }, late), status).toBe(false);
    }
  });
});

describe("who edits an initiative", () => {
  it("brokers always, members on the team, funders never", () => {
    expect(mayEditInitiative({ userId: "b", role: "broker" }, [])).toBe(true);
    expect(mayEditInitiative({ userId: "m", role: "member" }, ["m"])).toBe(true);
    expect(mayEditInitiative({ userId: "m", role: "member" }, ["x"])).toBe(false);
    expect(mayEditInitiative({ userId: "f", role: "funder" }, ["f"])).toBe(false);
  });
});
