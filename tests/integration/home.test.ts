import { describe, expect, it } from "vitest";
import { dbSystem } from "@/lib/db/client";
import {
  makeCycle,
  makeInitiative,
  makeMilestone,
  makeMilestoneUpdate,
  makePledge,
  makeReflection,
  makeReply,
  makeThread,
} from "@/lib/db/factories";
import { onQuery } from "@/lib/db/query-log";
import { recordVisitAction } from "@/lib/home/actions";
import { VISIT_GAP_MINUTES } from "@/lib/home/queries";
import { LIMITS, loadNetworkHome, type MemberHome, type NetworkHome, type VisitorHome } from "@/lib/home/queries";
import { viewNetwork } from "@/lib/membership/scope";
import { call, makeNetwork, member, outcomeOf, signInAs, user, type User } from "./support";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const SECRET = "A reflection nobody but its readers may see";

/**
 * A public network with a broker, a member, a funder and a pending request; a signed-in
 * stranger. The member last visited a week ago: since then a new thread, a reply in a thread
 * they read before, a cycle that opened (the broker reflected, the member not yet), a milestone
 * reached with its lesson; a hidden thread, which no one but brokers and its author sees.
 */
async function buildWorld() {
  const now = new Date();
  const broker = await user("Home Broker");
  const plain = await user("Home Member");
  const funder = await user("Home Funder");
  const stranger = await user("Home Stranger");
  const asking = await user("Home Asking");
  const suffix = Math.random().toString(36).slice(2, 8);
  const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: `home-${suffix}`, name: "Home network" });
  const m = await member(net, plain);
  await member(net, funder, "funder");
  await dbSystem().membership.create({ data: { networkId: net.id, userId: asking.id, role: "member", status: "pending" } });
  const lastVisit = new Date(now.getTime() - 7 * DAY);
  await dbSystem().membership.update({ where: { id: m.id, networkId: net.id }, data: { lastSeenAt: lastVisit } });

  const db = dbSystem();
  const old = await makeThread(db, { networkId: net.id, authorId: plain.id, title: "Old thread", createdAt: new Date(lastVisit.getTime() - DAY) });
  await db.threadRead.create({ data: { networkId: net.id, threadId: old.id, userId: plain.id, lastReadAt: new Date(lastVisit.getTime() - HOUR) } });
  const reply = await makeReply(db, { networkId: net.id, threadId: old.id, authorId: broker.id, body: "An answer.", createdAt: new Date(now.getTime() - DAY) });
  const fresh = await makeThread(db, { networkId: net.id, authorId: broker.id, title: "Fresh thread", createdAt: new Date(now.getTime() - 2 * DAY) });
  await makeThread(db, { networkId: net.id, authorId: broker.id, title: "Hidden thread", createdAt: new Date(now.getTime() - 2 * DAY), hiddenAt: now, hiddenReason: "Spam." });
  await db.report.create({ data: { networkId: net.id, reporterId: plain.id, threadId: fresh.id, reason: "Off topic." } });

  const closed = await makeCycle(db, {
    networkId: net.id,
    openedById: broker.id,
    title: "Spring cycle",
    question: "What did spring teach us?",
    iDeadline: new Date(now.getTime() - 40 * DAY),
    weDeadline: new Date(now.getTime() - 30 * DAY),
    createdAt: new Date(now.getTime() - 50 * DAY),
  });
  await db.cycle.update({ where: { id: closed.id, networkId: net.id }, data: { closedAt: new Date(now.getTime() - 29 * DAY), openSlot: null } });
  const cycle = await makeCycle(db, {
    networkId: net.id,
    openedById: broker.id,
    title: "Autumn cycle",
    iDeadline: new Date(now.getTime() + 2 * DAY),
    weDeadline: new Date(now.getTime() + 9 * DAY),
    createdAt: new Date(now.getTime() - 3 * DAY),
  });
  await makeReflection(db, { networkId: net.id, cycleId: cycle.id, authorId: broker.id, body: SECRET, submittedAt: now });

  const initiative = await makeInitiative(db, { networkId: net.id, createdById: broker.id, name: "Repair cafe", team: [plain.id] });
  const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));
  const reached = await makeMilestone(db, {
    networkId: net.id,
    initiativeId: initiative.id,
    position: 0,
    title: "First repairs",
    amountNeeded: 1000n,
    status: "reached",
    closedAt: new Date(now.getTime() - DAY),
    targetDate: day(-10),
  });
  const due = await makeMilestone(db, { networkId: net.id, initiativeId: initiative.id, position: 1, title: "A second site", amountNeeded: 5000n, targetDate: day(10) });
  const overdue = await makeMilestone(db, {
    networkId: net.id,
    initiativeId: initiative.id,
    position: 2,
    title: "Late tools",
    amountNeeded: 300n,
    status: "active",
    targetDate: day(-5),
  });
  await makeMilestoneUpdate(db, {
    networkId: net.id,
    initiativeId: initiative.id,
    milestoneId: reached.id,
    authorId: broker.id,
    kind: "lesson",
    body: "We learned to ask first.",
    createdAt: new Date(now.getTime() - DAY),
  });
  await makePledge(db, { networkId: net.id, milestoneId: due.id, funderId: funder.id, amount: 50000n });
  return { now, net, broker, plain, funder, stranger, lastVisit, old, reply, fresh, cycle, initiative, reached, due, overdue };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

async function homeOf(person: User | null, slug: string, now?: Date): Promise<NetworkHome | null> {
  signInAs(person);
  const view = await viewNetwork(slug);
  return view ? loadNetworkHome(view, now) : null;
}

async function memberHome(person: User, slug: string): Promise<MemberHome> {
  const home = await homeOf(person, slug);
  expect(home?.kind).toBe("member");
  return home as MemberHome;
}

const titlesOf = (home: MemberHome) =>
  home.events.map((e) => `${e.kind}:${"title" in e ? e.title : e.milestoneTitle}${e.kind === "replies" ? `:${e.count}` : ""}`);

describe("the network home per role", () => {
  it("shows a member what happened since their last visit, their next step and what is coming", async () => {
    const w = await buildWorld();
    const home = await memberHome(w.plain, w.net.slug);
    expect(home.since).toEqual(w.lastVisit);
    expect(home.firstVisit).toBe(false);
    expect(titlesOf(home).sort()).toEqual(
      ["thread:Fresh thread", "replies:Old thread:1", "cycle_opened:Autumn cycle", "milestone:First repairs", "lesson:First repairs"].sort(),
    );
    const replies = home.events.find((e) => e.kind === "replies");
    expect(replies).toMatchObject({ threadId: w.old.id, firstReplyId: w.reply.id });
    expect(home.steps.map((s) => s.kind)).toEqual(["reflect", "followed"]);
    expect(home.steps[1]).toMatchObject({ threadId: w.old.id, count: 1, firstReplyId: w.reply.id });
    expect(home.coming.map((c) => c.kind)).toEqual(["i_deadline", "we_deadline", "milestone_due"]);
    expect(home.coming[2]).toMatchObject({ id: w.due.id });
    expect(home.broker).toBeNull();
    expect(home.backed).toBeNull();
    const text = JSON.stringify(home, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("Hidden thread");
    expect(text).not.toContain("Late tools");
  });

  it("shows a broker, besides, what waits for them", async () => {
    const w = await buildWorld();
    const home = await memberHome(w.broker, w.net.slug);
    expect(home.broker).toMatchObject({ requests: 1, reports: 1, objections: 0 });
    expect(home.broker?.overdue.total).toBe(1);
    expect(home.broker?.overdue.items.map((m) => m.id)).toEqual([w.overdue.id]);
    // Invited, threads and a cycle: the first steps are done.
    expect(home.broker?.firstSteps).toBeNull();
    // The broker reflected already; their own thread and reply are not news to them.
    expect(home.steps.map((s) => s.kind)).toEqual([]);
    expect(titlesOf(home)).not.toContain("thread:Fresh thread");
    expect(JSON.stringify(home, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(SECRET);
  });

  it("shows a broker's objections to handle while a consent round is open", async () => {
    const w = await buildWorld();
    await dbSystem().cycle.update({ where: { id: w.cycle.id, networkId: w.net.id }, data: { advancedToWeAt: new Date(w.now.getTime() - HOUR) } });
    const revision = await dbSystem().synthesisRevision.create({
      data: { networkId: w.net.id, cycleId: w.cycle.id, number: 1, body: "Draft", authorId: w.broker.id },
    });
    const round = await dbSystem().consentRound.create({
      data: { networkId: w.net.id, cycleId: w.cycle.id, revisionNumber: revision.number, calledById: w.broker.id },
    });
    await dbSystem().consentAnswer.create({ data: { networkId: w.net.id, roundId: round.id, userId: w.broker.id, answer: "object", text: "No." } });
    const broker = await memberHome(w.broker, w.net.slug);
    expect(broker.broker?.objections).toBe(1);
    const plain = await memberHome(w.plain, w.net.slug);
    expect(plain.steps.map((s) => s.kind)).toEqual(["consent", "followed"]);
    expect(plain.events.map((e) => e.kind)).toContain("cycle_we");
    // Funders neither reflect nor consent.
    const funder = await memberHome(w.funder, w.net.slug);
    expect(funder.steps.map((s) => s.kind)).toEqual([]);
  });

  it("shows a new network's broker the first steps until they are done", async () => {
    const broker = await user("New Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: `home-new-${Math.random().toString(36).slice(2, 8)}` });
    let home = await memberHome(broker, net.slug);
    expect(home.broker?.firstSteps).toEqual({ invite: false, question: false, thread: false, cycle: false });
    expect(home.firstVisit).toBe(true);
    await makeThread(dbSystem(), { networkId: net.id, authorId: broker.id, title: "A start" });
    await dbSystem().auditEntry.create({ data: { networkId: net.id, actorId: broker.id, action: "network.updated", detail: { fields: ["workingQuestion"] } } });
    home = await memberHome(broker, net.slug);
    expect(home.broker?.firstSteps).toEqual({ invite: false, question: true, thread: true, cycle: false });
    await member(net, await user("Invitee"));
    await makeCycle(dbSystem(), { networkId: net.id, openedById: broker.id, iDeadline: new Date(Date.now() + DAY), weDeadline: new Date(Date.now() + 2 * DAY) });
    home = await memberHome(broker, net.slug);
    expect(home.broker?.firstSteps).toBeNull();
  });

  it("shows a funder the milestones they back, never reflections", async () => {
    const w = await buildWorld();
    const home = await memberHome(w.funder, w.net.slug);
    expect(home.backed).toEqual([
      expect.objectContaining({ id: w.due.id, title: "A second site", status: "planned", pledged: [{ amount: 50000n, currency: "EUR" }] }),
    ]);
    expect(home.broker).toBeNull();
    expect(home.steps.map((s) => s.kind)).not.toContain("reflect");
    expect(JSON.stringify(home, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(SECRET);
  });

  it("tells of new offers and requests by others, still open, as the viewer's role may read them", async () => {
    const w = await buildWorld();
    const post = (title: string, data: Record<string, unknown> = {}) =>
      dbSystem().exchangePost.create({
        data: { networkId: w.net.id, authorId: w.broker.id, direction: "offer", capital: "knowledge", title, expiresAt: new Date(w.now.getTime() + 30 * DAY), createdAt: new Date(w.now.getTime() - DAY), ...data },
      });
    await post("Coaching for pilots");
    await post("Room for twenty", { direction: "request", capital: "place", visibility: "network_and_funders" });
    await post("Before the last visit", { createdAt: new Date(w.lastVisit.getTime() - DAY) });
    await post("Already fulfilled", { status: "fulfilled" });
    await post("My own", { authorId: w.plain.id });
    const member = await memberHome(w.plain, w.net.slug);
    const posts = member.events.filter((e) => e.kind === "post");
    expect(posts.map((e) => [e.title, e.kind === "post" ? e.direction : null]).sort()).toEqual([
      ["Coaching for pilots", "offer"],
      ["Room for twenty", "request"],
    ]);
    // A funder reads only what is shown to funders (their last visit was a week ago too).
    await dbSystem().membership.updateMany({ where: { networkId: w.net.id, userId: w.funder.id }, data: { lastSeenAt: w.lastVisit } });
    const funder = await memberHome(w.funder, w.net.slug);
    expect(funder.events.filter((e) => e.kind === "post").map((e) => ("title" in e ? e.title : ""))).toEqual(["Room for twenty"]);
  });

  it("shows a visitor of a public network its journey, lessons and initiatives, and thread titles only when allowed", async () => {
    const w = await buildWorld();
    for (const person of [null, w.stranger]) {
      const home = (await homeOf(person, w.net.slug)) as VisitorHome;
      expect(home.kind).toBe("visitor");
      expect(home.journey.map((c) => c.title)).toEqual(["Spring cycle"]);
      expect(home.lessons.map((l) => l.excerpt)).toEqual(["We learned to ask first."]);
      expect(home.initiatives.map((i) => [i.name, i.milestones.map((m) => m.title)])).toEqual([
        ["Repair cafe", ["First repairs", "A second site", "Late tools"]],
      ]);
      expect(home.threadTitles).toBeNull();
      const text = JSON.stringify(home);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("Old thread");
      expect(text).not.toContain("50000");
    }
    await dbSystem().network.update({ where: { id: w.net.id }, data: { showPublicThreadTitles: true } });
    const home = (await homeOf(null, w.net.slug)) as VisitorHome;
    expect(home.threadTitles?.map((t) => t.title).sort()).toEqual(["Fresh thread", "Old thread"]);
  });

  it("shows a listed network's visitors its text only, and an outsider nothing of a private network", async () => {
    const w = await buildWorld();
    await dbSystem().network.update({ where: { id: w.net.id }, data: { visibility: "listed", showPublicThreadTitles: true } });
    expect(await homeOf(w.stranger, w.net.slug)).toEqual({ kind: "text" });
    expect(await homeOf(null, w.net.slug)).toEqual({ kind: "text" });
    await dbSystem().network.update({ where: { id: w.net.id }, data: { visibility: "private" } });
    expect(await homeOf(w.stranger, w.net.slug)).toBeNull();
    expect(await homeOf(null, w.net.slug)).toBeNull();
    expect((await homeOf(w.plain, w.net.slug))?.kind).toBe("member");
  });
});

describe("the visit", () => {
  it("is never written by the loader, and recorded by its action for members only", async () => {
    const w = await buildWorld();
    const seen = async () => (await dbSystem().membership.findFirstOrThrow({ where: { networkId: w.net.id, userId: w.plain.id } })).lastSeenAt;
    await memberHome(w.plain, w.net.slug);
    expect(await seen()).toEqual(w.lastVisit);

    const before = await memberHome(w.plain, w.net.slug);
    expect(before.since).toEqual(w.lastVisit);
    expect(before.events.length).toBeGreaterThan(0);

    signInAs(w.plain);
    expect(outcomeOf(await call(recordVisitAction, { slug: w.net.slug }))).toBe("ok");
    const after = await seen();
    expect(after!.getTime()).toBeGreaterThan(w.lastVisit.getTime());
    // A reload during the same visit (or a return from a thread) keeps the visit's window.
    const reload = await memberHome(w.plain, w.net.slug);
    expect(reload.since).toEqual(w.lastVisit);
    expect(reload.events).toEqual(before.events);
    expect(outcomeOf(await call(recordVisitAction, { slug: w.net.slug }))).toBe("ok");
    expect((await memberHome(w.plain, w.net.slug)).since).toEqual(w.lastVisit);

    // After a pause longer than a visit, the next visit starts where the last one ended.
    const later = new Date(after!.getTime() + (VISIT_GAP_MINUTES + 1) * 60_000);
    const next = (await homeOf(w.plain, w.net.slug, later)) as MemberHome;
    expect(next.since.getTime()).toBeGreaterThanOrEqual(after!.getTime());
    expect(next.events).toEqual([]);
    // The thread they follow still has a reply they have not read.
    expect(next.steps.map((s) => s.kind)).toEqual(["reflect", "followed"]);

    signInAs(w.stranger);
    expect(outcomeOf(await call(recordVisitAction, { slug: w.net.slug }))).toBe("forbidden");
    signInAs(null);
    expect(outcomeOf(await call(recordVisitAction, { slug: w.net.slug }))).toBe("unauthenticated");
  });
});

describe("the home's statement budget", () => {
  async function count(person: User | null, slug: string) {
    signInAs(person);
    const view = await viewNetwork(slug);
    const statements: string[] = [];
    const stop = onQuery((sql) => statements.push(sql));
    try {
      await loadNetworkHome(view!);
      return statements.length;
    } finally {
      stop();
    }
  }

  async function grow(w: World) {
    const db = dbSystem();
    const since = w.lastVisit.getTime();
    for (let i = 0; i < 40; i++) {
      const t = await makeThread(db, {
        networkId: w.net.id,
        authorId: w.broker.id,
        title: `Busy thread ${i}`,
        createdAt: new Date(since + HOUR * (i + 1)),
        replies: Array.from({ length: 5 }, (_, k) => ({ authorId: w.broker.id, body: `Reply ${k}`, createdAt: new Date(since + HOUR * (i + 1) + k * 1000) })),
      });
      await db.threadRead.create({ data: { networkId: w.net.id, threadId: t.id, userId: w.plain.id, lastReadAt: new Date(since) } });
    }
    for (let c = 0; c < 12; c++) {
      // Closed cycles (the open slot NULL, as closing leaves it).
      await db.cycle.create({
        data: {
          networkId: w.net.id,
          openedById: w.broker.id,
          title: `Past cycle ${c}`,
          question: "What did we learn?",
          iDeadline: new Date(since - (c + 2) * DAY),
          weDeadline: new Date(since - (c + 1) * DAY),
          createdAt: new Date(since - (c + 3) * DAY),
          closedAt: new Date(since + c * HOUR),
          openSlot: null,
        },
      });
    }
    for (let i = 0; i < 8; i++) {
      const initiative = await makeInitiative(db, { networkId: w.net.id, createdById: w.broker.id, name: `Initiative ${i}` });
      for (let p = 0; p < 8; p++) {
        const m = await makeMilestone(db, {
          networkId: w.net.id,
          initiativeId: initiative.id,
          position: p,
          amountNeeded: 100n,
          targetDate: new Date(Date.UTC(w.now.getUTCFullYear(), w.now.getUTCMonth(), w.now.getUTCDate() + p * 3 - 12)),
          status: p % 3 === 0 ? "reached" : "planned",
          closedAt: p % 3 === 0 ? new Date(since + p * HOUR) : null,
        });
        await makeMilestoneUpdate(db, { networkId: w.net.id, initiativeId: initiative.id, milestoneId: m.id, authorId: w.broker.id, kind: "lesson", body: `Lesson ${i}.${p}` });
        await makePledge(db, { networkId: w.net.id, milestoneId: m.id, funderId: w.funder.id, amount: 100n });
      }
    }
    await db.network.update({ where: { id: w.net.id }, data: { showPublicThreadTitles: true } });
  }

  it("costs the same few statements for small and large data, every list within its limit", async () => {
    const w = await buildWorld();
    await dbSystem().network.update({ where: { id: w.net.id }, data: { showPublicThreadTitles: true } });
    const people = { member: w.plain, broker: w.broker, funder: w.funder, visitor: null, outsider: w.stranger } as const;
    const small: Record<string, number> = {};
    for (const [name, person] of Object.entries(people)) small[name] = await count(person, w.net.slug);
    await grow(w);
    const large: Record<string, number> = {};
    for (const [name, person] of Object.entries(people)) large[name] = await count(person, w.net.slug);
    expect(large).toEqual(small);
    expect(small).toEqual({ member: 2, broker: 2, funder: 2, visitor: 1, outsider: 1 });

    const member = await memberHome(w.plain, w.net.slug);
    const kinds = (k: string) => member.events.filter((e) => e.kind === k).length;
    expect(kinds("thread")).toBe(LIMITS.newThreads);
    expect(kinds("replies")).toBe(LIMITS.replies);
    expect(kinds("milestone")).toBe(LIMITS.milestonesClosed);
    expect(kinds("lesson")).toBe(LIMITS.lessons);
    expect(member.steps.filter((s) => s.kind === "followed")).toHaveLength(LIMITS.followed);
    const broker = await memberHome(w.broker, w.net.slug);
    expect(broker.broker?.overdue.items).toHaveLength(LIMITS.overdue);
    expect(broker.broker?.overdue.total).toBeGreaterThan(LIMITS.overdue);
    const funder = await memberHome(w.funder, w.net.slug);
    expect(funder.backed).toHaveLength(LIMITS.backed);
    const visitor = (await homeOf(null, w.net.slug)) as VisitorHome;
    expect(visitor.journey).toHaveLength(LIMITS.journey);
    expect(visitor.initiatives).toHaveLength(LIMITS.initiatives);
    expect(visitor.initiatives.every((i) => i.milestones.length <= LIMITS.milestonesPerInitiative)).toBe(true);
    expect(visitor.threadTitles).toHaveLength(LIMITS.threadTitles);
  });
});
