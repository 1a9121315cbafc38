import { describe, expect, it } from "vitest";
import { dbSystem } from "@/lib/db/client";
import {
  cancelGatheringAction,
  createGatheringAction,
  endSeriesAction,
  planGatheringAction,
  recordAttendanceAction,
  rsvpAction,
  updateGatheringAction,
} from "@/lib/gatherings/actions";
import { loadGatheringPage, loadGatheringsPage } from "@/lib/gatherings/queries";
import { PAST_PAGE_SIZE } from "@/lib/gatherings/limits";
import { toLocal } from "@/lib/gatherings/recurrence";
import { loadNetworkHome } from "@/lib/home/queries";
import { requireMember, viewNetwork } from "@/lib/membership/scope";
import { listNotifications } from "@/lib/notifications/queries";
import { sendGatheringRemindersEverywhere } from "@/lib/reminders/mutations";
import { asUser, call, expectRefused, makeNetwork, member, signInAs, snapshotDatabase, user, type User } from "./support";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = "Europe/Amsterdam";
const local = (ms: number) => toLocal(new Date(Date.now() + ms), ZONE);

let keys = 0;
const key = () => `gathering-key-${Date.now().toString(36)}-${(keys++).toString().padStart(6, "0")}`;

/** Network A's id: every read of a tenant table names its network, in tests too (the tenant guard). */
let A = "";

async function buildWorld() {
  const broker = await user("Broker");
  const funder = await user("Funder");
  const ann = await user("Ann");
  const bob = await user("Bob");
  const cas = await user("Cas");
  const outsider = await user("Outsider");
  const a = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "net-a", name: "Network A" });
  const b = await makeNetwork(dbSystem(), { brokerId: outsider.id, slug: "net-b", name: "Network B" });
  await member(a, funder, "funder");
  await member(a, ann);
  await member(a, bob);
  await member(a, cas);
  A = a.id;
  return { a, b, broker, funder, ann, bob, cas, outsider };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

function fields(overrides: Record<string, string | undefined> = {}) {
  return {
    slug: "net-a",
    idempotencyKey: key(),
    title: "Pathfinders evening",
    purpose: "We **meet** to look back.",
    startsAt: local(3 * DAY),
    endsAt: local(3 * DAY + 2 * HOUR),
    timeZone: ZONE,
    mode: "in_person",
    placeName: "De Pont",
    address: "Stationsplein 1, Tilburg",
    accessibility: "Step-free, lift to the first floor.",
    onlineUrl: "",
    visibility: "members",
    capacity: "",
    "agenda.0.title": "Welcome",
    "agenda.0.minutes": "15",
    "agenda.1.title": "What moved us",
    "agenda.1.minutes": "60",
    ...overrides,
  };
}

async function plan(w: World, overrides: Record<string, string | undefined> = {}): Promise<string> {
  const result = await asUser(w.broker, () => call(createGatheringAction, fields(overrides)));
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  const id = result.redirect?.split("/").at(-1);
  expect(id).toBeTruthy();
  return id!;
}

async function scopeOf(person: User, slug = "net-a") {
  return asUser(person, () => requireMember(slug));
}

async function rsvp(person: User, gatheringId: string, status: string, note = "") {
  return asUser(person, () => call(rsvpAction, { slug: "net-a", gatheringId, status, note }));
}

async function statusOf(gatheringId: string, person: User) {
  const row = await dbSystem().rsvp.findFirst({ where: { networkId: A, gatheringId, userId: person.id }, select: { status: true } });
  return row?.status ?? null;
}

async function kinds(person: User) {
  return (await listNotifications(person.id)).items.map((n) => n.kind);
}

describe("planning a gathering", () => {
  it("plans one with its agenda and hosts, renders the purpose, and tells the members once", async () => {
    const w = await buildWorld();
    // The start as typed, fixed once: fields() reads the clock, which may pass a minute meanwhile.
    const startsAt = local(3 * DAY);
    const id = await plan(w, { "agenda.0.hostId": w.ann.id, startsAt, endsAt: local(3 * DAY + 2 * HOUR) });
    const g = await dbSystem().gathering.findFirstOrThrow({ where: { networkId: A, id }, include: { agenda: { orderBy: { position: "asc" } }, hosts: true } });
    expect(g).toMatchObject({ status: "planned", timeZone: ZONE, sequence: 0, placeName: "De Pont" });
    expect(g.purposeHtml).toContain("<strong>meet</strong>");
    expect(g.agenda.map((a) => [a.position, a.title, a.minutes, a.hostId])).toEqual([
      [0, "Welcome", 15, w.ann.id],
      [1, "What moved us", 60, null],
    ]);
    expect(g.hosts.map((h) => h.userId).sort()).toEqual([w.ann.id, w.broker.id].sort());
    // 19:30 typed in Amsterdam is stored in UTC and read back as 19:30 there.
    expect(toLocal(g.startsAt, ZONE)).toBe(startsAt);
    expect(await kinds(w.ann)).toEqual(["gathering_planned"]);
    expect(await kinds(w.bob)).toEqual(["gathering_planned"]);
    expect(await kinds(w.broker)).toEqual([]);
    // Funders follow gatherings without a notification of each.
    expect(await kinds(w.funder)).toEqual([]);
  });

  it("makes one gathering of a double submit", async () => {
    const w = await buildWorld();
    const same = fields();
    const [one, two] = await Promise.all([
      asUser(w.broker, () => call(createGatheringAction, same)),
      asUser(w.broker, () => call(createGatheringAction, same)),
    ]);
    expect(one.redirect).toBe(two.redirect);
    expect(await dbSystem().gathering.count({ where: { networkId: w.a.id } })).toBe(1);
    expect(await asUser(w.broker, () => call(createGatheringAction, same))).toMatchObject({ redirect: one.redirect });
    expect(await dbSystem().gathering.count({ where: { networkId: w.a.id } })).toBe(1);
  });

  it.each([
    ["an end before the start", { endsAt: local(3 * DAY - HOUR) }, "endsAt", "end_before_start"],
    ["a start in the past", { startsAt: local(-DAY), endsAt: local(-DAY + HOUR) }, "startsAt", "deadline_past"],
    ["an unknown time zone", { timeZone: "Europe/Atlantis" }, "timeZone", "zone_unknown"],
    ["an agenda longer than the gathering", { "agenda.1.minutes": "200" }, "agenda", "agenda_too_long|120"],
    ["a link that is not http(s)", { mode: "online", onlineUrl: "javascript:alert(1)" }, "onlineUrl", "url_http"],
    ["a data: link", { mode: "hybrid", onlineUrl: "data:text/html,hi" }, "onlineUrl", "url_http"],
    ["an online gathering without a link", { mode: "online", onlineUrl: "" }, "onlineUrl", "required"],
    ["no title", { title: "  " }, "title", "required"],
    ["a capacity of zero", { capacity: "0" }, "capacity", "too_small|1"],
    ["an agenda item without minutes", { "agenda.1.minutes": "" }, "agenda.1.minutes", "required"],
    ["an agenda host who is not a member", { "agenda.0.hostId": "someone-else" }, "agenda.0.hostId", "invalid_choice"],
    ["a series without an end", { repeat: "weekly" }, "repeatCount", "series_end_required"],
  ])("refuses %s at its field and keeps what was typed", async (_, overrides, field, code) => {
    const w = await buildWorld();
    const before = await snapshotDatabase({ counters: false });
    const sent = fields(overrides);
    const result = await asUser(w.broker, () => call(createGatheringAction, sent));
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    if (result.ok) return;
    expect(result.fieldErrors?.[field]).toEqual([code]);
    expect(result.values).toMatchObject({ title: sent.title, "agenda.0.title": "Welcome" });
    expect(await snapshotDatabase({ counters: false })).toBe(before);
  });

  it("lets members propose only when the network allows it, and a broker plans the proposal", async () => {
    const w = await buildWorld();
    expectRefused(await asUser(w.ann, () => call(createGatheringAction, fields())), "forbidden");
    await dbSystem().network.update({ where: { id: w.a.id }, data: { membersProposeGatherings: true } });
    expectRefused(await asUser(w.funder, () => call(createGatheringAction, fields())), "forbidden");
    const proposed = await asUser(w.ann, () => call(createGatheringAction, fields({ title: "Walk in the woods" })));
    const id = proposed.redirect!.split("/").at(-1)!;
    expect(await dbSystem().gathering.findFirst({ where: { networkId: A, id }, select: { status: true } })).toEqual({ status: "proposed" });
    // The proposal waits for a broker: the broker is told once and finds it on the home.
    expect(await kinds(w.broker)).toEqual(["gathering_proposed"]);
    const brokerHome = await asUser(w.broker, async () => loadNetworkHome((await viewNetwork("net-a"))!));
    expect(brokerHome.kind === "member" ? brokerHome.broker?.proposals : null).toBe(1);
    // Not on the calendar yet: no member was told (a row sent to one would not show), others do not see it, nobody can answer.
    await dbSystem().notification.create({ data: { networkId: A, userId: w.bob.id, kind: "gathering_proposed", gatheringId: id, dedupeKey: "gathering-proposed:x" } });
    expect(await kinds(w.bob)).toEqual([]);
    expect(await kinds(w.ann)).toEqual([]);
    expect(await loadGatheringPage(await scopeOf(w.bob), id)).toBeNull();
    expect((await loadGatheringsPage(await scopeOf(w.bob), undefined)).upcoming).toEqual([]);
    expect((await loadGatheringsPage(await scopeOf(w.ann), undefined)).upcoming.map((g) => g.id)).toEqual([id]);
    expectRefused(await rsvp(w.ann, id, "going"), "invalid_transition");
    expectRefused(await asUser(w.ann, () => call(planGatheringAction, { slug: "net-a", gatheringId: id })), "forbidden");
    expect(await asUser(w.broker, () => call(planGatheringAction, { slug: "net-a", gatheringId: id }))).toMatchObject({ ok: true });
    const plannedHome = await asUser(w.broker, async () => loadNetworkHome((await viewNetwork("net-a"))!));
    expect(plannedHome.kind === "member" ? plannedHome.broker?.proposals : null).toBe(0);
    expect(await kinds(w.bob)).toEqual(["gathering_planned"]);
    expect(await kinds(w.ann)).toEqual(["gathering_planned"]);
    expect(await rsvp(w.bob, id, "going")).toMatchObject({ ok: true, data: { status: "going" } });
  });
});

describe("a series", () => {
  it("makes each occurrence its own row at 19:30 local across the daylight-saving change", async () => {
    const w = await buildWorld();
    // The second Tuesday of March 2027 at 19:30 in Amsterdam, monthly, four times (across 28 March).
    const id = await plan(w, { startsAt: "2027-03-09T19:30", endsAt: "2027-03-09T21:30", repeat: "monthly", repeatCount: "4" });
    const first = await dbSystem().gathering.findFirstOrThrow({ where: { networkId: A, id }, select: { seriesId: true } });
    const all = await dbSystem().gathering.findMany({ where: { networkId: A, seriesId: first.seriesId }, orderBy: { startsAt: "asc" }, include: { agenda: true } });
    expect(all.map((g) => toLocal(g.startsAt, ZONE))).toEqual(["2027-03-09T19:30", "2027-04-13T19:30", "2027-05-11T19:30", "2027-06-08T19:30"]);
    expect(all.map((g) => toLocal(g.endsAt, ZONE).slice(11))).toEqual(["21:30", "21:30", "21:30", "21:30"]);
    expect(all[0]!.startsAt.getUTCHours()).toBe(18);
    expect(all[1]!.startsAt.getUTCHours()).toBe(17);
    expect(all.every((g) => g.agenda.length === 2)).toBe(true);
    const series = await dbSystem().gatheringSeries.findFirstOrThrow({ where: { networkId: A, id: first.seriesId! } });
    expect(series.rule).toBe("FREQ=MONTHLY;INTERVAL=1;BYDAY=+2TU;COUNT=4");
    // One notification for the series.
    expect(await kinds(w.ann)).toEqual(["gathering_planned"]);
  });

  it("edits, moves and cancels one occurrence without touching the others, and ending the series keeps the past", async () => {
    const w = await buildWorld();
    const id = await plan(w, { startsAt: local(2 * DAY), endsAt: local(2 * DAY + 2 * HOUR), repeat: "weekly", repeatCount: "3" });
    const { seriesId } = await dbSystem().gathering.findFirstOrThrow({ where: { networkId: A, id }, select: { seriesId: true } });
    const [one, two, three] = await dbSystem().gathering.findMany({ where: { networkId: A, seriesId }, orderBy: { startsAt: "asc" } });
    const before = await dbSystem().gathering.findMany({ where: { networkId: A, id: { in: [one!.id, three!.id] } }, include: { agenda: true }, orderBy: { startsAt: "asc" } });
    await rsvp(w.ann, two!.id, "going");
    const moved = fields({
      gatheringId: two!.id,
      idempotencyKey: undefined,
      title: "The second, moved",
      startsAt: toLocal(new Date(two!.startsAt.getTime() + DAY), ZONE),
      endsAt: toLocal(new Date(two!.endsAt.getTime() + DAY), ZONE),
      "agenda.0.title": "Only this one",
      "agenda.1.title": undefined,
      "agenda.1.minutes": undefined,
    });
    expect(await asUser(w.broker, () => call(updateGatheringAction, moved))).toMatchObject({ ok: true });
    const after = await dbSystem().gathering.findMany({ where: { networkId: A, id: { in: [one!.id, three!.id] } }, include: { agenda: true }, orderBy: { startsAt: "asc" } });
    expect(after).toEqual(before);
    const changed = await dbSystem().gathering.findFirstOrThrow({ where: { networkId: A, id: two!.id }, include: { agenda: true } });
    expect(changed).toMatchObject({ title: "The second, moved", sequence: 1, seriesId });
    expect(changed.agenda.map((a) => a.title)).toEqual(["Only this one"]);
    // Ann, going, hears the new time.
    expect(await kinds(w.ann)).toContain("gathering_changed");
    const item = (await listNotifications(w.ann.id)).items.find((n) => n.kind === "gathering_changed");
    expect(item?.gatheringStartsAt?.getTime()).toBe(changed.startsAt.getTime());

    // Cancel the first: the others stay.
    expect(await asUser(w.broker, () => call(cancelGatheringAction, { slug: "net-a", gatheringId: one!.id, reason: "Storm" }))).toMatchObject({ ok: true });
    expect((await dbSystem().gathering.findMany({ where: { networkId: A, seriesId }, orderBy: { startsAt: "asc" } })).map((g) => g.status)).toEqual([
      "cancelled",
      "planned",
      "planned",
    ]);

    // The third has taken place (moved to the past by hand); ending the series cancels only what is ahead.
    await dbSystem().gathering.update({ where: { networkId: A, id: three!.id }, data: { startsAt: new Date(Date.now() - 3 * HOUR), endsAt: new Date(Date.now() - HOUR) } });
    expect(await asUser(w.ann, () => call(endSeriesAction, { slug: "net-a", seriesId: seriesId! }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await asUser(w.broker, () => call(endSeriesAction, { slug: "net-a", seriesId: seriesId! }))).toMatchObject({ ok: true });
    const end = await dbSystem().gathering.findMany({ where: { networkId: A, seriesId }, select: { id: true, status: true, sequence: true } });
    expect(Object.fromEntries(end.map((g) => [g.id, g.status]))).toEqual({ [one!.id]: "cancelled", [two!.id]: "cancelled", [three!.id]: "planned" });
    expect(end.find((g) => g.id === two!.id)?.sequence).toBe(2);
    expect(await kinds(w.ann)).toContain("gathering_cancelled");
  });
});

describe("answering and the waitlist", () => {
  it("gives the seat of someone who leaves, is removed or deletes their account to the first waiting, who is told", async () => {
    const w = await buildWorld();
    const { leaveAction, removeMemberAction } = await import("@/lib/membership/actions");
    const { deleteAccountAction } = await import("@/lib/accounts/actions");
    const dan = await user("Dan");
    const eve = await user("Eve");
    await member(w.a, dan);
    await member(w.a, eve);
    const id = await plan(w, { capacity: "1" });
    const other = await plan(w, { capacity: "1", title: "Another evening" });
    expect(await rsvp(w.ann, id, "going")).toMatchObject({ data: { status: "going" } });
    expect(await rsvp(w.ann, other, "maybe")).toMatchObject({ ok: true });
    for (const person of [w.bob, w.cas, dan, eve]) expect(await rsvp(person, id, "going")).toMatchObject({ data: { status: "waitlisted" } });

    // Ann leaves: her seat goes to Bob, her other answer is withdrawn.
    expect(await asUser(w.ann, () => call(leaveAction, { slug: "net-a" }))).toMatchObject({ redirect: "/?left=1" });
    expect(await dbSystem().membership.findFirst({ where: { networkId: A, userId: w.ann.id }, select: { status: true } })).toEqual({ status: "left" });
    expect([await statusOf(id, w.ann), await statusOf(other, w.ann), await statusOf(id, w.bob)]).toEqual(["not_going", "not_going", "going"]);
    expect(await kinds(w.bob)).toContain("gathering_promoted");

    // Bob is removed: Cas moves up.
    const bobs = await dbSystem().membership.findFirstOrThrow({ where: { networkId: A, userId: w.bob.id }, select: { id: true } });
    expect(await asUser(w.broker, () => call(removeMemberAction, { slug: "net-a", membershipId: bobs.id }))).toMatchObject({ ok: true });
    expect([await statusOf(id, w.bob), await statusOf(id, w.cas)]).toEqual(["not_going", "going"]);
    expect(await kinds(w.cas)).toContain("gathering_promoted");

    // Cas deletes the account: Dan moves up; Eve still waits.
    expect(await asUser(w.cas, () => call(deleteAccountAction, { confirmEmail: w.cas.email }))).toMatchObject({ ok: true });
    expect([await statusOf(id, dan), await statusOf(id, eve)]).toEqual(["going", "waitlisted"]);
    expect(await kinds(dan)).toContain("gathering_promoted");
    expect(await kinds(eve)).not.toContain("gathering_promoted");
  });

  it("waitlists beyond capacity, promotes the first waiting when someone going cancels, and tells them", async () => {
    const w = await buildWorld();
    const id = await plan(w, { capacity: "1" });
    expect(await rsvp(w.ann, id, "going", "I bring soup")).toMatchObject({ ok: true, data: { status: "going" } });
    expect(await rsvp(w.bob, id, "going")).toMatchObject({ ok: true, data: { status: "waitlisted" } });
    expect(await rsvp(w.cas, id, "going")).toMatchObject({ ok: true, data: { status: "waitlisted" } });
    // Asking again keeps one's place.
    expect(await rsvp(w.bob, id, "going")).toMatchObject({ ok: true, data: { status: "waitlisted" } });
    expect(await dbSystem().rsvp.count({ where: { networkId: A, gatheringId: id } })).toBe(3);
    expect(await rsvp(w.ann, id, "not_going")).toMatchObject({ ok: true });
    expect([await statusOf(id, w.ann), await statusOf(id, w.bob), await statusOf(id, w.cas)]).toEqual(["not_going", "going", "waitlisted"]);
    expect(await kinds(w.bob)).toContain("gathering_promoted");
    expect(await kinds(w.cas)).not.toContain("gathering_promoted");
    // A broker raising the capacity promotes the next.
    const raised = fields({ gatheringId: id, idempotencyKey: undefined, capacity: "2" });
    const g = await dbSystem().gathering.findFirstOrThrow({ where: { networkId: A, id } });
    raised.startsAt = toLocal(g.startsAt, ZONE);
    raised.endsAt = toLocal(g.endsAt, ZONE);
    expect(await asUser(w.broker, () => call(updateGatheringAction, raised))).toMatchObject({ ok: true });
    expect(await statusOf(id, w.cas)).toBe("going");
    // The capacity may not drop below the people going.
    const lowered = { ...raised, capacity: "1" };
    const refused = await asUser(w.broker, () => call(updateGatheringAction, lowered));
    expect(refused).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { capacity: ["capacity_below_going|2"] } });
  });

  it("promotes exactly one person per free seat when two people going cancel at once", async () => {
    const w = await buildWorld();
    const extra = await Promise.all(["Dirk", "Eva", "Fien", "Gijs"].map((name) => user(name)));
    for (const person of extra) await member(w.a, person);
    const id = await plan(w, { capacity: "2" });
    await rsvp(w.ann, id, "going");
    await rsvp(w.bob, id, "going");
    for (const person of [w.cas, ...extra]) expect(await rsvp(person, id, "going")).toMatchObject({ data: { status: "waitlisted" } });
    const results = await Promise.all([rsvp(w.ann, id, "not_going"), rsvp(w.bob, id, "maybe")]);
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await dbSystem().rsvp.findMany({ where: { networkId: A, gatheringId: id }, select: { userId: true, status: true } });
    const going = rows.filter((r) => r.status === "going").map((r) => r.userId);
    // The first two on the waitlist, no more and no fewer.
    expect(going.sort()).toEqual([w.cas.id, extra[0]!.id].sort());
    expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(3);
    expect(await dbSystem().notification.count({ where: { networkId: A, gatheringId: id, kind: "gathering_promoted" } })).toBe(2);
  });

  it("refuses answers to a cancelled or past gathering, and from funders, non-members and other networks", async () => {
    const w = await buildWorld();
    const id = await plan(w);
    expectRefused(await rsvp(w.funder, id, "going"), "forbidden");
    expectRefused(await rsvp(w.outsider, id, "going"), "forbidden");
    expectRefused(await asUser(null, () => call(rsvpAction, { slug: "net-a", gatheringId: id, status: "going", note: "" })), "unauthenticated");
    expectRefused(await asUser(w.outsider, () => call(rsvpAction, { slug: "net-b", gatheringId: id, status: "going", note: "" })), "not_found");
    expectRefused(await rsvp(w.ann, id, "yes"), "invalid_input");
    await asUser(w.broker, () => call(cancelGatheringAction, { slug: "net-a", gatheringId: id, reason: "" }));
    expectRefused(await rsvp(w.ann, id, "going"), "gathering_cancelled");
    const past = await plan(w);
    await dbSystem().gathering.update({ where: { networkId: A, id: past }, data: { startsAt: new Date(Date.now() - HOUR), endsAt: new Date(Date.now() + HOUR) } });
    expectRefused(await rsvp(w.ann, past, "going"), "gathering_past");
    expect(await dbSystem().rsvp.count({ where: { networkId: A } })).toBe(0);
  });
});

describe("who sees what", () => {
  it("shows the online link only to people going, hosts and brokers; names to members, counts to funders", async () => {
    const w = await buildWorld();
    const url = "https://meet.example.org/pathfinders-secret";
    const id = await plan(w, { mode: "hybrid", onlineUrl: url, visibility: "public", "agenda.0.hostId": w.cas.id });
    await rsvp(w.ann, id, "going", "I bring soup");
    await rsvp(w.bob, id, "maybe");
    const seen = async (person: User) => (await loadGatheringPage(await scopeOf(person), id))!;
    expect((await seen(w.ann)).gathering.onlineUrl).toBe(url);
    expect((await seen(w.broker)).gathering.onlineUrl).toBe(url);
    expect((await seen(w.cas)).gathering.onlineUrl).toBe(url); // an agenda host hosts
    expect((await seen(w.bob)).gathering.onlineUrl).toBeNull();
    expect((await seen(w.funder)).gathering.onlineUrl).toBeNull();
    expect(JSON.stringify(await seen(w.bob))).not.toContain("pathfinders-secret");
    expect(JSON.stringify(await seen(w.funder))).not.toContain("pathfinders-secret");
    const member = await seen(w.bob);
    expect(member.people?.going.map((p) => [p.name, p.note])).toEqual([["Ann", "I bring soup"]]);
    const funder = await seen(w.funder);
    expect(funder.people).toBeNull();
    expect(funder.counts).toMatchObject({ going: 1, maybe: 1 });
    expect(JSON.stringify(funder)).not.toContain("soup");
    // The public landing page: the public gathering, never its link.
    signInAs(null);
    const view = (await viewNetwork("net-a"))!;
    const home = await loadNetworkHome(view);
    expect(home.kind).toBe("visitor");
    expect(JSON.stringify(home)).toContain("Pathfinders evening");
    expect(JSON.stringify(home)).not.toContain("pathfinders-secret");
    // Another network's broker finds nothing of it.
    expect(await loadGatheringPage(await scopeOf(w.outsider, "net-b"), id)).toBeNull();
  });

  it("lists a person's next gatherings across their own networks, without those they are not going to", async () => {
    const w = await buildWorld();
    const mine = await plan(w, { title: "In A" });
    const declined = await plan(w, { title: "Declined" });
    await rsvp(w.ann, mine, "going");
    await rsvp(w.ann, declined, "not_going");
    const elsewhere = await asUser(w.outsider, () => call(createGatheringAction, fields({ slug: "net-b", title: "In B" })));
    expect(elsewhere).toMatchObject({ ok: true });
    const { listMyUpcomingGatherings } = await import("@/lib/gatherings/queries");
    expect((await listMyUpcomingGatherings(w.ann.id)).map((g) => [g.title, g.networkSlug, g.rsvp])).toEqual([["In A", "net-a", "going"]]);
    expect((await listMyUpcomingGatherings(w.outsider.id)).map((g) => g.title)).toEqual(["In B"]);
  });

  it("lists upcoming and past gatherings, the past by keyset", async () => {
    const w = await buildWorld();
    const ids: string[] = [];
    // A page and three more.
    for (let i = 0; i < PAST_PAGE_SIZE + 3; i++) ids.push(await plan(w, { title: `Evening ${i}` }));
    // Move them into the past, one day apart.
    for (const [i, id] of ids.entries()) {
      const at = new Date(Date.now() - (i + 1) * DAY);
      await dbSystem().gathering.update({ where: { networkId: A, id }, data: { startsAt: at, endsAt: new Date(at.getTime() + HOUR) } });
    }
    const upcoming = await plan(w, { title: "Next one" });
    const scope = await scopeOf(w.ann);
    const first = await loadGatheringsPage(scope, undefined);
    expect(first.upcoming.map((g) => g.id)).toEqual([upcoming]);
    expect(first.past.map((g) => g.id)).toEqual(ids.slice(0, PAST_PAGE_SIZE));
    const { decodeCursor } = await import("@/lib/cursor");
    const second = await loadGatheringsPage(scope, decodeCursor(first.next));
    expect(second.past.map((g) => g.id)).toEqual(ids.slice(PAST_PAGE_SIZE));
    expect(second.next).toBeNull();
  });
});

describe("after the gathering", () => {
  it("lets a host record who came, pre-filled from going, with guests by name", async () => {
    const w = await buildWorld();
    const id = await plan(w, { "agenda.0.hostId": w.ann.id });
    await rsvp(w.ann, id, "going");
    await rsvp(w.bob, id, "going");
    const record = { slug: "net-a", gatheringId: id, [`came.${w.ann.id}`]: "on", [`came.${w.cas.id}`]: "on", guests: "Mies from the library\n\nMies from the library\nJan" };
    // Not before it has begun.
    expectRefused(await asUser(w.ann, () => call(recordAttendanceAction, record)), "invalid_transition");
    await dbSystem().gathering.update({ where: { networkId: A, id }, data: { startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR) } });
    const page = (await loadGatheringPage(await scopeOf(w.ann), id))!;
    expect(page.attendanceCandidates?.filter((c) => c.going).map((c) => c.name).sort()).toEqual(["Ann", "Bob"]);
    // Bob is no host, the funder neither; another network's broker finds nothing.
    expectRefused(await asUser(w.bob, () => call(recordAttendanceAction, record)), "forbidden");
    expectRefused(await asUser(w.funder, () => call(recordAttendanceAction, record)), "forbidden");
    expectRefused(await asUser(w.outsider, () => call(recordAttendanceAction, { ...record, slug: "net-b" })), "not_found");
    expectRefused(await asUser(w.ann, () => call(recordAttendanceAction, { ...record, [`came.${w.outsider.id}`]: "on" })), "not_found");
    expect(await asUser(w.ann, () => call(recordAttendanceAction, record))).toMatchObject({ ok: true });
    expect(await asUser(w.ann, () => call(recordAttendanceAction, record))).toMatchObject({ ok: true });
    const rows = await dbSystem().attendance.findMany({ where: { networkId: A, gatheringId: id } });
    expect(rows.map((r) => r.userId ?? r.guestName).sort()).toEqual([w.ann.id, w.cas.id, "Jan", "Mies from the library"].sort());
    const member = (await loadGatheringPage(await scopeOf(w.bob), id))!;
    expect(member.people?.came.map((p) => p.name).sort()).toEqual(["Ann", "Cas"]);
    expect(member.people?.guests.sort()).toEqual(["Jan", "Mies from the library"]);
    const funder = (await loadGatheringPage(await scopeOf(w.funder), id))!;
    expect(funder.counts).toMatchObject({ cameMembers: 2, cameGuests: 2 });
    expect(funder.people).toBeNull();
    expect(JSON.stringify(funder)).not.toContain("Mies");
    // The list shows the count.
    expect((await loadGatheringsPage(await scopeOf(w.funder), undefined)).past[0]).toMatchObject({ id, came: 4 });
  });

  it("mails gathering news with the gathering's name, its new time and a link to it", async () => {
    const w = await buildWorld();
    await dbSystem().user.update({ where: { id: w.ann.id }, data: { emailFrequency: "immediate", timeZone: ZONE, locale: "en" } });
    const id = await plan(w, { title: "Soup and stories" });
    await rsvp(w.ann, id, "going");
    const g = await dbSystem().gathering.findFirstOrThrow({ where: { networkId: A, id } });
    const moved = fields({
      gatheringId: id,
      idempotencyKey: undefined,
      title: "Soup and stories",
      startsAt: toLocal(new Date(g.startsAt.getTime() + DAY), ZONE),
      endsAt: toLocal(new Date(g.endsAt.getTime() + DAY), ZONE),
    });
    expect(await asUser(w.broker, () => call(updateGatheringAction, moved))).toMatchObject({ ok: true });
    const { sendDueNotificationMail } = await import("@/lib/digests/mutations");
    expect(await sendDueNotificationMail(new Date(Date.now() + HOUR))).toBeGreaterThan(0);
    const mail = await dbSystem().mailMessage.findFirstOrThrow({ where: { userId: w.ann.id }, select: { subject: true, text: true } });
    const when = new Intl.DateTimeFormat("en", { dateStyle: "full", timeStyle: "short", timeZone: ZONE }).format(new Date(g.startsAt.getTime() + DAY));
    expect(mail.text).toContain(`“Soup and stories” (Network A) changed: it is now ${when}`);
    // The same mail also tells of the gathering being planned (one group per gathering).
    expect(mail.text).toContain("Broker planned a gathering in Network A: “Soup and stories”");
    expect(mail.text).toContain(`/n/net-a/gatherings/${id}`);
  });

  it("puts a person's answers, attendance and hosting in their data download", async () => {
    const w = await buildWorld();
    const id = await plan(w, { title: "Soup and stories", "agenda.0.hostId": w.ann.id });
    await rsvp(w.ann, id, "going", "I bring soup");
    await dbSystem().attendance.create({ data: { networkId: A, gatheringId: id, userId: w.ann.id, recordedById: w.broker.id } });
    const { exportAccountData } = await import("@/lib/accounts/queries");
    const data = await exportAccountData(w.ann.id);
    expect(data?.account.gatherings).toEqual([
      expect.objectContaining({ gatheringId: id, gathering: "Soup and stories", answer: "going", note: "I bring soup", came: true, hosted: true, network: "net-a" }),
    ]);
  });

  it("forgets a deleted account's answers, hosting and attendance, and keeps the gathering", async () => {
    const w = await buildWorld();
    const id = await plan(w, { "agenda.0.hostId": w.ann.id });
    await rsvp(w.ann, id, "going", "I bring soup");
    await dbSystem().attendance.create({ data: { networkId: A, gatheringId: id, userId: w.ann.id, recordedById: w.ann.id } });
    const { deleteAccountAction } = await import("@/lib/accounts/actions");
    expect(await asUser(w.ann, () => call(deleteAccountAction, { confirmEmail: w.ann.email }))).toMatchObject({ ok: true });
    const where = { networkId: A, gatheringId: id };
    expect(await dbSystem().rsvp.count({ where })).toBe(0);
    expect(await dbSystem().attendance.count({ where })).toBe(0);
    expect((await dbSystem().gatheringHost.findMany({ where })).map((h) => h.userId)).toEqual([w.broker.id]);
    expect((await dbSystem().agendaItem.findMany({ where, orderBy: { position: "asc" } })).map((a) => a.hostId)).toEqual([null, null]);
    expect(await dbSystem().gathering.count({ where: { networkId: A, id } })).toBe(1);
  });

  it("reminds those going once, a day before, and again after a move", async () => {
    const w = await buildWorld();
    const id = await plan(w, { startsAt: local(20 * HOUR), endsAt: local(22 * HOUR) });
    const later = await plan(w, { startsAt: local(3 * DAY), endsAt: local(3 * DAY + 2 * HOUR) });
    await rsvp(w.ann, id, "going");
    await rsvp(w.bob, id, "maybe");
    await rsvp(w.ann, later, "going");
    expect(await sendGatheringRemindersEverywhere()).toBe(1);
    expect(await sendGatheringRemindersEverywhere()).toBe(0);
    expect((await kinds(w.ann)).filter((k) => k === "gathering_reminder")).toHaveLength(1);
    expect(await kinds(w.bob)).not.toContain("gathering_reminder");
    // Moved to another day within the window: a new reminder for the new time.
    const g = await dbSystem().gathering.findFirstOrThrow({ where: { networkId: A, id } });
    const moved = fields({
      gatheringId: id,
      idempotencyKey: undefined,
      startsAt: toLocal(new Date(g.startsAt.getTime() + HOUR), ZONE),
      endsAt: toLocal(new Date(g.endsAt.getTime() + HOUR), ZONE),
    });
    expect(await asUser(w.broker, () => call(updateGatheringAction, moved))).toMatchObject({ ok: true });
    expect(await sendGatheringRemindersEverywhere()).toBe(1);
  });
});
