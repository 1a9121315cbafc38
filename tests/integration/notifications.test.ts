import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dbSystem } from "@/lib/db/client";
import { onQuery } from "@/lib/db/query-log";
import { createReplyAction } from "@/lib/dialogue/actions";
import { decodeCursor } from "@/lib/cursor";
import { hidePostAction, lockThreadAction, restorePostAction } from "@/lib/moderation/actions";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/notifications/actions";
import { countUnreadNotifications, listNotifications } from "@/lib/notifications/queries";
import { call, makeNetwork, member, outcomeOf, signInAs, snapshotDatabase, user, type User } from "./support";

const key = () => randomBytes(16).toString("hex");

/**
 * Network A: broker Bea, thread author Alice, members Bob and Carol, and a thread by Alice.
 * Network B: its broker is Oscar (an outsider to A), and Alice is a member there too.
 */
async function buildWorld() {
  const bea = await user("Bea");
  const alice = await user("Alice");
  const bob = await user("Bob");
  const carol = await user("Carol");
  const oscar = await user("Oscar");
  const a = await makeNetwork(dbSystem(), { brokerId: bea.id, slug: "siac", name: "SIAC" });
  const b = await makeNetwork(dbSystem(), { brokerId: oscar.id, slug: "net-b", name: "Network B" });
  await member(a, alice);
  await member(a, bob);
  await member(a, carol);
  await member(b, alice);
  const thread = await dbSystem().thread.create({
    data: { networkId: a.id, authorId: alice.id, title: "Commons", body: "Body", level: "network", area: "means" },
    select: { id: true },
  });
  const threadB = await dbSystem().thread.create({
    data: { networkId: b.id, authorId: alice.id, title: "Over in B", body: "Body", level: "network", area: "means" },
    select: { id: true },
  });
  return { bea, alice, bob, carol, oscar, a, b, thread, threadB };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

async function reply(w: World, as: User, body: string, mentions: User[] = [], idempotencyKey = key(), where = { slug: "siac", threadId: w.thread.id }) {
  signInAs(as);
  const result = await call(createReplyAction, { ...where, body, mentions: mentions.map((m) => m.id).join(","), idempotencyKey });
  expect(outcomeOf(result)).toBe("ok");
  return result.ok ? (result.data as { replyId: string }).replyId : "";
}

async function notificationsOf(person: User) {
  const found = await dbSystem().user.findUnique({
    where: { id: person.id },
    select: { notifications: { orderBy: { createdAt: "asc" }, select: { kind: true, dedupeKey: true, actorId: true, readAt: true, id: true } } },
  });
  return found?.notifications ?? [];
}

describe("notifications from replies", () => {
  it("notify each mentioned member once, and no non-member or the writer", async () => {
    const w = await buildWorld();
    const replyId = await reply(w, w.bob, "Thanks @Carol, @Oscar and @Bob", [w.carol, w.oscar, w.bob]);
    expect((await notificationsOf(w.carol)).map((n) => [n.kind, n.dedupeKey, n.actorId])).toEqual([
      ["mention", `mention:${replyId}`, w.bob.id],
    ]);
    expect(await notificationsOf(w.oscar)).toEqual([]);
    expect(await notificationsOf(w.bob)).toEqual([]);
    // The thread's author hears of the reply.
    expect((await notificationsOf(w.alice)).map((n) => n.dedupeKey)).toEqual([`reply:${replyId}`]);
  });

  it("tell the thread's author once: not for their own reply, not twice when also mentioned", async () => {
    const w = await buildWorld();
    await reply(w, w.alice, "My own follow-up");
    expect(await notificationsOf(w.alice)).toEqual([]);
    const mentioning = await reply(w, w.bob, "What do you think, @Alice?", [w.alice]);
    expect((await notificationsOf(w.alice)).map((n) => [n.kind, n.dedupeKey])).toEqual([["mention", `mention:${mentioning}`]]);
  });

  it("do not repeat when the same reply is sent again with its idempotency key", async () => {
    const w = await buildWorld();
    const same = key();
    const first = await reply(w, w.bob, "Hello @Carol", [w.carol], same);
    const second = await reply(w, w.bob, "Hello @Carol", [w.carol], same);
    expect(second).toBe(first);
    expect(await notificationsOf(w.carol)).toHaveLength(1);
    expect(await notificationsOf(w.alice)).toHaveLength(1);
  });
});

describe("notifications from moderation", () => {
  it("tell the author when a broker hides, restores or locks their post, never the broker", async () => {
    const w = await buildWorld();
    const replyId = await reply(w, w.bob, "A sharp remark");
    signInAs(w.bea);
    expect(outcomeOf(await call(hidePostAction, { slug: "siac", threadId: w.thread.id, replyId, reason: "Too sharp" }))).toBe("ok");
    const afterHide = await notificationsOf(w.bob);
    expect(afterHide.map((n) => [n.kind, n.actorId])).toEqual([["moderation", w.bea.id]]);
    expect(afterHide[0]?.dedupeKey).toMatch(new RegExp(`^moderation:hide:${replyId}:\\d+$`));
    // A second hide is refused and notifies nobody.
    expect(outcomeOf(await call(hidePostAction, { slug: "siac", threadId: w.thread.id, replyId, reason: "Again" }))).toBe("post_hidden");
    expect(await notificationsOf(w.bob)).toHaveLength(1);
    expect(outcomeOf(await call(restorePostAction, { slug: "siac", threadId: w.thread.id, replyId }))).toBe("ok");
    expect((await notificationsOf(w.bob)).map((n) => n.dedupeKey.split(":")[1])).toEqual(["hide", "restore"]);
    expect(outcomeOf(await call(lockThreadAction, { slug: "siac", threadId: w.thread.id, reason: "Cooling down" }))).toBe("ok");
    const aliceItems = await listNotifications(w.alice.id);
    expect(aliceItems.items.map((i) => [i.kind, i.act, i.threadTitle, i.networkName, i.actorName])).toContainEqual([
      "moderation",
      "lock",
      "Commons",
      "SIAC",
      "Bea",
    ]);
    expect(await notificationsOf(w.bea)).toEqual([]);
  });

  it("take a mention out of the centre once the reply is hidden from the person", async () => {
    const w = await buildWorld();
    const replyId = await reply(w, w.bob, "Hey @Carol", [w.carol]);
    expect(await countUnreadNotifications(w.carol.id)).toBe(1);
    signInAs(w.bea);
    await call(hidePostAction, { slug: "siac", threadId: w.thread.id, replyId, reason: "Off topic" });
    expect((await listNotifications(w.carol.id)).items).toEqual([]);
    expect(await countUnreadNotifications(w.carol.id)).toBe(0);
  });
});

describe("people who left", () => {
  it("get no new notifications and no longer see old ones", async () => {
    const w = await buildWorld();
    await reply(w, w.bob, "Hi @Carol", [w.carol]);
    expect((await listNotifications(w.carol.id)).items).toHaveLength(1);
    await dbSystem().membership.update({
      where: { networkId_userId: { networkId: w.a.id, userId: w.carol.id } },
      data: { status: "left" },
    });
    await reply(w, w.bob, "Hi again @Carol", [w.carol]);
    expect(await notificationsOf(w.carol)).toHaveLength(1);
    expect((await listNotifications(w.carol.id)).items).toEqual([]);
    expect(await countUnreadNotifications(w.carol.id)).toBe(0);
    // The thread's author who left hears of no reply either.
    await dbSystem().membership.update({
      where: { networkId_userId: { networkId: w.a.id, userId: w.alice.id } },
      data: { status: "left" },
    });
    await reply(w, w.bob, "Anyone?");
    expect(await notificationsOf(w.alice)).toHaveLength(2);
  });
});

describe("reading notifications", () => {
  it("counts unread across networks, marks one read and then all read", async () => {
    const w = await buildWorld();
    await reply(w, w.bob, "First");
    await reply(w, w.oscar, "From B", [], key(), { slug: "net-b", threadId: w.threadB.id });
    await reply(w, w.bob, "Second");
    expect(await countUnreadNotifications(w.alice.id)).toBe(3);
    const { items } = await listNotifications(w.alice.id);
    expect(items.map((i) => i.networkName)).toEqual(["SIAC", "Network B", "SIAC"]);
    signInAs(w.alice);
    expect(outcomeOf(await call(markNotificationReadAction, { id: items[1]!.id }))).toBe("ok");
    expect(await countUnreadNotifications(w.alice.id)).toBe(2);
    const all = await call(markAllNotificationsReadAction, {});
    expect(all).toMatchObject({ ok: true, data: { count: 2 } });
    expect(await countUnreadNotifications(w.alice.id)).toBe(0);
    expect((await notificationsOf(w.alice)).every((n) => n.readAt !== null)).toBe(true);
  });

  it("another person cannot mark your notification read", async () => {
    const w = await buildWorld();
    await reply(w, w.bob, "Hello");
    const [mine] = await notificationsOf(w.alice);
    const before = await snapshotDatabase();
    for (const other of [w.bob, w.oscar, w.bea]) {
      signInAs(other);
      expect(outcomeOf(await call(markNotificationReadAction, { id: mine!.id }))).toBe("not_found");
      expect(outcomeOf(await call(markAllNotificationsReadAction, {}))).toBe("ok");
    }
    signInAs(null);
    expect(outcomeOf(await call(markNotificationReadAction, { id: mine!.id }))).toBe("unauthenticated");
    expect(await snapshotDatabase()).toBe(before);
    expect(await countUnreadNotifications(w.alice.id)).toBe(1);
  });

  it("pages newest first by key, without gaps or duplicates, also with equal timestamps", async () => {
    const w = await buildWorld();
    const at = new Date("2026-01-01T10:00:00Z");
    await dbSystem().notification.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        networkId: w.a.id,
        userId: w.alice.id,
        kind: "reply_to_thread" as const,
        actorId: w.bob.id,
        threadId: w.thread.id,
        dedupeKey: `test:${i}`,
        createdAt: i < 10 ? at : new Date(at.getTime() + i * 1000),
      })),
    });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listNotifications>> = await listNotifications(w.alice.id, decodeCursor(after), 10);
      seen.push(...page.items.map((i) => i.id));
      const times = page.items.map((i) => i.createdAt.getTime());
      expect(times).toEqual([...times].sort((x, y) => y - x));
      after = page.next;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it("costs one query per page and one for the count (plus the person's networks), whatever the number of networks and items", async () => {
    const w = await buildWorld();
    for (let i = 0; i < 3; i++) {
      await reply(w, w.bob, `In A ${i}`);
      await reply(w, w.oscar, `In B ${i}`, [], key(), { slug: "net-b", threadId: w.threadB.id });
    }
    const statements: string[] = [];
    const stop = onQuery((sql) => statements.push(sql));
    try {
      const page = await listNotifications(w.alice.id);
      expect(page.items.map((i) => [i.actorName, i.threadTitle])).toContainEqual(["Oscar", "Over in B"]);
      expect(page.items).toHaveLength(6);
      expect(await countUnreadNotifications(w.alice.id)).toBe(6);
    } finally {
      stop();
    }
    // The person's networks come through the notification door (decisions 022, 034): once per request
    // in the app (the header asks too, React's cache shares it), once per call outside a request.
    const doors = statements.filter((sql) => sql.includes("kring_notification_networks"));
    expect(statements.length - doors.length).toBe(2);
    expect(doors.length).toBeLessThanOrEqual(2);
  });
});

describe("commons news", () => {
  it("names the proposal, leads to it, and tells only brokers that one is ready", async () => {
    const w = await buildWorld();
    const proposal = await dbSystem().commonsProposal.create({
      data: { networkId: w.a.id, kind: "lesson", sourceId: "a-lesson", title: "What the street taught us", body: "Text", proposedById: w.bea.id },
      select: { id: true },
    });
    const kinds = ["commons_consent_asked", "commons_blocked", "commons_ready", "commons_published", "commons_withdrawn"] as const;
    for (const to of [w.bea, w.alice]) {
      for (const kind of kinds) {
        await dbSystem().notification.create({ data: { networkId: w.a.id, userId: to.id, kind, actorId: w.bob.id, commonsProposalId: proposal.id, dedupeKey: `${kind}:${proposal.id}` } });
      }
    }
    const bea = (await listNotifications(w.bea.id)).items;
    expect(bea.map((i) => i.kind).sort()).toEqual([...kinds].sort());
    expect(new Set(bea.map((i) => i.commonsProposalTitle))).toEqual(new Set(["What the street taught us"]));
    const alice = (await listNotifications(w.alice.id)).items;
    expect(alice.map((i) => i.kind).sort()).toEqual(kinds.filter((k) => k !== "commons_ready").sort());
    const { GET } = await import("@/app/notifications/[id]/route");
    signInAs(w.alice);
    const response = await GET(new Request("http://localhost/"), { params: Promise.resolve({ id: alice[0]!.id }) });
    expect(response.headers.get("location")).toBe(`/n/siac/sharing/${proposal.id}`);
    // A proposal gone (its network deleted it) takes its news with it.
    await dbSystem().commonsProposal.deleteMany({ where: { networkId: w.a.id, id: proposal.id } });
    expect((await listNotifications(w.alice.id)).items).toEqual([]);
  });
});

describe("exchange and support-map news", () => {
  /** Writes a notification row as the exchange and support-map mutations do. */
  async function tell(w: World, to: User, data: { kind: "exchange_answered" | "exchange_message" | "exchange_matched" | "exchange_expiring" | "exchange_thanked" | "support_suggested" | "support_reviewed"; exchangePostId?: string; conversationId?: string; supportEntryId?: string; actorId?: string }) {
    await dbSystem().notification.create({ data: { networkId: w.a.id, userId: to.id, dedupeKey: `${data.kind}:${key()}`, ...data } });
  }

  async function destinationOf(person: User, id: string) {
    const { GET } = await import("@/app/notifications/[id]/route");
    signInAs(person);
    const response = await GET(new Request("http://localhost/"), { params: Promise.resolve({ id }) });
    return response.headers.get("location");
  }

  it("name the post or the entry, lead to it, and show a conversation's news only to its two people", async () => {
    const w = await buildWorld();
    const post = await dbSystem().exchangePost.create({
      data: { networkId: w.a.id, authorId: w.alice.id, direction: "request", capital: "place", title: "A room for twenty", expiresAt: new Date(Date.now() + 86_400_000) },
      select: { id: true },
    });
    const conversation = await dbSystem().exchangeConversation.create({ data: { networkId: w.a.id, postId: post.id, starterId: w.bob.id }, select: { id: true } });
    const entry = await dbSystem().supportEntry.create({ data: { networkId: w.a.id, provider: "Provincie", name: "Pilot fund", kinds: ["grant"], status: "suggested", suggestedById: w.bob.id } });

    await tell(w, w.alice, { kind: "exchange_answered", exchangePostId: post.id, conversationId: conversation.id, actorId: w.bob.id });
    await tell(w, w.alice, { kind: "exchange_message", exchangePostId: post.id, conversationId: conversation.id, actorId: w.bob.id });
    await tell(w, w.bob, { kind: "exchange_thanked", exchangePostId: post.id, actorId: w.alice.id });
    // Carol is neither the author nor the one who answered: a message row addressed to her is never shown.
    await tell(w, w.carol, { kind: "exchange_message", exchangePostId: post.id, conversationId: conversation.id, actorId: w.bob.id });
    await tell(w, w.bea, { kind: "support_suggested", supportEntryId: entry.id, actorId: w.bob.id });
    await tell(w, w.carol, { kind: "support_suggested", supportEntryId: entry.id, actorId: w.bob.id });
    await tell(w, w.bob, { kind: "support_reviewed", supportEntryId: entry.id, actorId: w.bea.id });

    const alice = (await listNotifications(w.alice.id)).items;
    expect(alice.map((i) => [i.kind, i.exchangePostTitle, i.actorName]).sort()).toEqual([
      ["exchange_answered", "A room for twenty", "Bob"],
      ["exchange_message", "A room for twenty", "Bob"],
    ]);
    const conversationPath = `/n/siac/exchange/${post.id}/conversations/${conversation.id}`;
    for (const item of alice) expect(await destinationOf(w.alice, item.id)).toBe(conversationPath);

    const bob = (await listNotifications(w.bob.id)).items;
    expect(bob.map((i) => i.kind).sort()).toEqual(["exchange_thanked", "support_reviewed"]);
    expect(bob.find((i) => i.kind === "support_reviewed")?.supportEntryName).toBe("Pilot fund");
    expect(await destinationOf(w.bob, bob.find((i) => i.kind === "exchange_thanked")!.id)).toBe(`/n/siac/exchange/${post.id}`);
    expect(await destinationOf(w.bob, bob.find((i) => i.kind === "support_reviewed")!.id)).toBe(`/n/siac/support#entry-${entry.id}`);

    // A suggestion waits for brokers: Carol, a member, does not see one addressed to her.
    expect((await listNotifications(w.carol.id)).items).toEqual([]);
    expect(await countUnreadNotifications(w.carol.id)).toBe(0);
    const bea = (await listNotifications(w.bea.id)).items;
    expect(bea.map((i) => [i.kind, i.supportEntryName])).toEqual([["support_suggested", "Pilot fund"]]);
    expect(await destinationOf(w.bea, bea[0]!.id)).toBe("/n/siac/support#suggestions");
  });

  it("show a funder only news of posts visible to funders, and nothing of a removed post", async () => {
    const w = await buildWorld();
    const funder = await user("Fiona");
    await member(w.a, funder, "funder");
    const post = (visibility: "network" | "network_and_funders", title: string) =>
      dbSystem().exchangePost.create({
        data: { networkId: w.a.id, authorId: w.alice.id, direction: "request", capital: "knowledge", title, visibility, expiresAt: new Date(Date.now() + 86_400_000) },
        select: { id: true },
      });
    const members = await post("network", "Members only");
    const funders = await post("network_and_funders", "Funders too");
    await tell(w, funder, { kind: "exchange_matched", exchangePostId: members.id });
    await tell(w, funder, { kind: "exchange_matched", exchangePostId: funders.id });
    expect((await listNotifications(funder.id)).items.map((i) => i.exchangePostTitle)).toEqual(["Funders too"]);
    expect(await countUnreadNotifications(funder.id)).toBe(1);

    await dbSystem().exchangePost.deleteMany({ where: { networkId: w.a.id, id: funders.id } });
    expect((await listNotifications(funder.id)).items).toEqual([]);
  });
});
