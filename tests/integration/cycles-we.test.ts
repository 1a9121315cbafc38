import { describe, expect, it } from "vitest";
import { advanceCycleAction, extendCycleAction, openCycleAction, saveReflectionAction } from "@/lib/cycles/actions";
import { findCurrentCycle, findJourneyConcern, listJourney } from "@/lib/cycles/queries";
import { toLocalInput } from "@/lib/cycles/schema";
import { dbSystem } from "@/lib/db/client";
import { timeZoneCookie } from "@/lib/i18n/config";
import { requireMember } from "@/lib/membership/scope";
import { answerConsentAction, callConsentAction, closeCycleAction, saveSynthesisAction } from "@/lib/synthesis/actions";
import { countUnreadNotifications } from "@/lib/notifications/queries";
import { findConsentRound, findRevision, findSynthesis, listRevisions } from "@/lib/synthesis/queries";
import { cookieJar } from "../setup/session";
import { asUser, call, expectRefused, makeNetwork, member, outcomeOf, signInAs, user, type User } from "./support";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const ZONE = "Europe/Amsterdam";
const local = (ms: number) => toLocalInput(new Date(Date.now() + ms), ZONE);

type Persona = "anonymous" | "stranger" | "outsider" | "funder" | "member" | "broker";

/** Network A's id in the current test: every direct query names its network (the tenant guard). */
let netA = "";

/**
 * Network A with a broker, a funder and two members; network B, whose broker is A's
 * "outsider"; a signed-in "stranger" in no network. A has a cycle in its WE phase with
 * three submitted reflections: the member's and the other member's (shared) and the
 * broker's ("only for me").
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
  netA = a.id;
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

async function openCycle(world: World, slug = "net-a", opener: User = world.users.broker, extra: Record<string, string> = {}) {
  signInAs(opener);
  const result = await call(openCycleAction, {
    slug,
    title: "Spring round",
    question: "Is this the real question?",
    focusArea: "",
    iDeadline: local(7 * DAY),
    weDeadline: local(14 * DAY),
    ...extra,
  });
  expect(result.ok, JSON.stringify(result)).toBe(true);
  const network = slug === "net-a" ? world.a : world.b;
  const cycle = await dbSystem().cycle.findFirstOrThrow({ where: { networkId: network.id, openSlot: true }, select: { id: true } });
  return cycle.id;
}

async function reflect(person: User, cycleId: string, body: string, fields: Record<string, string> = {}) {
  signInAs(person);
  const result = await call(saveReflectionAction, { slug: "net-a", cycleId, version: "", body, area: "means", intent: "submit", ...fields });
  expect(result.ok, JSON.stringify(result)).toBe(true);
  const row = await dbSystem().reflection.findFirstOrThrow({ where: { networkId: netA, cycleId, authorId: person.id }, select: { id: true } });
  return row.id;
}

/** A's cycle in its WE phase, with reflections. */
async function weWorld() {
  const world = await buildWorld();
  const cycleId = await openCycle(world);
  const mine = await reflect(world.users.member, cycleId, "Member's shared thoughts", { area: "means" });
  const theirs = await reflect(world.other, cycleId, "Other's shared thoughts", { area: "objectives" });
  const secret = await reflect(world.users.broker, cycleId, "Broker's private thoughts", { private: "on" });
  signInAs(world.users.broker);
  expect(outcomeOf(await call(advanceCycleAction, { slug: "net-a", cycleId }))).toBe("ok");
  return { world, cycleId, reflections: { mine, theirs, secret } };
}

async function scopeOf(person: User, slug = "net-a") {
  return asUser(person, () => requireMember(slug));
}

/** Saves the synthesis as `person`, from a form based on revision `base`. */
function save(person: User, cycleId: string, base: number, body: string, extra: Record<string, string> = {}) {
  return asUser(person, () => call(saveSynthesisAction, { slug: "net-a", cycleId, base: String(base), body, ...extra }));
}

async function revisionNumbers(cycleId: string) {
  const rows = await dbSystem().synthesisRevision.findMany({ where: { networkId: netA, cycleId }, orderBy: { number: "asc" }, select: { number: true, authorId: true } });
  return rows;
}

async function callConsent(world: World, cycleId: string) {
  signInAs(world.users.broker);
  expect(outcomeOf(await call(callConsentAction, { slug: "net-a", cycleId }))).toBe("ok");
  const round = await dbSystem().consentRound.findFirstOrThrow({ where: { networkId: netA, cycleId, closedAt: null }, select: { id: true, revisionNumber: true } });
  return round;
}

function answer(person: User, cycleId: string, roundId: string, choice: string, text = "") {
  return asUser(person, () => call(answerConsentAction, { slug: "net-a", cycleId, roundId, answer: choice, text }));
}

function close(person: User, cycleId: string, extra: Record<string, string> = {}) {
  return asUser(person, () => call(closeCycleAction, { slug: "net-a", cycleId, ...extra }));
}

async function setDeadlines(world: World, cycleId: string, iDeadline: Date, weDeadline: Date) {
  await dbSystem().cycle.update({ where: { id: cycleId, networkId: world.a.id }, data: { iDeadline, weDeadline } });
}

// Who may write the synthesis, call for consent, answer and close: the authorization matrix
// (authorization-matrix.expected.ts). Here, what each does for someone allowed.
describe("writing the synthesis", () => {
  it("a refusal keeps what was typed and saves no revision", async () => {
    const { world, cycleId } = await weWorld();
    as(world, "funder");
    const result = await call(saveSynthesisAction, { slug: "net-a", cycleId, base: "0", body: "## What connects us\n\nA lot." });
    expect(result).toMatchObject({ ok: false, code: "forbidden", values: { body: "## What connects us\n\nA lot." } });
    expect(await dbSystem().synthesisRevision.count({ where: { networkId: netA, cycleId } })).toBe(0);
  });

  it("numbers every save, with its author; a retry or an unchanged text makes no new revision", async () => {
    const { world, cycleId } = await weWorld();
    const { member: me, broker } = world.users;
    expect(await save(me, cycleId, 0, "First")).toMatchObject({ ok: true, data: { number: 1 } });
    expect(await save(world.other, cycleId, 1, "Second")).toMatchObject({ ok: true, data: { number: 2 } });
    expect(await save(broker, cycleId, 2, "Third")).toMatchObject({ ok: true, data: { number: 3 } });
    // The broker's save arriving twice (a double click): the same revision.
    expect(await save(broker, cycleId, 2, "Third")).toMatchObject({ ok: true, data: { number: 3 } });
    // Saving the text as it is: nothing new.
    expect(await save(me, cycleId, 3, "Third")).toMatchObject({ ok: true, data: { number: 3 } });
    expect(await revisionNumbers(cycleId)).toEqual([
      { number: 1, authorId: me.id },
      { number: 2, authorId: world.other.id },
      { number: 3, authorId: broker.id },
    ]);
    const scope = await scopeOf(me);
    expect(await findSynthesis(scope, cycleId)).toMatchObject({ number: 3, body: "Third", authorName: "Broker" });
    expect((await listRevisions(scope, cycleId)).map((r) => [r.number, r.authorName])).toEqual([
      [3, "Broker"],
      [2, "Other Member"],
      [1, "Member"],
    ]);
    expect(await findRevision(scope, cycleId, 2)).toMatchObject({ number: 2, body: "Second", previous: "First" });
    expect(await findRevision(scope, cycleId, 1)).toMatchObject({ body: "First", previous: null });
    expect(await findRevision(scope, cycleId, 9)).toBeNull();
    // Funders read no revision at all.
    const funder = await scopeOf(world.users.funder);
    expect(await findSynthesis(funder, cycleId)).toBeNull();
    expect(await listRevisions(funder, cycleId)).toEqual([]);
    expect(await findRevision(funder, cycleId, 1)).toBeNull();
  });

  it("a save based on an older revision is a conflict: refused, the typed text kept, nothing overwritten", async () => {
    const { world, cycleId } = await weWorld();
    await save(world.users.member, cycleId, 0, "Shared start");
    // Both open the form on revision 1; the member saves first.
    expect(outcomeOf(await save(world.users.member, cycleId, 1, "The member's version"))).toBe("ok");
    const late = await save(world.other, cycleId, 1, "The other's version");
    expectRefused(late, "synthesis_conflict");
    expect(late.ok ? null : late.values).toMatchObject({ body: "The other's version", base: "1" });
    expect((await revisionNumbers(cycleId)).map((r) => r.number)).toEqual([1, 2]);
    expect((await findSynthesis(await scopeOf(world.other), cycleId))?.body).toBe("The member's version");
    // Having seen both, the other saves on top of revision 2.
    expect(await save(world.other, cycleId, 2, "Both versions, combined")).toMatchObject({ ok: true, data: { number: 3 } });
    // A base from the future is no better.
    expectRefused(await save(world.other, cycleId, 7, "From nowhere"), "synthesis_conflict");
  });

  it("two saves racing on the same revision: exactly one wins", async () => {
    const { world, cycleId } = await weWorld();
    const results = await Promise.all([
      save(world.users.member, cycleId, 0, "Racing, the member"),
      save(world.other, cycleId, 0, "Racing, the other"),
    ]);
    expect(results.map(outcomeOf).sort()).toEqual(["ok", "synthesis_conflict"]);
    expect((await revisionNumbers(cycleId)).map((r) => r.number)).toEqual([1]);
    const again = await Promise.all([
      save(world.users.member, cycleId, 1, "Racing again, the member"),
      save(world.other, cycleId, 1, "Racing again, the other"),
      save(world.users.broker, cycleId, 1, "Racing again, the broker"),
    ]);
    expect(again.map(outcomeOf).sort()).toEqual(["ok", "synthesis_conflict", "synthesis_conflict"]);
    expect((await revisionNumbers(cycleId)).map((r) => r.number)).toEqual([1, 2]);
  });

  it("is refused in the I phase, after the WE deadline and once closed, keeping the text", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    const early = await save(world.users.member, cycleId, 0, "Too early");
    expectRefused(early, "we_phase_only");
    expect(early.ok ? null : early.values?.body).toBe("Too early");
    await setDeadlines(world, cycleId, new Date(Date.now() - 2 * HOUR), new Date(Date.now() - HOUR));
    expectRefused(await save(world.users.member, cycleId, 0, "Too late"), "we_phase_only");
    expect(await dbSystem().synthesisRevision.count({ where: { networkId: netA, cycleId } })).toBe(0);
  });

  it("cites shared reflections only: never a private one, nor one of another cycle", async () => {
    const { world, cycleId, reflections } = await weWorld();
    const cite = (...ids: string[]) => Object.fromEntries(ids.map((id) => [`cite.${id}`, "on"]));
    const withPrivate = await save(world.users.member, cycleId, 0, "Citing a secret", cite(reflections.mine, reflections.secret));
    expect(withPrivate).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { cites: ["invalid"] } });
    expect(withPrivate.ok ? null : withPrivate.values?.[`cite.${reflections.mine}`]).toBe("on");
    expect(await dbSystem().synthesisRevision.count({ where: { networkId: netA, cycleId } })).toBe(0);

    const elsewhere = await openCycle(world, "net-b", world.users.outsider);
    const foreign = await asUser(world.users.outsider, async () => {
      signInAs(world.users.outsider);
      await call(saveReflectionAction, { slug: "net-b", cycleId: elsewhere, version: "", body: "B's thoughts", area: "means", intent: "submit" });
      return dbSystem().reflection.findFirstOrThrow({ where: { networkId: world.b.id, cycleId: elsewhere }, select: { id: true } });
    });
    expect(await save(world.users.member, cycleId, 0, "Citing B", cite(foreign.id))).toMatchObject({ fieldErrors: { cites: ["invalid"] } });

    expect(outcomeOf(await save(world.users.member, cycleId, 0, "Citing two", cite(reflections.mine, reflections.theirs)))).toBe("ok");
    const synthesis = await findSynthesis(await scopeOf(world.other), cycleId);
    expect(synthesis?.citations.map((c) => c.id).sort()).toEqual([reflections.mine, reflections.theirs].sort());
    expect(synthesis?.citations.find((c) => c.id === reflections.theirs)).toEqual({ id: reflections.theirs, area: "objectives", authorName: "Other Member" });
    // Changing only the citations is a new revision.
    expect(await save(world.users.member, cycleId, 1, "Citing two", cite(reflections.mine))).toMatchObject({ ok: true, data: { number: 2 } });
  });
});

describe("the consent round", () => {
  it("a refused answer keeps what was typed and records nothing", async () => {
    const { world, cycleId } = await weWorld();
    await save(world.users.member, cycleId, 0, "A synthesis");
    const round = await callConsent(world, cycleId);
    as(world, "funder");
    const result = await call(answerConsentAction, { slug: "net-a", cycleId, roundId: round.id, answer: "concern", text: "Mind the budget" });
    expect(result).toMatchObject({ ok: false, code: "forbidden", values: { text: "Mind the budget" } });
    expect(await dbSystem().consentAnswer.count({ where: { networkId: netA, roundId: round.id } })).toBe(0);
  });

  it("needs a synthesis; calling twice makes one round; every other broker and member is notified once", async () => {
    const { world, cycleId } = await weWorld();
    signInAs(world.users.broker);
    expectRefused(await call(callConsentAction, { slug: "net-a", cycleId }), "synthesis_missing");
    await save(world.users.member, cycleId, 0, "A synthesis");
    const results = await Promise.all([
      asUser(world.users.broker, () => call(callConsentAction, { slug: "net-a", cycleId })),
      asUser(world.users.broker, () => call(callConsentAction, { slug: "net-a", cycleId })),
    ]);
    expect(results.map(outcomeOf)).toEqual(["ok", "ok"]);
    const rounds = await dbSystem().consentRound.findMany({ where: { networkId: netA, cycleId } });
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ revisionNumber: 1, calledById: world.users.broker.id, closedAt: null });
    const notified = await dbSystem().notification.findMany({ where: { networkId: world.a.id, kind: "consent_requested" }, select: { userId: true, dedupeKey: true } });
    expect(notified.map((n) => n.userId).sort()).toEqual([world.users.member.id, world.other.id].sort());
    expect(new Set(notified.map((n) => n.dedupeKey))).toEqual(new Set([`consent:${rounds[0]!.id}`]));
    expect(await dbSystem().auditEntry.count({ where: { networkId: world.a.id, action: "consent.called" } })).toBe(1);
  });

  it("takes agree, a concern with its text, an objection with its reason; an answer can change", async () => {
    const { world, cycleId } = await weWorld();
    await save(world.users.member, cycleId, 0, "A synthesis");
    const round = await callConsent(world, cycleId);
    expect(await answer(world.users.member, cycleId, round.id, "concern", "  ")).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { text: ["required"] },
    });
    expect(await answer(world.users.member, cycleId, round.id, "object")).toMatchObject({ fieldErrors: { text: ["required"] } });
    expect(await answer(world.users.member, cycleId, round.id, "maybe")).toMatchObject({ fieldErrors: { answer: ["invalid_choice"] } });
    expect(await answer(world.users.member, cycleId, round.id, "object", "x".repeat(4001))).toMatchObject({ fieldErrors: { text: ["too_long|4000"] } });

    expect(outcomeOf(await answer(world.users.member, cycleId, round.id, "object", "This forgets the neighbours"))).toBe("ok");
    expect(outcomeOf(await answer(world.other, cycleId, round.id, "agree", "ignored for an agreement"))).toBe("ok");
    let seen = await findConsentRound(await scopeOf(world.users.broker), cycleId);
    expect(seen?.participation).toEqual({ answered: 2, eligible: 3 });
    expect(seen?.answers?.map((a) => [a.name, a.answer, a.text]).sort()).toEqual([
      ["Member", "object", "This forgets the neighbours"],
      ["Other Member", "agree", ""],
    ]);
    // Changing one's mind while the round is open: the same answer row.
    expect(outcomeOf(await answer(world.users.member, cycleId, round.id, "concern", "Neighbours, later"))).toBe("ok");
    seen = await findConsentRound(await scopeOf(world.users.member), cycleId);
    expect(seen?.answers?.find((a) => a.name === "Member")).toMatchObject({ answer: "concern", text: "Neighbours, later" });
    expect(await dbSystem().consentAnswer.count({ where: { networkId: netA, roundId: round.id } })).toBe(2);
    // A funder sees how many answered, not what.
    const funder = await findConsentRound(await scopeOf(world.users.funder), cycleId);
    expect(funder).toMatchObject({ participation: { answered: 2, eligible: 3 }, answers: null });
    expect(JSON.stringify(funder)).not.toContain("Neighbours");
  });

  it("what a person wrote and answered is in their own data download, and only theirs", async () => {
    const { world, cycleId } = await weWorld();
    await save(world.users.member, cycleId, 0, "The member's synthesis");
    const round = await callConsent(world, cycleId);
    expect(outcomeOf(await answer(world.other, cycleId, round.id, "concern", "Other's concern"))).toBe("ok");
    const { exportAccountData } = await import("@/lib/accounts/queries");
    const member = await exportAccountData(world.users.member.id);
    expect(member?.account.synthesisRevisions.map((r) => [r.number, r.body])).toEqual([[1, "The member's synthesis"]]);
    expect(member?.account.consentAnswers).toEqual([]);
    const other = await exportAccountData(world.other.id);
    expect(other?.account.consentAnswers.map((a) => [a.answer, a.text])).toEqual([["concern", "Other's concern"]]);
    expect(other?.account.synthesisRevisions).toEqual([]);
    expect(JSON.stringify(await exportAccountData(world.users.funder.id))).not.toMatch(/The member's synthesis|Other's concern/);
  });

  it("a new revision ends the round: answers to it are outdated, a new call is needed", async () => {
    const { world, cycleId } = await weWorld();
    await save(world.users.member, cycleId, 0, "A synthesis");
    const first = await callConsent(world, cycleId);
    expect(outcomeOf(await answer(world.other, cycleId, first.id, "agree"))).toBe("ok");
    await save(world.other, cycleId, 1, "A better synthesis");
    expect((await dbSystem().consentRound.findUniqueOrThrow({ where: { networkId: netA, id: first.id } })).closedAt).toBeInstanceOf(Date);
    const late = await answer(world.users.member, cycleId, first.id, "concern", "Kept text");
    expectRefused(late, "consent_outdated");
    expect(late.ok ? null : late.values?.text).toBe("Kept text");
    const scope = await scopeOf(world.users.member);
    expect(await findConsentRound(scope, cycleId)).toMatchObject({ revisionNumber: 1 });
    // The broker asks again, on revision 2.
    const second = await callConsent(world, cycleId);
    expect(second.revisionNumber).toBe(2);
    expect(second.id).not.toBe(first.id);
    expect(outcomeOf(await answer(world.users.member, cycleId, second.id, "agree"))).toBe("ok");
    expectRefused(await answer(world.users.member, cycleId, first.id, "agree"), "consent_outdated");
    expect(await findConsentRound(scope, cycleId)).toMatchObject({ id: second.id, participation: { answered: 1, eligible: 3 } });
    // Every round notifies once.
    expect(await dbSystem().notification.count({ where: { networkId: world.a.id, kind: "consent_requested", userId: world.users.member.id } })).toBe(2);
  });

  it("a new round supersedes the earlier request: still unread, it is marked read (the centre and the mail show the current one)", async () => {
    const { world, cycleId } = await weWorld();
    await save(world.users.member, cycleId, 0, "A synthesis");
    const first = await callConsent(world, cycleId);
    // The other member opened the first request; the member did not.
    const readEarlier = new Date(Date.now() - HOUR);
    await dbSystem().notification.updateMany({
      where: { networkId: netA, userId: world.other.id, dedupeKey: `consent:${first.id}` },
      data: { readAt: readEarlier },
    });
    // What the header counts (the cycle's opening and the first request, for the member).
    const memberUnread = await countUnreadNotifications(world.users.member.id);
    const otherUnread = await countUnreadNotifications(world.other.id);
    await save(world.other, cycleId, 1, "A better synthesis");
    // A new revision alone changes nothing: the request stays until a new one replaces it.
    expect(await countUnreadNotifications(world.users.member.id)).toBe(memberUnread);
    const second = await callConsent(world, cycleId);
    const requests = await dbSystem().notification.findMany({
      where: { networkId: netA, kind: "consent_requested" },
      select: { userId: true, dedupeKey: true, readAt: true },
    });
    const of = (person: User, round: { id: string }) => requests.find((n) => n.userId === person.id && n.dedupeKey === `consent:${round.id}`);
    expect(of(world.users.member, first)?.readAt).toBeInstanceOf(Date);
    expect(of(world.other, first)?.readAt).toEqual(readEarlier);
    expect(of(world.users.member, second)?.readAt).toBeNull();
    expect(of(world.other, second)?.readAt).toBeNull();
    // The member's unread request was replaced, not added to; the other member has the new one.
    expect(await countUnreadNotifications(world.users.member.id)).toBe(memberUnread);
    expect(await countUnreadNotifications(world.other.id)).toBe(otherUnread + 1);
    // Unread requests left to mail (the mail takes unread ones only): the current round's only.
    const unreadRequests = await dbSystem().notification.findMany({
      where: { networkId: netA, kind: "consent_requested", readAt: null },
      select: { dedupeKey: true },
    });
    expect(new Set(unreadRequests.map((n) => n.dedupeKey))).toEqual(new Set([`consent:${second.id}`]));
    // Calling again on the same revision (a double click) marks nothing: the current request stays unread.
    await callConsent(world, cycleId);
    expect(await countUnreadNotifications(world.users.member.id)).toBe(memberUnread);
  });

  it("is refused during the I phase", async () => {
    const world = await buildWorld();
    const cycleId = await openCycle(world);
    signInAs(world.users.broker);
    expectRefused(await call(callConsentAction, { slug: "net-a", cycleId }), "we_phase_only");
    expectRefused(await close(world.users.broker, cycleId), "we_phase_only");
  });

  it("still runs after the WE deadline, when the synthesis can no longer change", async () => {
    const { world, cycleId } = await weWorld();
    await save(world.users.member, cycleId, 0, "A synthesis");
    await setDeadlines(world, cycleId, new Date(Date.now() - 2 * HOUR), new Date(Date.now() - HOUR));
    const round = await callConsent(world, cycleId);
    expect(outcomeOf(await answer(world.users.member, cycleId, round.id, "agree"))).toBe("ok");
    expectRefused(await save(world.users.member, cycleId, 1, "Too late"), "we_phase_only");
  });
});

describe("closing a cycle", () => {
  async function readyToClose() {
    const setup = await weWorld();
    await save(setup.world.users.member, setup.cycleId, 0, "## What connects us\n\nThe neighbourhood.");
    const round = await callConsent(setup.world, setup.cycleId);
    return { ...setup, round };
  }

  it("needs a consent round on the latest revision", async () => {
    const { world, cycleId } = await weWorld();
    expectRefused(await close(world.users.broker, cycleId), "consent_missing");
    await save(world.users.member, cycleId, 0, "A synthesis");
    expectRefused(await close(world.users.broker, cycleId), "consent_missing");
    await callConsent(world, cycleId);
    await save(world.other, cycleId, 1, "Changed after the call");
    expectRefused(await close(world.users.broker, cycleId), "consent_missing");
    expect((await findCurrentCycle(await scopeOf(world.users.broker)))?.id).toBe(cycleId);
  });

  it("refuses an open objection until its handling is recorded; then closes, frees the slot and audits", async () => {
    const { world, cycleId, round } = await readyToClose();
    await answer(world.users.member, cycleId, round.id, "object", "This forgets the neighbours");
    await answer(world.other, cycleId, round.id, "concern", "Budget is tight");
    const objection = await dbSystem().consentAnswer.findFirstOrThrow({ where: { networkId: netA, roundId: round.id, answer: "object" } });
    const refused = await close(world.users.broker, cycleId, { [`handled.${objection.id}`]: "   " });
    expect(refused).toMatchObject({ ok: false, code: "objection_unhandled", fieldErrors: { [`handled.${objection.id}`]: ["required"] } });
    expect((await dbSystem().cycle.findUniqueOrThrow({ where: { networkId: netA, id: cycleId } })).closedAt).toBeNull();

    const note = "We invited the neighbours to the next meeting.";
    expect(await close(world.users.broker, cycleId, { [`handled.${objection.id}`]: note })).toMatchObject({
      ok: true,
      redirect: "/n/net-a/cycles/journey",
    });
    const cycle = await dbSystem().cycle.findUniqueOrThrow({ where: { networkId: netA, id: cycleId } });
    expect(cycle.closedAt).toBeInstanceOf(Date);
    expect(cycle).toMatchObject({ openSlot: null, closedById: world.users.broker.id });
    expect(await dbSystem().consentAnswer.findUniqueOrThrow({ where: { networkId: netA, id: objection.id } })).toMatchObject({
      handledNote: note,
      handledById: world.users.broker.id,
    });
    expect((await dbSystem().consentRound.findUniqueOrThrow({ where: { networkId: netA, id: round.id } })).closedAt).toBeInstanceOf(Date);
    expect(await dbSystem().auditEntry.count({ where: { networkId: world.a.id, action: "cycle.closed" } })).toBe(1);
    expect(await findCurrentCycle(await scopeOf(world.users.broker))).toBeNull();
    // The next cycle can open.
    await openCycle(world);
  });

  it("closes without notes when nobody objects, or an objection was withdrawn", async () => {
    const { world, cycleId, round } = await readyToClose();
    await answer(world.users.member, cycleId, round.id, "object", "Not yet");
    await answer(world.users.member, cycleId, round.id, "agree");
    expect(outcomeOf(await close(world.users.broker, cycleId))).toBe("ok");
  });

  it("tells the network's webhooks: one cycle.closed message per subscribed endpoint that is on, with the cycle's title and question (decision 050)", async () => {
    const { world, cycleId, round } = await readyToClose();
    const endpoint = (events: ("cycle_closed" | "reply_created")[], disabledAt: Date | null = null) =>
      dbSystem().webhookEndpoint.create({
        data: { networkId: world.a.id, url: "https://127.0.0.1/hook", events, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", disabledAt },
        select: { id: true },
      });
    const subscribed = await endpoint(["cycle_closed"]);
    await endpoint(["reply_created"]);
    await endpoint(["cycle_closed"], new Date());
    await answer(world.users.member, cycleId, round.id, "agree");
    expect(outcomeOf(await close(world.users.broker, cycleId))).toBe("ok");
    const queued = await dbSystem().webhookDelivery.findMany({ where: { networkId: world.a.id }, select: { endpointId: true, eventType: true, payload: true } });
    expect(queued.map((d) => [d.endpointId, d.eventType])).toEqual([[subscribed.id, "cycle_closed"]]);
    const cycle = await dbSystem().cycle.findFirstOrThrow({ where: { id: cycleId, networkId: world.a.id }, select: { title: true, question: true, closedAt: true } });
    expect(queued[0]!.payload).toMatchObject({
      type: "cycle.closed",
      data: { network: "net-a", cycle: { id: cycleId, title: cycle.title, question: cycle.question, closedAt: cycle.closedAt!.toISOString() } },
    });
    // Never a reflection: not the private one, not a shared one.
    expect(JSON.stringify(queued[0]!.payload)).not.toMatch(/private thoughts|shared thoughts/);
  });

  it("a closed cycle refuses every write", async () => {
    const { world, cycleId, round } = await readyToClose();
    expect(outcomeOf(await close(world.users.broker, cycleId))).toBe("ok");
    const { broker, member: me } = world.users;
    expectRefused(await save(me, cycleId, 1, "After closing"), "cycle_not_open");
    expectRefused(await answer(me, cycleId, round.id, "agree"), "cycle_not_open");
    expectRefused(await asUser(broker, () => call(callConsentAction, { slug: "net-a", cycleId })), "cycle_not_open");
    expectRefused(await close(broker, cycleId), "cycle_not_open");
    expectRefused(await asUser(broker, () => call(advanceCycleAction, { slug: "net-a", cycleId })), "cycle_not_open");
    expectRefused(
      await asUser(broker, () => call(extendCycleAction, { slug: "net-a", cycleId, iDeadline: local(8 * DAY), weDeadline: local(15 * DAY) })),
      "cycle_not_open",
    );
    expectRefused(
      await asUser(me, () => call(saveReflectionAction, { slug: "net-a", cycleId, version: "", body: "Late", area: "means", intent: "submit" })),
      "cycle_not_open",
    );
    expect(await dbSystem().synthesisRevision.count({ where: { networkId: netA, cycleId } })).toBe(1);
  });
});

describe("another network's cycle", () => {
  it("is out of reach of B's broker for every WE action, and A's broker cannot reach B's", async () => {
    const { world, cycleId } = await weWorld();
    await save(world.users.member, cycleId, 0, "A synthesis");
    const round = await callConsent(world, cycleId);
    const outsider = world.users.outsider;
    const asB = (action: Parameters<typeof call>[0], fields: Record<string, string>) =>
      asUser(outsider, () => call(action, { slug: "net-b", cycleId, ...fields }));
    expectRefused(await asB(saveSynthesisAction, { base: "1", body: "Hijack" }), "not_found");
    expectRefused(await asB(callConsentAction, {}), "not_found");
    expectRefused(await asB(answerConsentAction, { roundId: round.id, answer: "object", text: "Hijack" }), "not_found");
    expectRefused(await asB(closeCycleAction, {}), "not_found");
    // A's round id in B's own cycle is not found either.
    const bCycle = await openCycle(world, "net-b", outsider);
    expect(outcomeOf(await asUser(outsider, () => call(advanceCycleAction, { slug: "net-b", cycleId: bCycle })))).toBe("ok");
    expectRefused(
      await asUser(outsider, () => call(answerConsentAction, { slug: "net-b", cycleId: bCycle, roundId: round.id, answer: "agree" })),
      "not_found",
    );
    // And A's broker cannot touch B's cycle through A.
    expectRefused(await asUser(world.users.broker, () => call(closeCycleAction, { slug: "net-a", cycleId: bCycle })), "not_found");
    expect(await dbSystem().synthesisRevision.count({ where: { networkId: netA, cycleId } })).toBe(1);
    expect(await dbSystem().consentAnswer.count({ where: { networkId: netA, roundId: round.id } })).toBe(0);
    const bScope = await scopeOf(outsider, "net-b");
    expect(await findSynthesis(bScope, cycleId)).toBeNull();
    expect(await findConsentRound(bScope, cycleId)).toBeNull();
    expect((await listJourney(bScope)).items).toEqual([]);
  });
});

describe("the journey", () => {
  async function closedCycle() {
    const { world, cycleId, reflections } = await weWorld();
    await save(world.users.member, cycleId, 0, "## What connects us\n\nThe neighbourhood.", {
      [`cite.${reflections.mine}`]: "on",
      [`cite.${reflections.theirs}`]: "on",
    });
    const round = await callConsent(world, cycleId);
    await answer(world.users.member, cycleId, round.id, "concern", "Who pays for the coffee?");
    await answer(world.other, cycleId, round.id, "object", "Too vague");
    const objection = await dbSystem().consentAnswer.findFirstOrThrow({ where: { networkId: netA, roundId: round.id, answer: "object" } });
    expect(outcomeOf(await close(world.users.broker, cycleId, { [`handled.${objection.id}`]: "Made it concrete next time" }))).toBe("ok");
    return { world, cycleId };
  }

  it("shows the question, final synthesis, participation and concerns to members; to funders no concern and no reflection", async () => {
    const { world, cycleId } = await closedCycle();
    const forMember = await listJourney(await scopeOf(world.users.member));
    expect(forMember.items).toHaveLength(1);
    expect(forMember.items[0]).toMatchObject({
      id: cycleId,
      question: "Is this the real question?",
      synthesis: { body: "## What connects us\n\nThe neighbourhood.", number: 1, citations: 2 },
      participation: { submitted: 3, eligible: 3 },
    });
    expect(forMember.items[0]?.concerns?.map((c) => [c.name, c.answer, c.text, c.handledNote])).toEqual([
      ["Member", "concern", "Who pays for the coffee?", ""],
      ["Other Member", "object", "Too vague", "Made it concrete next time"],
    ]);

    const forFunder = await listJourney(await scopeOf(world.users.funder));
    expect(forFunder.items[0]).toMatchObject({ synthesis: { body: "## What connects us\n\nThe neighbourhood.", citations: 2 }, concerns: null });
    const text = JSON.stringify(forFunder);
    for (const secret of ["shared thoughts", "private thoughts", "Who pays", "Too vague"]) expect(text).not.toContain(secret);
  });

  it("lists closed cycles newest first, a page at a time", async () => {
    const { world } = await closedCycle();
    const second = await openCycle(world, "net-a", world.users.broker, { title: "Summer round" });
    await reflect(world.users.member, second, "Summer thoughts");
    signInAs(world.users.broker);
    await call(advanceCycleAction, { slug: "net-a", cycleId: second });
    await save(world.users.member, second, 0, "Summer synthesis");
    await callConsent(world, second);
    expect(outcomeOf(await close(world.users.broker, second))).toBe("ok");
    const scope = await scopeOf(world.users.member);
    const first = await listJourney(scope, undefined, 1);
    expect(first.items.map((c) => c.title)).toEqual(["Summer round"]);
    expect(first.next).not.toBeNull();
    const { decodeCursor } = await import("@/lib/cursor");
    const next = await listJourney(scope, decodeCursor(first.next), 1);
    expect(next.items.map((c) => c.title)).toEqual(["Spring round"]);
    expect(next.next).toBeNull();
  });

  it("a broker starts the next cycle from a concern: its text prefilled, the link stored", async () => {
    const { world } = await closedCycle();
    const concern = await dbSystem().consentAnswer.findFirstOrThrow({ where: { networkId: world.a.id, answer: "concern" } });
    expect(await findJourneyConcern(await scopeOf(world.users.broker), concern.id)).toEqual({ id: concern.id, text: "Who pays for the coffee?" });
    expect(await findJourneyConcern(await scopeOf(world.users.member), concern.id)).toBeNull();
    expect(await findJourneyConcern(await scopeOf(world.users.outsider, "net-b"), concern.id)).toBeNull();
    // B's broker cannot start from A's concern.
    signInAs(world.users.outsider);
    expectRefused(
      await call(openCycleAction, {
        slug: "net-b",
        title: "Stolen",
        question: "Who pays?",
        iDeadline: local(7 * DAY),
        weDeadline: local(14 * DAY),
        fromConcernId: concern.id,
      }),
      "not_found",
    );
    const next = await openCycle(world, "net-a", world.users.broker, { question: concern.text, fromConcernId: concern.id });
    expect(await dbSystem().cycle.findUniqueOrThrow({ where: { networkId: netA, id: next } })).toMatchObject({ fromConcernId: concern.id, question: "Who pays for the coffee?" });
  });
});
