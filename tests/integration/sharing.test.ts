import { describe, expect, it } from "vitest";
import { deleteAccountAction } from "@/lib/accounts/actions";
import { dbSystem } from "@/lib/db/client";
import { makeCycle, makeInitiative, makeMilestone, makeMilestoneUpdate, makeReflection } from "@/lib/db/factories";
import { onQuery } from "@/lib/db/query-log";
import { requireMember } from "@/lib/membership/scope";
import { answerProposalAction, proposeForCommonsAction, publishProposalAction, withdrawProposalAction } from "@/lib/sharing/actions";
import { authoredOnJourney, countConsentsWaiting, loadProposal, loadSharingPage, shareStates } from "@/lib/sharing/queries";
import { asUser, call, expectRefused, makeNetwork, member, snapshotDatabase, user, type User } from "./support";

let keys = 0;
const key = () => `share-key-${Date.now().toString(36)}-${(keys++).toString().padStart(6, "0")}`;

/** Network A as the proposal page reads it (from the request's viewNetwork). */
const NETWORK_A = { name: "Sociale InnovatieFabriek", slug: "net-a", locale: "nl" as const };

/** Network A's id: every read of a tenant table names its network, in tests too (the tenant guard). */
let A = "";

const LESSON = [
  "Jan van der Berg (jan.vdberg@example.nl, 06-12345678) ran the pilot with Anna de Vries (06 8765 4321).",
  "Later van der Berg wrote to anna@devries.example; ask @Anna de Vries or call +31 6 11122233.",
  "The Sociale InnovatieFabriek learned that the municipality needs a year.",
].join("\n\n");

async function buildWorld() {
  const broker = await user("Bea Broker");
  const broker2 = await user("Second broker");
  const funder = await user("Funder");
  const jan = await user("Jan van der Berg");
  const anna = await user("Anna de Vries");
  const kees = await user("Kees");
  const outsider = await user("Outsider");
  const otherBroker = await user("Other broker");
  const a = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "net-a", name: "Sociale InnovatieFabriek", locale: "nl" });
  const b = await makeNetwork(dbSystem(), { brokerId: otherBroker.id, slug: "net-b", name: "Network B" });
  await dbSystem().network.update({ where: { id: a.id }, data: { region: "Vlaanderen" } });
  await member(a, broker2, "broker");
  await member(a, funder, "funder");
  await member(a, jan);
  await member(a, anna);
  await member(a, kees);
  A = a.id;
  const initiative = await makeInitiative(dbSystem(), { networkId: a.id, createdById: jan.id, name: "Buurtzorg-lab", team: [jan.id, anna.id] });
  const milestone = await makeMilestone(dbSystem(), {
    networkId: a.id,
    initiativeId: initiative.id,
    position: 0,
    title: "Pilot met de gemeente",
    unlocks: "Een tweede wijk",
    amountNeeded: 100_000n,
    status: "learned",
    closingNote: "De gemeente had meer tijd nodig. Bel Jan: 0612345678.",
    closedAt: new Date(),
    stage: "pilot",
  });
  const open = await makeMilestone(dbSystem(), { networkId: a.id, initiativeId: initiative.id, position: 1, title: "Opschalen", amountNeeded: 1n, status: "active" });
  const lesson = await makeMilestoneUpdate(dbSystem(), {
    networkId: a.id,
    initiativeId: initiative.id,
    milestoneId: milestone.id,
    authorId: jan.id,
    kind: "lesson",
    body: LESSON,
    area: "means",
  });
  const progress = await makeMilestoneUpdate(dbSystem(), { networkId: a.id, initiativeId: initiative.id, milestoneId: milestone.id, authorId: jan.id, kind: "progress", body: "Half way" });
  // A closed cycle with a synthesis and a consent round Jan and Anna answered; a reflection of Jan's.
  const now = Date.now();
  const cycle = await makeCycle(dbSystem(), {
    networkId: a.id,
    openedById: broker.id,
    title: "Wat leerden we van de wijk?",
    question: "Wat werkt in de wijk?",
    iDeadline: new Date(now - 10 * 86_400_000),
    weDeadline: new Date(now - 5 * 86_400_000),
  });
  await dbSystem().synthesisRevision.create({ data: { networkId: a.id, cycleId: cycle.id, number: 1, body: "Eerste versie", authorId: anna.id } });
  await dbSystem().synthesisRevision.create({ data: { networkId: a.id, cycleId: cycle.id, number: 2, body: "Samen met Jan: **vertrouwen** eerst.", authorId: anna.id } });
  const round = await dbSystem().consentRound.create({ data: { networkId: a.id, cycleId: cycle.id, revisionNumber: 2, calledById: broker.id } });
  await dbSystem().consentAnswer.createMany({
    data: [
      { networkId: a.id, roundId: round.id, userId: jan.id, answer: "agree" },
      { networkId: a.id, roundId: round.id, userId: anna.id, answer: "agree" },
    ],
  });
  await dbSystem().cycle.update({ where: { id: cycle.id, networkId: a.id }, data: { closedAt: new Date(), openSlot: null } });
  const reflection = await makeReflection(dbSystem(), { networkId: a.id, cycleId: cycle.id, authorId: jan.id, body: "Mijn persoonlijke twijfel", submittedAt: new Date() });
  // Network B's own lesson.
  const bInitiative = await makeInitiative(dbSystem(), { networkId: b.id, createdById: otherBroker.id, team: [otherBroker.id] });
  const bMilestone = await makeMilestone(dbSystem(), { networkId: b.id, initiativeId: bInitiative.id, position: 0, amountNeeded: 1n });
  const bLesson = await makeMilestoneUpdate(dbSystem(), { networkId: b.id, initiativeId: bInitiative.id, milestoneId: bMilestone.id, authorId: otherBroker.id, kind: "lesson", body: "B's lesson" });
  return { a, b, broker, broker2, funder, jan, anna, kees, outsider, otherBroker, milestone, open, lesson, progress, cycle, reflection, bLesson };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

async function propose(person: User | null, kind: string, sourceId: string, idempotencyKey = key(), slug = "net-a") {
  return asUser(person, () => call(proposeForCommonsAction, { slug, kind, sourceId, idempotencyKey }));
}

async function proposed(person: User, kind: string, sourceId: string): Promise<string> {
  const result = await propose(person, kind, sourceId);
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  const id = result.redirect?.split("/").at(-1);
  expect(id).toBeTruthy();
  return id!;
}

async function answer(person: User | null, proposalId: string, fields: Record<string, string> = {}) {
  return asUser(person, () => call(answerProposalAction, { slug: "net-a", proposalId, choice: "agree", attribution: "anonymous", licence: "cc_by_4_0", ...fields }));
}

async function publish(person: User | null, proposalId: string, slug = "net-a") {
  return asUser(person, () => call(publishProposalAction, { slug, proposalId }));
}

async function withdraw(person: User | null, proposalId: string, slug = "net-a") {
  return asUser(person, () => call(withdrawProposalAction, { slug, proposalId }));
}

async function proposal(id: string) {
  return dbSystem().commonsProposal.findFirstOrThrow({ where: { networkId: A, id }, include: { consents: true } });
}

async function notificationsOf(person: User) {
  return dbSystem().notification.findMany({ where: { networkId: A, userId: person.id }, select: { kind: true, commonsProposalId: true }, orderBy: { createdAt: "asc" } });
}

async function auditActions() {
  const rows = await dbSystem().auditEntry.findMany({ where: { networkId: A, action: { startsWith: "commons." } }, orderBy: { createdAt: "asc" }, select: { action: true } });
  return rows.map((r) => r.action);
}

/** A lesson proposed by the broker and agreed by Jan in `attribution`, published; returns the proposal and item ids. */
async function publishedLesson(w: World, attribution = "anonymous", licence = "cc_by_4_0") {
  const id = await proposed(w.broker, "lesson", w.lesson.id);
  expect(await answer(w.jan, id, { attribution, licence })).toMatchObject({ ok: true, data: { status: "ready" } });
  const result = await publish(w.broker, id);
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  return { proposalId: id, itemId: (result as { data: { itemId: string } }).data.itemId };
}

describe("proposing", () => {
  it("snapshots a lesson, asks its author, tells them and audits it", async () => {
    const w = await buildWorld();
    const id = await proposed(w.broker, "lesson", w.lesson.id);
    const p = await proposal(id);
    expect(p).toMatchObject({ kind: "lesson", sourceId: w.lesson.id, status: "asking", activeSlot: true, title: "Pilot met de gemeente", body: LESSON, proposedById: w.broker.id });
    expect(p.consents.map((c) => c.userId)).toEqual([w.jan.id]);
    expect(await notificationsOf(w.jan)).toEqual([{ kind: "commons_consent_asked", commonsProposalId: id }]);
    expect(await auditActions()).toEqual(["commons.proposed"]);
    expect(await asUser(w.jan, async () => countConsentsWaiting(await requireMember("net-a")))).toBe(1);
  });

  it("asks the initiative's team for a milestone outcome, the round's answerers for a synthesis, the broker for a support entry", async () => {
    const w = await buildWorld();
    const m = await proposal(await proposed(w.broker, "milestone_outcome", w.milestone.id));
    expect(m.consents.map((c) => c.userId).sort()).toEqual([w.jan.id, w.anna.id].sort());
    expect(m.body).toContain("Geëindigd als geleerd");
    expect(m.body).toContain("De gemeente had meer tijd nodig");
    const s = await proposal(await proposed(w.broker, "synthesis", w.cycle.id));
    expect(s.consents.map((c) => c.userId).sort()).toEqual([w.jan.id, w.anna.id].sort());
    expect(s.body).toContain("Samen met Jan: **vertrouwen** eerst.");
    expect(s.body).not.toContain("Eerste versie");
    const entry = await dbSystem().supportEntry.create({ data: { networkId: A, provider: "Provincie", name: "Fonds", kinds: ["grant"], stages: ["pilot"], status: "listed" } });
    const e = await proposal(await proposed(w.broker, "support_entry", entry.id));
    expect(e.consents.map((c) => c.userId)).toEqual([w.broker.id]);
  });

  it("lets an author propose their own lesson, and refuses a member's proposal of someone else's", async () => {
    const w = await buildWorld();
    expectRefused(await propose(w.kees, "lesson", w.lesson.id), "forbidden");
    expectRefused(await propose(w.anna, "lesson", w.lesson.id), "forbidden");
    // Anna is on the team: she may propose the milestone's outcome; Kees is not.
    expectRefused(await propose(w.kees, "milestone_outcome", w.milestone.id), "forbidden");
    expect(await propose(w.anna, "milestone_outcome", w.milestone.id)).toMatchObject({ ok: true });
    expect(await propose(w.jan, "lesson", w.lesson.id)).toMatchObject({ ok: true });
  });

  it("offers a synthesis's share button on the journey to those who answered its consent, as the server lets them propose it", async () => {
    const w = await buildWorld();
    const authored = (person: User) => asUser(person, async () => authoredOnJourney(await requireMember("net-a"), [w.cycle.id], []));
    expect(await authored(w.jan)).toEqual(new Set([w.cycle.id]));
    expect(await authored(w.kees)).toEqual(new Set());
    expectRefused(await propose(w.kees, "synthesis", w.cycle.id), "forbidden");
    expect(await propose(w.anna, "synthesis", w.cycle.id)).toMatchObject({ ok: true });
  });

  it("shares the lesson of a fulfilled offer or request, from the lessons log, asking its author", async () => {
    const w = await buildWorld();
    const post = (status: "fulfilled" | "open", lesson: string) =>
      dbSystem().exchangePost.create({
        data: { networkId: A, authorId: w.jan.id, direction: "request", capital: "time", title: `Handen voor de moestuin (${status})`, status, lesson, closedAt: status === "fulfilled" ? new Date() : null, expiresAt: new Date(Date.now() + 30 * 86_400_000) },
        select: { id: true },
      });
    const fulfilled = await post("fulfilled", "Vraag **vroeg** om hulp.");
    const running = await post("open", "");
    // A member who did not write it may not propose it; its author may, and is asked.
    expectRefused(await propose(w.kees, "lesson", fulfilled.id), "forbidden");
    const p = await proposal(await proposed(w.jan, "lesson", fulfilled.id));
    expect(p.consents.map((c) => c.userId)).toEqual([w.jan.id]);
    expect(p.title).toBe("Handen voor de moestuin (fulfilled)");
    expect(p.body).toBe("Vraag **vroeg** om hulp.");
    // A post still running has no lesson to share.
    expectRefused(await propose(w.broker, "lesson", running.id), "not_found");
  });

  it("refuses visitors, outsiders, funders and another network's broker, and changes nothing", async () => {
    const w = await buildWorld();
    const before = await snapshotDatabase({ counters: false });
    expectRefused(await propose(null, "lesson", w.lesson.id), "unauthenticated");
    expectRefused(await propose(w.outsider, "lesson", w.lesson.id), "forbidden");
    expectRefused(await propose(w.funder, "lesson", w.lesson.id), "forbidden");
    expectRefused(await propose(w.otherBroker, "lesson", w.lesson.id), "forbidden");
    // Network B's broker under B's slug: A's lesson is not B's.
    expectRefused(await propose(w.otherBroker, "lesson", w.lesson.id, key(), "net-b"), "not_found");
    // A's broker cannot propose B's lesson under A's slug.
    expectRefused(await propose(w.broker, "lesson", w.bLesson.id), "not_found");
    expect(await snapshotDatabase({ counters: false })).toBe(before);
  });

  it("never accepts a personal reflection, whatever kind it is sent as", async () => {
    const w = await buildWorld();
    const before = await snapshotDatabase({ counters: false });
    expect(await propose(w.broker, "reflection", w.reflection.id)).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { kind: ["invalid_choice"] } });
    for (const kind of ["lesson", "synthesis", "milestone_outcome", "harvest", "support_entry"]) {
      expectRefused(await propose(w.broker, kind, w.reflection.id), "not_found");
      expectRefused(await propose(w.jan, kind, w.reflection.id), kind === "support_entry" ? "not_found" : "not_found");
    }
    expect(await snapshotDatabase({ counters: false })).toBe(before);
  });

  it("refuses a hidden lesson, a progress update, a milestone under way and an open cycle", async () => {
    const w = await buildWorld();
    expectRefused(await propose(w.broker, "lesson", w.progress.id), "not_found");
    expectRefused(await propose(w.broker, "milestone_outcome", w.open.id), "commons_not_shareable");
    await dbSystem().milestoneUpdate.update({ where: { id: w.lesson.id, networkId: A }, data: { hiddenAt: new Date(), hiddenReason: "names a minor" } });
    expectRefused(await propose(w.broker, "lesson", w.lesson.id), "commons_not_shareable");
    await dbSystem().cycle.update({ where: { id: w.cycle.id, networkId: A }, data: { closedAt: null, openSlot: true } });
    expectRefused(await propose(w.broker, "synthesis", w.cycle.id), "commons_not_shareable");
  });

  it("makes one proposal of a double submit, and refuses proposing a record already proposed", async () => {
    const w = await buildWorld();
    const same = key();
    const [one, two] = await Promise.all([propose(w.broker, "lesson", w.lesson.id, same), propose(w.broker, "lesson", w.lesson.id, same)]);
    expect(one).toMatchObject({ ok: true });
    expect(two).toMatchObject({ ok: true, redirect: one.redirect });
    expect(await dbSystem().commonsProposal.count({ where: { networkId: A } })).toBe(1);
    expectRefused(await propose(w.broker2, "lesson", w.lesson.id), "commons_already_shared");
    expectRefused(await propose(w.jan, "lesson", w.lesson.id), "commons_already_shared");
  });
});

describe("consent", () => {
  it("refuses an answer from someone not asked, and a second answer", async () => {
    const w = await buildWorld();
    const id = await proposed(w.broker, "lesson", w.lesson.id);
    expectRefused(await answer(w.anna, id), "commons_not_asked");
    expectRefused(await answer(w.broker, id), "commons_not_asked");
    expectRefused(await answer(w.funder, id), "forbidden");
    expectRefused(await answer(w.outsider, id), "forbidden");
    expectRefused(await asUser(w.otherBroker, () => call(answerProposalAction, { slug: "net-b", proposalId: id, choice: "agree" })), "not_found");
    expect(await answer(w.jan, id)).toMatchObject({ ok: true, data: { status: "ready" } });
    expectRefused(await answer(w.jan, id, { choice: "object", note: "changed my mind" }), "commons_closed");
  });

  it("asks a reason with an objection", async () => {
    const w = await buildWorld();
    const id = await proposed(w.broker, "lesson", w.lesson.id);
    expect(await answer(w.jan, id, { choice: "object", note: "" })).toMatchObject({ ok: false, fieldErrors: { note: ["objection_reason_required"] } });
  });

  it("blocks a synthesis on one objection: not published, the proposer and brokers told", async () => {
    const w = await buildWorld();
    const id = await proposed(w.broker, "synthesis", w.cycle.id);
    expect(await answer(w.jan, id)).toMatchObject({ ok: true, data: { status: "asking" } });
    expectRefused(await publish(w.broker, id), "commons_not_ready");
    expect(await answer(w.anna, id, { choice: "object", note: "Te herkenbaar voor de wijk" })).toMatchObject({ ok: true, data: { status: "blocked" } });
    expect(await proposal(id)).toMatchObject({ status: "blocked", activeSlot: null });
    expectRefused(await publish(w.broker, id), "commons_closed");
    expect(await dbSystem().commonsItem.count()).toBe(0);
    expect((await notificationsOf(w.broker)).map((n) => n.kind)).toEqual(["commons_blocked"]);
    expect((await notificationsOf(w.broker2)).map((n) => n.kind)).toEqual(["commons_blocked"]);
    expect(await auditActions()).toEqual(["commons.proposed", "commons.agreed", "commons.objected"]);
    // Blocked ends it: the cycle can be proposed again, with new consent.
    expect(await propose(w.broker, "synthesis", w.cycle.id)).toMatchObject({ ok: true });
  });

  it("publishes a synthesis everyone agreed to, with the most protective attribution and licence", async () => {
    const w = await buildWorld();
    const id = await proposed(w.broker, "synthesis", w.cycle.id);
    await answer(w.jan, id, { attribution: "names", licence: "cc0_1_0" });
    expect(await answer(w.anna, id, { attribution: "network", licence: "cc_by_sa_4_0" })).toMatchObject({ ok: true, data: { status: "ready" } });
    expect(await proposal(id)).toMatchObject({ status: "ready", attribution: "network", licence: "cc_by_sa_4_0" });
    expect((await notificationsOf(w.broker2)).map((n) => n.kind)).toEqual(["commons_ready"]);
    expect(await notificationsOf(w.jan)).toEqual([{ kind: "commons_consent_asked", commonsProposalId: id }]);
    // Only a broker publishes.
    expectRefused(await publish(w.jan, id), "forbidden");
    expectRefused(await publish(w.funder, id), "forbidden");
    expectRefused(await publish(w.otherBroker, id), "forbidden");
    expectRefused(await publish(w.otherBroker, id, "net-b"), "not_found");
    const result = await publish(w.broker, id);
    expect(result).toMatchObject({ ok: true });
    const item = await dbSystem().commonsItem.findFirstOrThrow({ where: { proposalId: id } });
    expect(item).toMatchObject({ kind: "synthesis", attribution: "network", licence: "cc_by_sa_4_0", sourceName: "Sociale InnovatieFabriek", region: "Vlaanderen", language: "nl", authorNames: [] });
    expect(item.body).not.toContain("Jan");
    expect(item.bodyHtml).toContain("<strong>vertrouwen</strong>");
    expect(await proposal(id)).toMatchObject({ status: "published", publishedById: w.broker.id });
    for (const p of [w.jan, w.anna]) expect((await notificationsOf(p)).map((n) => n.kind)).toContain("commons_published");
    expectRefused(await publish(w.broker, id), "commons_closed");
  });

  it("names the people only when everyone agreed to be named", async () => {
    const w = await buildWorld();
    const { itemId } = await publishedLesson(w, "names");
    const item = await dbSystem().commonsItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(item).toMatchObject({ attribution: "names", authorNames: ["Jan van der Berg"], sourceName: "Sociale InnovatieFabriek" });
    expect(item.body).toBe(LESSON);
  });
});

describe("anonymising and the snapshot", () => {
  it("removes member names (Jan van der Berg too), email addresses and Dutch mobile numbers in the anonymous mode", async () => {
    const w = await buildWorld();
    const { itemId } = await publishedLesson(w, "anonymous", "cc0_1_0");
    const item = await dbSystem().commonsItem.findUniqueOrThrow({ where: { id: itemId } });
    const text = `${item.title}\n${item.body}\n${item.bodyHtml}`;
    for (const gone of ["Jan", "van der Berg", "Berg", "Anna", "Vries", "@", "06-12345678", "06 8765 4321", "+31 6", "Sociale InnovatieFabriek"]) {
      expect(text, gone).not.toContain(gone);
    }
    expect(item.body).toContain("\\[naam\\]");
    expect(item.body).toContain("\\[telefoon\\]");
    expect(item.body).toContain("learned that the municipality needs a year");
    expect(item).toMatchObject({ attribution: "anonymous", licence: "cc0_1_0", sourceName: "", region: "Vlaanderen", authorNames: [], area: "means", stage: "pilot" });
  });

  it("shows a text without the network's name once for both anonymous modes, anonymised", async () => {
    const w = await buildWorld();
    const outcome = await proposed(w.broker, "milestone_outcome", w.milestone.id);
    const same = await asUser(w.jan, async () => loadProposal(await requireMember("net-a"), outcome, NETWORK_A));
    expect(same?.html).toContain("Bel Jan: 0612345678.");
    expect(same?.previews.map((p) => p.modes)).toEqual([["network", "anonymous"]]);
    expect(same?.previews[0]?.html).toContain("Bel [naam]: [telefoon].");
  });

  it("shows the people asked the text before and after, and only to them and brokers", async () => {
    const w = await buildWorld();
    const id = await proposed(w.broker, "lesson", w.lesson.id);
    const detail = await asUser(w.jan, async () => loadProposal(await requireMember("net-a"), id, NETWORK_A));
    expect(detail?.html).toContain("Jan van der Berg");
    const [network, anonymous] = detail?.previews ?? [];
    expect(network?.modes).toEqual(["network"]);
    expect(anonymous?.modes).toEqual(["anonymous"]);
    expect(anonymous?.html).not.toContain("Jan");
    expect(anonymous?.html).not.toContain("InnovatieFabriek");
    expect(network?.html).not.toContain("Jan");
    expect(network?.html).toContain("Sociale InnovatieFabriek");
    expect(detail?.may).toEqual({ answer: true, publish: false, withdraw: true });
    expect(await asUser(w.kees, async () => loadProposal(await requireMember("net-a"), id, NETWORK_A))).toBeNull();
    expect(await asUser(w.kees, async () => (await loadSharingPage(await requireMember("net-a"))).proposals)).toEqual([]);
    const brokerPage = await asUser(w.broker2, async () => loadSharingPage(await requireMember("net-a")));
    expect(brokerPage.proposals.map((p) => [p.id, p.status, p.asked, p.agreed])).toEqual([[id, "asking", 1, 0]]);
    const janPage = await asUser(w.jan, async () => loadSharingPage(await requireMember("net-a")));
    expect(janPage.proposals[0]?.waitsForMe).toBe(true);
  });

  it("reads the sharing page and a proposal in a fixed number of statements, whatever the number of proposals", async () => {
    const w = await buildWorld();
    const id = await proposed(w.broker, "lesson", w.lesson.id);
    await proposed(w.broker, "milestone_outcome", w.milestone.id);
    await proposed(w.broker, "synthesis", w.cycle.id);
    const count = async (read: () => Promise<unknown>) => {
      const statements: string[] = [];
      const stop = onQuery((sql) => statements.push(sql));
      try {
        await read();
      } finally {
        stop();
      }
      return statements.length;
    };
    await asUser(w.broker, async () => {
      const scope = await requireMember("net-a");
      expect(await count(() => loadSharingPage(scope))).toBeLessThanOrEqual(3);
      expect(await count(() => loadProposal(scope, id, NETWORK_A))).toBeLessThanOrEqual(3);
    });
  });

  it("keeps the copy as published when the source changes later", async () => {
    const w = await buildWorld();
    const { itemId } = await publishedLesson(w, "network");
    const before = await dbSystem().commonsItem.findUniqueOrThrow({ where: { id: itemId } });
    await dbSystem().milestoneUpdate.update({ where: { id: w.lesson.id, networkId: A }, data: { body: "Rewritten: a secret plan" } });
    await dbSystem().milestone.update({ where: { id: w.milestone.id, networkId: A }, data: { title: "Renamed" } });
    const after = await dbSystem().commonsItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(after.title).toBe(before.title);
    expect(after.body).toBe(before.body);
    expect(after.body).not.toContain("secret");
  });
});

describe("a deleted account", () => {
  it("cancels what asks the person, drops their answers, and takes their name off a copy", async () => {
    const w = await buildWorld();
    const { proposalId, itemId } = await publishedLesson(w, "names");
    const open = await proposed(w.broker, "milestone_outcome", w.milestone.id);
    await answer(w.anna, open, { choice: "object", note: "Nog niet" }).then((r) => expect(r).toMatchObject({ ok: true }));
    const asking = await proposed(w.broker, "synthesis", w.cycle.id);
    expect(await asUser(w.jan, () => call(deleteAccountAction, { confirmEmail: w.jan.email }))).toMatchObject({ ok: true });
    expect(await proposal(asking)).toMatchObject({ status: "cancelled", activeSlot: null });
    expect((await proposal(asking)).consents.map((c) => c.userId)).toEqual([w.anna.id]);
    expect(await proposal(open)).toMatchObject({ status: "blocked" });
    expect((await proposal(proposalId)).consents).toEqual([]);
    expect(await dbSystem().commonsItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ authorNames: [], withdrawnAt: null });
  });
});

describe("withdrawal and cancelling", () => {
  it("empties the copy when its author withdraws it, tells the others, and frees the record", async () => {
    const w = await buildWorld();
    const { proposalId, itemId } = await publishedLesson(w);
    // The trigger that keeps the commons' patterns and regions ran in the publication's transaction (decision 052).
    const regions = () => dbSystem().$queryRaw<{ region: string }[]>`SELECT region FROM "CommonsRegion"`;
    expect(await regions()).toEqual([{ region: "Vlaanderen" }]);
    expectRefused(await withdraw(w.outsider, proposalId), "forbidden");
    expectRefused(await withdraw(w.kees, proposalId), "forbidden");
    expectRefused(await withdraw(w.funder, proposalId), "forbidden");
    expectRefused(await withdraw(w.otherBroker, proposalId, "net-b"), "not_found");
    expectRefused(await withdraw(null, proposalId), "unauthenticated");
    expect(await withdraw(w.jan, proposalId)).toMatchObject({ ok: true, data: { status: "withdrawn" } });
    const item = await dbSystem().commonsItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(item).toMatchObject({ id: itemId, kind: "lesson", title: "", body: "", bodyHtml: "", sourceName: "", region: "", authorNames: [], area: null, stage: null, outcome: null });
    expect(item.withdrawnAt).not.toBeNull();
    expect(await regions()).toEqual([]);
    expect(await proposal(proposalId)).toMatchObject({ status: "withdrawn", activeSlot: null, withdrawnById: w.jan.id });
    expect((await notificationsOf(w.broker)).map((n) => n.kind)).toContain("commons_withdrawn");
    expect(await auditActions()).toEqual(["commons.proposed", "commons.agreed", "commons.published", "commons.withdrawn"]);
    expectRefused(await withdraw(w.broker, proposalId), "commons_closed");
    expect(await asUser(w.broker, async () => (await shareStates(await requireMember("net-a"), "lesson", [w.lesson.id])).size)).toBe(0);
    expect(await propose(w.broker, "lesson", w.lesson.id)).toMatchObject({ ok: true });
  });

  it("lets a broker withdraw any published item of the network", async () => {
    const w = await buildWorld();
    const { proposalId } = await publishedLesson(w);
    expect(await withdraw(w.broker2, proposalId)).toMatchObject({ ok: true, data: { status: "withdrawn" } });
  });

  it("lets the proposer or a broker cancel before publication, and nobody else", async () => {
    const w = await buildWorld();
    const id = await proposed(w.anna, "milestone_outcome", w.milestone.id);
    expectRefused(await withdraw(w.kees, id), "forbidden");
    expect(await withdraw(w.anna, id)).toMatchObject({ ok: true, data: { status: "cancelled" } });
    expect(await proposal(id)).toMatchObject({ status: "cancelled", activeSlot: null });
    expectRefused(await answer(w.jan, id), "commons_closed");
    expect(await dbSystem().commonsItem.count()).toBe(0);
    const again = await proposed(w.broker, "milestone_outcome", w.milestone.id);
    expect(await withdraw(w.broker2, again)).toMatchObject({ ok: true, data: { status: "cancelled" } });
  });
});
