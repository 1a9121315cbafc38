import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportAccountData } from "@/lib/accounts/queries";
import { advanceCycleAction, extendCycleAction, openCycleAction, saveReflectionAction } from "@/lib/cycles/actions";
import { findCurrentCycle, listJourney, loadCyclePage } from "@/lib/cycles/queries";
import { toLocalInput } from "@/lib/cycles/schema";
import { dbSystem } from "@/lib/db/client";
import { timeZoneCookie } from "@/lib/i18n/config";
import { requireMember } from "@/lib/membership/scope";
import { sendDueRemindersEverywhere } from "@/lib/reminders/mutations";
import { sendDueNotificationMail } from "@/lib/digests/mutations";
import { deliverQueuedMail } from "@/lib/mail/mutations";
import { cookieJar } from "../setup/session";
import { asUser, call, expectRefused, makeNetwork, member, outcomeOf, signInAs, user, type Action, type User } from "./support";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const ZONE = "Europe/Amsterdam";

/** A datetime-local value `ms` from now, as the viewer in Amsterdam would type it. */
const local = (ms: number) => toLocalInput(new Date(Date.now() + ms), ZONE);

type Persona = "anonymous" | "stranger" | "outsider" | "funder" | "member" | "broker";

/**
 * Network A (public) with a broker, a funder and two members; network B, whose broker is
 * A's "outsider"; and a signed-in "stranger" who belongs to no network.
 */
async function buildWorld() {
  const broker = await user("Broker");
  const funder = await user("Funder");
  const plain = await user("Member");
  const other = await user("Other Member");
  const outsider = await user("Outsider");
  const stranger = await user("Stranger");
  const a = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "net-a", name: "Network A", workingQuestion: "What are we working on?" });
  const b = await makeNetwork(dbSystem(), { brokerId: outsider.id, slug: "net-b", name: "Network B" });
  await member(a, funder, "funder");
  await member(a, plain);
  await member(a, other);
  cookieJar.set(timeZoneCookie, encodeURIComponent(ZONE));
  const users: Record<Exclude<Persona, "anonymous">, User> = { stranger, outsider, funder, member: plain, broker };
  return { a, b, users, other };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

function as(world: World, persona: Persona) {
  signInAs(persona === "anonymous" ? null : world.users[persona]);
}

function cycleFields(overrides: Record<string, string | undefined> = {}) {
  return {
    slug: "net-a",
    title: "Spring round",
    question: "Is this the real question?",
    focusArea: "",
    iDeadline: local(7 * DAY),
    weDeadline: local(14 * DAY),
    ...overrides,
  };
}

/** Opens a cycle in A as its broker and returns its id. */
async function openCycle(world: World, overrides: Record<string, string | undefined> = {}) {
  signInAs(world.users.broker);
  const result = await call(openCycleAction, cycleFields(overrides));
  expect(result.ok, JSON.stringify(result)).toBe(true);
  const cycle = await dbSystem().cycle.findFirst({ where: { networkId: world.a.id, openSlot: true }, select: { id: true } });
  return cycle!.id;
}

/** What the reflection form carries: the version of the person's saved reflection it shows ("" for none). */
async function versionOf(person: User, cycleId: string): Promise<string> {
  const rows = await dbSystem().$queryRaw<{ updatedAt: Date }[]>`
    SELECT "updatedAt" FROM "Reflection" WHERE "cycleId" = ${cycleId} AND "authorId" = ${person.id}`;
  return rows[0] ? String(rows[0].updatedAt.getTime()) : "";
}

/** Saves a reflection as the form would, from a page showing the current saved version. */
async function reflect(person: User, cycleId: string, fields: Record<string, string | undefined> = {}) {
  const version = await versionOf(person, cycleId);
  signInAs(person);
  return call(saveReflectionAction, {
    slug: "net-a",
    cycleId,
    version,
    body: `Reflection by ${person.name}`,
    area: "observations_facts",
    intent: "submit",
    ...fields,
  });
}

async function scopeOf(person: User, slug = "net-a") {
  return asUser(person, () => requireMember(slug));
}

/** What the cycle page shows this person: its one loader (lib/cycles/queries.ts), which every read below goes through. */
async function pageOf(person: User, slug = "net-a") {
  return loadCyclePage(await scopeOf(person, slug));
}

/** The person's own reflection, as the cycle page shows it. */
async function ownOf(person: User) {
  return (await pageOf(person))?.reflections?.own ?? null;
}

/** Others' reflections, as the cycle page shows them to this person (null for funders: they read none). */
async function visibleTo(person: User) {
  return (await pageOf(person))?.reflections?.visible ?? null;
}

/** Moves the cycle's deadlines as the clock would: the phase is computed, so this is all it takes. */
async function setDeadlines(world: World, cycleId: string, iDeadline: Date, weDeadline: Date) {
  await dbSystem().cycle.update({ where: { id: cycleId, networkId: world.a.id }, data: { iDeadline, weDeadline } });
}

async function reminders(networkId: string) {
  return dbSystem().notification.findMany({ where: { networkId, kind: "cycle_reminder" }, select: { userId: true, dedupeKey: true } });
}

// Who may open, extend and move a cycle on, and write a reflection: the authorization matrix
// (authorization-matrix.expected.ts). Here, what each does for someone allowed.
describe("opening a cycle", () => {
  it("a refusal keeps what was typed and opens nothing", async () => {
    const world = await buildWorld();
    as(world, "member");
    const result = await call(openCycleAction, cycleFields());
    expect(result).toMatchObject({ ok: false, code: "forbidden", values: { title: "Spring round" } });
    expect(await dbSystem().cycle.count({ where: { networkId: world.a.id } })).toBe(0);
  });

  it("stores the deadlines typed in the viewer's zone as UTC, audits and notifies members once", async () => {
    const world = await buildWorld();
    signInAs(world.users.broker);
    // The next 1 July still ahead (deadlines may be at most a year away): summer time in Amsterdam.
    const now = new Date();
    const year = now.getTime() < Date.UTC(now.getUTCFullYear(), 5, 30) ? now.getUTCFullYear() : now.getUTCFullYear() + 1;
    const result = await call(openCycleAction, cycleFields({ iDeadline: `${year}-07-01T18:00`, weDeadline: `${year}-07-08T18:00`, focusArea: "means" }));
    expect(result).toMatchObject({ ok: true, redirect: "/n/net-a/cycles" });
    const cycle = await dbSystem().cycle.findFirstOrThrow({ where: { networkId: world.a.id } });
    expect(cycle.iDeadline.toISOString()).toBe(`${year}-07-01T16:00:00.000Z`);
    expect(cycle.weDeadline.toISOString()).toBe(`${year}-07-08T16:00:00.000Z`);
    expect(cycle).toMatchObject({ title: "Spring round", question: "Is this the real question?", focusArea: "means", openedById: world.users.broker.id });
    const audit = await dbSystem().auditEntry.findMany({ where: { networkId: world.a.id, action: "cycle.opened" } });
    expect(audit).toHaveLength(1);
    const notified = await dbSystem().notification.findMany({ where: { networkId: world.a.id, kind: "cycle_opened" }, select: { userId: true, dedupeKey: true } });
    expect(notified.map((n) => n.userId).sort()).toEqual([world.users.member.id, world.other.id].sort());
    expect(new Set(notified.map((n) => n.dedupeKey))).toEqual(new Set([`cycle-opened:${cycle.id}`]));
  });

  it("allows one open cycle per network, also when two brokers open at once", async () => {
    const world = await buildWorld();
    const second = await user("Second Broker");
    await member(world.a, second, "broker");
    await openCycle(world);
    signInAs(world.users.broker);
    expectRefused(await call(openCycleAction, cycleFields({ title: "Another" })), "cycle_already_open");
    await dbSystem().cycle.deleteMany({ where: { networkId: world.a.id } });

    const results = await Promise.all([
      asUser(world.users.broker, () => call(openCycleAction, cycleFields({ title: "One" }))),
      asUser(second, () => call(openCycleAction, cycleFields({ title: "Two" }))),
    ]);
    expect(results.map(outcomeOf).sort()).toEqual(["cycle_already_open", "ok"]);
    expect(await dbSystem().cycle.count({ where: { networkId: world.a.id } })).toBe(1);
    // Another network is not affected.
    signInAs(world.users.outsider);
    expect(outcomeOf(await call(openCycleAction, cycleFields({ slug: "net-b" })))).toBe("ok");
  });

  it.each([
    ["missing deadlines", { iDeadline: "", weDeadline: "" }, { iDeadline: ["required"], weDeadline: ["required"] }],
    ["not a date", { iDeadline: "next week", weDeadline: "2030-02-30T10:00" }, { iDeadline: ["datetime_invalid"], weDeadline: ["datetime_invalid"] }],
    ["an I deadline in the past", { iDeadline: local(-HOUR) }, { iDeadline: ["deadline_past"] }],
    ["a WE deadline before the I deadline", { iDeadline: local(7 * DAY), weDeadline: local(6 * DAY) }, { weDeadline: ["deadline_order"] }],
    ["a WE deadline in the year 9999", { iDeadline: local(7 * DAY), weDeadline: "9999-12-31T23:59" }, { weDeadline: ["deadline_far|366"] }],
    ["a WE deadline equal to the I deadline", { iDeadline: local(7 * DAY), weDeadline: local(7 * DAY) }, { weDeadline: ["deadline_order"] }],
    ["no title, an unknown area", { title: "  ", focusArea: "everything" }, { title: ["required"], focusArea: ["invalid_choice"] }],
  ])("refuses %s with field errors and keeps the typed values", async (_label, overrides, fieldErrors) => {
    const world = await buildWorld();
    signInAs(world.users.broker);
    const fields = cycleFields(overrides);
    const result = await call(openCycleAction, fields);
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors });
    if (!result.ok) expect(result.values).toMatchObject({ title: fields.title, question: fields.question, iDeadline: fields.iDeadline });
    expect(await dbSystem().cycle.count({ where: { networkId: world.a.id } })).toBe(0);
  });
});

describe("broker controls", () => {
  it("extends deadlines later only, never into the past, WE after I, and audits it", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    const before = await dbSystem().cycle.findFirstOrThrow({ where: { networkId: world.a.id, id: cycleId } });
    const shown = { iDeadline: toLocalInput(before.iDeadline, ZONE), weDeadline: toLocalInput(before.weDeadline, ZONE) };
    signInAs(world.users.broker);
    const extend = (fields: Record<string, string>) => call(extendCycleAction, { slug: "net-a", cycleId, ...shown, ...fields });

    expect(await extend({ iDeadline: local(6 * DAY) })).toMatchObject({ fieldErrors: { iDeadline: ["deadline_earlier"] } });
    expect(await extend({ iDeadline: local(-DAY) })).toMatchObject({ fieldErrors: { iDeadline: ["deadline_past"] } });
    expect(await extend({ iDeadline: local(20 * DAY) })).toMatchObject({ fieldErrors: { weDeadline: ["deadline_order"] } });
    expect(await extend({ weDeadline: "soon" })).toMatchObject({ fieldErrors: { weDeadline: ["datetime_invalid"] } });
    // Nothing moved: fine, and nothing to audit.
    expect(outcomeOf(await extend({}))).toBe("ok");
    expect(await dbSystem().auditEntry.count({ where: { networkId: world.a.id, action: "cycle.extended" } })).toBe(0);

    expect(outcomeOf(await extend({ iDeadline: local(9 * DAY), weDeadline: local(20 * DAY) }))).toBe("ok");
    const after = await dbSystem().cycle.findFirstOrThrow({ where: { networkId: world.a.id, id: cycleId } });
    expect(toLocalInput(after.iDeadline, ZONE)).toBe(local(9 * DAY));
    expect(toLocalInput(after.weDeadline, ZONE)).toBe(local(20 * DAY));
    expect(await dbSystem().auditEntry.count({ where: { networkId: world.a.id, action: "cycle.extended" } })).toBe(1);
  });

  it("moves only the WE deadline once the I phase is over", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    await setDeadlines(world, cycleId, new Date(Date.now() - HOUR), new Date(Date.now() + DAY));
    const current = await dbSystem().cycle.findFirstOrThrow({ where: { networkId: world.a.id, id: cycleId } });
    signInAs(world.users.broker);
    const shown = { slug: "net-a", cycleId, iDeadline: toLocalInput(current.iDeadline, ZONE), weDeadline: toLocalInput(current.weDeadline, ZONE) };
    expect(await call(extendCycleAction, { ...shown, iDeadline: local(2 * HOUR) })).toMatchObject({
      fieldErrors: { iDeadline: ["i_phase_over"] },
    });
    expect(outcomeOf(await call(extendCycleAction, { ...shown, weDeadline: local(3 * DAY) }))).toBe("ok");
  });

  it("moves to the WE phase once, audited; afterwards reflections are refused", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    signInAs(world.users.broker);
    expect(outcomeOf(await call(advanceCycleAction, { slug: "net-a", cycleId }))).toBe("ok");
    expectRefused(await call(advanceCycleAction, { slug: "net-a", cycleId }), "reflect_phase_over");
    expect(await dbSystem().auditEntry.count({ where: { networkId: world.a.id, action: "cycle.advanced" } })).toBe(1);
    expectRefused(await reflect(world.users.member, cycleId), "reflect_phase_over");
  });

});

describe("reflections", () => {
  it("keeps one reflection per person: a draft, then submitted, then changed (the first submission time stays)", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    const me = world.users.member;
    expect(await reflect(me, cycleId, { body: "First thoughts", intent: "draft" })).toMatchObject({ ok: true, data: { submitted: false } });
    expect(await ownOf(me)).toMatchObject({ body: "First thoughts", submittedAt: null });
    expect((await pageOf(me))?.participation.submitted).toBe(0);

    expect(await reflect(me, cycleId, { body: "Now I know", private: "on" })).toMatchObject({ ok: true, data: { submitted: true } });
    const first = await ownOf(me);
    expect(first).toMatchObject({ body: "Now I know", private: true });
    expect(first?.submittedAt).toBeInstanceOf(Date);

    // Reflecting twice (or a double click): the second submit updates the same reflection.
    const version = await versionOf(me, cycleId);
    const twice = await Promise.all([
      asUser(me, () => call(saveReflectionAction, { slug: "net-a", cycleId, version, body: "Second take", area: "means", intent: "submit" })),
      asUser(me, () => call(saveReflectionAction, { slug: "net-a", cycleId, version, body: "Second take", area: "means", intent: "draft" })),
    ]);
    expect(twice.map(outcomeOf)).toEqual(["ok", "ok"]);
    const rows = await dbSystem().reflection.findMany({ where: { networkId: world.a.id, cycleId, authorId: me.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ body: "Second take", area: "means", private: false });
    expect(rows[0]?.submittedAt?.getTime()).toBe(first?.submittedAt?.getTime());
  });

  it("first saves from three tabs at once make one row; the later ones are conflicts or updates, never a second row", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    const me = world.users.member;
    const results = await Promise.all(
      ["a", "b", "c"].map((v) =>
        asUser(me, () => call(saveReflectionAction, { slug: "net-a", cycleId, version: "", body: `Take ${v}`, area: "means", intent: "submit" })),
      ),
    );
    expect(results.map(outcomeOf)).toContain("ok");
    for (const r of results) expect(["ok", "reflection_changed"]).toContain(outcomeOf(r));
    expect(await dbSystem().reflection.count({ where: { networkId: world.a.id, cycleId, authorId: me.id } })).toBe(1);
  });

  it("a save from an outdated form (another tab) is a conflict with the typed text kept, never a silent overwrite", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    const me = world.users.member;
    await reflect(me, cycleId, { body: "Version one", intent: "draft" });
    const shown = await versionOf(me, cycleId); // both tabs show version one
    signInAs(me);
    const save = (body: string) => call(saveReflectionAction, { slug: "net-a", cycleId, version: shown, body, area: "means", intent: "draft" });
    expect(outcomeOf(await save("From tab A"))).toBe("ok");
    const fromB = await save("From tab B");
    expectRefused(fromB, "reflection_changed");
    expect(fromB.ok ? null : fromB.values?.body).toBe("From tab B");
    // Tab A sending the same text again (a retry) is fine.
    expect(outcomeOf(await save("From tab A"))).toBe("ok");
    const row = await dbSystem().reflection.findFirstOrThrow({ where: { networkId: world.a.id, cycleId, authorId: me.id } });
    expect(row.body).toBe("From tab A");
  });

  it("refuses writing after the I deadline and keeps the typed text", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    await reflect(world.users.member, cycleId, { body: "On time", intent: "draft" });
    await setDeadlines(world, cycleId, new Date(Date.now() - 1000), new Date(Date.now() + DAY));
    const late = await reflect(world.users.member, cycleId, { body: "Too late, but kept" });
    expectRefused(late, "reflect_phase_over");
    expect(late.ok ? null : late.values?.body).toBe("Too late, but kept");
    const row = await dbSystem().reflection.findFirstOrThrow({ where: { networkId: world.a.id, cycleId, authorId: world.users.member.id } });
    expect(row).toMatchObject({ body: "On time", submittedAt: null });
    expectRefused(await reflect(world.users.broker, cycleId), "reflect_phase_over");
  });

  it("refuses bad input with field errors", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    const result = await reflect(world.users.member, cycleId, { body: "   ", area: "everything", intent: "publish" });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { body: ["required"], area: ["invalid_choice"], intent: ["invalid_choice"] },
    });
    const long = await reflect(world.users.member, cycleId, { body: "x".repeat(20_001) });
    expect(long).toMatchObject({ ok: false, fieldErrors: { body: ["too_long|20000"] } });
    expect(await dbSystem().reflection.count({ where: { networkId: world.a.id } })).toBe(0);
  });

  it("does not reach another network's cycle", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    signInAs(world.users.outsider);
    expectRefused(
      await call(saveReflectionAction, { slug: "net-b", cycleId, body: "Sneaky", area: "means", intent: "submit" }),
      "not_found",
    );
    expect(await dbSystem().reflection.count({ where: { cycleId, networkId: world.a.id } })).toBe(0);
    // B's broker's cycle page shows B's cycle (none open), never A's.
    expect(await pageOf(world.users.outsider, "net-b")).toBeNull();
  });
});

describe("reveal after you reflect (at the query level)", () => {
  async function withReflections() {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    const shared = await user("Shared Sam");
    const hidden = await user("Private Pat");
    const drafter = await user("Draft Dana");
    for (const p of [shared, hidden, drafter]) await member(world.a, p);
    await reflect(shared, cycleId, { body: "Shared thoughts", area: "means" });
    await reflect(hidden, cycleId, { body: "Only mine", area: "objectives", private: "on" });
    await reflect(drafter, cycleId, { body: "Not finished", intent: "draft" });
    return { world, cycleId };
  }
  const bodies = (r: Awaited<ReturnType<typeof visibleTo>>) => r?.reflections.map((x) => x.body) ?? [];

  it("a member and a broker see nothing before submitting, the shared ones after; never a private or draft one", async () => {
    const { world, cycleId } = await withReflections();
    for (const persona of ["member", "broker"] as const) {
      const person = world.users[persona];
      expect(await visibleTo(person)).toEqual({ phase: "reflect", revealed: false, reflections: [] });
      // A draft of one's own does not open the others.
      await reflect(person, cycleId, { body: `Draft of ${persona}`, intent: "draft" });
      expect(bodies(await visibleTo(person))).toEqual([]);
      await reflect(person, cycleId, { body: `Mine, ${persona}` });
      const seen = await visibleTo(person);
      expect(seen?.revealed).toBe(true);
      expect(bodies(seen)).toContain("Shared thoughts");
      expect(bodies(seen)).not.toContain("Only mine");
      expect(bodies(seen)).not.toContain("Not finished");
      expect(bodies(seen)).not.toContain(`Mine, ${persona}`);
    }
    // The broker submitted after the member, so the member now sees the broker's too.
    expect(bodies(await visibleTo(world.users.member)).sort()).toEqual(
      ["Mine, broker", "Shared thoughts"].sort(),
    );
  });

  it("a private reflection opens the others to its author too, and counts toward participation", async () => {
    const { world, cycleId } = await withReflections();
    await reflect(world.users.member, cycleId, { body: "Just for me", private: "on" });
    expect(bodies(await visibleTo(world.users.member))).toEqual(["Shared thoughts"]);
    // Eligible: broker, member, other, and the three added people (the funder is not asked).
    expect((await pageOf(world.users.member))?.participation).toEqual({ submitted: 3, eligible: 6 });
    // Funders see the numbers too.
    expect((await pageOf(world.users.funder))?.participation).toEqual({ submitted: 3, eligible: 6 });
  });

  it("the page's one loader shows each persona their own reflection and only the others' they may see", async () => {
    const { world, cycleId } = await withReflections();
    await reflect(world.users.member, cycleId, { body: "A draft of mine", intent: "draft" });
    await reflect(world.users.broker, cycleId, { body: "The broker's, submitted" });
    // The broker submitted: their own, and the one shared, submitted reflection of someone else, with its author.
    const broker = await pageOf(world.users.broker);
    expect(broker?.reflections?.own).toMatchObject({ authorId: world.users.broker.id, body: "The broker's, submitted", private: false, hidden: false });
    expect(broker?.reflections?.own?.submittedAt).toBeInstanceOf(Date);
    expect(broker?.reflections?.visible).toMatchObject({ phase: "reflect", revealed: true });
    expect(broker?.reflections?.visible.reflections.map((r) => [r.body, r.authorName, r.area, r.hidden])).toEqual([
      ["Shared thoughts", "Shared Sam", "means", false],
    ]);
    // The member has a draft only: their own draft, nobody else's.
    const member = await pageOf(world.users.member);
    expect(member?.reflections?.own).toMatchObject({ authorId: world.users.member.id, body: "A draft of mine", submittedAt: null });
    expect(member?.reflections?.visible).toEqual({ phase: "reflect", revealed: false, reflections: [] });
    // Someone who has not written: no own reflection, nothing revealed.
    expect((await pageOf(world.other))?.reflections).toEqual({ own: null, visible: { phase: "reflect", revealed: false, reflections: [] } });
    // Funders do not reflect: the page reads no reflections for them.
    expect((await pageOf(world.users.funder))?.reflections).toBeNull();
    // A cycle of another network is never shown.
    expect(await pageOf(world.users.outsider, "net-b")).toBeNull();
  });

  it("the cycle page's loader shows every persona the open cycle (as findCurrentCycle) and participation, and no WE phase yet", async () => {
    const { world, cycleId } = await withReflections();
    await reflect(world.users.member, cycleId, { body: "A draft of mine", intent: "draft" });
    await reflect(world.users.broker, cycleId, { body: "The broker's, submitted" });
    for (const person of [world.users.broker, world.users.member, world.users.funder, world.other]) {
      const scope = await scopeOf(person);
      const page = await loadCyclePage(scope);
      expect(page?.cycle).toEqual(await findCurrentCycle(scope));
      // Sam, Pat (private: it counts) and the broker submitted; Dana's and the member's are drafts.
      expect(page?.participation).toEqual({ submitted: 3, eligible: 6 });
      expect(page?.reflections === null).toBe(person === world.users.funder);
      expect(page?.we).toBeNull();
    }
    // Another network's member sees that network's cycle (none here), never this one.
    expect(await loadCyclePage(await scopeOf(world.users.outsider, "net-b"))).toBeNull();
  });

  it("in the WE phase every broker and member sees the shared ones, funders never", async () => {
    const { world, cycleId } = await withReflections();
    expect(await pageOf(world.users.funder)).toMatchObject({ cycle: { phase: "reflect" }, reflections: null });
    signInAs(world.users.broker);
    expect(outcomeOf(await call(advanceCycleAction, { slug: "net-a", cycleId }))).toBe("ok");
    for (const persona of ["member", "broker"] as const) {
      const seen = await visibleTo(world.users[persona]);
      expect(seen?.phase).toBe("synthesise");
      expect(bodies(seen)).toEqual(["Shared thoughts"]);
    }
    expect(await pageOf(world.users.funder)).toMatchObject({ cycle: { phase: "synthesise" }, reflections: null });
    // And still after the WE deadline.
    await setDeadlines(world, cycleId, new Date(Date.now() - 2 * DAY), new Date(Date.now() - DAY));
    expect(bodies(await visibleTo(world.other))).toEqual(["Shared thoughts"]);
    expect(await pageOf(world.users.funder)).toMatchObject({ cycle: { phase: "ended" }, reflections: null });
  });
});

describe("other read paths", () => {
  it("download my data holds the person's own reflections (draft and private included), nobody else's", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    await reflect(world.users.member, cycleId, { body: "Mine, private", private: "on" });
    await reflect(world.other, cycleId, { body: "Theirs, shared" });
    await reflect(world.users.broker, cycleId, { body: "Broker draft", intent: "draft" });
    const mine = await exportAccountData(world.users.member.id);
    expect(mine?.account.reflections.map((r) => r.body)).toEqual(["Mine, private"]);
    expect(mine?.account.reflections[0]).toMatchObject({ private: true, cycle: { title: "Spring round" }, network: { slug: "net-a" } });
    const broker = await exportAccountData(world.users.broker.id);
    expect(broker?.account.reflections.map((r) => r.body)).toEqual(["Broker draft"]);
    expect(JSON.stringify(await exportAccountData(world.users.funder.id))).not.toMatch(/Mine, private|Theirs, shared|Broker draft/);
  });

  it("cycle notifications carry no reflection text and lead to the cycle page", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    await reflect(world.other, cycleId, { body: "Secret until you reflect" });
    await setDeadlines(world, cycleId, new Date(Date.now() + HOUR), new Date(Date.now() + DAY));
    await sendDueRemindersEverywhere();
    const { listNotifications } = await import("@/lib/notifications/queries");
    const { items } = await listNotifications(world.users.member.id);
    expect(items.map((i) => i.kind).sort()).toEqual(["cycle_opened", "cycle_reminder"]);
    expect(JSON.stringify(items)).not.toContain("Secret until you reflect");
    const { GET } = await import("@/app/notifications/[id]/route");
    signInAs(world.users.member);
    for (const item of items) {
      const response = await GET(new Request("http://localhost/"), { params: Promise.resolve({ id: item.id }) });
      expect(response.headers.get("location")).toBe("/n/net-a/cycles");
    }
  });
});

describe("the reminder", () => {
  it("goes once, only to brokers and members who have not submitted, only in the last 48 hours", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    await reflect(world.users.member, cycleId, { body: "Done" });
    await reflect(world.other, cycleId, { body: "Drafting", intent: "draft" });

    await setDeadlines(world, cycleId, new Date(Date.now() + 49 * HOUR), new Date(Date.now() + 7 * DAY));
    expect(await sendDueRemindersEverywhere()).toBe(0);
    expect(await reminders(world.a.id)).toEqual([]);

    await setDeadlines(world, cycleId, new Date(Date.now() + 47 * HOUR), new Date(Date.now() + 7 * DAY));
    const [first, second] = await Promise.all([sendDueRemindersEverywhere(), sendDueRemindersEverywhere()]);
    expect(first + second).toBe(2);
    const sent = await reminders(world.a.id);
    expect(sent.map((n) => n.userId).sort()).toEqual([world.users.broker.id, world.other.id].sort());
    expect(sent.every((n) => n.dedupeKey === `cycle-reminder:${cycleId}`)).toBe(true);

    // Never twice, even after someone submits and the sweep runs again.
    await reflect(world.other, cycleId, { body: "Now done" });
    expect(await sendDueRemindersEverywhere()).toBe(0);
    expect(await reminders(world.a.id)).toHaveLength(2);
  });

  it("goes out by email as the person's email settings say, in their language, with a link and no reflection", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    await reflect(world.users.member, cycleId, { body: "Secret reflection text" });
    await dbSystem().user.update({ where: { id: world.other.id }, data: { locale: "nl", emailFrequency: "immediate" } });
    await dbSystem().user.update({ where: { id: world.users.broker.id }, data: { emailFrequency: "off" } });
    // The cycle-opened notices are not this test's: as if read.
    await dbSystem().notification.updateMany({ where: { networkId: world.a.id }, data: { readAt: new Date() } });
    await setDeadlines(world, cycleId, new Date(Date.now() + 3 * HOUR), new Date(Date.now() + 7 * DAY));
    await dbSystem().outboxEmail.deleteMany({});
    expect(await sendDueRemindersEverywhere()).toBe(2);
    // Immediate mail goes once the news has been quiet for a moment.
    const later = new Date(Date.now() + 3 * 60 * 1000);
    expect(await sendDueNotificationMail(later)).toBe(1);
    await deliverQueuedMail({ now: later });
    const mails = await dbSystem().outboxEmail.findMany({ orderBy: { createdAt: "asc" } });
    // The broker turned email off (the in-app reminder still reached them); the member has reflected.
    expect(mails.map((m) => m.to)).toEqual([world.other.email]);
    const [mail] = mails;
    expect(mail?.text).toContain("De IK-fase in Network A eindigt binnenkort");
    expect(mail?.text).toContain("http://localhost:3000/n/net-a/cycles");
    expect(mail?.html).not.toContain("Secret reflection text");
    expect(await reminders(world.a.id)).toHaveLength(2);
    // The sweeps again send nothing more.
    expect(await sendDueRemindersEverywhere()).toBe(0);
    expect(await sendDueNotificationMail(later)).toBe(0);
    await deliverQueuedMail({ now: later });
    expect(await dbSystem().outboxEmail.count()).toBe(1);
  });

  it("reaches networks nobody visits through the sweep, once, however many instances sweep at once", async () => {
    const world = await buildWorld();
    const cycleA = await openCycle(world);
    // Network B has a cycle too, due as well; nobody visits either network.
    signInAs(world.users.outsider);
    const bFields = { ...cycleFields({ slug: "net-b", title: "B round" }) };
    expect((await call(openCycleAction, bFields)).ok).toBe(true);
    const cycleB = (await dbSystem().cycle.findFirst({ where: { networkId: world.b.id, openSlot: true }, select: { id: true } }))!.id;
    await setDeadlines(world, cycleA, new Date(Date.now() + 3 * HOUR), new Date(Date.now() + 7 * DAY));
    await dbSystem().cycle.update({
      where: { id: cycleB, networkId: world.b.id },
      data: { iDeadline: new Date(Date.now() + 3 * HOUR), weDeadline: new Date(Date.now() + 7 * DAY) },
    });
    await dbSystem().outboxEmail.deleteMany({});
    const sweeps = await Promise.all([sendDueRemindersEverywhere(), sendDueRemindersEverywhere(), sendDueRemindersEverywhere()]);
    // A: broker, member, other (the funder is never asked to reflect); B: its broker.
    expect(sweeps.reduce((a, b) => a + b, 0)).toBe(4);
    expect((await reminders(world.a.id)).map((r) => r.userId).sort()).toEqual(
      [world.users.broker.id, world.users.member.id, world.other.id].sort(),
    );
    expect((await reminders(world.b.id)).map((r) => r.dedupeKey)).toEqual([`cycle-reminder:${cycleB}`]);
    expect(await sendDueRemindersEverywhere()).toBe(0);
    expect((await reminders(world.a.id)).length + (await reminders(world.b.id)).length).toBe(4);
  });

  it("is not sent once the I phase is over", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    await setDeadlines(world, cycleId, new Date(Date.now() - HOUR), new Date(Date.now() + 7 * DAY));
    expect(await sendDueRemindersEverywhere()).toBe(0);
    // Still the one open cycle: a passed deadline does not close it (a broker does).
    signInAs(world.users.broker);
    expectRefused(await call(openCycleAction, cycleFields({ title: "Next" })), "cycle_already_open");
    expect(await reminders(world.a.id)).toEqual([]);
  });
});

describe("hostile input", { timeout: 180_000 }, () => {
  const naughty: string[] = JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/blns.json"), "utf8"));
  const clean = (s: string) => s.normalize("NFC").trim();

  it("the Big List of Naughty Strings in a reflection: stored and returned intact", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    const scope = await scopeOf(world.users.member);
    const readerScope = await scopeOf(world.users.broker);
    await reflect(world.users.broker, cycleId, { body: "Reader" });
    signInAs(world.users.member);
    for (const [i, s] of naughty.entries()) {
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const version = await versionOf(world.users.member, cycleId);
      const result = await call(saveReflectionAction as Action, { slug: "net-a", cycleId, version, body: s, area: "means", intent: "submit" });
      if (s.includes("\u0000")) {
        expect(result, label).toMatchObject({ ok: false, fieldErrors: { body: ["invalid"] } });
        continue;
      }
      if (clean(s).length === 0) {
        expect(result, label).toMatchObject({ ok: false, fieldErrors: { body: ["required"] } });
        continue;
      }
      expect(result.ok, label).toBe(true);
      expect((await loadCyclePage(scope))?.reflections?.own?.body, label).toBe(clean(s));
      if (i % 50 === 0) {
        const seen = (await loadCyclePage(readerScope))?.reflections?.visible;
        expect(seen?.reflections.map((r) => r.body), label).toEqual([clean(s)]);
      }
    }
  });

  it("naughty strings as a cycle's title and question", async () => {
    const world = await buildWorld();
    signInAs(world.users.broker);
    const s = naughty.filter((x) => clean(x).length > 0 && !x.includes("\u0000")).slice(100, 140).join(" ");
    const title = [...s].slice(0, 150).join("");
    const result = await call(openCycleAction, cycleFields({ title, question: s }));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const cycle = await findCurrentCycle(await scopeOf(world.users.member));
    expect(cycle?.title).toBe(clean(title));
    expect(cycle?.question).toBe(clean(s));
  });
});

describe("the demo seed", () => {
  it("gives a demo network without a synthesis an open cycle in its I phase with submitted reflections, hidden from the broker until they reflect", async () => {
    const { seedDemo, demoNetworks } = await import("@/lib/db/demo");
    await seedDemo(dbSystem());
    const inI = demoNetworks.filter((d) => !d.cycle.synthesis);
    expect(inI.map((d) => d.slug)).toEqual(["pathfinders-midden-brabant"]);
    for (const demo of inI) {
      const network = await dbSystem().network.findUniqueOrThrow({ where: { slug: demo.slug }, select: { id: true, workingQuestion: true } });
      const broker = await dbSystem().user.findUniqueOrThrow({ where: { email: demo.people[0]!.email } });
      const scope = await asUser(broker, () => requireMember(demo.slug));
      const page = await loadCyclePage(scope);
      expect(page?.cycle).toMatchObject({ phase: "reflect", question: network.workingQuestion });
      expect(page?.participation).toMatchObject({ submitted: demo.cycle.reflections.length });
      expect(page?.reflections?.visible.reflections).toEqual([]);
    }
  });

  it("starts a demo network's journey with its closed earlier cycle: the synthesis, who took part, and the concern raised", async () => {
    const { seedDemo, demoNetworks } = await import("@/lib/db/demo");
    await seedDemo(dbSystem());
    const withPast = demoNetworks.filter((d) => d.pastCycle);
    expect(withPast.map((d) => d.slug)).toEqual(["pathfinders-midden-brabant"]);
    for (const demo of withPast) {
      const past = demo.pastCycle!;
      const member = await dbSystem().user.findUniqueOrThrow({ where: { email: demo.people[2]!.email } });
      const { items } = await asUser(member, async () => listJourney(await requireMember(demo.slug)));
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        title: past.title,
        question: past.question,
        synthesis: { number: 1, citations: past.reflections.length },
        participation: { submitted: past.reflections.length },
      });
      expect(items[0]!.synthesis!.html).toContain("<h2>Wat ons verbindt</h2>");
      expect(items[0]!.concerns?.map((c) => [c.answer, c.text])).toEqual([["concern", past.concern.text]]);
    }
  });

  it("gives a demo network with a synthesis a cycle in its WE phase, the synthesis citing every reflection, and an open consent round", async () => {
    const { seedDemo, demoNetworks } = await import("@/lib/db/demo");
    await seedDemo(dbSystem());
    const inWe = demoNetworks.filter((d) => d.cycle.synthesis);
    expect(inWe.map((d) => d.slug)).toEqual(["siac"]);
    for (const demo of inWe) {
      const member = await dbSystem().user.findUniqueOrThrow({ where: { email: demo.people[1]!.email } });
      const scope = await asUser(member, () => requireMember(demo.slug));
      const page = await loadCyclePage(scope);
      expect(page?.cycle).toMatchObject({ phase: "synthesise" });
      const [revision] = await dbSystem().synthesisRevision.findMany({
        where: { networkId: scope.networkId },
        select: { number: true, bodyHtml: true, _count: { select: { citations: true } } },
      });
      expect(revision).toMatchObject({ number: 1, _count: { citations: demo.cycle.reflections.length } });
      expect(revision?.bodyHtml).toContain("<h2>What connects us</h2>");
      const rounds = await dbSystem().consentRound.findMany({ where: { networkId: scope.networkId }, select: { revisionNumber: true, closedAt: true } });
      expect(rounds).toEqual([{ revisionNumber: 1, closedAt: null }]);
    }
  });
});
