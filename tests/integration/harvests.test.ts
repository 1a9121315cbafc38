import { describe, expect, it } from "vitest";
import { decodeCursor } from "@/lib/cursor";
import { listJourney, loadCyclePage } from "@/lib/cycles/queries";
import { dbSystem } from "@/lib/db/client";
import { makeCycle, makeInitiative, makeMilestone, makePledge, makeThread } from "@/lib/db/factories";
import { loadThreadPage } from "@/lib/dialogue/queries";
import { loadInitiativePage } from "@/lib/funding/queries";
import { publishHarvestAction, saveHarvestAction } from "@/lib/harvests/actions";
import { loadHarvestSection } from "@/lib/harvests/queries";
import { loadNetworkHome } from "@/lib/home/queries";
import { requireMember, viewNetwork } from "@/lib/membership/scope";
import { listNotifications } from "@/lib/notifications/queries";
import { asUser, call, expectRefused, makeNetwork, member, signInAs, snapshotDatabase, user, type User } from "./support";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Two networks. In A: a broker, a host (a member), another member, a funder who backs the first
 * milestone and one who does not; a gathering of yesterday the host hosts, one of tomorrow, one
 * cancelled; a thread, an initiative with a milestone, an open cycle and a cycle closed three days
 * ago. In B: a thread, a milestone and a cycle of its own.
 */
async function buildWorld() {
  const db = dbSystem();
  const now = Date.now();
  const broker = await user("Harvest Broker");
  const host = await user("Harvest Host");
  const plain = await user("Harvest Member");
  const backer = await user("Harvest Backer");
  const otherFunder = await user("Harvest Other Funder");
  const brokerB = await user("Harvest Broker B");
  const suffix = Math.random().toString(36).slice(2, 8);
  const a = await makeNetwork(db, { brokerId: broker.id, slug: `harvest-a-${suffix}`, name: "Harvest A" });
  const b = await makeNetwork(db, { brokerId: brokerB.id, slug: `harvest-b-${suffix}`, name: "Harvest B" });
  await member(a, host);
  await member(a, plain);
  await member(a, backer, "funder");
  await member(a, otherFunder, "funder");
  const gathering = async (title: string, startsAt: number, status: "planned" | "cancelled" = "planned") =>
    db.gathering.create({
      data: {
        networkId: a.id,
        title,
        startsAt: new Date(startsAt),
        endsAt: new Date(startsAt + 2 * HOUR),
        timeZone: "Europe/Amsterdam",
        status,
        createdById: broker.id,
      },
      select: { id: true },
    });
  const past = await gathering("Street meeting", now - DAY);
  const future = await gathering("Next meeting", now + DAY);
  const cancelled = await gathering("Cancelled meeting", now - 2 * DAY, "cancelled");
  for (const g of [past, future, cancelled]) await db.gatheringHost.create({ data: { networkId: a.id, gatheringId: g.id, userId: host.id } });
  const thread = await makeThread(db, { networkId: a.id, authorId: plain.id, title: "Where do we start?" });
  const initiative = await makeInitiative(db, { networkId: a.id, createdById: plain.id, team: [plain.id] });
  const milestone = await makeMilestone(db, { networkId: a.id, initiativeId: initiative.id, position: 0, amountNeeded: 100_000n });
  await makePledge(db, { networkId: a.id, milestoneId: milestone.id, funderId: backer.id, amount: 5_000n });
  const closed = await makeCycle(db, {
    networkId: a.id,
    openedById: broker.id,
    title: "Cycle two",
    iDeadline: new Date(now - 10 * DAY),
    weDeadline: new Date(now - 5 * DAY),
    createdAt: new Date(now - 20 * DAY),
  });
  await db.cycle.update({ where: { id: closed.id, networkId: a.id }, data: { closedAt: new Date(now - 3 * DAY), openSlot: null } });
  const cycle = await makeCycle(db, { networkId: a.id, openedById: broker.id, title: "Cycle three", iDeadline: new Date(now + 7 * DAY), weDeadline: new Date(now + 14 * DAY) });
  const threadB = await makeThread(db, { networkId: b.id, authorId: brokerB.id, title: "B's thread" });
  const initiativeB = await makeInitiative(db, { networkId: b.id, createdById: brokerB.id });
  const milestoneB = await makeMilestone(db, { networkId: b.id, initiativeId: initiativeB.id, position: 0, amountNeeded: 1_000n });
  const cycleB = await makeCycle(db, { networkId: b.id, openedById: brokerB.id, iDeadline: new Date(now + DAY), weDeadline: new Date(now + 2 * DAY) });
  return {
    a,
    b,
    people: { broker, host, plain, backer, otherFunder, brokerB },
    past: past.id,
    future: future.id,
    cancelled: cancelled.id,
    thread: thread.id,
    initiative: initiative.id,
    milestone: milestone.id,
    cycle: cycle.id,
    threadB: threadB.id,
    milestoneB: milestoneB.id,
    cycleB: cycleB.id,
  };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

const scopeOf = (w: World, person: User) => asUser(person, () => requireMember(w.a.slug));

function fields(w: World, overrides: Record<string, string> = {}) {
  return {
    slug: w.a.slug,
    gatheringId: w.past,
    version: "",
    summary: "Twelve of us met in the **street**.",
    agreements: "We meet monthly.",
    nextSteps: "Ask the council for the square.",
    cycleId: w.cycle,
    "insight.0.body": "The street knows more than we do.",
    "insight.0.level": "network",
    "insight.0.area": "observations_facts",
    "insight.1.body": "",
    "insight.2.body": "Care needs a place.",
    "insight.2.level": "context",
    "insight.2.area": "means",
    [`thread.${w.thread}`]: "on",
    [`milestone.${w.milestone}`]: "on",
    ...overrides,
  };
}

async function write(w: World, as: User = w.people.host, overrides: Record<string, string> = {}) {
  signInAs(as);
  const saved = await call(saveHarvestAction, fields(w, overrides));
  expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
  return (saved as { data: { version: string } }).data.version;
}

describe("writing a harvest", () => {
  it("is for the gathering's hosts and brokers only, after it started, never for a cancelled one", async () => {
    const w = await buildWorld();
    const before = await snapshotDatabase({ counters: false });
    for (const person of [w.people.plain, w.people.backer]) {
      signInAs(person);
      expectRefused(await call(saveHarvestAction, fields(w)), "forbidden");
    }
    signInAs(w.people.brokerB);
    expectRefused(await call(saveHarvestAction, fields(w)), "forbidden");
    signInAs(w.people.host);
    expectRefused(await call(saveHarvestAction, fields(w, { gatheringId: w.future })), "harvest_too_early");
    expectRefused(await call(saveHarvestAction, fields(w, { gatheringId: w.cancelled })), "harvest_gathering_cancelled");
    expectRefused(await call(publishHarvestAction, { slug: w.a.slug, gatheringId: w.past }), "harvest_not_written");
    expect(await snapshotDatabase({ counters: false })).toBe(before);
    // The host writes it; a broker who does not host may change it too.
    const version = await write(w);
    await write(w, w.people.broker, { version, summary: "Fourteen of us met." });
  });

  it("refuses links to another network's thread, milestone or cycle, and writes nothing", async () => {
    const w = await buildWorld();
    const before = await snapshotDatabase({ counters: false });
    signInAs(w.people.host);
    const result = await call(saveHarvestAction, {
      ...fields(w),
      [`thread.${w.threadB}`]: "on",
      [`milestone.${w.milestoneB}`]: "on",
      cycleId: w.cycleB,
    });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { threads: ["link_unknown"], milestones: ["link_unknown"], cycleId: ["link_unknown"] } });
    expect(await snapshotDatabase({ counters: false })).toBe(before);
  });

  it("stores the Markdown rendered and the insights in order; an insight without its tags is a field message", async () => {
    const w = await buildWorld();
    signInAs(w.people.host);
    const untagged = await call(saveHarvestAction, fields(w, { "insight.0.level": "", "insight.2.area": "nowhere" }));
    expect(untagged).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { "insight.0.level": ["invalid_choice"], "insight.2.area": ["invalid_choice"] } });
    await write(w);
    const harvest = await dbSystem().harvest.findFirstOrThrow({
      where: { networkId: w.a.id, gatheringId: w.past },
      select: { summaryHtml: true, cycleId: true, publishedAt: true, insights: { orderBy: { position: "asc" }, select: { body: true, level: true, area: true } } },
    });
    expect(harvest.summaryHtml).toContain("<strong>street</strong>");
    expect(harvest.cycleId).toBe(w.cycle);
    expect(harvest.publishedAt).toBeNull();
    expect(harvest.insights).toEqual([
      { body: "The street knows more than we do.", level: "network", area: "observations_facts" },
      { body: "Care needs a place.", level: "context", area: "means" },
    ]);
  });

  it("keeps every earlier version (who changed it, when) for those who read it, and refuses an outdated form", async () => {
    const w = await buildWorld();
    const first = await write(w);
    const second = await write(w, w.people.broker, { version: first, summary: "Fourteen of us met." });
    signInAs(w.people.host);
    // The host's form still carries the first version: a conflict, nothing changes.
    expectRefused(await call(saveHarvestAction, fields(w, { version: first, summary: "Lost words" })), "conflict");
    signInAs(w.people.host);
    expect(await call(publishHarvestAction, { slug: w.a.slug, gatheringId: w.past })).toMatchObject({ ok: true });
    // A change of the links alone keeps no revision; a change of the text after publishing is "edited".
    const published = (await loadHarvestSection(await scopeOf(w, w.people.host), w.past))?.harvest?.version ?? "";
    expect(published).not.toBe(second);
    const third = await write(w, w.people.host, { version: published, summary: "Fourteen of us met.", [`thread.${w.thread}`]: "" });
    await write(w, w.people.host, { version: third, summary: "Fifteen of us met.", [`thread.${w.thread}`]: "" });
    const section = await loadHarvestSection(await scopeOf(w, w.people.plain), w.past);
    expect(section?.harvest?.summary).toBe("Fifteen of us met.");
    expect(section?.harvest?.editedAt).not.toBeNull();
    expect(section?.harvest?.threads).toEqual([]);
    expect(section?.harvest?.revisions.map((r) => [r.summary, r.editorName])).toEqual([
      ["Fourteen of us met.", "Harvest Host"],
      ["Twelve of us met in the **street**.", "Harvest Broker"],
    ]);
    expect(section?.mayWrite).toBe(false);
  });
});

describe("reading a harvest", () => {
  it("a draft only its hosts and brokers; once published every broker and member; funders never on the gathering", async () => {
    const w = await buildWorld();
    await write(w);
    const shown = async (person: User) => (await loadHarvestSection(await scopeOf(w, person), w.past))?.harvest !== null;
    expect(await shown(w.people.host)).toBe(true);
    expect(await shown(w.people.broker)).toBe(true);
    expect(await shown(w.people.plain)).toBe(false);
    expect(await shown(w.people.backer)).toBe(false);
    signInAs(w.people.host);
    expect(await call(publishHarvestAction, { slug: w.a.slug, gatheringId: w.past })).toMatchObject({ ok: true });
    expect(await shown(w.people.plain)).toBe(true);
    expect(await shown(w.people.backer)).toBe(false);
    const hostView = await loadHarvestSection(await scopeOf(w, w.people.host), w.past);
    expect(hostView?.mayWrite).toBe(true);
    expect(hostView?.options?.threads.map((t) => t.id)).toContain(w.thread);
    expect(hostView?.options?.threads.map((t) => t.id)).not.toContain(w.threadB);
  });

  it("publishing notifies each broker and member once, never the publisher or a funder", async () => {
    const w = await buildWorld();
    await write(w);
    signInAs(w.people.host);
    expect(await call(publishHarvestAction, { slug: w.a.slug, gatheringId: w.past })).toMatchObject({ ok: true });
    expect(await call(publishHarvestAction, { slug: w.a.slug, gatheringId: w.past })).toMatchObject({ ok: true });
    const rows = await dbSystem().notification.findMany({ where: { networkId: w.a.id, kind: "harvest_published" }, select: { userId: true } });
    expect(rows.map((r) => r.userId).sort()).toEqual([w.people.broker.id, w.people.plain.id].sort());
    const [item] = (await listNotifications(w.people.plain.id)).items;
    expect(item).toMatchObject({ kind: "harvest_published", actorName: "Harvest Host", networkName: "Harvest A" });
  });

  it("shows on the linked thread, the cycle, the milestone (to a backing funder too) and in the journey by date", async () => {
    const w = await buildWorld();
    await write(w);
    const mention = { gatheringId: w.past, title: "Street meeting" };
    const member = await scopeOf(w, w.people.plain);
    // A draft shows nowhere.
    const draftThread = await loadThreadPage(member, w.thread);
    expect(draftThread?.visible && draftThread.thread.harvests).toEqual([]);
    signInAs(w.people.host);
    expect(await call(publishHarvestAction, { slug: w.a.slug, gatheringId: w.past })).toMatchObject({ ok: true });

    const thread = await loadThreadPage(member, w.thread);
    expect(thread?.visible && thread.thread.harvests).toEqual([expect.objectContaining(mention)]);
    expect((await loadCyclePage(member))?.harvests).toEqual([expect.objectContaining(mention)]);
    const evidenceFor = async (person: User) =>
      (await loadInitiativePage(await scopeOf(w, person), w.initiative))?.initiative.milestones[0]?.evidence ?? [];
    expect(await evidenceFor(w.people.plain)).toEqual([expect.objectContaining(mention)]);
    expect(await evidenceFor(w.people.backer)).toEqual([expect.objectContaining(mention)]);
    expect(await evidenceFor(w.people.otherFunder)).toEqual([]);
    // Funders do not read it on the thread or the cycle.
    const funder = await scopeOf(w, w.people.backer);
    const funderThread = await loadThreadPage(funder, w.thread);
    expect(funderThread?.visible && funderThread.thread.harvests).toEqual([]);

    // The journey: the gathering of yesterday, then the cycle closed three days ago, newest first,
    // one per page across both kinds.
    const journey = await listJourney(member);
    expect(journey.harvests.map((h) => [h.title, h.insights.length])).toEqual([["Street meeting", 2]]);
    expect(journey.items.map((c) => c.title)).toEqual(["Cycle two"]);
    const first = await listJourney(member, undefined, 1);
    expect([first.harvests.length, first.items.length]).toEqual([1, 0]);
    const second = await listJourney(member, decodeCursor(first.next ?? undefined), 1);
    expect([second.harvests.length, second.items.map((c) => c.title)]).toEqual([0, ["Cycle two"]]);
    expect((await listJourney(funder)).harvests).toEqual([]);
    // On the network home, "since your last visit" names it (not for its writer, nor a funder).
    const homeOf = async (person: User) => {
      const home = await asUser(person, async () => loadNetworkHome((await viewNetwork(w.a.slug))!));
      return home.kind === "member" ? home.events.filter((e) => e.kind === "harvest").map((e) => e.title) : null;
    };
    expect(await homeOf(w.people.plain)).toEqual(["Street meeting"]);
    expect(await homeOf(w.people.host)).toEqual([]);
    expect(await homeOf(w.people.backer)).toEqual([]);
  });
});
