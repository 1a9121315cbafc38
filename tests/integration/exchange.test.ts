import { describe, expect, it } from "vitest";
import { dbSystem } from "@/lib/db/client";
import {
  addTagAction,
  createPostAction,
  fulfilPostAction,
  removeTagAction,
  renameTagAction,
  renewPostAction,
  startPostAction,
  updatePostAction,
  withdrawPostAction,
} from "@/lib/exchange/actions";
import { loadExchangePage, loadPostPage } from "@/lib/exchange/queries";
import { looksLikeStreetAddress } from "@/lib/exchange/policy";
import { normalizeTag } from "@/lib/exchange/tags";
import { tagListField } from "@/lib/form-fields";
import { loadLessonsPage } from "@/lib/funding/queries";
import { requireMember } from "@/lib/membership/scope";
import { listNotifications } from "@/lib/notifications/queries";
import { sweepExchangePostsEverywhere } from "@/lib/reminders/mutations";
import { asUser, call, expectRefused, makeNetwork, member, snapshotDatabase, user, type User } from "./support";

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

let keys = 0;
const key = () => `exchange-key-${Date.now().toString(36)}-${(keys++).toString().padStart(6, "0")}`;

/** Network A's id: every read of a tenant table names its network, in tests too (the tenant guard). */
let A = "";

async function buildWorld(locale: "en" | "nl" = "en") {
  const broker = await user("Broker");
  const funder = await user("Funder");
  const ann = await user("Ann");
  const bob = await user("Bob");
  const outsider = await user("Outsider");
  const a = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "net-a", name: "Network A", locale });
  const b = await makeNetwork(dbSystem(), { brokerId: outsider.id, slug: "net-b", name: "Network B" });
  await member(a, funder, "funder");
  await member(a, ann);
  await member(a, bob);
  A = a.id;
  await dbSystem().exchangeTag.create({ data: { networkId: a.id, slug: "meeting-space", labelEn: "Meeting space", labelNl: "Vergaderruimte" } });
  const initiative = await dbSystem().initiative.create({
    data: { networkId: a.id, name: "Repair café", description: "Fixing things together.", systemChange: "Less waste." },
    select: { id: true },
  });
  const milestone = await dbSystem().milestone.create({
    data: { networkId: a.id, initiativeId: initiative.id, position: 0, title: "First evening", unlocks: "", amountNeeded: 0n },
    select: { id: true },
  });
  return { a, b, broker, funder, ann, bob, outsider, initiativeId: initiative.id, milestoneId: milestone.id };
}

function fields(overrides: Record<string, string | undefined> = {}) {
  return {
    slug: "net-a",
    idempotencyKey: key(),
    direction: "request",
    capital: "place",
    title: "Room for 20 people in Tilburg",
    body: "For our **first** evening of the repair café.",
    "tag.meeting-space": "on",
    freeTags: "Evening, Café Tilburg",
    unlocks: "",
    town: "Tilburg",
    address: "",
    expiresOn: day(30),
    visibility: "network",
    ...overrides,
  };
}

async function post(person: User, overrides: Record<string, string | undefined> = {}): Promise<string> {
  const result = await asUser(person, () => call(createPostAction, fields(overrides)));
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  const id = result.redirect?.split("/").at(-1);
  expect(id).toBeTruthy();
  return id!;
}

async function scopeOf(person: User, slug = "net-a") {
  return asUser(person, () => requireMember(slug));
}

async function kinds(person: User) {
  return (await listNotifications(person.id)).items.map((n) => n.kind);
}

const row = (id: string) => dbSystem().exchangePost.findFirstOrThrow({ where: { networkId: A, id } });

describe("tags", () => {
  it("normalises a tag: lower case, ASCII, hyphens, bounded", () => {
    expect(normalizeTag("  Ontmoetings Ruimte café ")).toBe("ontmoetings-ruimte-cafe");
    expect(normalizeTag("Event_space!!")).toBe("event-space");
    expect(normalizeTag("--a  --  b--")).toBe("a-b");
    expect(normalizeTag("😀")).toBe("");
    expect(normalizeTag("x".repeat(100)).length).toBe(40);
    // Typed lists (free tags, "I can help with"): normalised, without doubles or empty pieces, in the order typed.
    expect(tagListField(500, 8).parse("Evening, evening; Café\nTilburg,,")).toEqual(["evening", "cafe", "tilburg"]);
  });

  it("recognises a street address or postal code, not a town", () => {
    for (const s of ["Stationsstraat 12, Tilburg", "5038 EA Tilburg", "5038ea", "12 High Street", "Korte Heuvel 3a", "Spoorlaan 10"]) {
      expect(looksLikeStreetAddress(s), s).toBe(true);
    }
    for (const s of ["Tilburg", "Tilburg-Noord", "Den Haag", "Midden-Brabant", "Utrecht Overvecht", ""]) expect(looksLikeStreetAddress(s), s).toBe(false);
  });

  it("lets brokers keep the vocabulary: add (normalised, once), rename its labels, remove it from the list only", async () => {
    const w = await buildWorld();
    expect(await asUser(w.broker, () => call(addTagAction, { slug: "net-a", tag: " Legal Advice ", labelEn: "Legal advice", labelNl: "Juridisch advies" }))).toMatchObject({ ok: true });
    const tag = await dbSystem().exchangeTag.findFirstOrThrow({ where: { networkId: A, slug: "legal-advice" } });
    expect(tag).toMatchObject({ labelEn: "Legal advice", labelNl: "Juridisch advies" });
    const again = await asUser(w.broker, () => call(addTagAction, { slug: "net-a", tag: "legal advice", labelEn: "Again", labelNl: "Weer" }));
    expect(again).toMatchObject({ ok: false, fieldErrors: { tag: ["exchange_tag_taken"] }, values: { labelEn: "Again" } });
    expectRefused(await asUser(w.ann, () => call(addTagAction, { slug: "net-a", tag: "mine", labelEn: "Mine", labelNl: "Mijn" })), "forbidden");
    expectRefused(await asUser(w.funder, () => call(renameTagAction, { slug: "net-a", tagId: tag.id, labelEn: "X", labelNl: "Y" })), "forbidden");
    expect(await asUser(w.broker, () => call(renameTagAction, { slug: "net-a", tagId: tag.id, labelEn: "Law", labelNl: "Recht" }))).toMatchObject({ ok: true });
    expect(await dbSystem().exchangeTag.findFirstOrThrow({ where: { networkId: A, id: tag.id } })).toMatchObject({ slug: "legal-advice", labelEn: "Law" });
    const id = await post(w.ann, { "tag.legal-advice": "on" });
    expect(await asUser(w.broker, () => call(removeTagAction, { slug: "net-a", tagId: tag.id }))).toMatchObject({ ok: true });
    expect(await dbSystem().exchangeTag.count({ where: { networkId: A, slug: "legal-advice" } })).toBe(0);
    expect((await row(id)).tags).toContain("legal-advice");
    const audit = await dbSystem().auditEntry.findMany({ where: { networkId: A, action: { startsWith: "exchange." } }, select: { action: true } });
    expect(audit.map((e) => e.action).sort()).toEqual(["exchange.tag_added", "exchange.tag_removed", "exchange.tag_renamed"]);
  });
});

describe("posting", () => {
  it("posts a request with its tags, rendered text and search vector; brokers post too, funders and outsiders cannot", async () => {
    const w = await buildWorld();
    const id = await post(w.ann, { unlocks: `milestone:${w.milestoneId}` });
    const p = await row(id);
    expect(p).toMatchObject({
      authorId: w.ann.id,
      direction: "request",
      capital: "place",
      status: "open",
      town: "Tilburg",
      address: "",
      visibility: "network",
      milestoneId: w.milestoneId,
      initiativeId: w.initiativeId,
      tags: ["meeting-space", "evening", "cafe-tilburg"],
    });
    expect(p.bodyHtml).toContain("<strong>first</strong>");
    // The end of the chosen day in the author's zone.
    expect(p.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    const found = await dbSystem().$queryRaw<{ id: string }[]>`
      SELECT id FROM "ExchangePost" WHERE "networkId" = ${A} AND "searchVector" @@ to_tsquery('english', 'rooms & meeting')`;
    expect(found.map((r) => r.id)).toEqual([id]);
    await post(w.broker, { direction: "offer", capital: "knowledge", title: "Facilitation" });
    expectRefused(await asUser(w.funder, () => call(createPostAction, fields())), "forbidden");
    expectRefused(await asUser(w.outsider, () => call(createPostAction, fields())), "forbidden");
    expectRefused(await call(createPostAction, fields()), "unauthenticated");
  });

  it("stems a Dutch network's posts in Dutch", async () => {
    await buildWorld("nl");
    const ann = await dbSystem().user.findFirstOrThrow({ where: { name: "Ann" } });
    const id = await post(ann, { title: "Vergaderingen in de bibliotheek", body: "Ruimte voor 20 mensen." });
    const found = await dbSystem().$queryRaw<{ id: string }[]>`
      SELECT id FROM "ExchangePost" WHERE "networkId" = ${A} AND "searchVector" @@ to_tsquery('dutch', 'vergadering')`;
    expect(found.map((r) => r.id)).toEqual([id]);
  });

  it("makes one post of a double submit", async () => {
    const w = await buildWorld();
    const same = fields();
    const [one, two] = await Promise.all([asUser(w.ann, () => call(createPostAction, same)), asUser(w.ann, () => call(createPostAction, same))]);
    expect(one.redirect).toBeTruthy();
    expect(one.redirect).toBe(two.redirect);
    expect(await asUser(w.ann, () => call(createPostAction, same))).toMatchObject({ redirect: one.redirect });
    expect(await dbSystem().exchangePost.count({ where: { networkId: A } })).toBe(1);
  });

  it.each([
    ["money", { capital: "money" }, "capital", "exchange_money"],
    ["an expiry in the past", { expiresOn: day(-2) }, "expiresOn", "expiry_past"],
    ["an expiry beyond a year", { expiresOn: day(400) }, "expiresOn", "expiry_far|365"],
    ["a date that is not one", { expiresOn: "2027-02-31" }, "expiresOn", "date_invalid"],
    ["an unknown tag", { "tag.not-on-the-list": "on" }, "tags", "exchange_tag_unknown"],
    ["a street address as the town", { town: "Stationsstraat 12, Tilburg" }, "town", "exchange_street_address"],
    ["a postal code as the town", { town: "5038 EA" }, "town", "exchange_street_address"],
    ["an address on a request", { address: "Stationsstraat 12", showAddress: "on" }, "address", "exchange_address_place_only"],
    ["an address on an offer of time", { direction: "offer", capital: "time", address: "Stationsstraat 12" }, "address", "exchange_address_place_only"],
    ["a place offer's address not ticked", { direction: "offer", address: "Stationsstraat 12" }, "address", "exchange_address_unticked"],
    ["too many free tags", { freeTags: "a, b, c, d, e, f, g, h, i" }, "freeTags", "too_many|8"],
    // The one tag-list reader of profiles too (lib/form-fields.ts): refused, never dropped or cut.
    ["a free tag with nothing a tag keeps", { freeTags: "evening, !!!" }, "freeTags", "tag_invalid"],
    ["a free tag too long", { freeTags: "x".repeat(41) }, "freeTags", "tag_too_long|40"],
    ["a milestone of another network", { unlocks: "milestone:elsewhere" }, "unlocks", "link_unknown"],
    ["no title", { title: " " }, "title", "required"],
  ])("refuses %s at its field, in a translated message, keeping what was typed", async (_, overrides, field, code) => {
    const w = await buildWorld();
    const before = await snapshotDatabase({ counters: false });
    const sent = fields(overrides);
    const result = await asUser(w.ann, () => call(createPostAction, sent));
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    if (result.ok) return;
    expect(result.fieldErrors?.[field]).toEqual([code]);
    expect(result.values).toMatchObject({ title: sent.title, body: sent.body, town: sent.town, freeTags: sent.freeTags, "tag.meeting-space": "on" });
    expect(await snapshotDatabase({ counters: false })).toBe(before);
    const messages = (await import("@/lib/i18n/messages/en.json")).default.validation as Record<string, string>;
    const nl = (await import("@/lib/i18n/messages/nl.json")).default.validation as Record<string, string>;
    expect(messages[code.split("|")[0]!]).toBeTruthy();
    expect(nl[code.split("|")[0]!]).toBeTruthy();
  });

  it("shows a place offer's address only when its author ticks it", async () => {
    const w = await buildWorld();
    const id = await post(w.ann, { direction: "offer", title: "Meeting room in the library", address: "Stationsstraat 12, Tilburg", showAddress: "on" });
    expect(await row(id)).toMatchObject({ address: "Stationsstraat 12, Tilburg", town: "Tilburg" });
    expect((await loadPostPage(await scopeOf(w.bob), id))?.post.address).toBe("Stationsstraat 12, Tilburg");
  });
});

describe("who sees what", () => {
  it("shows funders only posts for funders, in the list, the page and the lessons log; outsiders nothing", async () => {
    const w = await buildWorld();
    const members = await post(w.ann, { title: "For members" });
    const funders = await post(w.ann, { title: "For funders too", visibility: "network_and_funders" });
    const asFunder = await scopeOf(w.funder);
    expect((await loadExchangePage(asFunder, {}, undefined)).posts.map((p) => p.id)).toEqual([funders]);
    expect(await loadPostPage(asFunder, members)).toBeNull();
    expect((await loadPostPage(asFunder, funders))?.post.title).toBe("For funders too");
    expect((await loadExchangePage(await scopeOf(w.bob), {}, undefined)).posts.map((p) => p.id)).toEqual([funders, members]);
    // Both fulfilled with a lesson: the funder's lessons log holds the one for funders only.
    for (const id of [members, funders]) {
      expect(await asUser(w.ann, () => call(fulfilPostAction, { slug: "net-a", postId: id, helperId: w.bob.id, thanks: "", lesson: `Lesson of ${id}` }))).toMatchObject({ ok: true });
    }
    const funderLessons = (await loadLessonsPage(asFunder, {})).lessons.items.map((l) => l.post?.id);
    expect(funderLessons).toEqual([funders]);
    const memberLessons = (await loadLessonsPage(await scopeOf(w.bob), {})).lessons.items.map((l) => l.post?.id);
    expect(memberLessons.sort()).toEqual([funders, members].sort());
    await expect(asUser(w.outsider, () => requireMember("net-a", "exchange.view"))).rejects.toMatchObject({ code: "forbidden" });
    // Another network's post is not found under this network's slug.
    const elsewhere = await dbSystem().exchangePost.create({
      data: { networkId: w.b.id, authorId: w.outsider.id, direction: "offer", capital: "time", title: "B's", expiresAt: new Date(Date.now() + DAY) },
    });
    expect(await loadPostPage(await scopeOf(w.bob), elsewhere.id)).toBeNull();
  });

  it("lists running posts newest first, filtered, in keyset pages, and the author's own of any status", async () => {
    const w = await buildWorld();
    const base = Date.now() - 100 * 60_000;
    for (let i = 0; i < 25; i++) {
      await dbSystem().exchangePost.create({
        data: {
          networkId: A,
          authorId: w.bob.id,
          direction: i % 2 ? "offer" : "request",
          capital: i % 3 ? "time" : "knowledge",
          title: `Post ${i}`,
          tags: i % 5 === 0 ? ["meeting-space"] : [],
          expiresAt: new Date(Date.now() + 10 * DAY),
          createdAt: new Date(base + i * 60_000),
        },
      });
    }
    await dbSystem().exchangePost.create({
      data: { networkId: A, authorId: w.bob.id, direction: "offer", capital: "time", title: "Expired", expiresAt: new Date(Date.now() - DAY), status: "expired" },
    });
    const scope = await scopeOf(w.bob);
    const first = await loadExchangePage(scope, {}, undefined);
    expect(first.posts).toHaveLength(20);
    expect(first.posts[0]!.title).toBe("Post 24");
    const { decodeCursor } = await import("@/lib/cursor");
    const second = await loadExchangePage(scope, {}, decodeCursor(first.next));
    expect(second.posts.map((p) => p.title)).toEqual(["Post 4", "Post 3", "Post 2", "Post 1", "Post 0"]);
    expect(second.next).toBeNull();
    expect(first.mine.map((p) => p.title)).toContain("Expired");
    expect((await loadExchangePage(scope, { direction: "offer", capital: "knowledge" }, undefined)).posts.map((p) => p.title)).toEqual([
      "Post 21",
      "Post 15",
      "Post 9",
      "Post 3",
    ]);
    expect((await loadExchangePage(scope, { tag: "meeting-space" }, undefined)).posts.map((p) => p.title)).toEqual(["Post 20", "Post 15", "Post 10", "Post 5", "Post 0"]);
  });
});

describe("the life of a post", () => {
  it("runs open → in progress → fulfilled, thanks the helper once and adds the lesson to the log", async () => {
    const w = await buildWorld();
    const id = await post(w.ann, { unlocks: `initiative:${w.initiativeId}` });
    expectRefused(await asUser(w.bob, () => call(startPostAction, { slug: "net-a", postId: id })), "forbidden");
    expectRefused(await asUser(w.broker, () => call(startPostAction, { slug: "net-a", postId: id })), "forbidden");
    expect(await asUser(w.ann, () => call(startPostAction, { slug: "net-a", postId: id }))).toMatchObject({ ok: true });
    expect((await row(id)).status).toBe("in_progress");
    expectRefused(await asUser(w.bob, () => call(fulfilPostAction, { slug: "net-a", postId: id, helperId: w.bob.id, thanks: "Me!", lesson: "" })), "forbidden");
    const notMember = await asUser(w.ann, () => call(fulfilPostAction, { slug: "net-a", postId: id, helperId: w.outsider.id, thanks: "Thanks", lesson: "" }));
    expect(notMember).toMatchObject({ ok: false, fieldErrors: { helperId: ["invalid_choice"] }, values: { thanks: "Thanks" } });
    const fulfil = { slug: "net-a", postId: id, helperId: w.bob.id, thanks: "Thank you, **Bob**!", lesson: "Ask the library *first*." };
    expect(await asUser(w.ann, () => call(fulfilPostAction, fulfil))).toMatchObject({ ok: true });
    const p = await row(id);
    expect(p).toMatchObject({ status: "fulfilled", helperId: w.bob.id });
    expect(p.thanksHtml).toContain("<strong>Bob</strong>");
    expect(p.closedAt).not.toBeNull();
    expect(await kinds(w.bob)).toEqual(["exchange_thanked"]);
    const note = await dbSystem().notification.findFirstOrThrow({ where: { networkId: A, userId: w.bob.id } });
    expect(note).toMatchObject({ exchangePostId: id, actorId: w.ann.id });
    // Closed: a second fulfil, an edit, a renewal are refused; nothing is told twice.
    expectRefused(await asUser(w.ann, () => call(fulfilPostAction, fulfil)), "exchange_closed");
    expectRefused(await asUser(w.ann, () => call(updatePostAction, { ...fields(), postId: id })), "exchange_closed");
    expectRefused(await asUser(w.ann, () => call(renewPostAction, { slug: "net-a", postId: id, expiresOn: day(60) })), "exchange_closed");
    expect(await kinds(w.bob)).toEqual(["exchange_thanked"]);
    const lessons = (await loadLessonsPage(await scopeOf(w.bob), { initiative: w.initiativeId })).lessons.items;
    expect(lessons).toHaveLength(1);
    expect(lessons[0]).toMatchObject({ post: { id }, initiativeName: "Repair café" });
    expect(lessons[0]!.html).toContain("<em>first</em>");
    // Not under an area filter (posts have none); the page still shows it closed.
    expect((await loadLessonsPage(await scopeOf(w.bob), { area: "means" })).lessons.items).toEqual([]);
    expect((await loadPostPage(await scopeOf(w.bob), id))?.post.status).toBe("fulfilled");
    // Not in the open list.
    expect((await loadExchangePage(await scopeOf(w.bob), {}, undefined)).posts).toEqual([]);
  });

  it("lets only the author edit, and the author or a broker withdraw (the broker's in the audit log)", async () => {
    const w = await buildWorld();
    const id = await post(w.ann);
    expectRefused(await asUser(w.bob, () => call(updatePostAction, { ...fields({ title: "Mine now" }), postId: id })), "forbidden");
    expectRefused(await asUser(w.broker, () => call(updatePostAction, { ...fields({ title: "Mine now" }), postId: id })), "forbidden");
    const edited = await asUser(w.ann, () => call(updatePostAction, { ...fields({ title: "Room for 25", freeTags: "" }), postId: id }));
    expect(edited).toMatchObject({ ok: true });
    expect(await row(id)).toMatchObject({ title: "Room for 25", tags: ["meeting-space"] });
    const refused = await asUser(w.ann, () => call(updatePostAction, { ...fields({ capital: "money" }), postId: id }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { capital: ["exchange_money"] } });
    expectRefused(await asUser(w.bob, () => call(withdrawPostAction, { slug: "net-a", postId: id, reason: "" })), "forbidden");
    expectRefused(await asUser(w.funder, () => call(withdrawPostAction, { slug: "net-a", postId: id, reason: "" })), "forbidden");
    expect(await asUser(w.broker, () => call(withdrawPostAction, { slug: "net-a", postId: id, reason: "Asks for money" }))).toMatchObject({ ok: true });
    expect(await row(id)).toMatchObject({ status: "withdrawn" });
    const entry = await dbSystem().auditEntry.findFirstOrThrow({ where: { networkId: A, action: "exchange.withdrawn" } });
    expect(entry).toMatchObject({ actorId: w.broker.id, subjectUserId: w.ann.id });
    const own = await post(w.ann, { title: "Second" });
    expect(await asUser(w.ann, () => call(withdrawPostAction, { slug: "net-a", postId: own, reason: "" }))).toMatchObject({ ok: true });
    expect(await dbSystem().auditEntry.count({ where: { networkId: A, action: "exchange.withdrawn" } })).toBe(1);
    // Withdrawn posts stay readable.
    expect((await loadPostPage(await scopeOf(w.bob), own))?.post.status).toBe("withdrawn");
  });
});

describe("expiry", () => {
  it("reminds the author once a week before, again after a renewal, and expires what is past", async () => {
    const w = await buildWorld();
    const soon = await post(w.ann, { expiresOn: day(3) });
    const later = await post(w.ann, { expiresOn: day(30), title: "Later" });
    const past = await post(w.bob, { title: "Past" });
    await dbSystem().exchangePost.update({ where: { id: past, networkId: A }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    // Past its expiry, before the sweep: out of the list, readable as expired.
    const bob = await scopeOf(w.bob);
    expect((await loadExchangePage(bob, {}, undefined)).posts.map((p) => p.id)).not.toContain(past);
    expect((await loadPostPage(bob, past))?.post.status).toBe("expired");

    expect(await sweepExchangePostsEverywhere()).toEqual({ expired: 1, reminded: 1 });
    expect(await sweepExchangePostsEverywhere()).toEqual({ expired: 0, reminded: 0 });
    expect(await kinds(w.ann)).toEqual(["exchange_expiring"]);
    expect(await kinds(w.bob)).toEqual([]);
    expect((await row(soon)).remindedAt).not.toBeNull();
    expect((await row(later)).remindedAt).toBeNull();
    expect(await row(past)).toMatchObject({ status: "expired" });
    expect((await dbSystem().notification.findFirstOrThrow({ where: { networkId: A, userId: w.ann.id } })).exchangePostId).toBe(soon);

    // Renewed: the reminder may go again, a week before the new day.
    expect(await asUser(w.ann, () => call(renewPostAction, { slug: "net-a", postId: soon, expiresOn: day(5) }))).toMatchObject({ ok: true });
    expect((await row(soon)).remindedAt).toBeNull();
    expect(await sweepExchangePostsEverywhere()).toEqual({ expired: 0, reminded: 1 });
    expect(await kinds(w.ann)).toEqual(["exchange_expiring", "exchange_expiring"]);
    expectRefused(await asUser(w.bob, () => call(renewPostAction, { slug: "net-a", postId: soon, expiresOn: day(60) })), "forbidden");
    const far = await asUser(w.ann, () => call(renewPostAction, { slug: "net-a", postId: soon, expiresOn: day(500) }));
    expect(far).toMatchObject({ ok: false, fieldErrors: { expiresOn: ["expiry_far|365"] } });

    // An expired post renewed is open again.
    expect(await asUser(w.bob, () => call(renewPostAction, { slug: "net-a", postId: past, expiresOn: day(60) }))).toMatchObject({ ok: true });
    expect(await row(past)).toMatchObject({ status: "open", closedAt: null });
    expect((await loadExchangePage(bob, {}, undefined)).posts.map((p) => p.id)).toContain(past);
  });

  it("reminds nobody who left the network", async () => {
    const w = await buildWorld();
    await post(w.ann, { expiresOn: day(2) });
    await dbSystem().membership.updateMany({ where: { networkId: A, userId: w.ann.id }, data: { status: "left" } });
    expect(await sweepExchangePostsEverywhere()).toEqual({ expired: 0, reminded: 0 });
    expect(await kinds(w.ann)).toEqual([]);
  });
});

describe("a member who goes", () => {
  it("closes a removed member's running posts; their closed ones stay", async () => {
    const w = await buildWorld();
    const open = await post(w.ann);
    const done = await post(w.ann, { title: "Done" });
    expect(await asUser(w.ann, () => call(fulfilPostAction, { slug: "net-a", postId: done, helperId: "", thanks: "", lesson: "" }))).toMatchObject({ ok: true });
    const { removeMemberAction } = await import("@/lib/membership/actions");
    const membership = await dbSystem().membership.findFirstOrThrow({ where: { networkId: A, userId: w.ann.id } });
    expect(await asUser(w.broker, () => call(removeMemberAction, { slug: "net-a", membershipId: membership.id }))).toMatchObject({ ok: true });
    expect(await row(open)).toMatchObject({ status: "withdrawn" });
    expect(await row(done)).toMatchObject({ status: "fulfilled" });
  });
});

describe("a deleted account", () => {
  it("withdraws the person's running posts, and their posts and the posts they helped stay without them", async () => {
    const w = await buildWorld();
    const open = await post(w.ann);
    const helped = await post(w.bob, { title: "Helped by Ann" });
    expect(await asUser(w.bob, () => call(fulfilPostAction, { slug: "net-a", postId: helped, helperId: w.ann.id, thanks: "Thanks!", lesson: "" }))).toMatchObject({ ok: true });
    const { deleteAccountAction } = await import("@/lib/accounts/actions");
    const deleted = await asUser(w.ann, () => call(deleteAccountAction, { confirmEmail: w.ann.email }));
    expect(deleted.ok === true || deleted.redirect !== undefined, JSON.stringify(deleted)).toBe(true);
    expect(await row(open)).toMatchObject({ status: "withdrawn", authorId: null });
    expect(await row(helped)).toMatchObject({ status: "fulfilled", helperId: null, thanks: "Thanks!" });
    expect((await loadPostPage(await scopeOf(w.bob), helped))?.post.helperName).toBeNull();
  });
});
