import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { GET as downloadRoute } from "@/app/n/[slug]/(space)/gatherings/[gatheringId]/event.ics/route";
import { GET as personalFeedRoute } from "@/app/calendar/[token]/route";
import { GET as publicFeedRoute } from "@/app/n/[slug]/calendar.ics/route";
import { GET as networkFeedRoute } from "@/app/n/[slug]/calendar/[token]/route";
import { renewNetworkFeedAction, renewPersonalFeedAction, revokeNetworkFeedAction, revokePersonalFeedAction } from "@/lib/calendar/actions";
import { addToCalendarLinks, feedSubjects } from "@/lib/calendar/policy";
import { hasPersonalFeed } from "@/lib/calendar/queries";
import { dbSystem } from "@/lib/db/client";
import type { GatheringStatus, GatheringVisibility, RsvpStatus } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { loadGatheringsPage } from "@/lib/gatherings/queries";
import { hashToken } from "@/lib/membership/invitations";
import { requireMember } from "@/lib/membership/scope";
import { hitRateLimits } from "@/lib/rate-limit/mutations";
import { feedChecks } from "@/lib/rate-limit/policy";
import { call, expectRefused, makeMembership, makeNetwork, member, signInAs, user, type User } from "./support";

/**
 * Calendar feeds and downloads of gatherings (issue 19 item 4, decision 037). Every file is read
 * back with an independent parser (ical.js), with the VTIMEZONE it carries registered, so the
 * times are checked as a calendar app would read them.
 */

const ONLINE = "https://meet.example/secret-room";
const ZONE = "Europe/Amsterdam";
const YEAR = new Date().getUTCFullYear() + 1;
/** 19:30 in Amsterdam in winter (CET, UTC+1) and in summer (CEST, UTC+2). */
const WINTER = new Date(Date.UTC(YEAR, 0, 12, 18, 30));
const SUMMER = new Date(Date.UTC(YEAR, 6, 13, 17, 30));
const HOURS_2 = 2 * 3_600_000;

type Gathering = { id: string };

async function gathering(
  network: { id: string },
  data: { title: string; startsAt: Date; visibility?: GatheringVisibility; status?: GatheringStatus; mode?: "in_person" | "online" | "hybrid" },
): Promise<Gathering> {
  return dbSystem().gathering.create({
    data: {
      networkId: network.id,
      title: data.title,
      purpose: "We talk about **the street**.",
      startsAt: data.startsAt,
      endsAt: new Date(data.startsAt.getTime() + HOURS_2),
      timeZone: ZONE,
      mode: data.mode ?? "hybrid",
      placeName: "Buurthuis De Ster",
      address: "Stationsstraat 1, Tilburg",
      onlineUrl: ONLINE,
      visibility: data.visibility ?? "public",
      status: data.status ?? "planned",
      cancelledAt: data.status === "cancelled" ? new Date() : null,
    },
    select: { id: true },
  });
}

async function rsvp(network: { id: string }, g: Gathering, person: User, status: RsvpStatus) {
  await dbSystem().rsvp.create({ data: { networkId: network.id, gatheringId: g.id, userId: person.id, status } });
}

function request(url: string, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${url}`, { headers });
}

async function download(slug: string, g: Gathering, headers: Record<string, string> = {}) {
  return downloadRoute(request(`/n/${slug}/gatherings/${g.id}/event.ics`, headers), { params: Promise.resolve({ slug, gatheringId: g.id }) });
}

async function publicFeed(slug: string, headers: Record<string, string> = {}) {
  return publicFeedRoute(request(`/n/${slug}/calendar.ics`, headers), { params: Promise.resolve({ slug }) });
}

/** A feed by the URL an action gave: the private network feed or the personal one. */
async function feedAt(url: string) {
  const path = new URL(url).pathname;
  const network = /^\/n\/([^/]+)\/calendar\/([^/]+)$/.exec(path);
  if (network) return networkFeedRoute(request(path), { params: Promise.resolve({ slug: network[1]!, token: network[2]! }) });
  const personal = /^\/calendar\/([^/]+)$/.exec(path);
  if (personal) return personalFeedRoute(request(path), { params: Promise.resolve({ token: personal[1]! }) });
  throw new Error(`not a feed address: ${url}`);
}

type ParsedEvent = { uid: string; sequence: number; status: string | null; summary: string; description: string; location: string; url: string; start: ICAL.Time; end: ICAL.Time };

/** Parses iCalendar text with ical.js, registering the VTIMEZONEs it carries. */
function parse(text: string): { zones: string[]; events: ParsedEvent[]; name: string | null } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents("vtimezone").map((tz) => {
    ICAL.TimezoneService.register(tz);
    return String(tz.getFirstPropertyValue("tzid"));
  });
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: (vevent.getFirstPropertyValue("status") as string | null) ?? null,
      summary: event.summary,
      description: event.description ?? "",
      location: event.location ?? "",
      url: String(vevent.getFirstPropertyValue("url") ?? ""),
      start: event.startDate,
      end: event.endDate,
    };
  });
  return { zones, events, name: (calendar.getFirstPropertyValue("x-wr-calname") as string | null) ?? null };
}

async function calendarOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  return parse(await response.text());
}

function eventOf(calendar: { events: ParsedEvent[] }, g: Gathering): ParsedEvent | undefined {
  return calendar.events.find((e) => e.uid.startsWith(`${g.id}@`));
}

/** A public network with a broker, a member going, a member who may go, a funder and an outsider. */
async function world() {
  const broker = await user("Hanneke");
  const going = await user("Joris");
  const maybe = await user("Mies");
  const funder = await user("Fonds");
  const outsider = await user("Buiten");
  const network = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: `pathfinders-${Math.random().toString(36).slice(2, 8)}` });
  await member(network, going);
  await member(network, maybe);
  await member(network, funder, "funder");
  const winter = await gathering(network, { title: "Winter evening", startsAt: WINTER });
  const summer = await gathering(network, { title: "Summer evening", startsAt: SUMMER, visibility: "members" });
  const proposed = await gathering(network, { title: "Proposed walk", startsAt: SUMMER, status: "proposed" });
  await rsvp(network, winter, going, "going");
  await rsvp(network, summer, going, "going");
  await rsvp(network, winter, maybe, "maybe");
  await rsvp(network, summer, maybe, "waitlisted");
  return { broker, going, maybe, funder, outsider, network, slug: network.slug, winter, summer, proposed };
}

async function networkFeedUrl(person: User, slug: string): Promise<string> {
  signInAs(person);
  const result = await call(renewNetworkFeedAction, { slug });
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return (result.ok && result.data?.url) || "";
}

async function personalFeedUrl(person: User): Promise<string> {
  signInAs(person);
  const result = await call(renewPersonalFeedAction, {});
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return (result.ok && result.data?.url) || "";
}

describe("a gathering's .ics download", () => {
  it("parses, with a fixed UID at the public host, a VTIMEZONE, 19:30 local and a URL back to Kring", async () => {
    const w = await world();
    signInAs(w.going);
    const response = await download(w.slug, w.winter);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${w.slug}-${w.winter.id}.ics"`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const calendar = await calendarOf(response);
    expect(calendar.zones).toEqual([ZONE]);
    const event = eventOf(calendar, w.winter)!;
    expect(event.uid).toBe(`${w.winter.id}@${new URL(env().publicUrl).host}`);
    expect(event.sequence).toBe(0);
    expect(event.status).toBe("CONFIRMED");
    expect(event.summary).toBe("Winter evening");
    expect(event.url).toBe(`${env().publicUrl}/n/${w.slug}/gatherings/${w.winter.id}`);
    expect(event.start.zone?.tzid).toBe(ZONE);
    expect([event.start.hour, event.start.minute]).toEqual([19, 30]);
    expect(event.start.toJSDate().toISOString()).toBe(WINTER.toISOString());
    expect(event.end.toJSDate().getTime() - event.start.toJSDate().getTime()).toBe(HOURS_2);
    // Going: the online link is theirs, with the place; the purpose as plain text.
    expect(event.description).toContain(ONLINE);
    expect(event.location).toBe(`Buurthuis De Ster, Stationsstraat 1, Tilburg, ${ONLINE}`);
    expect(event.description).toContain("We talk about the street.");
  });

  it("keeps 19:30 Amsterdam at 19:30 local in winter and in summer, across the daylight-saving change", async () => {
    const w = await world();
    signInAs(w.going);
    for (const [g, instant] of [[w.winter, WINTER], [w.summer, SUMMER]] as const) {
      const event = eventOf(await calendarOf(await download(w.slug, g)), g)!;
      expect([event.start.hour, event.start.minute], `${g.id}: local time`).toEqual([19, 30]);
      expect(event.start.toJSDate().toISOString(), `${g.id}: the instant`).toBe(instant.toISOString());
    }
    // One hour apart in UTC, the same on the clock in Amsterdam.
    expect(WINTER.getUTCHours() - SUMMER.getUTCHours()).toBe(1);
  });

  it("keeps its UID across an edit and raises SEQUENCE; a cancelled gathering says STATUS:CANCELLED", async () => {
    const w = await world();
    signInAs(w.going);
    const before = eventOf(await calendarOf(await download(w.slug, w.winter)), w.winter)!;
    const later = new Date(WINTER.getTime() + 3_600_000);
    // What an edit does to the row (lib/gatherings): the time moves, the sequence goes up.
    await dbSystem().gathering.update({
      where: { id: w.winter.id, networkId: w.network.id },
      data: { startsAt: later, endsAt: new Date(later.getTime() + HOURS_2), title: "Winter evening, later", sequence: { increment: 1 } },
    });
    const after = eventOf(await calendarOf(await download(w.slug, w.winter)), w.winter)!;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBe(before.sequence + 1);
    expect([after.start.hour, after.start.minute]).toEqual([20, 30]);
    await dbSystem().gathering.update({
      where: { id: w.winter.id, networkId: w.network.id },
      data: { status: "cancelled", cancelledAt: new Date(), sequence: { increment: 1 } },
    });
    const cancelled = eventOf(await calendarOf(await download(w.slug, w.winter)), w.winter)!;
    expect(cancelled.uid).toBe(before.uid);
    expect(cancelled.sequence).toBe(2);
    expect(cancelled.status).toBe("CANCELLED");
    // Kept in the feeds too, so calendars that have it remove it.
    expect(eventOf(await calendarOf(await publicFeed(w.slug)), w.winter)?.status).toBe("CANCELLED");
    expect(eventOf(await calendarOf(await feedAt(await networkFeedUrl(w.going, w.slug))), w.winter)?.status).toBe("CANCELLED");
    expect(eventOf(await calendarOf(await feedAt(await personalFeedUrl(w.going))), w.winter)?.status).toBe("CANCELLED");
  });

  it("is for members, and for anyone only when the gathering is public in a public network; proposed ones for nobody", async () => {
    const w = await world();
    const pending = await user("Pending");
    await makeMembership(dbSystem(), { networkId: w.network.id, userId: pending.id, status: "pending" });
    // A members-only gathering: members of every role, nobody else (not even the pending member).
    for (const person of [w.broker, w.going, w.maybe, w.funder]) {
      signInAs(person);
      expect((await download(w.slug, w.summer)).status, person.name ?? "").toBe(200);
    }
    for (const person of [null, w.outsider, pending]) {
      signInAs(person);
      expect((await download(w.slug, w.summer)).status, person?.name ?? "anonymous").toBe(404);
      // The public gathering: yes, without the online link.
      const event = eventOf(await calendarOf(await download(w.slug, w.winter)), w.winter)!;
      expect(event.description).not.toContain(ONLINE);
      expect(event.location).not.toContain(ONLINE);
    }
    // A proposed gathering waits for a broker: no calendar has it.
    for (const person of [null, w.outsider, w.going, w.broker]) {
      signInAs(person);
      expect((await download(w.slug, w.proposed)).status).toBe(404);
    }
    // Another network's slug with this gathering's id: nothing.
    const elsewhere = await makeNetwork(dbSystem(), { brokerId: w.broker.id });
    signInAs(w.broker);
    expect((await download(elsewhere.slug, w.winter)).status).toBe(404);
    // A private network: not even its public gatherings, to anyone outside.
    await dbSystem().network.update({ where: { id: w.network.id }, data: { visibility: "private" } });
    signInAs(w.outsider);
    expect((await download(w.slug, w.winter)).status).toBe(404);
    signInAs(null);
    expect((await download(w.slug, w.winter)).status).toBe(404);
  });
});

describe("the network's public feed", () => {
  it("holds the public gatherings only, never an online link, and can be cached", async () => {
    const w = await world();
    signInAs(w.going); // who asks changes nothing
    const response = await publicFeed(w.slug);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    const text = await response.clone().text();
    expect(text).not.toContain(ONLINE);
    const calendar = await calendarOf(response);
    expect(calendar.events.map((e) => e.summary)).toEqual(["Winter evening"]);
    expect(eventOf(calendar, w.summer), "a members-only gathering").toBeUndefined();
    expect(eventOf(calendar, w.proposed), "a proposed gathering").toBeUndefined();
    expect(calendar.zones).toEqual([ZONE]);
  });

  it("does not exist for a private network, or a network that does not exist", async () => {
    const w = await world();
    await dbSystem().network.update({ where: { id: w.network.id }, data: { visibility: "private" } });
    for (const person of [null, w.outsider, w.going, w.broker]) {
      signInAs(person);
      expect((await publicFeed(w.slug)).status).toBe(404);
    }
    expect((await publicFeed("no-such-network")).status).toBe(404);
  });
});

describe("a member's private feed of a network", () => {
  it("holds every planned or cancelled gathering, the online link only where that member is going", async () => {
    const w = await world();
    const goingFeed = await calendarOf(await feedAt(await networkFeedUrl(w.going, w.slug)));
    expect(goingFeed.events.map((e) => e.summary).sort()).toEqual(["Summer evening", "Winter evening"]);
    for (const g of [w.winter, w.summer]) expect(eventOf(goingFeed, g)!.description).toContain(ONLINE);
    const response = await feedAt(await networkFeedUrl(w.maybe, w.slug));
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const text = await response.text();
    expect(text, "maybe and waitlisted: no online link").not.toContain(ONLINE);
    expect(parse(text).events).toHaveLength(2);
    // The funder and the broker, going nowhere: the gatherings, no link.
    for (const person of [w.funder, w.broker]) {
      const feed = await (await feedAt(await networkFeedUrl(person, w.slug))).text();
      expect(feed).not.toContain(ONLINE);
      expect(parse(feed).events).toHaveLength(2);
    }
  });

  it("is a 404 without its secret, with a wrong one, a replaced or revoked one, under another slug, or after leaving", async () => {
    const w = await world();
    const url = await networkFeedUrl(w.going, w.slug);
    expect(url).toMatch(new RegExp(`^${env().publicUrl}/n/${w.slug}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    expect((await feedAt(url)).status).toBe(200);
    const token = /calendar\/([^/.]+)\.ics$/.exec(url)![1]!;
    // Only the hash is kept.
    const stored = await dbSystem().membership.findFirstOrThrow({ where: { networkId: w.network.id, userId: w.going.id } });
    expect(stored.calendarTokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const wrong = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const segment of [`${wrong}.ics`, token, `${token}.ics.ics`, ".ics", "", `${"x".repeat(43)}.ics`]) {
      const response = await networkFeedRoute(request(`/n/${w.slug}/calendar/x`), { params: Promise.resolve({ slug: w.slug, token: segment }) });
      expect(response.status, segment).toBe(404);
      expect(await response.text()).not.toContain("BEGIN:VCALENDAR");
    }
    const other = await makeNetwork(dbSystem(), { brokerId: w.broker.id });
    await member(other, w.going);
    expect((await networkFeedRoute(request("/x"), { params: Promise.resolve({ slug: other.slug, token: `${token}.ics` }) })).status).toBe(404);
    // A new address replaces the old one at once.
    const renewed = await networkFeedUrl(w.going, w.slug);
    expect(renewed).not.toBe(url);
    expect((await feedAt(url)).status).toBe(404);
    expect((await feedAt(renewed)).status).toBe(200);
    // Turned off: a 404.
    signInAs(w.going);
    // The gatherings page says whether the member has a feed.
    expect((await loadGatheringsPage(await requireMember(w.slug), undefined)).feed).toBe(true);
    expect((await call(revokeNetworkFeedAction, { slug: w.slug })).ok).toBe(true);
    expect((await loadGatheringsPage(await requireMember(w.slug), undefined)).feed).toBe(false);
    expect((await feedAt(renewed)).status).toBe(404);
    // A member who left (or was removed): a 404, even with the address still in their calendar.
    const again = await networkFeedUrl(w.going, w.slug);
    await dbSystem().membership.updateMany({ where: { networkId: w.network.id, userId: w.going.id }, data: { status: "left" } });
    expect((await feedAt(again)).status).toBe(404);
  });

  it("is made by active members only", async () => {
    const w = await world();
    signInAs(null);
    expectRefused(await call(renewNetworkFeedAction, { slug: w.slug }), "unauthenticated");
    signInAs(w.outsider);
    expectRefused(await call(renewNetworkFeedAction, { slug: w.slug }), "forbidden");
    expectRefused(await call(revokeNetworkFeedAction, { slug: w.slug }), "forbidden");
    expect(await dbSystem().membership.count({ where: { networkId: w.network.id, calendarTokenHash: { not: null } } })).toBe(0);
  });
});

describe("the personal \"my gatherings\" feed", () => {
  it("holds the gatherings one goes or may go to, across one's networks, the online link where one is going", async () => {
    const w = await world();
    const second = await makeNetwork(dbSystem(), { brokerId: w.broker.id, visibility: "private" });
    await member(second, w.going);
    const abroad = await gathering(second, { title: "Berlin gathering", startsAt: SUMMER, visibility: "members" });
    const skipped = await gathering(second, { title: "Skipped", startsAt: SUMMER });
    await rsvp(second, abroad, w.going, "going");
    await rsvp(second, skipped, w.going, "not_going");
    const feed = await calendarOf(await feedAt(await personalFeedUrl(w.going)));
    expect(feed.events.map((e) => e.summary).sort()).toEqual(["Berlin gathering", "Summer evening", "Winter evening"]);
    for (const e of feed.events) expect(e.description).toContain(ONLINE);
    // The one who may go: that gathering, no link; waitlisted is not "may go".
    const text = await (await feedAt(await personalFeedUrl(w.maybe))).text();
    expect(text).not.toContain(ONLINE);
    expect(parse(text).events.map((e) => e.summary)).toEqual(["Winter evening"]);
    // Leaving the second network takes its gatherings out.
    await dbSystem().membership.updateMany({ where: { networkId: second.id, userId: w.going.id }, data: { status: "left" } });
    const after = await calendarOf(await feedAt(await personalFeedUrl(w.going)));
    expect(after.events.map((e) => e.summary).sort()).toEqual(["Summer evening", "Winter evening"]);
  });

  it("is a 404 with a wrong, replaced or revoked secret", async () => {
    const w = await world();
    const url = await personalFeedUrl(w.going);
    expect(url).toMatch(new RegExp(`^${env().publicUrl}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const renewed = await personalFeedUrl(w.going);
    expect((await feedAt(url)).status).toBe(404);
    expect((await feedAt(renewed)).status).toBe(200);
    signInAs(w.going);
    expect(await hasPersonalFeed(w.going.id)).toBe(true);
    expect((await call(revokePersonalFeedAction, {})).ok).toBe(true);
    expect(await hasPersonalFeed(w.going.id)).toBe(false);
    expect((await feedAt(renewed)).status).toBe(404);
    expect((await personalFeedRoute(request("/calendar/x.ics"), { params: Promise.resolve({ token: "x.ics" }) })).status).toBe(404);
    signInAs(null);
    expectRefused(await call(renewPersonalFeedAction, {}), "unauthenticated");
  });
});

describe("calendar links and limits", () => {
  it("builds the URL back to Kring from the configured public address, whatever the request's host", async () => {
    const w = await world();
    signInAs(null);
    const forged = { host: "evil.example", "x-forwarded-host": "evil.example", forwarded: "host=evil.example" };
    for (const response of [await download(w.slug, w.winter, forged), await publicFeed(w.slug, forged)]) {
      const text = await response.text();
      expect(text).not.toContain("evil.example");
      expect(eventOf(parse(text), w.winter)!.url.startsWith(`${env().publicUrl}/`)).toBe(true);
    }
  });

  it("refuses a feed read past KRING_RATE_FEEDS with 429 and Retry-After, per feed", async () => {
    const w = await world();
    const url = await networkFeedUrl(w.going, w.slug);
    const token = /calendar\/([^/.]+)\.ics$/.exec(url)![1]!;
    const limit = env().rateLimits.feeds!.limit;
    const checks = feedChecks(feedSubjects.secret(hashToken(token)));
    for (let i = 0; i < limit; i++) expect((await hitRateLimits(checks)).allowed).toBe(true);
    const refused = await feedAt(url);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    // Another member's feed has its own count.
    expect((await feedAt(await networkFeedUrl(w.maybe, w.slug))).status).toBe(200);
    // The public feed counts per client address.
    const ip = "198.51.100.23";
    for (let i = 0; i < limit; i++) await hitRateLimits(feedChecks(feedSubjects.publicFeed(w.slug, ip)));
    expect((await publicFeed(w.slug, { "x-forwarded-for": ip })).status).toBe(429);
    expect((await publicFeed(w.slug, { "x-forwarded-for": "198.51.100.24" })).status).toBe(200);
  });

  it("gives Google Calendar and Outlook the event's UTC times, zone and text", () => {
    const links = addToCalendarLinks({ title: "Winter evening", details: "Talk", location: "De Ster", startsAt: WINTER, endsAt: new Date(WINTER.getTime() + HOURS_2), timeZone: ZONE });
    const google = new URL(links.google);
    expect(google.origin).toBe("https://calendar.google.com");
    expect(google.searchParams.get("dates")).toBe(`${YEAR}0112T183000Z/${YEAR}0112T203000Z`);
    expect(google.searchParams.get("ctz")).toBe(ZONE);
    expect(google.searchParams.get("text")).toBe("Winter evening");
    const outlook = new URL(links.outlook);
    expect(outlook.origin).toBe("https://outlook.live.com");
    expect(outlook.searchParams.get("startdt")).toBe(WINTER.toISOString());
    expect(outlook.searchParams.get("subject")).toBe("Winter evening");
  });
});
