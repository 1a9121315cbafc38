import { describe, expect, it } from "vitest";
import { dbSystem } from "@/lib/db/client";
import {
  addMilestoneAction,
  createInitiativeAction,
  editInitiativeAction,
  editMilestoneAction,
  moveMilestoneAction,
  pledgeAction,
  postUpdateAction,
  releasePledgeAction,
  setMilestoneStatusAction,
  withdrawPledgeAction,
} from "@/lib/funding/actions";
import { fundingOverview, loadInitiativePage, loadLessonsPage } from "@/lib/funding/queries";
import { requireMember } from "@/lib/membership/scope";
import { listNotifications } from "@/lib/notifications/queries";
import { asUser, call, expectRefused, makeNetwork, member, outcomeOf, signInAs, snapshotDatabase, user, type Action, type User } from "./support";

type Persona = "anonymous" | "stranger" | "outsider" | "member" | "team" | "funder" | "broker";

let keySeq = 0;
const key = () => `key-${Date.now().toString(36)}-${(keySeq++).toString(36).padStart(8, "0")}`;

/**
 * Network A with a broker, two funders, a plain member and a team member; network B,
 * whose funder is A's "outsider" (a funder of another network); a signed-in "stranger".
 * A has an initiative run by the team member with two EUR milestones; B one with a pledge.
 */
async function buildWorld() {
  const broker = await user("Broker");
  const funder = await user("Funder");
  const cofunder = await user("Cofunder");
  const plain = await user("Member");
  const team = await user("Team");
  const outsider = await user("Outsider");
  const brokerB = await user("Broker B");
  const stranger = await user("Stranger");
  const a = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "net-a", name: "Network A" });
  const b = await makeNetwork(dbSystem(), { brokerId: brokerB.id, slug: "net-b", name: "Network B" });
  await member(a, funder, "funder");
  await member(a, cofunder, "funder");
  await member(a, plain);
  await member(a, team);
  await member(b, outsider, "funder");
  const users: Record<Exclude<Persona, "anonymous">, User> = { stranger, outsider, member: plain, team, funder, broker };

  signInAs(team);
  const created = await call(createInitiativeAction, initiativeFields({ [`team_${team.id}`]: "on" }));
  expect(created.ok, JSON.stringify(created)).toBe(true);
  const initiative = await dbSystem().initiative.findFirstOrThrow({ where: { networkId: a.id }, select: { id: true } });
  const m1 = await addMilestone(team, initiative.id, { title: "Pilot in one neighbourhood", amount: "10,000.00" });
  const m2 = await addMilestone(team, initiative.id, { title: "Three neighbourhoods", amount: "5000" });

  signInAs(brokerB);
  await call(createInitiativeAction, { ...initiativeFields(), slug: "net-b" });
  const initiativeB = await dbSystem().initiative.findFirstOrThrow({ where: { networkId: b.id }, select: { id: true } });
  const mB = await addMilestone(brokerB, initiativeB.id, { title: "B milestone", amount: "100" }, "net-b");
  signInAs(outsider);
  expect(outcomeOf(await call(pledgeAction, { slug: "net-b", milestoneId: mB, amount: "50", currency: "EUR", idempotencyKey: key() }))).toBe("ok");
  const pledgeB = await dbSystem().pledge.findFirstOrThrow({ where: { networkId: b.id }, select: { id: true } });
  signInAs(null);
  return { a, b, users, cofunder, brokerB, initiative: initiative.id, m1, m2, initiativeB: initiativeB.id, mB, pledgeB: pledgeB.id };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

function initiativeFields(overrides: Record<string, string | undefined> = {}) {
  return {
    slug: "net-a",
    name: "Buurtzorg for loneliness",
    description: "Neighbours look after each other.",
    systemChange: "Care that starts in the street, not in the institution.",
    status: "active",
    ...overrides,
  };
}

async function addMilestone(person: User, initiativeId: string, fields: { title: string; amount: string; currency?: string }, slug = "net-a") {
  signInAs(person);
  const result = await call(addMilestoneAction, {
    slug,
    initiativeId,
    title: fields.title,
    unlocks: "What becomes possible next.",
    targetDate: "2030-06-30",
    amount: fields.amount,
    currency: fields.currency ?? "EUR",
  });
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return (result as { data: { milestoneId: string } }).data.milestoneId;
}

function as(world: World, persona: Persona) {
  signInAs(persona === "anonymous" ? null : world.users[persona]);
}

async function scopeOf(person: User, slug = "net-a") {
  return asUser(person, () => requireMember(slug));
}

/** Runs an action as a persona; a refusal must leave the whole database as it was. */
async function attempt(world: World, persona: Persona, action: Action, fields: Record<string, string | undefined>) {
  as(world, persona);
  const before = await snapshotDatabase();
  const result = await call(action, fields);
  if (!result.ok) expect(await snapshotDatabase(), `${persona} was refused but the database changed`).toBe(before);
  return outcomeOf(result);
}

async function pledge(world: World, person: User, milestoneId: string, amount: string, currency = "EUR", idempotencyKey = key()) {
  signInAs(person);
  return call(pledgeAction, { slug: "net-a", milestoneId, amount, currency, condition: "", idempotencyKey });
}

async function setStatus(person: User, milestoneId: string, status: string, note = "", area = "") {
  signInAs(person);
  return call(setMilestoneStatusAction, { slug: "net-a", milestoneId, status, note, area });
}

// Who may create and change an initiative, its milestones and updates, pledge, release and
// withdraw, and see the funding overview: the authorization matrix (authorization-matrix.expected.ts,
// "a member not on the team" rows included). Here, what each does for someone allowed.
describe("initiatives", () => {
  it("its team edits it", async () => {
    const world = await buildWorld();
    const result = await attempt(world, "team", editInitiativeAction, {
      ...initiativeFields({ name: "Renamed", status: "paused" }),
      initiativeId: world.initiative,
      [`team_${world.users.team.id}`]: "on",
    });
    expect(result).toBe("ok");
    const row = await dbSystem().initiative.findFirstOrThrow({ where: { networkId: world.a.id, id: world.initiative } });
    expect(row).toMatchObject({ name: "Renamed", status: "paused" });
  });

  it("keeps the team to active brokers and members of the network", async () => {
    const world = await buildWorld();
    signInAs(world.users.broker);
    const fields = { ...initiativeFields(), initiativeId: world.initiative };
    const before = await snapshotDatabase();
    for (const outsider of [world.users.funder, world.users.outsider, world.users.stranger]) {
      const result = await call(editInitiativeAction, { ...fields, [`team_${outsider.id}`]: "on" });
      expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { team: ["invalid_choice"] } });
      if (!result.ok) expect(result.values?.name).toBe(fields.name);
    }
    expect(await snapshotDatabase()).toBe(before);
    expect(outcomeOf(await call(editInitiativeAction, { ...fields, [`team_${world.users.member.id}`]: "on" }))).toBe("ok");
    const team = await dbSystem().initiativeMember.findMany({ where: { networkId: world.a.id, initiativeId: world.initiative } });
    expect(team.map((m) => m.userId)).toEqual([world.users.member.id]);
    expect(await dbSystem().auditEntry.count({ where: { networkId: world.a.id, action: "initiative.updated" } })).toBe(1);
  });

  it("the initiative page's loader: what each person may do there, and the team's candidates only for those who edit", async () => {
    const world = await buildWorld();
    const names = { broker: "Broker", member: "Member", team: "Team" };
    const pageOf = async (person: User) => (await loadInitiativePage(await scopeOf(person), world.initiative))!;
    const team = await pageOf(world.users.team);
    expect(team.initiative).toMatchObject({ id: world.initiative, name: "Buurtzorg for loneliness", status: "active" });
    expect(team.initiative.team).toEqual([{ userId: world.users.team.id, name: names.team }]);
    expect(team.initiative.milestones.map((m) => m.id)).toEqual([world.m1, world.m2]);
    expect(team.may).toEqual({ edit: true, pledge: false, moderate: false });
    expect(team.candidates.map((c) => c.name).sort()).toEqual([names.broker, names.member, names.team]);
    const broker = await pageOf(world.users.broker);
    expect(broker.may).toEqual({ edit: true, pledge: false, moderate: true });
    expect(broker.candidates).toHaveLength(3);
    // Not on the team: a member sees the page and edits nothing, so no candidates are read.
    expect((await pageOf(world.users.member)).may).toEqual({ edit: false, pledge: false, moderate: false });
    expect((await pageOf(world.users.member)).candidates).toEqual([]);
    const funder = await pageOf(world.users.funder);
    expect(funder.may).toEqual({ edit: false, pledge: true, moderate: false });
    expect(funder.candidates).toEqual([]);
    // The lessons page's loader names the network's initiatives for its filter, this network's only.
    expect((await loadLessonsPage(await scopeOf(world.users.funder), {})).initiatives).toEqual([
      { id: world.initiative, name: "Buurtzorg for loneliness" },
    ]);
  });
});

describe("the growth path", () => {
  it("adding a milestone: the amount in cents, the currency upper case, no date", async () => {
    const world = await buildWorld();
    const result = await attempt(world, "team", addMilestoneAction, {
      slug: "net-a",
      initiativeId: world.initiative,
      title: "Scale",
      unlocks: "A city-wide policy.",
      targetDate: "",
      amount: "1,500",
      currency: "eur",
    });
    expect(result).toBe("ok");
    const last = await dbSystem().milestone.findFirstOrThrow({ where: { networkId: world.a.id, position: 2 } });
    expect(last).toMatchObject({ title: "Scale", currency: "EUR", amountNeeded: 150000n, targetDate: null });
  });

  it.each([
    ["a negative amount", { amount: "-5" }, { amount: ["amount_not_positive"] }],
    ["zero", { amount: "0,00" }, { amount: ["amount_not_positive"] }],
    ["an absurd amount", { amount: "1000000000000" }, { amount: ["amount_too_large"] }],
    ["too many decimals", { amount: "12.345" }, { amount: ["amount_too_many_decimals"] }],
    ["an unknown currency", { currency: "XYZ" }, { currency: ["currency_unknown"] }],
    ["a made-up currency format", { currency: "EURO" }, { currency: ["currency_unknown"] }],
    ["not a date", { targetDate: "2030-02-30" }, { targetDate: ["date_invalid"] }],
    ["no title", { title: " " }, { title: ["required"] }],
  ])("refuses %s, keeping what was typed", async (_label, overrides, fieldErrors) => {
    const world = await buildWorld();
    signInAs(world.users.team);
    const fields = { slug: "net-a", milestoneId: world.m1, title: "Pilot", unlocks: "More", targetDate: "2030-01-01", amount: "100", currency: "EUR", ...overrides };
    const before = await snapshotDatabase();
    const result = await call(editMilestoneAction, fields);
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors });
    if (!result.ok) expect(result.values).toMatchObject({ amount: fields.amount, currency: fields.currency, title: fields.title });
    expect(await snapshotDatabase()).toBe(before);
  });

  it("reorders with dense positions, keyboard buttons up and down", async () => {
    const world = await buildWorld();
    const m3 = await addMilestone(world.users.team, world.initiative, { title: "Third", amount: "1" });
    const order = async () =>
      (await dbSystem().milestone.findMany({ where: { networkId: world.a.id, initiativeId: world.initiative }, orderBy: { position: "asc" } })).map(
        (m) => [m.id, m.position],
      );
    expect(await order()).toEqual([[world.m1, 0], [world.m2, 1], [m3, 2]]);
    signInAs(world.users.team);
    expect(await call(moveMilestoneAction, { slug: "net-a", milestoneId: m3, direction: "up" })).toMatchObject({ ok: true, data: { moved: true } });
    expect(await order()).toEqual([[world.m1, 0], [m3, 1], [world.m2, 2]]);
    signInAs(world.users.broker);
    await call(moveMilestoneAction, { slug: "net-a", milestoneId: m3, direction: "up" });
    expect(await order()).toEqual([[m3, 0], [world.m1, 1], [world.m2, 2]]);
    // At the top, "up" changes nothing.
    expect(await call(moveMilestoneAction, { slug: "net-a", milestoneId: m3, direction: "up" })).toMatchObject({ ok: true, data: { moved: false } });
    // Two moves at once keep positions dense and distinct.
    await Promise.all([
      asUser(world.users.team, () => call(moveMilestoneAction, { slug: "net-a", milestoneId: m3, direction: "down" })),
      asUser(world.users.broker, () => call(moveMilestoneAction, { slug: "net-a", milestoneId: world.m2, direction: "up" })),
    ]);
    expect((await order()).map(([, p]) => p)).toEqual([0, 1, 2]);
  });

  it("learned needs a lesson and dropped a reason; closed milestones stay closed; every change is audited", async () => {
    const world = await buildWorld();
    const before = await snapshotDatabase();
    expect(await setStatus(world.users.team, world.m1, "learned", " ")).toMatchObject({ fieldErrors: { note: ["lesson_required"] } });
    expect(await setStatus(world.users.team, world.m1, "dropped", "")).toMatchObject({ fieldErrors: { note: ["reason_required"] } });
    expectRefused(await setStatus(world.users.team, world.m1, "planned"), "invalid_transition");
    expect(await snapshotDatabase()).toBe(before);

    expect(outcomeOf(await setStatus(world.users.team, world.m1, "active"))).toBe("ok");
    expect(outcomeOf(await setStatus(world.users.team, world.m1, "learned", "Neighbours wanted a place, not an app.", "means"))).toBe("ok");
    expect(outcomeOf(await setStatus(world.users.broker, world.m2, "dropped", "Merged into the pilot."))).toBe("ok");
    for (const status of ["active", "reached", "planned"]) expectRefused(await setStatus(world.users.team, world.m1, status), "milestone_closed");
    signInAs(world.users.team);
    expectRefused(
      await call(editMilestoneAction, { slug: "net-a", milestoneId: world.m1, title: "x", unlocks: "y", amount: "1", currency: "EUR" }),
      "milestone_closed",
    );

    const audit = await dbSystem().auditEntry.findMany({
      where: { networkId: world.a.id, action: "milestone.status_changed" },
      orderBy: { createdAt: "asc" },
      select: { detail: true },
    });
    expect(audit.map((a) => a.detail)).toMatchObject([
      { milestoneId: world.m1, from: "planned", to: "active" },
      { milestoneId: world.m1, from: "active", to: "learned" },
      { milestoneId: world.m2, from: "planned", to: "dropped" },
    ]);

    // The lesson joins the lessons log, with its area; filters by initiative and area work.
    const scope = await scopeOf(world.users.funder);
    const all = (await loadLessonsPage(scope, {})).lessons;
    expect(all.items.map((l) => [l.body, l.area, l.fromLearned])).toEqual([["Neighbours wanted a place, not an app.", "means", true]]);
    expect((await loadLessonsPage(scope, { area: "objectives" })).lessons.items).toHaveLength(0);
    expect((await loadLessonsPage(scope, { initiative: world.initiative, area: "means" })).lessons.items).toHaveLength(1);
    expect((await loadLessonsPage(scope, { initiative: world.initiativeB })).lessons.items).toHaveLength(0);
    const page = (await loadInitiativePage(scope, world.initiative))?.initiative;
    expect(page?.milestones.find((m) => m.id === world.m1)).toMatchObject({ status: "learned", closingNote: "Neighbours wanted a place, not an app." });
  });
});

describe("updates", () => {
  it("moves progress, needs an area for a lesson, and a double submit posts once", async () => {
    const world = await buildWorld();
    signInAs(world.users.team);
    const fields = { slug: "net-a", milestoneId: world.m1, kind: "progress", body: "Halfway.", progress: "50", area: "", idempotencyKey: key() };
    const results = await Promise.all([call(postUpdateAction, fields), call(postUpdateAction, fields)]);
    expect(results.map(outcomeOf)).toEqual(["ok", "ok"]);
    expect(await dbSystem().milestoneUpdate.count({ where: { networkId: world.a.id, milestoneId: world.m1 } })).toBe(1);
    expect((await dbSystem().milestone.findFirstOrThrow({ where: { networkId: world.a.id, id: world.m1 } })).progress).toBe(50);

    const before = await snapshotDatabase();
    expect(await call(postUpdateAction, { ...fields, progress: "101", idempotencyKey: key() })).toMatchObject({ fieldErrors: { progress: ["percent_invalid"] } });
    expect(await call(postUpdateAction, { ...fields, progress: "", idempotencyKey: key() })).toMatchObject({ fieldErrors: { progress: ["required"] } });
    expect(await call(postUpdateAction, { ...fields, kind: "lesson", idempotencyKey: key() })).toMatchObject({ fieldErrors: { area: ["required"] } });
    expect(await snapshotDatabase()).toBe(before);
    expect(outcomeOf(await call(postUpdateAction, { ...fields, kind: "lesson", area: "objectives", body: "Ask first.", idempotencyKey: key() }))).toBe("ok");
    const lessons = (await loadLessonsPage(await scopeOf(world.users.member), { area: "objectives" })).lessons;
    expect(lessons.items.map((l) => [l.body, l.fromLearned])).toEqual([["Ask first.", false]]);
  });
});

describe("pledges", () => {
  it.each([
    ["a negative amount", { amount: "-100" }, { amount: ["amount_not_positive"] }],
    ["zero", { amount: "0" }, { amount: ["amount_not_positive"] }],
    ["an absurd amount", { amount: "5.000.000.000,00" }, { amount: ["amount_too_large"] }],
    ["too many decimals", { amount: "10.005" }, { amount: ["amount_too_many_decimals"] }],
    ["no amount", { amount: "" }, { amount: ["amount_required"] }],
    ["words", { amount: "a lot" }, { amount: ["amount_invalid"] }],
    ["an unknown currency", { currency: "ABC" }, { currency: ["currency_unknown"] }],
    ["a bad idempotency key", { idempotencyKey: "short" }, { idempotencyKey: ["invalid"] }],
  ])("refuses %s on the server, keeping what was typed", async (_label, overrides, fieldErrors) => {
    const world = await buildWorld();
    const fields = { slug: "net-a", milestoneId: world.m1, amount: "100", currency: "EUR", condition: "If the city joins.", idempotencyKey: key(), ...overrides };
    signInAs(world.users.funder);
    const before = await snapshotDatabase();
    const result = await call(pledgeAction, fields);
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors });
    if (!result.ok) expect(result.values).toMatchObject({ amount: fields.amount, currency: fields.currency, condition: fields.condition });
    expect(await snapshotDatabase()).toBe(before);
  });

  it("reads amounts in the funder's language", async () => {
    const world = await buildWorld();
    await dbSystem().user.update({ where: { id: world.cofunder.id }, data: { locale: "nl" } });
    expect(outcomeOf(await pledge(world, world.cofunder, world.m1, "1.234,56"))).toBe("ok");
    expect(outcomeOf(await pledge(world, world.users.funder, world.m1, "1,234.56"))).toBe("ok");
    expect(outcomeOf(await pledge(world, world.cofunder, world.m1, "1.500"))).toBe("ok"); // Dutch grouping: 1500
    const amounts = await dbSystem().pledge.findMany({ where: { networkId: world.a.id }, orderBy: { createdAt: "asc" }, select: { amount: true } });
    expect(amounts.map((p) => p.amount)).toEqual([123456n, 123456n, 150000n]);
  });

  it("an ended initiative takes no new pledges; a paused one still does", async () => {
    const world = await buildWorld();
    const initiativeId = (await dbSystem().milestone.findFirst({ where: { networkId: world.a.id, id: world.m1 }, select: { initiativeId: true } }))!.initiativeId;
    await dbSystem().initiative.update({ where: { id: initiativeId, networkId: world.a.id }, data: { status: "ended" } });
    signInAs(world.users.funder);
    const before = await snapshotDatabase();
    const fields = { slug: "net-a", milestoneId: world.m1, amount: "100", currency: "EUR", condition: "", idempotencyKey: key() };
    expect(await call(pledgeAction, fields)).toMatchObject({ ok: false, code: "initiative_ended", values: { amount: "100" } });
    expect(await snapshotDatabase()).toBe(before);
    await dbSystem().initiative.update({ where: { id: initiativeId, networkId: world.a.id }, data: { status: "paused" } });
    expect(outcomeOf(await call(pledgeAction, { ...fields, idempotencyKey: key() }))).toBe("ok");
  });

  it("a double submit creates one pledge", async () => {
    const world = await buildWorld();
    const k = key();
    const results = await Promise.all([
      asUser(world.users.funder, () => call(pledgeAction, { slug: "net-a", milestoneId: world.m1, amount: "100", currency: "EUR", idempotencyKey: k })),
      asUser(world.users.funder, () => call(pledgeAction, { slug: "net-a", milestoneId: world.m1, amount: "100", currency: "EUR", idempotencyKey: k })),
    ]);
    expect(results.map(outcomeOf)).toEqual(["ok", "ok"]);
    expect(await pledge(world, world.users.funder, world.m1, "100", "EUR", k)).toMatchObject({ ok: true });
    expect(await dbSystem().pledge.count({ where: { networkId: world.a.id } })).toBe(1);
    expect(await dbSystem().auditEntry.count({ where: { networkId: world.a.id, action: "pledge.created" } })).toBe(1);
    // The same key from another funder is another pledge.
    expect(outcomeOf(await pledge(world, world.cofunder, world.m1, "100", "EUR", k))).toBe("ok");
    expect(await dbSystem().pledge.count({ where: { networkId: world.a.id } })).toBe(2);
  });

  it.each(["reached", "learned", "dropped"])("refuses a pledge to a %s milestone", async (status) => {
    const world = await buildWorld();
    expect(outcomeOf(await setStatus(world.users.team, world.m1, status, "A note", "means"))).toBe("ok");
    signInAs(world.users.funder);
    const before = await snapshotDatabase();
    expectRefused(await pledge(world, world.users.funder, world.m1, "100"), "milestone_closed");
    expect(await snapshotDatabase()).toBe(before);
  });

  it("sums per currency, hand-computed, never across currencies", async () => {
    const world = await buildWorld();
    await pledge(world, world.users.funder, world.m1, "1,234.56");
    await pledge(world, world.cofunder, world.m1, "2500");
    await pledge(world, world.cofunder, world.m1, "100.05", "CHF");
    await pledge(world, world.users.funder, world.m2, "5000");
    const withdrawn = await pledge(world, world.users.funder, world.m2, "999");
    expect(withdrawn.ok).toBe(true);
    signInAs(world.users.funder);
    const withdrawnId = (withdrawn as { data: { pledgeId: string } }).data.pledgeId;
    expect(outcomeOf(await call(withdrawPledgeAction, { slug: "net-a", pledgeId: withdrawnId, reason: "Budget moved." }))).toBe("ok");

    const page = (await loadInitiativePage(await scopeOf(world.users.member), world.initiative))?.initiative;
    const [m1, m2] = page!.milestones;
    // m1 needs EUR 10,000.00: EUR 1,234.56 + 2,500.00 = 3,734.56, and CHF 100.05 apart.
    expect(m1!.funded).toEqual([
      { currency: "CHF", amount: 10005n },
      { currency: "EUR", amount: 373456n },
    ]);
    expect(m1!.needsFunders).toBe(true);
    // m2 needs EUR 5,000.00 and has exactly that (the withdrawn 999 does not count).
    expect(m2!.funded).toEqual([{ currency: "EUR", amount: 500000n }]);
    expect(m2!.needsFunders).toBe(false);

    const overview = await fundingOverview(await scopeOf(world.users.broker));
    expect(overview.initiatives).toEqual([
      {
        id: world.initiative,
        name: "Buurtzorg for loneliness",
        totals: [
          { currency: "CHF", needed: 0n, pledged: 10005n, released: 0n },
          { currency: "EUR", needed: 1500000n, pledged: 873456n, released: 0n },
        ],
      },
    ]);
    expect(overview.needFunders.map((m) => [m.milestoneId, m.missing])).toEqual([[world.m1, 1000000n - 373456n]]);
  });

});

describe("release and withdrawal", () => {
  async function pledged(world: World) {
    const one = await pledge(world, world.users.funder, world.m1, "4000");
    const two = await pledge(world, world.cofunder, world.m1, "6000");
    const id = (r: unknown) => (r as { data: { pledgeId: string } }).data.pledgeId;
    return { mine: id(one), theirs: id(two) };
  }

  it("releases only the funder's own pledge, once, on a reached milestone", async () => {
    const world = await buildWorld();
    const { mine, theirs } = await pledged(world);
    const release = (persona: Persona, pledgeId: string) => attempt(world, persona, releasePledgeAction, { slug: "net-a", pledgeId });
    expect(await release("funder", mine)).toBe("milestone_not_reached");
    expect(outcomeOf(await setStatus(world.users.team, world.m1, "reached"))).toBe("ok");

    // Another funder of the same milestone cannot release it either.
    signInAs(world.cofunder);
    const before = await snapshotDatabase();
    expectRefused(await call(releasePledgeAction, { slug: "net-a", pledgeId: mine }), "forbidden");
    expect(await snapshotDatabase()).toBe(before);

    expect(await release("funder", mine)).toBe("ok");
    expect(await release("funder", mine)).toBe("pledge_released");
    expect(await attempt(world, "funder", withdrawPledgeAction, { slug: "net-a", pledgeId: mine, reason: "Changed my mind" })).toBe("pledge_released");
    const rows = await dbSystem().pledge.findMany({ where: { networkId: world.a.id }, select: { id: true, status: true, releasedAt: true } });
    expect(rows.find((p) => p.id === mine)).toMatchObject({ status: "released" });
    expect(rows.find((p) => p.id === theirs)).toMatchObject({ status: "pledged", releasedAt: null });

    const overview = await fundingOverview(await scopeOf(world.users.broker));
    expect(overview.initiatives[0]?.totals).toEqual([{ currency: "EUR", needed: 1500000n, pledged: 1000000n, released: 400000n }]);
  });

  it("withdraws before release with a reason, only by its funder", async () => {
    const world = await buildWorld();
    const { mine } = await pledged(world);
    const withdraw = (persona: Persona, reason: string) => attempt(world, persona, withdrawPledgeAction, { slug: "net-a", pledgeId: mine, reason });
    // Another funder of the same milestone cannot withdraw it.
    signInAs(world.cofunder);
    expectRefused(await call(withdrawPledgeAction, { slug: "net-a", pledgeId: mine, reason: "Not mine" }), "forbidden");
    signInAs(world.users.funder);
    expect(await call(withdrawPledgeAction, { slug: "net-a", pledgeId: mine, reason: "  " })).toMatchObject({ fieldErrors: { reason: ["required"] } });
    expect(await withdraw("funder", "The board moved the budget.")).toBe("ok");
    expect(await withdraw("funder", "Again")).toBe("pledge_withdrawn");
    await setStatus(world.users.team, world.m1, "reached");
    expect(await attempt(world, "funder", releasePledgeAction, { slug: "net-a", pledgeId: mine })).toBe("pledge_withdrawn");
    const row = await dbSystem().pledge.findFirstOrThrow({ where: { networkId: world.a.id, id: mine } });
    expect(row).toMatchObject({ status: "withdrawn", withdrawReason: "The board moved the budget." });
  });

  it("the initiative page's loader finds nothing of another network under this one's name", async () => {
    const world = await buildWorld();
    // Acting on another network's pledges and milestones, in either network's name: the matrix.
    expect(await loadInitiativePage(await scopeOf(world.users.funder), world.initiativeB)).toBeNull();
  });
});

describe("notifications", () => {
  it("the team and pledging funders hear of a reached milestone once, the team of a release once", async () => {
    const world = await buildWorld();
    await pledge(world, world.users.funder, world.m1, "4000");
    await pledge(world, world.cofunder, world.m1, "100", "CHF");
    const gone = await pledge(world, world.cofunder, world.m2, "1");
    signInAs(world.cofunder);
    await call(withdrawPledgeAction, { slug: "net-a", pledgeId: (gone as { data: { pledgeId: string } }).data.pledgeId, reason: "x" });

    await setStatus(world.users.broker, world.m1, "reached");
    expectRefused(await setStatus(world.users.broker, world.m1, "reached"), "milestone_closed");
    const reached = await dbSystem().notification.findMany({ where: { networkId: world.a.id, kind: "milestone_reached" }, select: { userId: true, dedupeKey: true } });
    expect(reached.map((n) => n.userId).sort()).toEqual([world.users.team.id, world.users.funder.id, world.cofunder.id].sort());
    expect(new Set(reached.map((n) => n.dedupeKey))).toEqual(new Set([`milestone-reached:${world.m1}`]));

    // The actor is not notified of their own act; a withdrawn pledge's funder hears nothing of m2.
    await setStatus(world.users.team, world.m2, "dropped", "No longer needed.");
    const dropped = await dbSystem().notification.findMany({ where: { networkId: world.a.id, kind: "milestone_dropped" }, select: { userId: true } });
    expect(dropped).toEqual([]);

    const mine = await dbSystem().pledge.findFirstOrThrow({ where: { networkId: world.a.id, funderId: world.users.funder.id, milestoneId: world.m1 } });
    signInAs(world.users.funder);
    expect(outcomeOf(await call(releasePledgeAction, { slug: "net-a", pledgeId: mine.id }))).toBe("ok");
    expectRefused(await call(releasePledgeAction, { slug: "net-a", pledgeId: mine.id }), "pledge_released");
    const released = await dbSystem().notification.findMany({ where: { networkId: world.a.id, kind: "pledge_released" }, select: { userId: true, milestoneId: true } });
    expect(released).toEqual([{ userId: world.users.team.id, milestoneId: world.m1 }]);

    // The centre shows them with the milestone's title.
    const centre = await listNotifications(world.users.team.id);
    expect(centre.items.map((n) => [n.kind, n.milestoneTitle])).toEqual([
      ["pledge_released", "Pilot in one neighbourhood"],
      ["milestone_reached", "Pilot in one neighbourhood"],
    ]);
  });

  it("a learned milestone notifies the team with its lesson in the log", async () => {
    const world = await buildWorld();
    await pledge(world, world.users.funder, world.m2, "10");
    await setStatus(world.users.broker, world.m2, "learned", "Scaling before the pilot did not work.", "objectives");
    const learned = await dbSystem().notification.findMany({ where: { networkId: world.a.id, kind: "milestone_learned" }, select: { userId: true } });
    expect(learned.map((n) => n.userId).sort()).toEqual([world.users.team.id, world.users.funder.id].sort());
    const lessons = (await loadLessonsPage(await scopeOf(world.users.funder), { area: "objectives" })).lessons;
    expect(lessons.items[0]).toMatchObject({ body: "Scaling before the pilot did not work.", milestoneTitle: "Three neighbourhoods", fromLearned: true });
  });
});

describe("the demo", () => {
  it("gives each demo network an initiative with a EUR growth path, a pledge by its funder, an update and a lesson", async () => {
    const { seedDemo, demoNetworks } = await import("@/lib/db/demo");
    await seedDemo(dbSystem());
    for (const demo of demoNetworks) {
      const network = await dbSystem().network.findUniqueOrThrow({ where: { slug: demo.slug }, select: { id: true } });
      const initiative = await dbSystem().initiative.findFirstOrThrow({ where: { networkId: network.id }, select: { id: true } });
      const milestones = await dbSystem().milestone.findMany({ where: { networkId: network.id }, orderBy: { position: "asc" } });
      expect(milestones.length).toBeGreaterThanOrEqual(3);
      expect(milestones.length).toBeLessThanOrEqual(4);
      expect(milestones.map((m) => m.position)).toEqual(milestones.map((_, i) => i));
      expect(new Set(milestones.map((m) => m.currency))).toEqual(new Set(["EUR"]));
      const funderEmail = demo.people.find((p) => p.role === "funder")!.email;
      const pledges = await dbSystem().pledge.findMany({
        where: { networkId: network.id },
        select: { funder: { select: { email: true } } },
        orderBy: { createdAt: "asc" },
      });
      // Pathfinders' milestone is co-funded by the SIAC funder, a funder of both demo networks.
      const coFunder = demo.initiative.coPledge ? demo.people[demo.initiative.coPledge.by]?.email : undefined;
      expect(pledges.map((p) => p.funder?.email)).toEqual(coFunder ? [funderEmail, coFunder] : [funderEmail]);
      expect(await dbSystem().milestoneUpdate.count({ where: { networkId: network.id, kind: "progress" } })).toBe(1);
      const funder = await dbSystem().user.findUniqueOrThrow({ where: { email: funderEmail } });
      const lessons = (await loadLessonsPage(await scopeOf(funder, demo.slug), { initiative: initiative.id })).lessons;
      expect(lessons.items).toHaveLength(1);
      expect(lessons.items[0]?.fromLearned).toBe(true);
    }
  });
});
