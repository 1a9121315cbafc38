import { describe, expect, it } from "vitest";
import { sendMessageAction, startConversationAction } from "@/lib/conversations/actions";
import { loadConversationPage, loadMyConversations, loadPostConversations } from "@/lib/conversations/queries";
import { dbSystem } from "@/lib/db/client";
import type { ExchangeStatus } from "@/lib/db/generated/enums";
import { leaveAction, removeMemberAction } from "@/lib/membership/actions";
import { requireMember } from "@/lib/membership/scope";
import { MESSAGES_PAGE_SIZE } from "@/lib/conversations/limits";
import { asUser, call, expectRefused, makeNetwork, member, membershipOf, signInAs, snapshotDatabase, user, type User } from "./support";

const DAY = 86_400_000;

let keys = 0;
const key = () => `conversation-key-${Date.now().toString(36)}-${(keys++).toString().padStart(6, "0")}`;

/** Network A's id: every read of a tenant table names its network, in tests too (the tenant guard). */
let A = "";

async function buildWorld() {
  const broker = await user("Broker");
  const funder = await user("Funder");
  const ann = await user("Ann");
  const bob = await user("Bob");
  const cas = await user("Cas");
  const outsider = await user("Outsider");
  const otherBroker = await user("Broker B");
  const a = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "net-a", name: "Network A" });
  const b = await makeNetwork(dbSystem(), { brokerId: otherBroker.id, slug: "net-b", name: "Network B" });
  await member(a, funder, "funder");
  await member(a, ann);
  await member(a, bob);
  await member(a, cas);
  A = a.id;
  return { a, b, broker, funder, ann, bob, cas, outsider, otherBroker };
}

/** A post made as lib/exchange would make it (built beside this domain): open, 60 days ahead. */
async function post(author: User, overrides: { direction?: "offer" | "request"; status?: ExchangeStatus; networkId?: string; visibility?: "network" | "network_and_funders" } = {}) {
  const { id } = await dbSystem().exchangePost.create({
    data: {
      networkId: overrides.networkId ?? A,
      authorId: author.id,
      direction: overrides.direction ?? "request",
      capital: "place",
      title: "A room for twenty people",
      body: "For our **evening**.",
      town: "Tilburg",
      visibility: overrides.visibility ?? "network_and_funders",
      status: overrides.status ?? "open",
      expiresAt: new Date(Date.now() + 60 * DAY),
    },
    select: { id: true },
  });
  return id;
}

async function start(person: User, postId: string, body = "We have a room at the library.", idempotencyKey = key(), slug = "net-a") {
  return asUser(person, () => call(startConversationAction, { slug, postId, body, idempotencyKey }));
}

async function send(person: User, conversationId: string, body = "Tuesday works.", idempotencyKey = key(), slug = "net-a") {
  return asUser(person, () => call(sendMessageAction, { slug, conversationId, body, idempotencyKey }));
}

/** Starts a conversation and returns its id (from the redirect). */
async function started(person: User, postId: string, body?: string) {
  const result = await start(person, postId, body);
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  const id = result.redirect?.split("/").at(-1);
  expect(result.redirect).toBe(`/n/net-a/exchange/${postId}/conversations/${id}`);
  return id!;
}

async function pageAs(person: User, conversationId: string, slug = "net-a") {
  return asUser(person, async () => {
    const scope = await requireMember(slug);
    return loadConversationPage(scope, conversationId);
  });
}

async function notificationsOf(person: User) {
  return dbSystem().notification.findMany({
    where: { networkId: A, userId: person.id, kind: { in: ["exchange_answered", "exchange_message"] } },
    orderBy: { createdAt: "asc" },
    select: { kind: true, actorId: true, exchangePostId: true, conversationId: true, dedupeKey: true, readAt: true },
  });
}

async function markAllRead(person: User) {
  await dbSystem().notification.updateMany({ where: { networkId: A, userId: person.id }, data: { readAt: new Date() } });
}

describe("starting a conversation", () => {
  it("opens one between the answerer and the author, with its first message rendered, and tells the author once", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const conversationId = await started(w.bob, postId, "We have a **room** at the library.");
    const row = await dbSystem().exchangeConversation.findFirstOrThrow({ where: { networkId: A, id: conversationId } });
    expect(row).toMatchObject({ postId, starterId: w.bob.id });
    const messages = await dbSystem().exchangeMessage.findMany({ where: { networkId: A, conversationId } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ senderId: w.bob.id, body: "We have a **room** at the library." });
    expect(messages[0]!.bodyHtml).toContain("<strong>room</strong>");
    expect(await notificationsOf(w.ann)).toEqual([
      { kind: "exchange_answered", actorId: w.bob.id, exchangePostId: postId, conversationId, dedupeKey: `exchange-answered:${conversationId}`, readAt: null },
    ]);
    expect(await notificationsOf(w.bob)).toEqual([]);
    // Conversations do not change the post: the author marks it in progress (decision 039).
    expect((await dbSystem().exchangePost.findFirstOrThrow({ where: { networkId: A, id: postId } })).status).toBe("open");
  });

  it("answers an offer the same way (I'm interested)", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann, { direction: "offer" });
    const id = await started(w.broker, postId);
    expect((await pageAs(w.broker, id))?.post.direction).toBe("offer");
  });

  it("keeps one conversation per post and person: starting again opens the same one", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const first = await started(w.bob, postId);
    const again = await started(w.bob, postId, "Also: chairs for twenty.");
    expect(again).toBe(first);
    expect(await dbSystem().exchangeConversation.count({ where: { networkId: A, postId } })).toBe(1);
    expect(await dbSystem().exchangeMessage.count({ where: { networkId: A, conversationId: first } })).toBe(2);
    // The author heard of the start once; the second message waits behind the unread notification.
    expect((await notificationsOf(w.ann)).map((n) => n.kind)).toEqual(["exchange_answered"]);
    // Another member gets a conversation of their own.
    const cas = await started(w.cas, postId);
    expect(cas).not.toBe(first);
  });

  it("makes one conversation and one message of a double submit, even at the same moment", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const same = key();
    const results = await Promise.all([start(w.bob, postId, "Once.", same), start(w.bob, postId, "Once.", same), start(w.bob, postId, "Once.", same)]);
    for (const r of results) expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    expect(new Set(results.map((r) => r.redirect)).size).toBe(1);
    expect(await dbSystem().exchangeConversation.count({ where: { networkId: A, postId } })).toBe(1);
    expect(await dbSystem().exchangeMessage.count({ where: { networkId: A } })).toBe(1);
    expect(await notificationsOf(w.ann)).toHaveLength(1);
  });

  it("makes one conversation of two starts with different keys at the same moment", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const results = await Promise.all([start(w.bob, postId, "From one tab."), start(w.bob, postId, "From another tab.")]);
    for (const r of results) expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    expect(await dbSystem().exchangeConversation.count({ where: { networkId: A, postId } })).toBe(1);
    expect(await dbSystem().exchangeMessage.count({ where: { networkId: A } })).toBe(2);
  });

  it("refuses a conversation with oneself, at the message field, keeping what was typed", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const before = await snapshotDatabase();
    const result = await start(w.ann, postId, "Talking to myself.");
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { body: ["conversation_with_self"] } });
    expect(result.ok ? null : result.values?.body).toBe("Talking to myself.");
    expect(await snapshotDatabase()).toBe(before);
  });

  it("refuses closed posts: fulfilled, withdrawn, expired, or past their expiry", async () => {
    const w = await buildWorld();
    for (const status of ["fulfilled", "withdrawn", "expired"] as const) {
      const postId = await post(w.ann, { status });
      const before = await snapshotDatabase();
      const result = await start(w.bob, postId, "Too late?");
      expectRefused(result, "conversation_post_closed");
      expect(result.ok ? null : result.values?.body).toBe("Too late?");
      expect(await snapshotDatabase()).toBe(before);
    }
    const lapsed = await post(w.ann);
    await dbSystem().exchangePost.update({ where: { id: lapsed, networkId: A }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectRefused(await start(w.bob, lapsed), "conversation_post_closed");
    // In progress still takes answers.
    const busy = await post(w.ann, { status: "in_progress" });
    expect(await start(w.bob, busy)).toMatchObject({ ok: true });
  });

  it("refuses funders (they read posts open to funders, and do not answer), outsiders, visitors and other networks", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann, { visibility: "network_and_funders" });
    const before = await snapshotDatabase();
    expectRefused(await start(w.funder, postId), "forbidden");
    expectRefused(await start(w.outsider, postId), "forbidden");
    expectRefused(await start(w.otherBroker, postId), "forbidden");
    signInAs(null);
    expectRefused(await call(startConversationAction, { slug: "net-a", postId, body: "Hello", idempotencyKey: key() }), "unauthenticated");
    // A's post under B's slug, by B's broker: not found there.
    expectRefused(await start(w.otherBroker, postId, "Hello", key(), "net-b"), "not_found");
    expect(await snapshotDatabase()).toBe(before);
  });

  it("reads bounded, sanitised Markdown", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const long = await start(w.bob, postId, "x".repeat(4001));
    expect(long).toMatchObject({ ok: false, fieldErrors: { body: ["too_long|4000"] } });
    const empty = await start(w.bob, postId, "   ");
    expect(empty).toMatchObject({ ok: false, fieldErrors: { body: ["required"] } });
    const id = await started(w.bob, postId, "<script>alert(1)</script>[x](javascript:alert(1)) <img src=x onerror=alert(1)>");
    const [message] = await dbSystem().exchangeMessage.findMany({ where: { networkId: A, conversationId: id } });
    expect(message!.bodyHtml).not.toMatch(/<script|javascript:|onerror/i);
  });
});

describe("reading a conversation", () => {
  it("shows it to its two people only: not the broker, another member, a funder, an outsider or another network's broker", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const id = await started(w.bob, postId, "I can bring chairs.");
    await send(w.ann, id, "Wonderful, thank you!");

    const asAuthor = await pageAs(w.ann, id);
    expect(asAuthor?.messages.map((m) => m.body)).toEqual(["I can bring chairs.", "Wonderful, thank you!"]);
    expect(asAuthor).toMatchObject({ viewerIsAuthor: true, other: { id: w.bob.id, name: "Bob", active: true }, maySend: true });
    const asStarter = await pageAs(w.bob, id);
    expect(asStarter).toMatchObject({ viewerIsAuthor: false, other: { id: w.ann.id, name: "Ann" } });
    expect(asStarter?.messages).toHaveLength(2);

    expect(await pageAs(w.broker, id)).toBeNull();
    expect(await pageAs(w.cas, id)).toBeNull();
    expect(await pageAs(w.funder, id)).toBeNull();
    await expect(asUser(w.outsider, () => requireMember("net-a"))).rejects.toMatchObject({ code: "forbidden" });
    expect(await pageAs(w.otherBroker, id, "net-b")).toBeNull();

    // Nor can they write in it.
    const before = await snapshotDatabase();
    expectRefused(await send(w.broker, id), "not_found");
    expectRefused(await send(w.cas, id), "not_found");
    expectRefused(await send(w.funder, id), "forbidden");
    expectRefused(await send(w.outsider, id), "forbidden");
    expectRefused(await send(w.otherBroker, id, "Hi", key(), "net-b"), "not_found");
    expect(await snapshotDatabase()).toBe(before);

    // Nor list it.
    const listed = async (person: User) =>
      asUser(person, async () => (await loadMyConversations(await requireMember("net-a"))).conversations.map((c) => c.id));
    expect(await listed(w.ann)).toEqual([id]);
    expect(await listed(w.bob)).toEqual([id]);
    expect(await listed(w.broker)).toEqual([]);
    expect(await listed(w.cas)).toEqual([]);
    expect(await listed(w.funder)).toEqual([]);
  });

  it("lists the conversations on a post for its author only; others see their own, or the way to start one", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const bobs = await started(w.bob, postId);
    const cass = await started(w.cas, postId);
    const row = { id: postId, authorId: w.ann.id, status: "open" as const, expiresAt: new Date(Date.now() + DAY) };
    const sectionAs = (person: User) => asUser(person, async () => loadPostConversations(await requireMember("net-a"), row));
    const author = await sectionAs(w.ann);
    expect(author.role).toBe("author");
    expect(author.role === "author" ? author.conversations.map((c) => [c.id, c.starterName, c.messages, c.unread]) : null).toEqual([
      [cass, "Cas", 1, true],
      [bobs, "Bob", 1, true],
    ]);
    expect(await sectionAs(w.bob)).toEqual({ role: "answerer", conversationId: bobs, mayStart: true, answerable: true });
    expect(await sectionAs(w.broker)).toEqual({ role: "answerer", conversationId: null, mayStart: true, answerable: true });
    expect(await sectionAs(w.funder)).toEqual({ role: "none" });
  });

  it("pages a long conversation by keyset, oldest first on each page", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const id = await started(w.bob, postId, "message 0");
    const base = Date.now() - 1000 * DAY;
    await dbSystem().exchangeMessage.createMany({
      // A page and eleven more: the first page ends at "old 11", the second holds "old 0" to "old 10".
      data: Array.from({ length: MESSAGES_PAGE_SIZE + 10 }, (_, i) => ({
        networkId: A,
        conversationId: id,
        senderId: i % 2 ? w.ann.id : w.bob.id,
        body: `old ${i}`,
        createdAt: new Date(base + i * 1000),
      })),
    });
    const first = await pageAs(w.ann, id);
    expect(first?.messages).toHaveLength(MESSAGES_PAGE_SIZE);
    expect(first?.messages.at(-1)?.body).toBe("message 0");
    expect(first?.messages[0]?.body).toBe("old 11");
    const { decodeCursor } = await import("@/lib/cursor");
    const second = await asUser(w.ann, async () => loadConversationPage(await requireMember("net-a"), id, decodeCursor(first!.earlier)));
    expect(second?.messages.map((m) => m.body)).toEqual(Array.from({ length: 11 }, (_, i) => `old ${i}`));
    expect(second?.earlier).toBeNull();
  });
});

describe("messages", () => {
  it("sends in order, and a double submit sends one", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const id = await started(w.bob, postId, "first");
    const same = key();
    const results = await Promise.all([send(w.ann, id, "second", same), send(w.ann, id, "second", same)]);
    for (const r of results) expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    await send(w.bob, id, "third");
    expect((await pageAs(w.bob, id))?.messages.map((m) => m.body)).toEqual(["first", "second", "third"]);
    const conversation = await dbSystem().exchangeConversation.findFirstOrThrow({ where: { networkId: A, id } });
    const last = await dbSystem().exchangeMessage.findFirstOrThrow({ where: { networkId: A, conversationId: id }, orderBy: { createdAt: "desc" } });
    expect(conversation.lastMessageAt).toEqual(last.createdAt);
  });

  it("notifies the other person once per unread stretch: answering or reading lets the next message notify again", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const id = await started(w.bob, postId, "hello");
    // Ann's exchange_answered is unread: Bob's next messages add nothing.
    await send(w.bob, id, "are you there?");
    await send(w.bob, id, "?");
    expect((await notificationsOf(w.ann)).map((n) => n.kind)).toEqual(["exchange_answered"]);
    // Ann answers: her own notification is read, and Bob hears of her message.
    await send(w.ann, id, "yes!");
    expect((await notificationsOf(w.ann)).every((n) => n.readAt !== null)).toBe(true);
    expect((await notificationsOf(w.bob)).map((n) => [n.kind, n.actorId, n.conversationId, n.exchangePostId])).toEqual([["exchange_message", w.ann.id, id, postId]]);
    await send(w.ann, id, "and Tuesday?");
    expect(await notificationsOf(w.bob)).toHaveLength(1);
    // Bob reads it (in the notification centre): the next one notifies again.
    await markAllRead(w.bob);
    await send(w.ann, id, "see you");
    expect((await notificationsOf(w.bob)).map((n) => n.kind)).toEqual(["exchange_message", "exchange_message"]);
    // Dedupe keys name the message: never twice for one.
    const keys = (await notificationsOf(w.bob)).map((n) => n.dedupeKey);
    expect(new Set(keys).size).toBe(2);
  });

  it("refuses a message nobody would read, once the other person left", async () => {
    const w = await buildWorld();
    const postId = await post(w.ann);
    const id = await started(w.bob, postId);
    await asUser(w.bob, () => call(leaveAction, { slug: "net-a" }));
    const before = await snapshotDatabase();
    expectRefused(await send(w.ann, id, "Still there?"), "conversation_closed");
    expect(await snapshotDatabase()).toBe(before);
    const page = await pageAs(w.ann, id);
    expect(page).toMatchObject({ maySend: false, other: { active: false } });
    expect(page?.messages).toHaveLength(1);
    // And Bob, no longer a member, reads nothing.
    await expect(asUser(w.bob, () => requireMember("net-a"))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("a member who goes", () => {
  it("leaving closes their open and in-progress posts (withdrawn); closed ones stay as they were", async () => {
    const w = await buildWorld();
    const open = await post(w.bob);
    const busy = await post(w.bob, { status: "in_progress" });
    const done = await post(w.bob, { status: "fulfilled" });
    const others = await post(w.ann);
    expect(await asUser(w.bob, () => call(leaveAction, { slug: "net-a" }))).toMatchObject({ ok: true });
    const rows = await dbSystem().exchangePost.findMany({ where: { networkId: A }, select: { id: true, status: true, closedAt: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(open)).toMatchObject({ status: "withdrawn", closedAt: expect.any(Date) });
    expect(byId.get(busy)).toMatchObject({ status: "withdrawn", closedAt: expect.any(Date) });
    expect(byId.get(done)).toMatchObject({ status: "fulfilled", closedAt: null });
    expect(byId.get(others)).toMatchObject({ status: "open", closedAt: null });
    // A closed post takes no new conversations.
    expectRefused(await start(w.cas, open), "conversation_post_closed");
  });

  it("a removed member's posts close", async () => {
    const w = await buildWorld();
    const open = await post(w.bob);
    const membership = await membershipOf(A, w.bob.id);
    expect(await asUser(w.broker, () => call(removeMemberAction, { slug: "net-a", membershipId: membership!.id }))).toMatchObject({ ok: true });
    expect(await dbSystem().exchangePost.findFirstOrThrow({ where: { networkId: A, id: open } })).toMatchObject({ status: "withdrawn", closedAt: expect.any(Date) });
  });
});

describe("the demo seed", () => {
  it("gives each demo network conversations on a member's request and on the broker's offer, readable by their two people only", async () => {
    const { seedDemo, demoNetworks } = await import("@/lib/db/demo");
    await seedDemo(dbSystem());
    for (const demo of demoNetworks) {
      const network = await dbSystem().network.findUniqueOrThrow({ where: { slug: demo.slug }, select: { id: true } });
      const person = (i: number) => dbSystem().user.findUniqueOrThrow({ where: { email: demo.people[i]!.email } });
      const [broker, first, second] = [await person(0), await person(1), await person(2)];
      const mine = async (who: User) => asUser(who, async () => (await loadMyConversations(await requireMember(demo.slug))).conversations);
      const brokers = await mine(broker);
      expect(brokers.map((c) => [c.direction, c.started, c.otherName]), demo.slug).toEqual([["offer", false, first.name]]);
      const onRequest = (await mine(second)).find((c) => c.direction === "request")!;
      expect(onRequest, demo.slug).toMatchObject({ started: true, otherName: first.name, status: "open", unread: false });
      const page = await asUser(second, async () => loadConversationPage(await requireMember(demo.slug), onRequest.id));
      expect(page?.messages.length, demo.slug).toBe(3);
      expect(page?.messages.every((m) => m.bodyHtml !== null)).toBe(true);
      // The request's author has the last message unread; the broker reads nothing of it.
      expect((await mine(first)).find((c) => c.id === onRequest.id)?.unread, demo.slug).toBe(true);
      expect(await asUser(broker, async () => loadConversationPage(await requireMember(demo.slug), onRequest.id))).toBeNull();
      expect(await dbSystem().exchangeConversation.count({ where: { networkId: network.id } })).toBe(2);
    }
  });
});
