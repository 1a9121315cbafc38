import { describe, expect, it } from "vitest";
import { dbSystem } from "@/lib/db/client";
import { exportAccountData } from "@/lib/accounts/queries";
import { seedDemo } from "@/lib/db/demo";
import { makeInitiative, makeMilestone } from "@/lib/db/factories";
import type { CapitalKind, ExchangeDirection, ExchangeStatus, ExchangeVisibility } from "@/lib/db/generated/enums";
import { createPostAction, updatePostAction } from "@/lib/exchange/actions";
import { notifyMatches } from "@/lib/exchange/matching/mutations";
import { listMilestoneNeeds, listOpenAsks } from "@/lib/funding/queries";
import { matchesForPost } from "@/lib/exchange/matching/queries";
import { updateHelpTagsAction } from "@/lib/membership/actions";
import { requireMember } from "@/lib/membership/scope";
import { asUser, call, expectRefused, makeNetwork, member, user, type User } from "./support";

const DAY = 86_400_000;

type PostInput = {
  network: { id: string };
  author: { id: string };
  direction: ExchangeDirection;
  capital: CapitalKind;
  title: string;
  body?: string;
  tags?: string[];
  status?: ExchangeStatus;
  visibility?: ExchangeVisibility;
  expiresAt?: Date;
  milestoneId?: string;
};

/**
 * A post as the exchange's mutations write it, with its search vector computed the same way
 * (title A, body B, tags C, in the network's language): matching reads the tables, not the forms.
 */
async function post(input: PostInput): Promise<string> {
  const row = await dbSystem().exchangePost.create({
    data: {
      networkId: input.network.id,
      authorId: input.author.id,
      direction: input.direction,
      capital: input.capital,
      title: input.title,
      body: input.body ?? "",
      tags: input.tags ?? [],
      status: input.status ?? "open",
      visibility: input.visibility ?? "network",
      expiresAt: input.expiresAt ?? new Date(Date.now() + 60 * DAY),
      milestoneId: input.milestoneId ?? null,
    },
    select: { id: true },
  });
  await dbSystem().$executeRaw`
    UPDATE "ExchangePost" p
    SET "searchVector" =
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, p.title), 'A') ||
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, p.body), 'B') ||
      setweight(to_tsvector(CASE WHEN n.locale::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END,
                            replace(array_to_string(p.tags, ' '), '-', ' ')), 'C')
    FROM "Network" n
    WHERE n.id = p."networkId" AND p.id = ${row.id}`;
  return row.id;
}

async function helpTags(network: { id: string }, person: User, tags: string[]) {
  await dbSystem().membership.update({ where: { networkId_userId: { networkId: network.id, userId: person.id } }, data: { helpTags: tags } });
}

async function scopeOf(person: Pick<User, "id" | "email" | "name">, slug: string) {
  return asUser(person, () => requireMember(slug));
}

async function matchedKeys(network: { id: string }, person: User) {
  const rows = await dbSystem().notification.findMany({
    where: { networkId: network.id, userId: person.id, kind: "exchange_matched" },
    select: { exchangePostId: true, dedupeKey: true, actorId: true },
  });
  return rows;
}

async function world(locale: "nl" | "en") {
  const broker = await user("Broker");
  const ann = await user("Ann");
  const bob = await user("Bob");
  const cas = await user("Cas");
  const dee = await user("Dee");
  const funder = await user("Funder");
  const outsider = await user("Outsider");
  const slug = `match-${locale}`;
  const network = await makeNetwork(dbSystem(), { brokerId: broker.id, slug, locale, name: `Matching ${locale}` });
  await member(network, ann);
  await member(network, bob);
  await member(network, cas);
  await member(network, dee);
  await member(network, funder, "funder");
  return { network, slug, broker, ann, bob, cas, dee, funder, outsider };
}

describe("matching a Dutch network's posts", () => {
  it("ranks the library's meeting room among the top three for a room for 20 people in Tilburg", async () => {
    const w = await world("nl");
    const request = await post({
      network: w.network,
      author: w.ann,
      direction: "request",
      capital: "place",
      title: "Ruimte voor 20 mensen in Tilburg",
      body: "Voor onze bijeenkomst in maart zoeken we een plek waar we met een groep kunnen zitten.",
    });
    const room = await post({ network: w.network, author: w.bob, direction: "offer", capital: "place", title: "Vergaderzaal in de bibliotheek, Tilburg" });
    // Distractors: other kinds of capital, other towns, and a request (the same direction).
    const distractors = [
      await post({ network: w.network, author: w.cas, direction: "offer", capital: "knowledge", title: "Kennis van subsidies en fondsenwerving" }),
      await post({ network: w.network, author: w.cas, direction: "offer", capital: "materials", title: "Busje voor een verhuizing in Breda" }),
      await post({ network: w.network, author: w.dee, direction: "offer", capital: "contacts", title: "Contacten bij de gemeente Tilburg" }),
      await post({ network: w.network, author: w.dee, direction: "offer", capital: "time", title: "Ik help een middag met boekhouden" }),
      await post({ network: w.network, author: w.dee, direction: "offer", capital: "place", title: "Moestuin in Eindhoven voor een picknick" }),
      await post({ network: w.network, author: w.cas, direction: "offer", capital: "knowledge", title: "Mensen verbinden: training voor groepen in Tilburg" }),
    ];
    const sameDirection = await post({ network: w.network, author: w.bob, direction: "request", capital: "place", title: "Ruimte voor opslag in Tilburg" });
    const { posts } = await matchesForPost(await scopeOf(w.ann, w.slug), request);
    const ids = posts.map((p) => p.id);
    expect(ids.slice(0, 3)).toContain(room);
    expect(ids).not.toContain(sameDirection);
    expect(ids).not.toContain(request);
    expect(posts.every((p) => p.direction === "offer")).toBe(true);
    expect(posts.length).toBeLessThanOrEqual(5);
    // The garden in Eindhoven shares nothing but the kind of capital: no match at all.
    expect(ids).not.toContain(distractors[4]);
  });

  it("stems 'vergaderingen' to meet 'vergadering'", async () => {
    const w = await world("nl");
    const request = await post({ network: w.network, author: w.ann, direction: "request", capital: "knowledge", title: "Wie leidt onze vergaderingen?" });
    const offer = await post({ network: w.network, author: w.bob, direction: "offer", capital: "time", title: "Ik zit graag een vergadering voor" });
    const unrelated = await post({ network: w.network, author: w.cas, direction: "offer", capital: "time", title: "Ik repareer fietsen" });
    const { posts } = await matchesForPost(await scopeOf(w.ann, w.slug), request);
    // Neither the kind of capital nor a tag: only the Dutch stem 'vergader' brings them together.
    expect(posts.map((p) => p.id)).toEqual([offer]);
    expect(posts[0]).toMatchObject({ sameCapital: false, sharedTags: [] });
    expect(posts.map((p) => p.id)).not.toContain(unrelated);
  });
});

describe("matching an English network's posts", () => {
  it("stems in English, and weighs the kind of capital and the shared tags", async () => {
    const w = await world("en");
    const request = await post({
      network: w.network,
      author: w.ann,
      direction: "request",
      capital: "place",
      title: "A room for our meetings",
      body: "We meet monthly with about fifteen people.",
      tags: ["meeting-space", "accessible"],
    });
    // Same words; one of them also the same kind of capital; one also two shared tags.
    const words = await post({ network: w.network, author: w.bob, direction: "offer", capital: "knowledge", title: "I can chair a meeting" });
    const place = await post({ network: w.network, author: w.cas, direction: "offer", capital: "place", title: "Meeting room in the library" });
    const tagged = await post({
      network: w.network,
      author: w.dee,
      direction: "offer",
      capital: "place",
      title: "Meeting room in the library, step-free",
      tags: ["meeting-space", "accessible"],
    });
    const onlyTags = await post({ network: w.network, author: w.dee, direction: "offer", capital: "materials", title: "Spare chairs", tags: ["accessible"] });
    const { posts } = await matchesForPost(await scopeOf(w.ann, w.slug), request);
    const ids = posts.map((p) => p.id);
    expect(ids[0]).toBe(tagged);
    expect(ids.indexOf(place)).toBeLessThan(ids.indexOf(words));
    expect(ids).toContain(onlyTags);
    expect(posts.find((p) => p.id === tagged)).toMatchObject({ sameCapital: true, sharedTags: ["accessible", "meeting-space"] });
    // "meetings" and "meeting" share the English stem.
    expect(posts.find((p) => p.id === words)?.score).toBeGreaterThan(0);
  });

  it("leaves out closed and expired posts, and shows a funder only posts shown to funders", async () => {
    const w = await world("en");
    const request = await post({
      network: w.network,
      author: w.ann,
      direction: "request",
      capital: "time",
      title: "Help with bookkeeping",
      visibility: "network_and_funders",
    });
    const open = await post({ network: w.network, author: w.bob, direction: "offer", capital: "time", title: "Bookkeeping help on Fridays" });
    const shown = await post({
      network: w.network,
      author: w.cas,
      direction: "offer",
      capital: "time",
      title: "Bookkeeping for small groups",
      visibility: "network_and_funders",
    });
    const fulfilled = await post({ network: w.network, author: w.dee, direction: "offer", capital: "time", title: "Bookkeeping evenings", status: "fulfilled" });
    const withdrawn = await post({ network: w.network, author: w.dee, direction: "offer", capital: "time", title: "Bookkeeping lessons", status: "withdrawn" });
    const lapsed = await post({
      network: w.network,
      author: w.dee,
      direction: "offer",
      capital: "time",
      title: "Bookkeeping at home",
      expiresAt: new Date(Date.now() - DAY),
    });
    const member = await matchesForPost(await scopeOf(w.ann, w.slug), request);
    expect(member.posts.map((p) => p.id).sort()).toEqual([open, shown].sort());
    for (const closed of [fulfilled, withdrawn, lapsed]) expect(member.posts.map((p) => p.id)).not.toContain(closed);
    const funder = await matchesForPost(await scopeOf(w.funder, w.slug), request);
    expect(funder.posts.map((p) => p.id)).toEqual([shown]);
    // A closed post has no matches (nor does a post of another network).
    const closedRequest = await post({ network: w.network, author: w.ann, direction: "request", capital: "time", title: "Bookkeeping", status: "withdrawn" });
    expect(await matchesForPost(await scopeOf(w.ann, w.slug), closedRequest)).toEqual({ posts: [], people: [] });
    const other = await makeNetwork(dbSystem(), { brokerId: w.outsider.id, slug: "other-en" });
    const foreign = await post({ network: other, author: w.outsider, direction: "request", capital: "time", title: "Bookkeeping help" });
    expect(await matchesForPost(await scopeOf(w.ann, w.slug), foreign)).toEqual({ posts: [], people: [] });
  });
});

describe("the people a request matches, and telling them", () => {
  it("finds the members whose 'I can help with' meets a request, never funders or the author", async () => {
    const w = await world("nl");
    await helpTags(w.network, w.bob, ["fondsenwerving", "subsidies"]);
    await helpTags(w.network, w.cas, ["subsidies"]);
    await helpTags(w.network, w.dee, ["vergaderingen"]);
    await helpTags(w.network, w.funder, ["fondsenwerving", "subsidies"]);
    await helpTags(w.network, w.ann, ["subsidies"]);
    const request = await post({
      network: w.network,
      author: w.ann,
      direction: "request",
      capital: "knowledge",
      title: "Hulp bij een subsidieaanvraag",
      body: "Wie helpt ons de aanvraag voor de vergadering van het fonds rond te krijgen?",
      tags: ["fondsenwerving", "subsidies"],
    });
    const { people } = await matchesForPost(await scopeOf(w.ann, w.slug), request);
    // Bob shares two tags, Cas one; Dee's tag is a word of the request (stemmed); never the funder or Ann.
    expect(people.map((p) => p.userId)).toEqual([w.bob.id, w.cas.id, w.dee.id]);
    expect(people[0]).toMatchObject({ sharedTags: ["fondsenwerving", "subsidies"] });
    // An offer does not look for people.
    const offer = await post({ network: w.network, author: w.ann, direction: "offer", capital: "knowledge", title: "Subsidies", tags: ["subsidies"] });
    expect((await matchesForPost(await scopeOf(w.ann, w.slug), offer)).people).toEqual([]);
  });

  it("tells each matched person once per post, even when the post is saved again", async () => {
    const w = await world("en");
    await helpTags(w.network, w.bob, ["fundraising"]);
    await helpTags(w.network, w.funder, ["fundraising"]);
    await helpTags(w.network, w.ann, ["fundraising"]);
    const offer = await post({ network: w.network, author: w.cas, direction: "offer", capital: "knowledge", title: "I write grant applications" });
    const request = await post({
      network: w.network,
      author: w.ann,
      direction: "request",
      capital: "knowledge",
      title: "Help with a grant application",
      tags: ["fundraising"],
    });
    const scope = await scopeOf(w.ann, w.slug);
    const first = await notifyMatches(scope, request);
    expect(first.notified).toBe(2);
    const again = await notifyMatches(scope, request);
    expect(again.notified).toBe(0);
    for (const person of [w.bob, w.cas]) {
      expect(await matchedKeys(w.network, person)).toEqual([{ exchangePostId: request, dedupeKey: `exchange_matched:${request}`, actorId: w.ann.id }]);
    }
    // Never the author, never a funder.
    expect(await matchedKeys(w.network, w.ann)).toEqual([]);
    expect(await matchedKeys(w.network, w.funder)).toEqual([]);
    // An edit that brings in a new match tells only the new person.
    await helpTags(w.network, w.dee, ["grants"]);
    await dbSystem().exchangePost.update({ where: { id: request, networkId: w.network.id }, data: { tags: ["fundraising", "grants"] } });
    expect((await notifyMatches(scope, request)).notified).toBe(1);
    expect(await matchedKeys(w.network, w.dee)).toHaveLength(1);
    expect(await matchedKeys(w.network, w.bob)).toHaveLength(1);
    expect(offer).toBeTruthy();
  });

  it("tells nobody about a closed post, nor people who left, nor the authors of posts a funder-only match hides", async () => {
    const w = await world("en");
    await helpTags(w.network, w.bob, ["carpentry"]);
    await helpTags(w.network, w.cas, ["carpentry"]);
    await dbSystem().membership.update({ where: { networkId_userId: { networkId: w.network.id, userId: w.cas.id } }, data: { status: "left" } });
    const closed = await post({ network: w.network, author: w.ann, direction: "request", capital: "time", title: "Carpentry help", tags: ["carpentry"], status: "fulfilled" });
    const scope = await scopeOf(w.ann, w.slug);
    expect((await notifyMatches(scope, closed)).notified).toBe(0);
    const open = await post({ network: w.network, author: w.ann, direction: "request", capital: "time", title: "Carpentry help", tags: ["carpentry"] });
    // A post by someone who has since left still matches, but its author is not told.
    const leftOffer = await post({ network: w.network, author: w.cas, direction: "offer", capital: "time", title: "Carpentry on Saturdays" });
    const result = await notifyMatches(scope, open);
    expect(result.posts.map((p) => p.id)).toEqual([leftOffer]);
    expect(result.notified).toBe(1);
    expect(await matchedKeys(w.network, w.bob)).toHaveLength(1);
    expect(await matchedKeys(w.network, w.cas)).toEqual([]);
    expect(await dbSystem().notification.count({ where: { networkId: w.network.id, kind: "exchange_matched" } })).toBe(1);
  });
});

describe("'I can help with' on the members page", () => {
  it("stores normalised tags, the vocabulary's labels as its slugs, for members and brokers", async () => {
    const w = await world("nl");
    await dbSystem().exchangeTag.create({ data: { networkId: w.network.id, slug: "meeting-space", labelEn: "Meeting space", labelNl: "Vergaderruimte" } });
    const result = await asUser(w.ann, () => call(updateHelpTagsAction, { slug: w.slug, helpTags: "Vergaderruimte, Fondsenwerving ; open   source,\nCafé, fondsenwerving" }));
    expect(result).toMatchObject({ ok: true, data: { helpTags: ["meeting-space", "fondsenwerving", "open-source", "cafe"] } });
    const row = await dbSystem().membership.findUniqueOrThrow({ where: { networkId_userId: { networkId: w.network.id, userId: w.ann.id } } });
    expect(row.helpTags).toEqual(["meeting-space", "fondsenwerving", "open-source", "cafe"]);
    // The person's data download holds it.
    const exported = await exportAccountData(w.ann.id);
    expect(exported?.account.memberships).toEqual([expect.objectContaining({ helpTags: ["meeting-space", "fondsenwerving", "open-source", "cafe"] })]);
    expect(await asUser(w.broker, () => call(updateHelpTagsAction, { slug: w.slug, helpTags: "" }))).toMatchObject({ ok: true, data: { helpTags: [] } });
    // Only the caller's own membership changes.
    const bob = await dbSystem().membership.findUniqueOrThrow({ where: { networkId_userId: { networkId: w.network.id, userId: w.bob.id } } });
    expect(bob.helpTags).toEqual([]);
  });

  it("refuses funders, outsiders and visitors, and bad lists at the field", async () => {
    const w = await world("en");
    expectRefused(await asUser(w.funder, () => call(updateHelpTagsAction, { slug: w.slug, helpTags: "money" })), "forbidden");
    expectRefused(await asUser(w.outsider, () => call(updateHelpTagsAction, { slug: w.slug, helpTags: "x" })), "forbidden");
    expectRefused(await asUser(null, () => call(updateHelpTagsAction, { slug: w.slug, helpTags: "x" })), "unauthenticated");
    const many = Array.from({ length: 13 }, (_, i) => `tag${i}`).join(", ");
    expect(await asUser(w.ann, () => call(updateHelpTagsAction, { slug: w.slug, helpTags: many }))).toMatchObject({
      ok: false,
      fieldErrors: { helpTags: ["too_many|12"] },
      values: { helpTags: many },
    });
    expect(await asUser(w.ann, () => call(updateHelpTagsAction, { slug: w.slug, helpTags: "gardening, ???" }))).toMatchObject({
      ok: false,
      fieldErrors: { helpTags: ["tag_invalid"] },
    });
    expect(await asUser(w.ann, () => call(updateHelpTagsAction, { slug: w.slug, helpTags: "a".repeat(41) }))).toMatchObject({
      ok: false,
      fieldErrors: { helpTags: ["tag_too_long|40"] },
    });
    const row = await dbSystem().membership.findUniqueOrThrow({ where: { networkId_userId: { networkId: w.network.id, userId: w.ann.id } } });
    expect(row.helpTags).toEqual([]);
  });
});

describe("what a milestone needs besides money", () => {
  async function path(w: Awaited<ReturnType<typeof world>>) {
    const initiative = await makeInitiative(dbSystem(), { networkId: w.network.id, createdById: w.ann.id, name: "Repair café", team: [w.ann.id] });
    const first = await makeMilestone(dbSystem(), { networkId: w.network.id, initiativeId: initiative.id, position: 0, amountNeeded: 100_000n, title: "Open the doors" });
    const second = await makeMilestone(dbSystem(), { networkId: w.network.id, initiativeId: initiative.id, position: 1, amountNeeded: 0n, title: "Train volunteers" });
    const done = await makeMilestone(dbSystem(), { networkId: w.network.id, initiativeId: initiative.id, position: 2, amountNeeded: 0n, title: "Pilot", status: "reached" });
    return { initiative, first, second, done };
  }

  it("lists the open requests of each milestone the viewer may read, in one statement for the whole path", async () => {
    const w = await world("en");
    const p = await path(w);
    const shown = await post({ network: w.network, author: w.ann, direction: "request", capital: "place", title: "A workshop space", milestoneId: p.first.id, visibility: "network_and_funders" });
    const membersOnly = await post({ network: w.network, author: w.ann, direction: "request", capital: "materials", title: "Tools", milestoneId: p.first.id });
    const inProgress = await post({ network: w.network, author: w.bob, direction: "request", capital: "time", title: "Trainers", milestoneId: p.second.id, status: "in_progress" });
    // Not needs: an offer, a fulfilled request, an expired one, one without a milestone.
    await post({ network: w.network, author: w.bob, direction: "offer", capital: "time", title: "I can train", milestoneId: p.second.id });
    await post({ network: w.network, author: w.bob, direction: "request", capital: "time", title: "Done", milestoneId: p.second.id, status: "fulfilled" });
    await post({ network: w.network, author: w.bob, direction: "request", capital: "time", title: "Late", milestoneId: p.second.id, expiresAt: new Date(Date.now() - DAY) });
    await post({ network: w.network, author: w.bob, direction: "request", capital: "time", title: "Loose" });
    const member = await listMilestoneNeeds(await scopeOf(w.ann, w.slug), p.initiative.id);
    expect(member.get(p.first.id)).toMatchObject({ total: 2 });
    expect(member.get(p.first.id)?.requests.map((r) => r.id).sort()).toEqual([shown, membersOnly].sort());
    expect(member.get(p.second.id)).toMatchObject({ total: 1, requests: [{ id: inProgress, status: "in_progress", title: "Trainers" }] });
    const funder = await listMilestoneNeeds(await scopeOf(w.funder, w.slug), p.initiative.id);
    expect([...funder.keys()]).toEqual([p.first.id]);
    expect(funder.get(p.first.id)).toMatchObject({ total: 1, requests: [{ id: shown }] });
  });

  it("shows at most five per milestone, with the full count", async () => {
    const w = await world("en");
    const p = await path(w);
    for (let i = 0; i < 7; i++) await post({ network: w.network, author: w.ann, direction: "request", capital: "time", title: `Ask ${i}`, milestoneId: p.first.id });
    const needs = await listMilestoneNeeds(await scopeOf(w.ann, w.slug), p.initiative.id);
    expect(needs.get(p.first.id)?.total).toBe(7);
    expect(needs.get(p.first.id)?.requests).toHaveLength(5);
  });

  it("counts the open asks per running milestone for the funding overview", async () => {
    const w = await world("en");
    const p = await path(w);
    await post({ network: w.network, author: w.ann, direction: "request", capital: "place", title: "Space", milestoneId: p.first.id, visibility: "network_and_funders" });
    await post({ network: w.network, author: w.ann, direction: "request", capital: "time", title: "Hands", milestoneId: p.first.id });
    await post({ network: w.network, author: w.ann, direction: "request", capital: "time", title: "Coach", milestoneId: p.second.id });
    // A reached milestone's asks and closed asks do not count.
    await post({ network: w.network, author: w.ann, direction: "request", capital: "time", title: "Old", milestoneId: p.done.id });
    await post({ network: w.network, author: w.ann, direction: "request", capital: "time", title: "Gone", milestoneId: p.second.id, status: "withdrawn" });
    const broker = await listOpenAsks(await scopeOf(w.broker, w.slug));
    expect(broker).toEqual([
      { milestoneId: p.first.id, title: "Open the doors", initiativeId: p.initiative.id, initiativeName: "Repair café", asks: 2 },
      { milestoneId: p.second.id, title: "Train volunteers", initiativeId: p.initiative.id, initiativeName: "Repair café", asks: 1 },
    ]);
    // Read as a funder, only the asks shown to funders count.
    expect(await listOpenAsks(await scopeOf(w.funder, w.slug))).toEqual([
      { milestoneId: p.first.id, title: "Open the doors", initiativeId: p.initiative.id, initiativeName: "Repair café", asks: 1 },
    ]);
  });
});

describe("the demo", () => {
  it("gives members of both networks something they can help with, that a request finds", async () => {
    await seedDemo(dbSystem());
    for (const slug of ["siac", "pathfinders-midden-brabant"]) {
      const network = await dbSystem().network.findUniqueOrThrow({ where: { slug }, select: { id: true } });
      const rows = await dbSystem().membership.findMany({
        where: { networkId: network.id, status: "active" },
        select: { role: true, helpTags: true, user: { select: { id: true, email: true, name: true } } },
      });
      const helping = rows.filter((r) => r.helpTags.length > 0);
      expect(helping.length, slug).toBeGreaterThanOrEqual(2);
      expect(helping.every((r) => r.role !== "funder"), slug).toBe(true);
      // A new request with a helper's first tag matches that helper.
      const helper = helping[0]!;
      const asker = rows.find((r) => r.role !== "funder" && r.user.id !== helper.user.id)!;
      const request = await post({
        network,
        author: asker.user,
        direction: "request",
        capital: "knowledge",
        title: "Who can help?",
        tags: [helper.helpTags[0]!],
      });
      const { people } = await matchesForPost(await scopeOf(asker.user, slug), request);
      expect(people.map((p) => p.userId), slug).toContain(helper.user.id);
    }
  });
});

describe("saving a post through the exchange's form", () => {
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
  const form = (slug: string, overrides: Record<string, string> = {}) => ({
    slug,
    idempotencyKey: `matching-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`,
    direction: "request",
    capital: "place",
    title: "Ruimte voor 20 mensen in Tilburg",
    body: "Voor onze eerste avond.",
    "tag.vergaderruimte": "on",
    freeTags: "",
    unlocks: "",
    town: "Tilburg",
    address: "",
    expiresOn: inDays(30),
    visibility: "network",
    ...overrides,
  });

  it("tells the matched people when a post is created, once, and only the newly matched when it is edited", async () => {
    const w = await world("nl");
    await dbSystem().exchangeTag.create({ data: { networkId: w.network.id, slug: "vergaderruimte", labelEn: "Meeting space", labelNl: "Vergaderruimte" } });
    await helpTags(w.network, w.bob, ["vergaderruimte"]);
    await helpTags(w.network, w.funder, ["vergaderruimte"]);
    const room = await post({ network: w.network, author: w.cas, direction: "offer", capital: "place", title: "Vergaderzaal in de bibliotheek, Tilburg" });
    const fields = form(w.slug);
    const created = await asUser(w.ann, () => call(createPostAction, fields));
    expect(created, JSON.stringify(created)).toMatchObject({ ok: true });
    const id = created.redirect!.split("/").at(-1)!;
    // A double submit is the same post, and tells no one twice.
    await asUser(w.ann, () => call(createPostAction, fields));
    expect(await matchedKeys(w.network, w.bob)).toEqual([{ exchangePostId: id, dedupeKey: `exchange_matched:${id}`, actorId: w.ann.id }]);
    expect(await matchedKeys(w.network, w.cas)).toHaveLength(1);
    expect(await matchedKeys(w.network, w.funder)).toEqual([]);
    expect(await matchedKeys(w.network, w.ann)).toEqual([]);
    // An edit with a new tag reaches Dee, who can help with it; Bob and Cas are not told again.
    await helpTags(w.network, w.dee, ["catering"]);
    const edited = await asUser(w.ann, () => call(updatePostAction, { ...form(w.slug, { freeTags: "catering" }), postId: id }));
    expect(edited, JSON.stringify(edited)).toMatchObject({ ok: true });
    expect(await matchedKeys(w.network, w.dee)).toHaveLength(1);
    expect(await matchedKeys(w.network, w.bob)).toHaveLength(1);
    expect(await matchedKeys(w.network, w.cas)).toHaveLength(1);
    const { posts, people } = await matchesForPost(await scopeOf(w.ann, w.slug), id);
    expect(posts.map((p) => p.id)).toEqual([room]);
    expect(people.map((p) => p.userId)).toEqual([w.bob.id, w.dee.id].sort((x, y) => (x < y ? -1 : 1)));
  });
});
