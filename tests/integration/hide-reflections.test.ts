import { describe, expect, it } from "vitest";
import { hideReflectionAction, restoreReflectionAction, saveReflectionAction } from "@/lib/cycles/actions";
import { findJourneyConcern, listJourney, loadCyclePage } from "@/lib/cycles/queries";
import { dbSystem } from "@/lib/db/client";
import { requireMember } from "@/lib/membership/scope";
import { answerConsentAction, hideConsentAnswerAction, restoreConsentAnswerAction } from "@/lib/synthesis/actions";
import { findConsentRound } from "@/lib/synthesis/queries";
import { asUser, call, makeNetwork, member, signInAs, snapshotDatabase, user, type User } from "./support";

/**
 * Issue 15, item 3: brokers hide or remove any text a member wrote. A broker hides a member's
 * shared reflection with a reason (audited) and restores it; others, the broker too, then see
 * the notice instead of the text, its author their text with the notice. The same for the text of
 * a consent answer (a concern, an objection).
 */

const DAY = 86_400_000;

async function buildWorld() {
  const broker = await user("Broker");
  const author = await user("Author");
  const plain = await user("Member");
  const funder = await user("Funder");
  const outsider = await user("Outsider");
  const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "net-a", name: "Network A" });
  await member(net, author);
  await member(net, plain);
  await member(net, funder, "funder");
  const cycle = await dbSystem().cycle.create({
    data: {
      networkId: net.id,
      title: "Spring round",
      question: "Is this the real question?",
      iDeadline: new Date(Date.now() + 7 * DAY),
      weDeadline: new Date(Date.now() + 14 * DAY),
      openedById: broker.id,
    },
    select: { id: true },
  });
  const reflect = async (person: User, body: string, isPrivate: boolean) => {
    signInAs(person);
    const saved = await call(saveReflectionAction, {
      slug: "net-a",
      cycleId: cycle.id,
      body,
      area: "means",
      intent: "submit",
      version: "",
      ...(isPrivate ? { private: "on" } : {}),
    });
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    return dbSystem().reflection.findFirstOrThrow({ where: { networkId: net.id, authorId: person.id }, select: { id: true, updatedAt: true } });
  };
  const shared = await reflect(author, "Our street *names* a neighbour.", false);
  const other = await reflect(plain, "I see it so.", false);
  const onlyForMe = await reflect(broker, "Only for me.", true);
  signInAs(null);
  // The WE phase: everyone who reflects sees the others' shared reflections.
  await dbSystem().cycle.update({ where: { id: cycle.id, networkId: net.id }, data: { advancedToWeAt: new Date() } });
  return { net, broker, author, plain, funder, outsider, cycleId: cycle.id, shared, other, onlyForMe };
}

const scopeOf = (person: User) => asUser(person, () => requireMember("net-a"));

async function pageOf(person: User) {
  return (await loadCyclePage(await scopeOf(person)))!;
}

async function othersOf(person: User) {
  return (await pageOf(person)).reflections!.visible.reflections;
}

describe("hiding reflections", () => {
  it("lets brokers hide and restore a shared reflection: others see the notice, its author the text with it", async () => {
    const w = await buildWorld();
    const text = "<p>Our street <em>names</em> a neighbour.</p>";
    expect((await othersOf(w.plain)).find((r) => r.id === w.shared.id)).toMatchObject({ hidden: false, html: text });

    // Only brokers may hide: its author, a member, a funder and an outsider may not.
    for (const person of [w.author, w.plain, w.funder, w.outsider]) {
      signInAs(person);
      const before = await snapshotDatabase();
      expect(await call(hideReflectionAction, { slug: "net-a", reflectionId: w.shared.id, reason: "No." })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await call(restoreReflectionAction, { slug: "net-a", reflectionId: w.shared.id })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await snapshotDatabase()).toBe(before);
    }

    signInAs(w.broker);
    // An "only for me" reflection is nobody else's to see, so not a broker's to hide.
    expect(await call(hideReflectionAction, { slug: "net-a", reflectionId: w.onlyForMe.id, reason: "No." })).toMatchObject({ ok: false, code: "not_found" });
    // A reason is needed.
    expect(await call(hideReflectionAction, { slug: "net-a", reflectionId: w.shared.id, reason: " " })).toMatchObject({ ok: false });
    expect(await call(hideReflectionAction, { slug: "net-a", reflectionId: w.shared.id, reason: "Names a neighbour" })).toEqual({ ok: true, data: null });
    // Again: nothing changes, the first reason stays.
    expect(await call(hideReflectionAction, { slug: "net-a", reflectionId: w.shared.id, reason: "Other" })).toEqual({ ok: true, data: null });

    // Others, the broker too, see the notice and its reason, never the text.
    for (const person of [w.plain, w.broker]) {
      const shown = (await othersOf(person)).find((r) => r.id === w.shared.id);
      expect(shown).toMatchObject({ hidden: true, hiddenReason: "Names a neighbour", html: "", body: "" });
      expect(JSON.stringify(await pageOf(person))).not.toContain("neighbour.");
    }
    // The other reflection is untouched.
    expect((await othersOf(w.broker)).find((r) => r.id === w.other.id)).toMatchObject({ hidden: false, html: "<p>I see it so.</p>" });
    // Funders never see reflections.
    expect((await pageOf(w.funder)).reflections).toBeNull();

    // Its author still sees their text, with the notice; their version is unchanged, so their form still saves.
    const own = (await pageOf(w.author)).reflections!.own;
    expect(own).toMatchObject({ id: w.shared.id, hidden: true, hiddenReason: "Names a neighbour", html: text });
    expect(own!.updatedAt.getTime()).toBe(w.shared.updatedAt.getTime());
    // Its author reads it there only: it is never among the others their page shows them.
    expect((await othersOf(w.author)).map((r) => r.id)).not.toContain(w.shared.id);

    signInAs(w.broker);
    expect(await call(restoreReflectionAction, { slug: "net-a", reflectionId: w.shared.id })).toEqual({ ok: true, data: null });
    // Again: nothing changes.
    expect(await call(restoreReflectionAction, { slug: "net-a", reflectionId: w.shared.id })).toEqual({ ok: true, data: null });
    expect((await othersOf(w.plain)).find((r) => r.id === w.shared.id)).toMatchObject({ hidden: false, hiddenReason: "", html: text });
    expect((await pageOf(w.author)).reflections!.own).toMatchObject({ hidden: false, html: text });

    const audit = await dbSystem().auditEntry.findMany({
      where: { networkId: w.net.id, action: { startsWith: "reflection." } },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true, subjectUserId: true, detail: true },
    });
    expect(audit).toMatchObject([
      { action: "reflection.hidden", actorId: w.broker.id, subjectUserId: w.author.id, detail: { reflectionId: w.shared.id, title: "Spring round", reason: "Names a neighbour" } },
      { action: "reflection.restored", actorId: w.broker.id, subjectUserId: w.author.id, detail: { reflectionId: w.shared.id, title: "Spring round", reason: "Names a neighbour" } },
    ]);
  });

  it("refuses a broker of another network", async () => {
    const w = await buildWorld();
    const otherBroker = await user("Other broker");
    await makeNetwork(dbSystem(), { brokerId: otherBroker.id, slug: "net-b", name: "Network B" });
    signInAs(otherBroker);
    const before = await snapshotDatabase();
    // In the network's own name: not theirs. In their own network's name: no such reflection there.
    expect(await call(hideReflectionAction, { slug: "net-a", reflectionId: w.shared.id, reason: "No." })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await call(hideReflectionAction, { slug: "net-b", reflectionId: w.shared.id, reason: "No." })).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshotDatabase()).toBe(before);
  });

  it("lets brokers hide and restore the text of a consent answer, on the cycle page and in the journey", async () => {
    const w = await buildWorld();
    await dbSystem().synthesisRevision.create({ data: { networkId: w.net.id, cycleId: w.cycleId, number: 1, body: "## We", authorId: w.plain.id } });
    const round = await dbSystem().consentRound.create({ data: { networkId: w.net.id, cycleId: w.cycleId, revisionNumber: 1 }, select: { id: true } });
    signInAs(w.author);
    const answered = await call(answerConsentAction, { slug: "net-a", cycleId: w.cycleId, roundId: round.id, answer: "concern", text: "Neighbour X is to blame." });
    expect(answered.ok, JSON.stringify(answered)).toBe(true);
    const answer = await dbSystem().consentAnswer.findFirstOrThrow({ where: { networkId: w.net.id, roundId: round.id }, select: { id: true } });

    for (const person of [w.author, w.plain, w.funder, w.outsider]) {
      signInAs(person);
      const before = await snapshotDatabase();
      expect(await call(hideConsentAnswerAction, { slug: "net-a", answerId: answer.id, reason: "No." })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await call(restoreConsentAnswerAction, { slug: "net-a", answerId: answer.id })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await snapshotDatabase()).toBe(before);
    }
    signInAs(w.broker);
    expect(await call(hideConsentAnswerAction, { slug: "net-a", answerId: answer.id, reason: "Names a neighbour" })).toEqual({ ok: true, data: null });
    expect(await call(hideConsentAnswerAction, { slug: "net-a", answerId: answer.id, reason: "Other" })).toEqual({ ok: true, data: null });

    const answerOf = async (person: User) => (await findConsentRound(await scopeOf(person), w.cycleId))!.answers!.find((a) => a.id === answer.id);
    for (const person of [w.plain, w.broker]) {
      expect(await answerOf(person)).toMatchObject({ answer: "concern", hidden: true, hiddenReason: "Names a neighbour", text: "" });
    }
    expect(await answerOf(w.author)).toMatchObject({ hidden: true, hiddenReason: "Names a neighbour", text: "Neighbour X is to blame." });
    expect((await findConsentRound(await scopeOf(w.funder), w.cycleId))!.answers).toBeNull();

    // In the journey once the cycle is closed: the notice for others, and no question to start a new cycle from.
    await dbSystem().cycle.update({ where: { id: w.cycleId, networkId: w.net.id }, data: { closedAt: new Date(), openSlot: null } });
    const journeyOf = async (person: User) => (await listJourney(await scopeOf(person))).items[0]!.concerns!;
    expect(await journeyOf(w.plain)).toMatchObject([{ id: answer.id, hidden: true, hiddenReason: "Names a neighbour", text: "" }]);
    expect(await journeyOf(w.author)).toMatchObject([{ id: answer.id, hidden: true, text: "Neighbour X is to blame." }]);
    expect(await findJourneyConcern(await scopeOf(w.broker), answer.id)).toBeNull();

    signInAs(w.broker);
    expect(await call(restoreConsentAnswerAction, { slug: "net-a", answerId: answer.id })).toEqual({ ok: true, data: null });
    expect(await journeyOf(w.plain)).toMatchObject([{ id: answer.id, hidden: false, text: "Neighbour X is to blame." }]);
    expect(await findJourneyConcern(await scopeOf(w.broker), answer.id)).toMatchObject({ id: answer.id, text: "Neighbour X is to blame." });

    const audit = await dbSystem().auditEntry.findMany({
      where: { networkId: w.net.id, action: { startsWith: "consent_answer." } },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true, subjectUserId: true, detail: true },
    });
    expect(audit).toMatchObject([
      { action: "consent_answer.hidden", actorId: w.broker.id, subjectUserId: w.author.id, detail: { answerId: answer.id, title: "Spring round", reason: "Names a neighbour" } },
      { action: "consent_answer.restored", actorId: w.broker.id, subjectUserId: w.author.id, detail: { answerId: answer.id, title: "Spring round", reason: "Names a neighbour" } },
    ]);
  });
});
