import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dbSystem } from "@/lib/db/client";
import * as factories from "@/lib/db/factories";
import { onQuery } from "@/lib/db/query-log";
import {
  createReplyAction,
  createThreadAction,
  deleteReplyAction,
  editReplyAction,
  editThreadAction,
  toggleReactionAction,
} from "@/lib/dialogue/actions";
import { recordThreadVisit } from "@/lib/dialogue/mutations";
import { renderMissingTexts } from "@/lib/db/render-backfill";
import { visitChangesSomething } from "@/lib/dialogue/policy";
import { REPLIES_PAGE_SIZE } from "@/lib/dialogue/limits";
import { listThreads, loadThreadPage } from "@/lib/dialogue/queries";
import { decodeCursor } from "@/lib/cursor";
import { requireMember } from "@/lib/membership/scope";
import { GET as mentionableRoute } from "@/app/n/[slug]/(space)/dialogue/mentionable/route";
import {
  asUser,
  call,
  makeNetwork,
  member,
  outcomeOf,
  signInAs,
  snapshotDatabase,
  shown,
  user,
  type Action,
  type User,
} from "./support";

type VisiblePage = Extract<NonNullable<Awaited<ReturnType<typeof loadThreadPage>>>, { visible: true }>;

type Persona = "anonymous" | "outsider" | "funder" | "member" | "broker";

const key = () => randomBytes(16).toString("hex");

/**
 * Network A (public) with a broker, a funder, two members and a thread by the
 * member with one reply by the member; network B, whose broker is A's outsider,
 * with its own thread and reply.
 */
async function buildWorld() {
  const broker = await user("Broker");
  const funder = await user("Funder");
  const plain = await user("Member");
  const other = await user("Other Member");
  const outsider = await user("Outsider");
  const a = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "net-a", name: "Network A" });
  const b = await makeNetwork(dbSystem(), { brokerId: outsider.id, slug: "net-b", name: "Network B" });
  await member(a, funder, "funder");
  await member(a, plain);
  await member(a, other);
  const thread = await makeThread(a.id, plain.id, "A thread in A");
  const reply = await makeReply(a.id, thread.id, plain.id, "A first reply");
  const threadB = await makeThread(b.id, outsider.id, "A thread in B");
  const replyB = await makeReply(b.id, threadB.id, outsider.id, "A reply in B");
  const users: Record<Exclude<Persona, "anonymous">, User> = { outsider, funder, member: plain, broker };
  return { a, b, users, other, thread, reply, threadB, replyB };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

// The shared factories (lib/db/factories.ts), as this file's short calls: body "Body of <title>", network level, means.
const makeThread = (networkId: string, authorId: string, title: string, lastActivityAt = new Date()) =>
  factories.makeThread(dbSystem(), { networkId, authorId, title, lastActivityAt });

const makeReply = (networkId: string, threadId: string, authorId: string, body: string, createdAt = new Date()) =>
  factories.makeReply(dbSystem(), { networkId, threadId, authorId, body, createdAt });

async function scopeOf(person: User, slug = "net-a") {
  return asUser(person, () => requireMember(slug));
}

type Case = {
  name: string;
  action: Action;
  fields: (w: World) => Record<string, string>;
  /** Who acts: someone the matrix lets (tests/integration/authorization-matrix.expected.ts). */
  as: Exclude<Persona, "anonymous" | "outsider">;
  changed: (w: World, actor: User) => Promise<void>;
};


const cases: Case[] = [
  {
    name: "createThreadAction",
    action: createThreadAction,
    fields: (w) => ({ slug: w.a.slug, title: "New thread", body: "Let us talk.", level: "context", area: "objectives", idempotencyKey: key() }),
    as: "funder",
    changed: async (w, actor) => {
      expect(await dbSystem().thread.count({ where: { networkId: w.a.id, authorId: actor.id, title: "New thread" } })).toBe(1);
    },
  },
  {
    name: "createReplyAction",
    action: createReplyAction,
    fields: (w) => ({ slug: w.a.slug, threadId: w.thread.id, body: "I agree.", idempotencyKey: key() }),
    as: "funder",
    changed: async (w, actor) => {
      expect(await dbSystem().reply.count({ where: { networkId: w.a.id, authorId: actor.id, body: "I agree." } })).toBe(1);
      expect((await dbSystem().thread.findFirst({ where: { networkId: w.a.id, id: w.thread.id } }))?.replyCount).toBe(2);
    },
  },
  {
    name: "toggleReactionAction",
    action: toggleReactionAction,
    fields: (w) => ({ slug: w.a.slug, replyId: w.reply.id, kind: "insight" }),
    as: "funder",
    changed: async (w, actor) => {
      expect(await dbSystem().reaction.count({ where: { networkId: w.a.id, replyId: w.reply.id, userId: actor.id, kind: "insight" } })).toBe(1);
    },
  },
  {
    name: "editReplyAction",
    action: editReplyAction,
    fields: (w) => ({ slug: w.a.slug, replyId: w.reply.id, body: "A better first reply" }),
    as: "member",
    changed: async (w) => {
      const row = await dbSystem().reply.findFirst({ where: { networkId: w.a.id, id: w.reply.id } });
      expect(row?.body).toBe("A better first reply");
      expect(row?.editedAt).toBeInstanceOf(Date);
    },
  },
  {
    name: "editThreadAction",
    action: editThreadAction,
    fields: (w) => ({ slug: w.a.slug, threadId: w.thread.id, title: "A sharper question", body: "What do we *really* ask?" }),
    as: "member",
    changed: async (w) => {
      const row = await dbSystem().thread.findFirst({ where: { networkId: w.a.id, id: w.thread.id } });
      expect(row).toMatchObject({ title: "A sharper question", bodyHtml: "<p>What do we <em>really</em> ask?</p>" });
      expect(row?.editedAt).toBeInstanceOf(Date);
      const revisions = await dbSystem().threadRevision.findMany({ where: { networkId: w.a.id, threadId: w.thread.id } });
      expect(revisions.map((r) => [r.title, r.body])).toEqual([["A thread in A", "Body of A thread in A"]]);
    },
  },
  {
    name: "deleteReplyAction",
    action: deleteReplyAction,
    fields: (w) => ({ slug: w.a.slug, replyId: w.reply.id }),
    as: "member",
    changed: async (w) => {
      const row = await dbSystem().reply.findFirst({ where: { networkId: w.a.id, id: w.reply.id } });
      expect(row?.deletedAt).toBeInstanceOf(Date);
      expect(row?.body).toBe("A first reply");
    },
  },
];

// Who may do each of these is the authorization matrix's (authorization-matrix.expected.ts, with
// every refusal checked to leave the database unchanged); here, what each does when allowed.
describe.each(cases)("$name", (c) => {
  it("does what it says, as someone allowed to", async () => {
    const w = await buildWorld();
    const actor = w.users[c.as];
    signInAs(actor);
    expect(outcomeOf(await call(c.action, c.fields(w)))).toBe("ok");
    await c.changed(w, actor);
  });
});

describe("tenant isolation", () => {
  it("a thread or reply of network B is not found under network A's slug", async () => {
    const w = await buildWorld();
    // The outsider is B's broker; as A's broker, nothing of B can be reached through A.
    signInAs(w.users.broker);
    const before = await snapshotDatabase();
    const attempts = [
      await call(createReplyAction, { slug: w.a.slug, threadId: w.threadB.id, body: "Hi", idempotencyKey: key() }),
      await call(toggleReactionAction, { slug: w.a.slug, replyId: w.replyB.id, kind: "agree" }),
      await call(editReplyAction, { slug: w.a.slug, replyId: w.replyB.id, body: "Taken over" }),
      await call(deleteReplyAction, { slug: w.a.slug, replyId: w.replyB.id }),
      await call(createReplyAction, { slug: w.a.slug, threadId: w.thread.id, body: "Quote", quotedReplyId: w.replyB.id, idempotencyKey: key() }),
      await call(editThreadAction, { slug: w.a.slug, threadId: w.threadB.id, title: "Taken", body: "Over" }),
    ];
    expect(attempts.map(outcomeOf)).toEqual(["not_found", "not_found", "not_found", "not_found", "not_found", "not_found"]);
    expect(await snapshotDatabase()).toBe(before);
    const scope = await scopeOf(w.users.broker);
    expect(await loadThreadPage(scope, w.threadB.id)).toBeNull();
    const list = await listThreads(scope);
    expect(list.items.map((t) => t.id)).toEqual([w.thread.id]);
  });
});

describe("double submits", () => {
  it("the same idempotency key creates one reply, also when both arrive at once", async () => {
    const w = await buildWorld();
    signInAs(w.users.funder);
    const fields = { slug: w.a.slug, threadId: w.thread.id, body: "Once only", idempotencyKey: key() };
    const [first, second] = await Promise.all([call(createReplyAction, fields), call(createReplyAction, fields)]);
    const third = await call(createReplyAction, fields);
    expect([first, second, third].map(outcomeOf)).toEqual(["ok", "ok", "ok"]);
    const ids = [first, second, third].map((r) => (r.ok ? r.data.replyId : null));
    expect(new Set(ids).size).toBe(1);
    expect(await dbSystem().reply.count({ where: { networkId: w.a.id, body: "Once only" } })).toBe(1);
    expect((await dbSystem().thread.findFirst({ where: { networkId: w.a.id, id: w.thread.id } }))?.replyCount).toBe(2);
  });

  it("the same idempotency key creates one thread", async () => {
    const w = await buildWorld();
    signInAs(w.users.member);
    const fields = { slug: w.a.slug, title: "Twice?", body: "No, once.", level: "network", area: "means", idempotencyKey: key() };
    const results = await Promise.all([call(createThreadAction, fields), call(createThreadAction, fields)]);
    expect(results.map(outcomeOf)).toEqual(["ok", "ok"]);
    expect(results[0]?.redirect).toBe(results[1]?.redirect);
    expect(await dbSystem().thread.count({ where: { networkId: w.a.id, title: "Twice?" } })).toBe(1);
  });

  it("the same key from another person is another post", async () => {
    const w = await buildWorld();
    const shared = key();
    for (const person of [w.users.member, w.users.funder]) {
      signInAs(person);
      const r = await call(createReplyAction, { slug: w.a.slug, threadId: w.thread.id, body: "Same key", idempotencyKey: shared });
      expect(outcomeOf(r)).toBe("ok");
    }
    expect(await dbSystem().reply.count({ where: { networkId: w.a.id, body: "Same key" } })).toBe(2);
  });
});

describe("limits", () => {
  it("refuses empty and oversized text with field messages and keeps what was typed", async () => {
    const w = await buildWorld();
    signInAs(w.users.member);
    const before = await snapshotDatabase();
    const long = "x".repeat(201);
    const r1 = await call(createThreadAction, { slug: w.a.slug, title: long, body: "  ", level: "network", area: "means", idempotencyKey: key() });
    expect(r1).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { title: ["too_long|200"], body: ["required"] } });
    expect(r1.ok ? null : r1.values?.title).toBe(long);
    const r2 = await call(createReplyAction, { slug: w.a.slug, threadId: w.thread.id, body: "y".repeat(20_001), idempotencyKey: key() });
    expect(r2).toMatchObject({ ok: false, fieldErrors: { body: ["too_long|20000"] } });
    const r3 = await call(createThreadAction, { slug: w.a.slug, title: "Fine", body: "Fine", level: "nowhere", area: "means", idempotencyKey: key() });
    expect(r3).toMatchObject({ ok: false, fieldErrors: { level: ["invalid_choice"] } });
    const r4 = await call(createReplyAction, { slug: w.a.slug, threadId: w.thread.id, body: "ok", idempotencyKey: "short" });
    expect(r4).toMatchObject({ ok: false, fieldErrors: { idempotencyKey: ["invalid"] } });
    const r5 = await call(editReplyAction, { slug: w.a.slug, replyId: w.reply.id, body: "z".repeat(20_001) });
    expect(r5).toMatchObject({ ok: false, fieldErrors: { body: ["too_long|20000"] } });
    expect(await snapshotDatabase()).toBe(before);
    const atLimit = await call(createThreadAction, {
      slug: w.a.slug,
      title: "t".repeat(200),
      body: "b".repeat(20_000),
      level: "network",
      area: "means",
      idempotencyKey: key(),
    });
    expect(outcomeOf(atLimit)).toBe("ok");
  });
});

describe("closed threads and former members", () => {
  it("refuses replies to a locked thread, a hidden thread, and from someone who left", async () => {
    const w = await buildWorld();
    signInAs(w.users.funder);
    const reply = () => call(createReplyAction, { slug: w.a.slug, threadId: w.thread.id, body: "Still here?", idempotencyKey: key() });

    await dbSystem().thread.update({ where: { id: w.thread.id, networkId: w.a.id }, data: { lockedAt: new Date() } });
    let before = await snapshotDatabase();
    expect(outcomeOf(await reply())).toBe("thread_locked");
    expect(outcomeOf(await call(toggleReactionAction, { slug: w.a.slug, replyId: w.reply.id, kind: "agree" }))).toBe("thread_locked");
    expect(await snapshotDatabase()).toBe(before);

    await dbSystem().thread.update({ where: { id: w.thread.id, networkId: w.a.id }, data: { lockedAt: null, hiddenAt: new Date() } });
    before = await snapshotDatabase();
    expect(outcomeOf(await reply())).toBe("thread_hidden");
    expect(await snapshotDatabase()).toBe(before);

    await dbSystem().thread.update({ where: { id: w.thread.id, networkId: w.a.id }, data: { hiddenAt: null } });
    await dbSystem().membership.update({
      where: { networkId_userId: { networkId: w.a.id, userId: w.users.funder.id } },
      data: { status: "left" },
    });
    before = await snapshotDatabase();
    expect(outcomeOf(await reply())).toBe("not_member");
    expect(await snapshotDatabase()).toBe(before);
  });

  it("shows members a notice for a hidden thread, and its author and brokers the thread", async () => {
    const w = await buildWorld();
    await dbSystem().thread.update({ where: { id: w.thread.id, networkId: w.a.id }, data: { hiddenAt: new Date(), hiddenReason: "Off topic" } });
    // Others get the notice with the reason only: no title, no text, no replies.
    expect(await loadThreadPage(await scopeOf(w.users.funder), w.thread.id)).toEqual({
      visible: false,
      thread: { id: w.thread.id, hiddenReason: "Off topic" },
    });
    expect(shown(await loadThreadPage(await scopeOf(w.users.member), w.thread.id)).thread.hiddenReason).toBe("Off topic");
    expect(shown(await loadThreadPage(await scopeOf(w.users.broker), w.thread.id)).replies).toHaveLength(1);
    expect((await listThreads(await scopeOf(w.users.funder))).items).toHaveLength(0);
  });
});

describe("editing and deleting", () => {
  it("keeps every earlier version, readable by everyone who reads the thread", async () => {
    const w = await buildWorld();
    signInAs(w.users.member);
    expect(outcomeOf(await call(editReplyAction, { slug: w.a.slug, replyId: w.reply.id, body: "Second version" }))).toBe("ok");
    expect(outcomeOf(await call(editReplyAction, { slug: w.a.slug, replyId: w.reply.id, body: "Third version" }))).toBe("ok");
    // Saving the same text again is not a new version.
    expect(outcomeOf(await call(editReplyAction, { slug: w.a.slug, replyId: w.reply.id, body: "Third version" }))).toBe("ok");
    const revisions = await dbSystem().replyRevision.findMany({ where: { networkId: w.a.id, replyId: w.reply.id }, orderBy: { createdAt: "asc" } });
    expect(revisions.map((r) => r.body)).toEqual(["A first reply", "Second version"]);

    const asBroker = shown(await loadThreadPage(await scopeOf(w.users.broker), w.thread.id));
    const seenByBroker = asBroker.replies.find((r) => r.id === w.reply.id);
    expect(seenByBroker?.body).toBe("Third version");
    expect(seenByBroker?.editedAt).toBeInstanceOf(Date);
    expect(seenByBroker?.revisions.map((r) => r.body).sort()).toEqual(["A first reply", "Second version"]);
    // The author, another member and a funder read the history too (a funder reads the dialogue).
    for (const reader of [w.users.member, w.other, w.users.funder]) {
      const page = shown(await loadThreadPage(await scopeOf(reader), w.thread.id));
      expect(page.replies.find((r) => r.id === w.reply.id)?.revisions.map((r) => r.body).sort()).toEqual(["A first reply", "Second version"]);
    }
    // A hidden reply's earlier text is as hidden as its current one: brokers and its author only.
    await dbSystem().reply.update({ where: { id: w.reply.id, networkId: w.a.id }, data: { hiddenAt: new Date(), hiddenReason: "Off topic" } });
    const revisionsFor = async (reader: User) =>
      shown(await loadThreadPage(await scopeOf(reader), w.thread.id)).replies.find((r) => r.id === w.reply.id)?.revisions.length;
    const readers = [w.users.broker, w.users.member, w.other, w.users.funder];
    const counts: (number | undefined)[] = [];
    for (const reader of readers) counts.push(await revisionsFor(reader));
    expect(counts).toEqual([2, 2, 0, 0]);
    // A deleted reply's history goes with its text, for everyone.
    await dbSystem().reply.update({ where: { id: w.reply.id, networkId: w.a.id }, data: { hiddenAt: null, deletedAt: new Date() } });
    expect([await revisionsFor(w.users.broker), await revisionsFor(w.other)]).toEqual([0, 0]);
  });

  it("leaves a tombstone when a reply is deleted", async () => {
    const w = await buildWorld();
    signInAs(w.users.member);
    expect(outcomeOf(await call(deleteReplyAction, { slug: w.a.slug, replyId: w.reply.id }))).toBe("ok");
    const page = shown(await loadThreadPage(await scopeOf(w.users.funder), w.thread.id));
    expect(page.replies).toHaveLength(1);
    expect(page.replies[0]?.deletedAt).toBeInstanceOf(Date);
    expect(page.thread.replyCount).toBe(0);
    const before = await snapshotDatabase();
    expect(outcomeOf(await call(editReplyAction, { slug: w.a.slug, replyId: w.reply.id, body: "Back" }))).toBe("reply_deleted");
    expect(outcomeOf(await call(deleteReplyAction, { slug: w.a.slug, replyId: w.reply.id }))).toBe("reply_deleted");
    expect(await snapshotDatabase()).toBe(before);
  });
});

describe("editing a thread", () => {
  it("keeps earlier versions for every reader, refuses locked or hidden threads and keeps bad input as field errors", async () => {
    const w = await buildWorld();
    signInAs(w.users.member);
    const edit = (fields: Record<string, string>) => call(editThreadAction, { slug: w.a.slug, threadId: w.thread.id, ...fields });
    expect(outcomeOf(await edit({ title: "Second", body: "Second body" }))).toBe("ok");
    // The same text again is not a new version.
    expect(outcomeOf(await edit({ title: "Second", body: "Second body" }))).toBe("ok");
    const tooLong = await edit({ title: "x".repeat(201), body: "" });
    expect(tooLong).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { title: ["too_long|200"], body: ["required"] } });
    expect(tooLong.ok ? null : tooLong.values?.title).toBe("x".repeat(201));

    const asBroker = shown(await loadThreadPage(await scopeOf(w.users.broker), w.thread.id));
    expect(asBroker.thread).toMatchObject({ title: "Second", bodyHtml: "<p>Second body</p>" });
    expect(asBroker.thread.revisions.map((r) => r.title)).toEqual(["A thread in A"]);
    expect(shown(await loadThreadPage(await scopeOf(w.users.funder), w.thread.id)).thread.revisions.map((r) => r.title)).toEqual(["A thread in A"]);

    await dbSystem().thread.update({ where: { id: w.thread.id, networkId: w.a.id }, data: { lockedAt: new Date() } });
    expect(outcomeOf(await edit({ title: "Third", body: "Third body" }))).toBe("thread_locked");
    await dbSystem().thread.update({ where: { id: w.thread.id, networkId: w.a.id }, data: { lockedAt: null, hiddenAt: new Date() } });
    expect(outcomeOf(await edit({ title: "Third", body: "Third body" }))).toBe("post_hidden");
    expect((await dbSystem().thread.findFirst({ where: { networkId: w.a.id, id: w.thread.id } }))?.title).toBe("Second");
  });

  it("is found by search under its new words, not its old ones", async () => {
    const w = await buildWorld();
    signInAs(w.users.member);
    expect(outcomeOf(await call(editThreadAction, { slug: w.a.slug, threadId: w.thread.id, title: "Compost heaps", body: "Gardens" }))).toBe("ok");
    const hits = await dbSystem().$queryRaw<{ id: string }[]>`
      SELECT id FROM "Thread" WHERE "networkId" = ${w.a.id} AND "searchVector" @@ plainto_tsquery('english', 'compost')`;
    expect(hits.map((h) => h.id)).toEqual([w.thread.id]);
  });
});

describe("mentions in an edited reply", () => {
  it("follow the new text: newly named people are mentioned and notified once, others dropped", async () => {
    const w = await buildWorld();
    signInAs(w.users.member);
    const edit = (body: string) => call(editReplyAction, { slug: w.a.slug, replyId: w.reply.id, body });
    const mentioned = async () =>
      (await dbSystem().mention.findMany({ where: { networkId: w.a.id, replyId: w.reply.id }, select: { userId: true } })).map((m) => m.userId).sort();
    const notified = (person: User) => dbSystem().notification.count({ where: { networkId: w.a.id, userId: person.id, kind: "mention" } });

    expect(outcomeOf(await edit("Thanks @Broker and @Funder!"))).toBe("ok");
    expect(await mentioned()).toEqual([w.users.broker.id, w.users.funder.id].sort());
    expect(await notified(w.users.broker)).toBe(1);
    // "@Other Member" names Other Member; "@Membership" does not name "Member" (the author, never notified anyway).
    expect(outcomeOf(await edit("Over to @Other Member, about @Membership."))).toBe("ok");
    expect(await mentioned()).toEqual([w.other.id]);
    expect(await notified(w.other)).toBe(1);
    // Naming the broker again brings the mention back without a second notification.
    expect(outcomeOf(await edit("Back to @Broker"))).toBe("ok");
    expect(await mentioned()).toEqual([w.users.broker.id]);
    expect(await notified(w.users.broker)).toBe(1);
    // Someone outside the network is never mentioned, whatever the text says.
    expect(outcomeOf(await edit("Hello @Outsider"))).toBe("ok");
    expect(await mentioned()).toEqual([]);
    expect(await notified(w.users.outsider)).toBe(0);
  });
});

describe("the mention list for the composer", () => {
  const fetchList = (slug: string) =>
    mentionableRoute(new Request(`http://localhost/n/${slug}/dialogue/mentionable`), { params: Promise.resolve({ slug }) });

  // Who gets the list (members, funders and brokers; 401 and 404 for the rest) is the matrix's row
  // for this route (authorization-matrix.expected.ts).
  it("gives members the named members of their network, not kept by caches", async () => {
    const w = await buildWorld();
    signInAs(w.users.funder);
    const res = await fetchList(w.a.slug);
    expect(res.status).toBe(200);
    const names = ((await res.json()) as { id: string; name: string }[]).map((m) => m.name);
    expect(names).toEqual(["Broker", "Funder", "Member", "Other Member"]);
    expect(res.headers.get("cache-control")).toContain("no-store");
    // The outsider is B's broker: B's list has B's members only.
    signInAs(w.users.outsider);
    expect(((await (await fetchList(w.b.slug)).json()) as { name: string }[]).map((m) => m.name)).toEqual(["Outsider"]);
    signInAs(w.users.member);
    expect((await fetchList("no-such-network")).status).toBe(404);
  });
});

describe("stored HTML", () => {
  it("is rendered when a post is written and backfilled for rows written without it", async () => {
    const w = await buildWorld();
    signInAs(w.users.member);
    const made = await call(createReplyAction, {
      slug: w.a.slug,
      threadId: w.thread.id,
      body: "**Bold** <script>alert(1)</script> [x](javascript:alert(1))",
      idempotencyKey: key(),
    });
    const id = made.ok ? made.data?.replyId : undefined;
    const row = await dbSystem().reply.findFirst({ where: { networkId: w.a.id, id } });
    // The script tag goes (its text stays, as text); the javascript: link loses its href.
    expect(row?.bodyHtml).toBe("<p><strong>Bold</strong> alert(1) <a>x</a></p>");
    // The world's rows were written directly, without HTML: the backfill renders exactly those.
    expect(await renderMissingTexts(dbSystem(), w.a.id)).toEqual({ Thread: 1, Reply: 1, Reflection: 0, SynthesisRevision: 0, MilestoneUpdate: 0 });
    expect((await dbSystem().reply.findFirst({ where: { networkId: w.a.id, id: w.reply.id } }))?.bodyHtml).toBe("<p>A first reply</p>");
    expect((await dbSystem().reply.findFirst({ where: { networkId: w.b.id, id: w.replyB.id } }))?.bodyHtml).toBeNull();
    expect(await renderMissingTexts(dbSystem(), w.a.id)).toEqual({ Thread: 0, Reply: 0, Reflection: 0, SynthesisRevision: 0, MilestoneUpdate: 0 });
  });
});

describe("reactions", () => {
  it("toggle on and off, counted per kind with the viewer's own", async () => {
    const w = await buildWorld();
    const toggle = (person: User, kind: string) =>
      asUser(person, () => call(toggleReactionAction, { slug: w.a.slug, replyId: w.reply.id, kind }));
    expect(await toggle(w.users.funder, "agree")).toMatchObject({ ok: true, data: { on: true } });
    expect(await toggle(w.users.broker, "agree")).toMatchObject({ ok: true, data: { on: true } });
    expect(await toggle(w.users.broker, "heart")).toMatchObject({ ok: true, data: { on: true } });
    expect(await toggle(w.users.broker, "heart")).toMatchObject({ ok: true, data: { on: false } });
    expect(outcomeOf(await toggle(w.users.broker, "angry"))).toBe("invalid_input");
    const page = shown(await loadThreadPage(await scopeOf(w.users.funder), w.thread.id));
    expect(page.replies[0]?.reactions).toEqual([
      { kind: "agree", count: 2, mine: true },
      { kind: "heart", count: 0, mine: false },
      { kind: "insight", count: 0, mine: false },
      { kind: "question", count: 0, mine: false },
    ]);
  });
});

describe("mentions", () => {
  it("are stored only for active members of this network who are named in the text", async () => {
    const w = await buildWorld();
    const removed = await user("Gone Person");
    await member(w.a, removed);
    await dbSystem().membership.update({ where: { networkId_userId: { networkId: w.a.id, userId: removed.id } }, data: { status: "removed" } });
    signInAs(w.users.funder);
    const ids = [w.other.id, w.users.outsider.id, removed.id, w.users.broker.id, "not-a-user"];
    const result = await call(createReplyAction, {
      slug: w.a.slug,
      threadId: w.thread.id,
      body: "Thanks @Other Member and @Outsider and @Gone Person!",
      mentions: ids.join(","),
      idempotencyKey: key(),
    });
    expect(outcomeOf(result)).toBe("ok");
    const mentions = await dbSystem().mention.findMany({ where: { networkId: w.a.id } });
    // The broker is a member but not named in the text; the outsider and the removed person are not members.
    expect(mentions.map((m) => m.userId)).toEqual([w.other.id]);
  });
});

describe("keyset pagination", () => {
  it("pages threads by last activity without gaps or duplicates, also with equal timestamps", async () => {
    const w = await buildWorld();
    const base = Date.now();
    for (let i = 0; i < 30; i++) await makeThread(w.a.id, w.users.member.id, `T${i}`, new Date(base - Math.floor(i / 3) * 60_000));
    const pinned = await makeThread(w.a.id, w.users.member.id, "Pinned", new Date(base - 10 * 86_400_000));
    await dbSystem().thread.update({ where: { id: pinned.id, networkId: w.a.id }, data: { pinnedAt: new Date() } });
    const scope = await scopeOf(w.users.funder);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listThreads>> = await listThreads(scope, { after: decodeCursor(after), take: 7 });
      seen.push(...page.items.map((t) => t.id));
      after = page.next;
      pages++;
    } while (after && pages < 20);
    expect(seen[0]).toBe(pinned.id);
    expect(seen).toHaveLength(32);
    expect(new Set(seen).size).toBe(32);
    const rows = await dbSystem().thread.findMany({
      where: { networkId: w.a.id, pinnedAt: null },
      orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen.slice(1)).toEqual(rows.map((r) => r.id));
  });

  it("filters by level and area", async () => {
    const w = await buildWorld();
    const t = await factories.makeThread(dbSystem(), {
      networkId: w.a.id,
      authorId: w.users.member.id,
      title: "Ctx",
      body: "b",
      level: "context",
      area: "vision_values",
    });
    const scope = await scopeOf(w.users.member);
    expect((await listThreads(scope, { level: "context" })).items.map((x) => x.id)).toEqual([t.id]);
    expect((await listThreads(scope, { area: "vision_values" })).items.map((x) => x.id)).toEqual([t.id]);
    expect((await listThreads(scope, { level: "context", area: "means" })).items).toHaveLength(0);
  });

  it("pages replies oldest first without gaps or duplicates", async () => {
    const w = await buildWorld();
    const base = Date.now() + 1000;
    for (let i = 0; i < 23; i++) await makeReply(w.a.id, w.thread.id, w.other.id, `R${i}`, new Date(base + Math.floor(i / 4) * 1000));
    const scope = await scopeOf(w.users.member);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: VisiblePage = shown(await loadThreadPage(scope, w.thread.id, { after: decodeCursor(after), take: 5 }));
      seen.push(...page.replies.map((r) => r.body));
      after = page.next;
    } while (after);
    expect(seen).toEqual(["A first reply", ...Array.from({ length: 23 }, (_, i) => `R${i}`)]);
  });
});

describe("unread markers", () => {
  it("the page knows where the viewer left off, and a visit to an unchanged thread writes nothing", async () => {
    const w = await buildWorld();
    const scope = await scopeOf(w.users.funder);
    const first = shown(await loadThreadPage(scope, w.thread.id));
    expect(first.lastReadAt).toBeNull();
    expect(visitChangesSomething(first.lastReadAt, first.thread.lastActivityAt)).toBe(true);
    await recordThreadVisit(scope, w.thread.id);
    const again = shown(await loadThreadPage(scope, w.thread.id));
    expect(again.lastReadAt).toBeInstanceOf(Date);
    expect(visitChangesSomething(again.lastReadAt, again.thread.lastActivityAt)).toBe(false);
    await new Promise((r) => setTimeout(r, 5));
    signInAs(w.users.member);
    expect(outcomeOf(await call(createReplyAction, { slug: w.a.slug, threadId: w.thread.id, body: "Something new", idempotencyKey: key() }))).toBe("ok");
    const later = shown(await loadThreadPage(scope, w.thread.id));
    expect(visitChangesSomething(later.lastReadAt, later.thread.lastActivityAt)).toBe(true);
    // Another person's read marker is not this viewer's.
    expect(shown(await loadThreadPage(await scopeOf(w.users.broker), w.thread.id)).lastReadAt).toBeNull();
  });

  it("a thread is unread until visited and again after someone else replies", async () => {
    const w = await buildWorld();
    const scope = await scopeOf(w.users.funder);
    const unread = async () => (await listThreads(scope)).items.find((t) => t.id === w.thread.id)?.unread;
    expect(await unread()).toBe(true);
    expect(await recordThreadVisit(scope, w.thread.id)).toBeNull();
    expect(await unread()).toBe(false);
    await new Promise((r) => setTimeout(r, 5));
    signInAs(w.users.member);
    expect(outcomeOf(await call(createReplyAction, { slug: w.a.slug, threadId: w.thread.id, body: "News", idempotencyKey: key() }))).toBe("ok");
    expect(await unread()).toBe(true);
    const previous = await recordThreadVisit(scope, w.thread.id);
    expect(previous).toBeInstanceOf(Date);
    // The member's own reply does not make the thread unread for them.
    expect((await listThreads(await scopeOf(w.users.member))).items.find((t) => t.id === w.thread.id)?.unread).toBe(false);
  });
});

describe("the thread page's query budget", () => {
  async function countPageQueries(scope: Awaited<ReturnType<typeof scopeOf>>, threadId: string) {
    const statements: string[] = [];
    const stop = onQuery((sql) => statements.push(sql));
    try {
      const page = await loadThreadPage(scope, threadId);
      await recordThreadVisit(scope, threadId);
      return { count: statements.length, replies: shown(page).replies.length };
    } finally {
      stop();
    }
  }

  it("is a fixed number of queries (at most 8) whatever the replies, reactions and mentions", async () => {
    const w = await buildWorld();
    const broker = await scopeOf(w.users.broker);
    // The small thread has one of everything: one reply, edited once, with one reaction.
    await dbSystem().replyRevision.create({ data: { networkId: w.a.id, replyId: w.reply.id, body: "before" } });
    await dbSystem().reply.update({ where: { id: w.reply.id, networkId: w.a.id }, data: { editedAt: new Date() } });
    await dbSystem().reaction.create({ data: { networkId: w.a.id, replyId: w.reply.id, userId: w.other.id, kind: "agree" } });
    const small = await countPageQueries(broker, w.thread.id);

    const big = await makeThread(w.a.id, w.users.member.id, "Busy");
    const people = [w.users.member, w.users.funder, w.users.broker, w.other];
    for (let i = 0; i < 60; i++) {
      const author = people[i % people.length]!;
      const r = await makeReply(w.a.id, big.id, author.id, `Reply ${i} @Other Member`);
      await dbSystem().reaction.createMany({
        data: people.map((p, j) => ({ networkId: w.a.id, replyId: r.id, userId: p.id, kind: (["agree", "heart", "insight", "question"] as const)[j]! })),
      });
      await dbSystem().mention.create({ data: { networkId: w.a.id, replyId: r.id, userId: w.other.id } });
      if (i % 5 === 0) {
        await dbSystem().replyRevision.create({ data: { networkId: w.a.id, replyId: r.id, body: "before" } });
        await dbSystem().reply.update({ where: { id: r.id, networkId: w.a.id }, data: { editedAt: new Date() } });
      }
    }
    const large = await countPageQueries(broker, big.id);
    // A full page: more replies than a page holds.
    expect(large.replies).toBe(REPLIES_PAGE_SIZE);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(8);
    // A funder (who reads the same revisions) costs no more.
    expect((await countPageQueries(await scopeOf(w.users.funder), big.id)).count).toBeLessThanOrEqual(large.count);
  });
});

describe("the thread list's query budget", () => {
  it("costs one statement (and the tenant setting when the connection needs it) for 3 threads as for 60", async () => {
    const w = await buildWorld();
    const scope = await scopeOf(w.users.funder);
    const count = async () => {
      const statements: string[] = [];
      const stop = onQuery((sql) => statements.push(sql));
      try {
        await listThreads(scope);
        return statements.length;
      } finally {
        stop();
      }
    };
    const small = await count();
    for (let i = 0; i < 60; i++) {
      const t = await makeThread(w.a.id, [w.users.member, w.other][i % 2]!.id, `Thread ${i}`);
      if (i % 3 === 0) await dbSystem().threadRead.create({ data: { networkId: w.a.id, threadId: t.id, userId: w.users.funder.id, lastReadAt: new Date() } });
    }
    const large = await count();
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(2);
  });
});

