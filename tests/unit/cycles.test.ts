import { describe, expect, it } from "vitest";
import { cyclePhase, weStartsAt, type CycleTimes } from "@/lib/cycles/phase";
import { canSeeReflection, deadlineErrors, isEligible, mayRevealOthers } from "@/lib/cycles/policy";
import { parseLocalDateTime, toLocalInput } from "@/lib/cycles/schema";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/db/generated/enums";
import { answerTextFor, assertConsentPhase, assertSynthesisPhase, openObjections } from "@/lib/synthesis/policy";
import { answerConsentSchema, closeCycleSchema, saveSynthesisSchema } from "@/lib/synthesis/schema";

const HOUR = 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

const iDeadline = at("2026-03-29T01:00:00Z"); // the night the clocks go forward in Amsterdam
const weDeadline = at("2026-04-05T17:00:00Z");
const cycle: CycleTimes = { iDeadline, weDeadline, advancedToWeAt: null, closedAt: null };

describe("cyclePhase", () => {
  it.each([
    ["long before the I deadline", at("2026-03-01T00:00:00Z"), "reflect"],
    ["one millisecond before the I deadline", ms(iDeadline, -1), "reflect"],
    ["exactly at the I deadline", iDeadline, "synthesise"],
    ["one millisecond after the I deadline", ms(iDeadline, 1), "synthesise"],
    ["one millisecond before the WE deadline", ms(weDeadline, -1), "synthesise"],
    ["exactly at the WE deadline", weDeadline, "ended"],
    ["long after the WE deadline", at("2027-01-01T00:00:00Z"), "ended"],
  ] as const)("%s: %s", (_label, now, phase) => {
    expect(cyclePhase(cycle, now)).toBe(phase);
  });

  it("moves to the WE phase when a broker advanced it, from that instant", () => {
    const advancedToWeAt = ms(iDeadline, -48 * HOUR);
    const advanced = { ...cycle, advancedToWeAt };
    expect(cyclePhase(advanced, ms(advancedToWeAt, -1))).toBe("reflect");
    expect(cyclePhase(advanced, advancedToWeAt)).toBe("synthesise");
    expect(weStartsAt(advanced)).toEqual(advancedToWeAt);
  });

  it("ignores an advance recorded after the I deadline", () => {
    const late = { ...cycle, advancedToWeAt: ms(iDeadline, HOUR) };
    expect(weStartsAt(late)).toEqual(iDeadline);
    expect(cyclePhase(late, ms(iDeadline, -1))).toBe("reflect");
  });

  it("is closed once closed, whatever the deadlines say", () => {
    const closedAt = ms(iDeadline, -HOUR);
    const closed = { ...cycle, closedAt };
    expect(cyclePhase(closed, closedAt)).toBe("closed");
    expect(cyclePhase(closed, ms(weDeadline, HOUR))).toBe("closed");
    expect(cyclePhase(closed, ms(closedAt, -1))).toBe("reflect");
  });
});

describe("the reveal rule", () => {
  const roles: Role[] = ["broker", "member", "funder"];
  const phases = ["reflect", "synthesise", "ended", "closed"] as const;

  /** Y: the viewer sees others' shared, submitted reflections. */
  const table: Record<Role, Record<(typeof phases)[number], [before: "Y" | "-", after: "Y" | "-"]>> = {
    broker: { reflect: ["-", "Y"], synthesise: ["Y", "Y"], ended: ["Y", "Y"], closed: ["Y", "Y"] },
    member: { reflect: ["-", "Y"], synthesise: ["Y", "Y"], ended: ["Y", "Y"], closed: ["Y", "Y"] },
    funder: { reflect: ["-", "-"], synthesise: ["-", "-"], ended: ["-", "-"], closed: ["-", "-"] },
  };

  const rows = roles.flatMap((role) =>
    phases.flatMap((phase) =>
      ([false, true] as const).map((submitted) => [role, phase, submitted, table[role][phase][submitted ? 1 : 0] === "Y"] as const),
    ),
  );

  it.each(rows)("%s in phase %s, own submitted %s: sees others %s", (role, phase, submitted, allowed) => {
    expect(mayRevealOthers({ role }, phase, submitted)).toBe(allowed);
    const shared = { authorId: "someone-else", private: false, submittedAt: new Date() };
    expect(canSeeReflection({ userId: "viewer", role }, shared, { phase, viewerSubmitted: submitted })).toBe(allowed);
  });

  it.each(rows)("%s in phase %s, own submitted %s: never sees another's private or draft reflection", (role, phase, submitted) => {
    const context = { phase, viewerSubmitted: submitted };
    const viewer = { userId: "viewer", role };
    expect(canSeeReflection(viewer, { authorId: "other", private: true, submittedAt: new Date() }, context)).toBe(false);
    expect(canSeeReflection(viewer, { authorId: "other", private: false, submittedAt: null }, context)).toBe(false);
  });

  it("always shows brokers and members their own reflection, draft and private included", () => {
    for (const role of ["broker", "member"] as const) {
      for (const phase of phases) {
        const own = { authorId: "viewer", private: true, submittedAt: null };
        expect(canSeeReflection({ userId: "viewer", role }, own, { phase, viewerSubmitted: false })).toBe(true);
      }
    }
  });

  it("asks brokers and members to reflect, never funders", () => {
    expect(isEligible("broker")).toBe(true);
    expect(isEligible("member")).toBe(true);
    expect(isEligible("funder")).toBe(false);
  });
});

describe("deadlineErrors", () => {
  const now = at("2026-11-22T12:00:00Z");
  it("accepts future deadlines in order", () => {
    expect(deadlineErrors({ iDeadline: ms(now, HOUR), weDeadline: ms(now, 2 * HOUR) }, now)).toEqual({});
  });
  it("refuses a deadline now or in the past, and a WE deadline not after the I deadline", () => {
    expect(deadlineErrors({ iDeadline: now, weDeadline: ms(now, HOUR) }, now)).toEqual({ iDeadline: ["deadline_past"] });
    expect(deadlineErrors({ iDeadline: ms(now, HOUR), weDeadline: ms(now, HOUR) }, now)).toEqual({ weDeadline: ["deadline_order"] });
    expect(deadlineErrors({ iDeadline: ms(now, -HOUR), weDeadline: ms(now, -2 * HOUR) }, now)).toEqual({
      iDeadline: ["deadline_past"],
      weDeadline: ["deadline_past"],
    });
  });
  it("refuses a deadline more than a year ahead (the year 9999 was accepted: issue 15)", () => {
    const DAY = 24 * HOUR;
    expect(deadlineErrors({ iDeadline: ms(now, DAY), weDeadline: ms(now, 366 * DAY) }, now)).toEqual({});
    expect(deadlineErrors({ iDeadline: ms(now, DAY), weDeadline: ms(now, 366 * DAY + 1) }, now)).toEqual({ weDeadline: ["deadline_far|366"] });
    expect(deadlineErrors({ iDeadline: ms(now, DAY), weDeadline: at("9999-12-31T23:59:00Z") }, now)).toEqual({ weDeadline: ["deadline_far|366"] });
    expect(deadlineErrors({ iDeadline: at("9999-01-01T00:00:00Z"), weDeadline: at("9999-12-31T23:59:00Z") }, now)).toEqual({
      iDeadline: ["deadline_far|366"],
      weDeadline: ["deadline_far|366"],
    });
  });
  it("when extending: checks only what moved, and never earlier than before", () => {
    const current = { iDeadline: ms(now, -HOUR), weDeadline: ms(now, 5 * HOUR) };
    expect(deadlineErrors({ iDeadline: current.iDeadline, weDeadline: ms(now, 6 * HOUR) }, now, { iDeadline: false, weDeadline: true }, current)).toEqual({});
    expect(deadlineErrors({ iDeadline: current.iDeadline, weDeadline: ms(now, 4 * HOUR) }, now, { iDeadline: false, weDeadline: true }, current)).toEqual({
      weDeadline: ["deadline_earlier"],
    });
  });
});

describe("datetime-local values in a time zone", () => {
  it.each([
    ["2026-11-25T18:00", "Europe/Amsterdam", "2026-11-25T17:00:00.000Z"],
    ["2026-07-01T18:00", "Europe/Amsterdam", "2026-07-01T16:00:00.000Z"],
    ["2026-11-25T18:00", "UTC", "2026-11-25T18:00:00.000Z"],
    ["2026-11-25T18:00", "America/New_York", "2026-11-25T23:00:00.000Z"],
    ["2026-03-29T03:30", "Europe/Amsterdam", "2026-03-29T01:30:00.000Z"],
    ["2026-10-25T01:30:15", "Europe/Amsterdam", "2026-10-24T23:30:15.000Z"],
  ])("%s in %s is %s", (value, zone, iso) => {
    expect(parseLocalDateTime(value, zone)?.toISOString()).toBe(iso);
  });

  it.each(["", "2026-02-30T10:00", "2026-13-01T10:00", "2026-11-25 18:00", "2026-11-25T24:00", "tomorrow"])("refuses %j", (value) => {
    expect(parseLocalDateTime(value, "Europe/Amsterdam")).toBeNull();
  });

  it("round-trips through the input format", () => {
    for (const zone of ["Europe/Amsterdam", "UTC", "Asia/Kolkata", "America/Los_Angeles"]) {
      const instant = at("2026-11-25T17:45:00Z");
      expect(parseLocalDateTime(toLocalInput(instant, zone), zone)?.toISOString()).toBe(instant.toISOString());
    }
  });
});

describe("the WE phase rules", () => {
  const codeOf = (fn: () => void) => {
    try {
      fn();
      return "ok";
    } catch (error) {
      return error instanceof AppError ? error.code : "thrown";
    }
  };

  it.each([
    ["reflect", "we_phase_only", "we_phase_only"],
    ["synthesise", "ok", "ok"],
    ["ended", "we_phase_only", "ok"],
    ["closed", "cycle_not_open", "cycle_not_open"],
  ] as const)("in the %s phase: writing the synthesis %s, consent and closing %s", (phase, synthesis, consent) => {
    expect(codeOf(() => assertSynthesisPhase(phase))).toBe(synthesis);
    expect(codeOf(() => assertConsentPhase(phase))).toBe(consent);
  });

  it("an objection is open until its handling is recorded; concerns never block", () => {
    const answers = [
      { id: "a", answer: "agree" as const, handledNote: "" },
      { id: "b", answer: "concern" as const, handledNote: "" },
      { id: "c", answer: "object" as const, handledNote: "" },
      { id: "d", answer: "object" as const, handledNote: "Talked it through" },
      { id: "e", answer: "object" as const, handledNote: "   " },
    ];
    expect(openObjections(answers).map((a) => a.id)).toEqual(["c", "e"]);
  });

  it("a consent answer a broker hid keeps its text for its author only", () => {
    const hidden = { userId: "author", text: "Too costly", hiddenAt: new Date() };
    expect(answerTextFor({ userId: "author" }, hidden)).toBe("Too costly");
    expect(answerTextFor({ userId: "broker" }, hidden)).toBe("");
    expect(answerTextFor({ userId: "broker" }, { ...hidden, hiddenAt: null })).toBe("Too costly");
  });
});

describe("the WE phase forms", () => {
  it("reads the citation checkboxes, one name per reflection", () => {
    const parsed = saveSynthesisSchema.parse({ slug: "s", cycleId: "c", base: "2", body: "  Text  ", "cite.r1": "on", "cite.r2": "on", "cite.": "on", "cite.r3": "off" });
    expect(parsed).toEqual({ slug: "s", cycleId: "c", base: 2, body: "Text", cites: ["r1", "r2"] });
    expect(saveSynthesisSchema.safeParse({ slug: "s", cycleId: "c", base: "-1", body: "x" }).success).toBe(false);
  });

  it("needs a text for a concern and an objection, drops it for an agreement", () => {
    const base = { slug: "s", cycleId: "c", roundId: "r" };
    expect(answerConsentSchema.parse({ ...base, answer: "agree", text: "fine" }).text).toBe("");
    expect(answerConsentSchema.parse({ ...base, answer: "concern", text: " Budget " }).text).toBe("Budget");
    const missing = answerConsentSchema.safeParse({ ...base, answer: "object", text: " " });
    expect(missing.success ? null : missing.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["text", "required"]]);
  });

  it("reads the handling notes of objections by answer id", () => {
    const parsed = closeCycleSchema.parse({ slug: "s", cycleId: "c", "handled.a1": " Talked ", "handled.a2": "  " });
    expect(parsed).toEqual({ slug: "s", cycleId: "c", notes: { a1: "Talked" } });
    const long = closeCycleSchema.safeParse({ slug: "s", cycleId: "c", "handled.a1": "x".repeat(4001) });
    expect(long.success ? null : long.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["handled.a1", "too_long|4000"]]);
  });
});
