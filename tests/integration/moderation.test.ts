import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dbSystem } from "@/lib/db/client";
import * as factories from "@/lib/db/factories";
import { onQuery } from "@/lib/db/query-log";
import { createReplyAction, editReplyAction } from "@/lib/dialogue/actions";
import { listThreads, loadThreadPage } from "@/lib/dialogue/queries";
import { requireMember } from "@/lib/membership/scope";
import {
  dismissReportAction,
  hidePostAction,
  lockThreadAction,
  moveThreadAction,
  pinThreadAction,
  reportPostAction,
  restorePostAction,
  unlockThreadAction,
  unpinThreadAction,
} from "@/lib/moderation/actions";
import { excerpt, listOpenReports } from "@/lib/moderation/queries";
import { countWaitingForBroker } from "@/lib/membership/queries";
import { decodeCursor } from "@/lib/cursor";
import {
  asUser,
  call,
  makeNetwork,
  member,
  outcomeOf,
  signInAs,
  snapshotDatabase,
  user,
  type Action,
  type User,
  shown,
} from "./support";

type Persona = "anonymous" | "outsider" | "funder" | "member" | "broker";

const key = () => randomBytes(16).toString("hex");

// The shared factories (lib/db/factories.ts), as this file's short calls: body "Body of <title>", network level, means.
type ThreadState = Pick<Parameters<typeof factories.makeThread>[1], "lockedAt" | "lockReason" | "pinnedAt">;
type ReplyState = Pick<Parameters<typeof factories.makeReply>[1], "hiddenAt" | "hiddenReason">;

const makeThread = (networkId: string, authorId: string, title: string, state: ThreadState = {}) =>
  factories.makeThread(dbSystem(), { networkId, authorId, title, ...state });

const makeReply = (networkId: string, threadId: string, authorId: string, body: string, state: ReplyState = {}) =>
  factories.makeReply(dbSystem(), { networkId, threadId, authorId, body, ...state });

/**
 * Network A (public) with a broker, a funder and two members: a thread by the member
 * with one reply by the member (reported once by the other member), a hidden reply, a
 * locked thread and a pinned thread. Network B, whose broker is A's outsider, with its
 * own thread, reply and report.
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
  const hiddenReply = await makeReply(a.id, thread.id, plain.id, "A rude reply", { hiddenAt: new Date(), hiddenReason: "Rude" });
  const report = await dbSystem().report.create({
    data: { networkId: a.id, threadId: thread.id, replyId: reply.id, reporterId: other.id, reason: "Off topic" },
    select: { id: true },
  });
  const locked = await makeThread(a.id, plain.id, "A locked thread", { lockedAt: new Date(), lockReason: "Cooling down" });
  const pinned = await makeThread(a.id, plain.id, "A pinned thread", { pinnedAt: new Date() });
  const threadB = await makeThread(b.id, outsider.id, "A thread in B");
  const replyB = await makeReply(b.id, threadB.id, outsider.id, "A reply in B");
  const reportB = await dbSystem().report.create({
    data: { networkId: b.id, threadId: threadB.id, replyId: replyB.id, reporterId: outsider.id, reason: "Spam" },
    select: { id: true },
  });
  const users: Record<Exclude<Persona, "anonymous">, User> = { outsider, funder, member: plain, broker };
  return { a, b, users, other, thread, reply, hiddenReply, report, locked, pinned, threadB, replyB, reportB };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

async function scopeOf(person: User, slug = "net-a") {
  return asUser(person, () => requireMember(slug));
}

async function auditOf(w: World, action: string) {
  return dbSystem().auditEntry.findMany({ where: { networkId: w.a.id, action }, select: { actorId: true, subjectUserId: true, detail: true } });
}

type Case = {
  name: string;
  action: Action;
  fields: (w: World) => Record<string, string>;
  /** Who acts: someone the matrix lets (tests/integration/authorization-matrix.expected.ts). */
  as: Exclude<Persona, "anonymous" | "outsider">;
  changed: (w: World, actor: User) => Promise<void>;
};


const thread = (w: World) => w.thread.id;

const cases: Case[] = [
  {
    name: "reportPostAction (reply)",
    action: reportPostAction,
    fields: (w) => ({ slug: w.a.slug, threadId: thread(w), replyId: w.reply.id, reason: "Not kind" }),
    as: "funder",
    changed: async (w, actor) => {
      const rows = await dbSystem().report.findMany({ where: { networkId: w.a.id, reporterId: actor.id, replyId: w.reply.id } });
      expect(rows).toMatchObject([{ status: "open", reason: "Not kind", threadId: w.thread.id }]);
    },
  },
  {
    name: "reportPostAction (thread)",
    action: reportPostAction,
    fields: (w) => ({ slug: w.a.slug, threadId: thread(w), reason: "Wrong place" }),
    as: "funder",
    changed: async (w, actor) => {
      const rows = await dbSystem().report.findMany({ where: { networkId: w.a.id, reporterId: actor.id, threadId: w.thread.id, replyId: null } });
      expect(rows).toMatchObject([{ status: "open", reason: "Wrong place" }]);
    },
  },
  {
    name: "hidePostAction (reply)",
    action: hidePostAction,
    fields: (w) => ({ slug: w.a.slug, threadId: thread(w), replyId: w.reply.id, reason: "Personal attack" }),
    as: "broker",
    changed: async (w, actor) => {
      const row = await dbSystem().reply.findFirst({ where: { networkId: w.a.id, id: w.reply.id } });
      expect(row?.hiddenAt).toBeInstanceOf(Date);
      expect(row?.hiddenReason).toBe("Personal attack");
      const report = await dbSystem().report.findFirst({ where: { networkId: w.a.id, id: w.report.id } });
      expect(report).toMatchObject({ status: "resolved", resolvedById: actor.id });
      expect(await auditOf(w, "reply.hidden")).toMatchObject([
        { actorId: actor.id, subjectUserId: w.users.member.id, detail: { reason: "Personal attack", replyId: w.reply.id, resolvedReports: 1 } },
      ]);
    },
  },
  {
    name: "hidePostAction (thread)",
    action: hidePostAction,
    fields: (w) => ({ slug: w.a.slug, threadId: thread(w), reason: "Spam" }),
    as: "broker",
    changed: async (w, actor) => {
      const row = await dbSystem().thread.findFirst({ where: { networkId: w.a.id, id: w.thread.id } });
      expect(row).toMatchObject({ hiddenReason: "Spam" });
      expect(row?.hiddenAt).toBeInstanceOf(Date);
      // The reply's report is about the reply, not the thread: it stays open.
      expect((await dbSystem().report.findFirst({ where: { networkId: w.a.id, id: w.report.id } }))?.status).toBe("open");
      expect(await auditOf(w, "thread.hidden")).toMatchObject([{ actorId: actor.id, detail: { reason: "Spam", title: "A thread in A" } }]);
    },
  },
  {
    name: "restorePostAction",
    action: restorePostAction,
    fields: (w) => ({ slug: w.a.slug, threadId: thread(w), replyId: w.hiddenReply.id }),
    as: "broker",
    changed: async (w, actor) => {
      const row = await dbSystem().reply.findFirst({ where: { networkId: w.a.id, id: w.hiddenReply.id } });
      expect(row).toMatchObject({ hiddenAt: null, hiddenReason: "" });
      expect(await auditOf(w, "reply.restored")).toMatchObject([{ actorId: actor.id, detail: { reason: "Rude" } }]);
    },
  },
  {
    name: "dismissReportAction",
    action: dismissReportAction,
    fields: (w) => ({ slug: w.a.slug, reportId: w.report.id }),
    as: "broker",
    changed: async (w, actor) => {
      const report = await dbSystem().report.findFirst({ where: { networkId: w.a.id, id: w.report.id } });
      expect(report).toMatchObject({ status: "dismissed", resolvedById: actor.id });
      expect((await dbSystem().reply.findFirst({ where: { networkId: w.a.id, id: w.reply.id } }))?.hiddenAt).toBeNull();
      expect(await auditOf(w, "report.dismissed")).toMatchObject([{ actorId: actor.id, subjectUserId: w.other.id, detail: { reason: "Off topic" } }]);
    },
  },
  {
    name: "lockThreadAction",
    action: lockThreadAction,
    fields: (w) => ({ slug: w.a.slug, threadId: thread(w), reason: "Heated" }),
    as: "broker",
    changed: async (w, actor) => {
      const row = await dbSystem().thread.findFirst({ where: { networkId: w.a.id, id: w.thread.id } });
      expect(row?.lockedAt).toBeInstanceOf(Date);
      expect(row?.lockReason).toBe("Heated");
      expect(await auditOf(w, "thread.locked")).toMatchObject([{ actorId: actor.id, detail: { reason: "Heated" } }]);
    },
  },
  {
    name: "unlockThreadAction",
    action: unlockThreadAction,
    fields: (w) => ({ slug: w.a.slug, threadId: w.locked.id }),
    as: "broker",
    changed: async (w, actor) => {
      expect(await dbSystem().thread.findFirst({ where: { networkId: w.a.id, id: w.locked.id } })).toMatchObject({ lockedAt: null, lockReason: "" });
      expect(await auditOf(w, "thread.unlocked")).toMatchObject([{ actorId: actor.id, detail: { reason: "Cooling down" } }]);
    },
  },
  {
    name: "pinThreadAction",
    action: pinThreadAction,
    fields: (w) => ({ slug: w.a.slug, threadId: thread(w) }),
    as: "broker",
    changed: async (w, actor) => {
      expect((await dbSystem().thread.findFirst({ where: { networkId: w.a.id, id: w.thread.id } }))?.pinnedAt).toBeInstanceOf(Date);
      expect(await auditOf(w, "thread.pinned")).toMatchObject([{ actorId: actor.id }]);
    },
  },
  {
    name: "unpinThreadAction",
    action: unpinThreadAction,
    fields: (w) => ({ slug: w.a.slug, threadId: w.pinned.id }),
    as: "broker",
    changed: async (w, actor) => {
      expect((await dbSystem().thread.findFirst({ where: { networkId: w.a.id, id: w.pinned.id } }))?.pinnedAt).toBeNull();
      expect(await auditOf(w, "thread.unpinned")).toMatchObject([{ actorId: actor.id }]);
    },
  },
  {
    name: "moveThreadAction",
    action: moveThreadAction,
    fields: (w) => ({ slug: w.a.slug, threadId: thread(w), level: "context", area: "vision_values" }),
    as: "broker",
    changed: async (w, actor) => {
      expect(await dbSystem().thread.findFirst({ where: { networkId: w.a.id, id: w.thread.id } })).toMatchObject({
        level: "context",
        area: "vision_values",
      });
      expect(await auditOf(w, "thread.moved")).toMatchObject([
        { actorId: actor.id, detail: { fromLevel: "network", fromArea: "means", toLevel: "context", toArea: "vision_values" } },
      ]);
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
  it("a report, thread or reply of network B is not found under network A's slug", async () => {
    const w = await buildWorld();
    // The outsider is B's broker; as A's broker, nothing of B can be reached through A.
    signInAs(w.users.broker);
    const before = await snapshotDatabase();
    const attempts = [
      await call(reportPostAction, { slug: w.a.slug, threadId: w.threadB.id, replyId: w.replyB.id, reason: "x" }),
      await call(reportPostAction, { slug: w.a.slug, threadId: w.threadB.id, reason: "x" }),
      // A reply of B named under a thread of A is not found either.
      await call(hidePostAction, { slug: w.a.slug, threadId: w.thread.id, replyId: w.replyB.id, reason: "x" }),
      await call(hidePostAction, { slug: w.a.slug, threadId: w.threadB.id, reason: "x" }),
      await call(restorePostAction, { slug: w.a.slug, threadId: w.threadB.id, replyId: w.replyB.id }),
      await call(dismissReportAction, { slug: w.a.slug, reportId: w.reportB.id }),
      await call(lockThreadAction, { slug: w.a.slug, threadId: w.threadB.id, reason: "x" }),
      await call(unlockThreadAction, { slug: w.a.slug, threadId: w.threadB.id }),
      await call(pinThreadAction, { slug: w.a.slug, threadId: w.threadB.id }),
      await call(unpinThreadAction, { slug: w.a.slug, threadId: w.threadB.id }),
      await call(moveThreadAction, { slug: w.a.slug, threadId: w.threadB.id, level: "context", area: "means" }),
    ];
    expect(attempts.map(outcomeOf)).toEqual(Array(attempts.length).fill("not_found"));
    expect(await snapshotDatabase()).toBe(before);
    const scope = await scopeOf(w.users.broker);
    const queue = await listOpenReports(scope);
    expect(queue.items.map((r) => r.id)).toEqual([w.report.id]);
    expect((await countWaitingForBroker(scope)).reports).toBe(1);
  });
});

describe("reporting", () => {
  it("refuses a second open report of the same post by the same person, and allows it once decided", async () => {
    const w = await buildWorld();
    signInAs(w.other);
    const fields = { slug: w.a.slug, threadId: w.thread.id, replyId: w.reply.id, reason: "Again" };
    const before = await snapshotDatabase();
    expect(outcomeOf(await call(reportPostAction, fields))).toBe("already_reported");
    expect(await snapshotDatabase()).toBe(before);
    // Another person may report the same post; the first reporter may report another post.
    signInAs(w.users.funder);
    expect(outcomeOf(await call(reportPostAction, fields))).toBe("ok");
    signInAs(w.other);
    expect(outcomeOf(await call(reportPostAction, { ...fields, replyId: "" }))).toBe("ok");
    // Once a broker dismissed the first report, the same person may report the post again.
    signInAs(w.users.broker);
    expect(outcomeOf(await call(dismissReportAction, { slug: w.a.slug, reportId: w.report.id }))).toBe("ok");
    signInAs(w.other);
    expect(outcomeOf(await call(reportPostAction, fields))).toBe("ok");
    expect(await dbSystem().report.count({ where: { networkId: w.a.id, reporterId: w.other.id, replyId: w.reply.id, status: "open" } })).toBe(1);
  });

  it("two reports sent at once by the same person make one", async () => {
    const w = await buildWorld();
    signInAs(w.users.funder);
    const fields = { slug: w.a.slug, threadId: w.thread.id, reason: "Twice" };
    const results = await Promise.all([call(reportPostAction, fields), call(reportPostAction, fields)]);
    expect(results.map(outcomeOf).sort()).toEqual(["already_reported", "ok"]);
    expect(await dbSystem().report.count({ where: { networkId: w.a.id, reporterId: w.users.funder.id, replyId: null } })).toBe(1);
  });

  it("refuses a missing or oversized reason with a field message, and hidden posts", async () => {
    const w = await buildWorld();
    signInAs(w.users.funder);
    const before = await snapshotDatabase();
    const empty = await call(reportPostAction, { slug: w.a.slug, threadId: w.thread.id, reason: "   " });
    expect(empty).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { reason: ["required"] } });
    const long = "r".repeat(1_001);
    const tooLong = await call(reportPostAction, { slug: w.a.slug, threadId: w.thread.id, reason: long });
    expect(tooLong).toMatchObject({ ok: false, fieldErrors: { reason: ["too_long|1000"] } });
    expect(tooLong.ok ? null : tooLong.values?.reason).toBe(long);
    const hidden = await call(reportPostAction, { slug: w.a.slug, threadId: w.thread.id, replyId: w.hiddenReply.id, reason: "x" });
    expect(outcomeOf(hidden)).toBe("post_hidden");
    signInAs(w.users.broker);
    const noReason = await call(hidePostAction, { slug: w.a.slug, threadId: w.thread.id, replyId: w.reply.id, reason: "" });
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: ["required"] } });
    const noLockReason = await call(lockThreadAction, { slug: w.a.slug, threadId: w.thread.id, reason: "" });
    expect(noLockReason).toMatchObject({ ok: false, fieldErrors: { reason: ["required"] } });
    expect(await snapshotDatabase()).toBe(before);
    expect(outcomeOf(await call(reportPostAction, { slug: w.a.slug, threadId: w.thread.id, reason: "r".repeat(1_000) }))).toBe("ok");
  });
});

describe("the review queue", () => {
  it("lists open reports oldest first with excerpt, reporter and reason; hiding resolves, dismissing closes one", async () => {
    const w = await buildWorld();
    signInAs(w.users.funder);
    expect(outcomeOf(await call(reportPostAction, { slug: w.a.slug, threadId: w.thread.id, replyId: w.reply.id, reason: "Me too" }))).toBe("ok");
    expect(outcomeOf(await call(reportPostAction, { slug: w.a.slug, threadId: w.thread.id, reason: "Whole thread" }))).toBe("ok");
    const scope = await scopeOf(w.users.broker);
    const queue = await listOpenReports(scope);
    expect(queue.items.map((r) => r.reason)).toEqual(["Off topic", "Me too", "Whole thread"]);
    expect(queue.items[0]).toMatchObject({ title: "A thread in A", excerpt: "A first reply", reporterName: "Other Member", authorName: "Member" });
    expect(queue.items[2]).toMatchObject({ replyId: null, excerpt: "Body of A thread in A" });

    signInAs(w.users.broker);
    expect(outcomeOf(await call(dismissReportAction, { slug: w.a.slug, reportId: queue.items[2]!.id }))).toBe("ok");
    expect(outcomeOf(await call(dismissReportAction, { slug: w.a.slug, reportId: queue.items[2]!.id }))).toBe("report_closed");
    expect(outcomeOf(await call(hidePostAction, { slug: w.a.slug, threadId: w.thread.id, replyId: w.reply.id, reason: "Unkind" }))).toBe("ok");
    expect((await listOpenReports(scope)).items).toEqual([]);
    expect((await countWaitingForBroker(scope)).reports).toBe(0);
    const statuses = await dbSystem().report.groupBy({ by: ["status"], where: { networkId: w.a.id }, _count: true });
    expect(Object.fromEntries(statuses.map((s) => [s.status, s._count]))).toEqual({ resolved: 2, dismissed: 1 });
  });
});

describe("hide and restore", () => {
  it("replaces a hidden reply's text for others, keeps it for its author and brokers, and restore undoes it", async () => {
    const w = await buildWorld();
    signInAs(w.users.broker);
    expect(outcomeOf(await call(hidePostAction, { slug: w.a.slug, threadId: w.thread.id, replyId: w.reply.id, reason: "Unkind" }))).toBe("ok");
    const seenBy = async (person: User) =>
      shown(await loadThreadPage(await scopeOf(person), w.thread.id)).replies.find((r) => r.id === w.reply.id);
    expect(await seenBy(w.users.funder)).toMatchObject({ body: "", hiddenReason: "Unkind" });
    expect(await seenBy(w.other)).toMatchObject({ body: "", hiddenReason: "Unkind" });
    expect(await seenBy(w.users.member)).toMatchObject({ body: "A first reply", hiddenReason: "Unkind" });
    expect(await seenBy(w.users.broker)).toMatchObject({ body: "A first reply", hiddenReason: "Unkind" });
    // Hiding it again is refused; the first reason stays.
    expect(outcomeOf(await call(hidePostAction, { slug: w.a.slug, threadId: w.thread.id, replyId: w.reply.id, reason: "Other" }))).toBe("post_hidden");
    expect((await seenBy(w.users.broker))?.hiddenReason).toBe("Unkind");

    expect(outcomeOf(await call(restorePostAction, { slug: w.a.slug, threadId: w.thread.id, replyId: w.reply.id }))).toBe("ok");
    expect(await seenBy(w.users.funder)).toMatchObject({ body: "A first reply", hiddenAt: null, hiddenReason: "" });
    // Restoring what is not hidden changes nothing and writes no second entry (it counts against the budget, decision 028).
    const before = await snapshotDatabase({ counters: false });
    expect(outcomeOf(await call(restorePostAction, { slug: w.a.slug, threadId: w.thread.id, replyId: w.reply.id }))).toBe("ok");
    expect(await snapshotDatabase({ counters: false })).toBe(before);
  });

  it("hides a thread from members but not from its author, and restores it", async () => {
    const w = await buildWorld();
    signInAs(w.users.broker);
    expect(outcomeOf(await call(hidePostAction, { slug: w.a.slug, threadId: w.thread.id, reason: "Spam" }))).toBe("ok");
    expect(await loadThreadPage(await scopeOf(w.users.funder), w.thread.id)).toMatchObject({ visible: false, thread: { hiddenReason: "Spam" } });
    expect(shown(await loadThreadPage(await scopeOf(w.users.member), w.thread.id)).thread).toMatchObject({ hiddenReason: "Spam" });
    signInAs(w.users.funder);
    const refused = await call(createReplyAction, { slug: w.a.slug, threadId: w.thread.id, body: "Hello?", idempotencyKey: key() });
    expect(outcomeOf(refused)).toBe("thread_hidden");
    signInAs(w.users.broker);
    expect(outcomeOf(await call(restorePostAction, { slug: w.a.slug, threadId: w.thread.id }))).toBe("ok");
    expect(shown(await loadThreadPage(await scopeOf(w.users.funder), w.thread.id)).thread.hiddenAt).toBeNull();
  });
});

describe("an edit colliding with a hide", () => {
  it("refuses the author's edit of a hidden reply with post_hidden; the hidden state and reason stay", async () => {
    const w = await buildWorld();
    signInAs(w.users.broker);
    expect(outcomeOf(await call(hidePostAction, { slug: w.a.slug, threadId: w.thread.id, replyId: w.reply.id, reason: "Unkind" }))).toBe("ok");
    signInAs(w.users.member);
    const before = await snapshotDatabase();
    const edit = await call(editReplyAction, { slug: w.a.slug, replyId: w.reply.id, body: "Kinder now" });
    expect(outcomeOf(edit)).toBe("post_hidden");
    expect(edit.ok ? null : edit.values?.body).toBe("Kinder now");
    expect(await snapshotDatabase()).toBe(before);
    const row = await dbSystem().reply.findFirst({ where: { networkId: w.a.id, id: w.reply.id } });
    expect(row).toMatchObject({ body: "A first reply", hiddenReason: "Unkind", editedAt: null });
  });

  it("sent at the same moment, the two take turns on the reply's row and end in one of two defined states", async () => {
    const w = await buildWorld();
    const [hide, edit] = await Promise.all([
      asUser(w.users.broker, () => call(hidePostAction, { slug: w.a.slug, threadId: w.thread.id, replyId: w.reply.id, reason: "Unkind" })),
      asUser(w.users.member, () => call(editReplyAction, { slug: w.a.slug, replyId: w.reply.id, body: "Kinder now" })),
    ]);
    expect(outcomeOf(hide)).toBe("ok");
    const row = await dbSystem().reply.findFirst({ where: { networkId: w.a.id, id: w.reply.id } });
    expect(row?.hiddenReason).toBe("Unkind");
    expect(row?.hiddenAt).toBeInstanceOf(Date);
    if (outcomeOf(edit) === "ok") {
      // The edit came first: it was saved, then hidden.
      expect(row?.body).toBe("Kinder now");
    } else {
      expect(outcomeOf(edit)).toBe("post_hidden");
      expect(row?.body).toBe("A first reply");
    }
  });
});

describe("lock, pin and move", () => {
  it("a locked thread refuses replies until it is unlocked", async () => {
    const w = await buildWorld();
    signInAs(w.users.broker);
    expect(outcomeOf(await call(lockThreadAction, { slug: w.a.slug, threadId: w.thread.id, reason: "Heated" }))).toBe("ok");
    expect(outcomeOf(await call(lockThreadAction, { slug: w.a.slug, threadId: w.thread.id, reason: "Again" }))).toBe("thread_locked");
    expect(shown(await loadThreadPage(await scopeOf(w.users.funder), w.thread.id)).thread).toMatchObject({ lockReason: "Heated" });
    signInAs(w.users.funder);
    const reply = () => call(createReplyAction, { slug: w.a.slug, threadId: w.thread.id, body: "Still here?", idempotencyKey: key() });
    const before = await snapshotDatabase();
    expect(outcomeOf(await reply())).toBe("thread_locked");
    expect(await snapshotDatabase()).toBe(before);
    signInAs(w.users.broker);
    expect(outcomeOf(await call(unlockThreadAction, { slug: w.a.slug, threadId: w.thread.id }))).toBe("ok");
    signInAs(w.users.funder);
    expect(outcomeOf(await reply())).toBe("ok");
  });

  it("pinned threads come first in the list; unpinned ones fall back to last activity", async () => {
    const w = await buildWorld();
    const scope = await scopeOf(w.users.funder);
    const order = async () => (await listThreads(scope)).items.map((t) => t.id);
    expect((await order())[0]).toBe(w.pinned.id);
    signInAs(w.users.broker);
    expect(outcomeOf(await call(pinThreadAction, { slug: w.a.slug, threadId: w.locked.id }))).toBe("ok");
    const pinnedFirst = (await order()).slice(0, 2);
    expect(pinnedFirst.sort()).toEqual([w.locked.id, w.pinned.id].sort());
    expect(outcomeOf(await call(unpinThreadAction, { slug: w.a.slug, threadId: w.pinned.id }))).toBe("ok");
    expect(outcomeOf(await call(unpinThreadAction, { slug: w.a.slug, threadId: w.locked.id }))).toBe("ok");
    const items = (await listThreads(scope)).items;
    expect(items.every((t) => t.pinnedAt === null)).toBe(true);
  });

  it("moves a thread to another level and area, so the list's filters find it there", async () => {
    const w = await buildWorld();
    signInAs(w.users.broker);
    const result = await call(moveThreadAction, { slug: w.a.slug, threadId: w.thread.id, level: "social_innovation", area: "objectives" });
    expect(outcomeOf(result)).toBe("ok");
    const scope = await scopeOf(w.users.member);
    const there = await listThreads(scope, { level: "social_innovation", area: "objectives" });
    expect(there.items.map((t) => t.id)).toEqual([w.thread.id]);
    expect((await listThreads(scope, { level: "network", area: "means" })).items.map((t) => t.id)).not.toContain(w.thread.id);
    const invalid = await call(moveThreadAction, { slug: w.a.slug, threadId: w.thread.id, level: "nowhere", area: "objectives" });
    expect(invalid).toMatchObject({ ok: false, fieldErrors: { level: ["invalid_choice"] } });
    // Moving it where it already is writes nothing (but counts against the budget, decision 028).
    const before = await snapshotDatabase({ counters: false });
    expect(outcomeOf(await call(moveThreadAction, { slug: w.a.slug, threadId: w.thread.id, level: "social_innovation", area: "objectives" }))).toBe("ok");
    expect(await snapshotDatabase({ counters: false })).toBe(before);
  });
});

describe("the queue's pages", () => {
  it("pages by key without gaps or duplicates, for the same few queries (at most 4) whatever its length", async () => {
    const w = await buildWorld();
    const scope = await scopeOf(w.users.broker);
    const count = async () => {
      const statements: string[] = [];
      const stop = onQuery((sql) => statements.push(sql));
      try {
        await listOpenReports(scope);
        return statements.length;
      } finally {
        stop();
      }
    };
    const small = await count();
    const people = [w.users.member, w.users.funder, w.other];
    const same = new Date();
    for (let i = 0; i < 60; i++) {
      const reply = await makeReply(w.a.id, w.thread.id, people[i % 3]!.id, `Reply ${i}`);
      await dbSystem().report.create({
        data: { networkId: w.a.id, threadId: w.thread.id, replyId: reply.id, reporterId: people[(i + 1) % 3]!.id, reason: `R${i}`, createdAt: same },
      });
    }
    expect(await count()).toBe(small);
    expect(small).toBeLessThanOrEqual(4);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listOpenReports>> = await listOpenReports(scope, { after: decodeCursor(after), take: 25 });
      seen.push(...page.items.map((r) => r.id));
      after = page.next;
    } while (after);
    expect(seen).toHaveLength(61);
    expect(new Set(seen).size).toBe(61);
    expect(seen[0]).toBe(w.report.id);
  });

  it("shows a short plain excerpt of long posts", () => {
    expect(excerpt("a  b\n\nc")).toBe("a b c");
    const long = excerpt("x".repeat(500));
    expect(long).toHaveLength(280);
    expect(long.endsWith("…")).toBe(true);
  });
});
