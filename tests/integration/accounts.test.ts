import { describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/account/export/route";
import { deleteAccountAction } from "@/lib/accounts/actions";
import { startConversationAction } from "@/lib/conversations/actions";
import { loadConversationPage } from "@/lib/conversations/queries";
import { dbSystem } from "@/lib/db/client";
import { createPostAction } from "@/lib/exchange/actions";
import { makeReply, makeThread } from "@/lib/db/factories";
import { createReplyAction, editReplyAction } from "@/lib/dialogue/actions";
import { requireMember } from "@/lib/membership/scope";
import {
  activeBrokers,
  asUser,
  call,
  expectRefused,
  makeNetwork,
  member,
  outcomeOf,
  signInAs,
  snapshotDatabase,
  user,
} from "./support";

describe("download my data", () => {
  it("gives a signed-in person their own profile and memberships, and nobody else's", async () => {
    const me = await user("Me");
    const other = await user("Other");
    const mine = await makeNetwork(dbSystem(), { brokerId: me.id, slug: "mine", name: "Mine" });
    const theirs = await makeNetwork(dbSystem(), { brokerId: other.id, slug: "theirs", name: "Theirs" });
    await member(theirs, me, "funder");

    signInAs(me);
    const response = await exportRoute();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="kring-account-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = await response.json();
    expect(body.account.email).toBe(me.email);
    expect(body.account.memberships.map((m: { network: { slug: string }; role: string }) => [m.network.slug, m.role]).sort()).toEqual([
      [mine.slug, "broker"],
      [theirs.slug, "funder"],
    ]);
    expect(JSON.stringify(body)).not.toContain(other.email);
    expect(body.account).toMatchObject({ threads: [], replies: [], notifications: [] });
  });

  it("includes the news of an invitation to the person's address from a network they never joined", async () => {
    const me = await user("Me");
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "inviting", name: "Inviting" });
    const invitation = await dbSystem().invitation.create({
      data: { networkId: net.id, tokenHash: `hash-${me.id}`, role: "member", email: me.email.toLowerCase(), createdById: broker.id, expiresAt: new Date(Date.now() + 86_400_000) },
      select: { id: true },
    });
    await dbSystem().notification.create({
      data: { networkId: net.id, userId: me.id, kind: "membership_invited", actorId: broker.id, role: "member", dedupeKey: `membership-invited:${invitation.id}` },
    });
    signInAs(me);
    const body = await (await exportRoute()).json();
    expect(body.account.memberships).toEqual([]);
    expect(body.account.notifications.map((n: { kind: string; role: string; network: { slug: string } }) => [n.kind, n.role, n.network.slug])).toEqual([
      ["membership_invited", "member", "inviting"],
    ]);
  });

  it("includes a funder's own pledges with exact amounts (the JSON route can send them), and nobody else's", async () => {
    const me = await user("Me");
    const other = await user("Other");
    const net = await makeNetwork(dbSystem(), { brokerId: other.id, slug: "funded", name: "Funded" });
    await member(net, me, "funder");
    const initiative = await dbSystem().initiative.create({
      data: { networkId: net.id, name: "Repair café", description: "", systemChange: "" },
      select: { id: true },
    });
    const milestone = await dbSystem().milestone.create({
      data: { networkId: net.id, initiativeId: initiative.id, position: 0, title: "First café", unlocks: "", amountNeeded: 500000n },
      select: { id: true },
    });
    await dbSystem().pledge.create({
      data: { networkId: net.id, milestoneId: milestone.id, funderId: me.id, amount: 9007199254740993n, currency: "EUR", idempotencyKey: "k-me-1" },
    });
    await dbSystem().pledge.create({ data: { networkId: net.id, milestoneId: milestone.id, funderId: other.id, amount: 100n, currency: "EUR", idempotencyKey: "k-other-1" } });
    signInAs(me);
    const response = await exportRoute();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.account.pledges).toEqual([
      expect.objectContaining({ amount: "9007199254740993", currency: "EUR", network: { slug: "funded" }, milestone: { title: "First café" } }),
    ]);
    expect(body.account).toMatchObject({ emailFrequency: "daily", digestHour: 8, timeZone: "Europe/Amsterdam", emailRefusedAt: null });
  });

  it("after removal, holds the person's own records but none of the network's later words (issue 15, item 7)", async () => {
    const me = await user("Me");
    const other = await user("Other");
    const net = await makeNetwork(dbSystem(), { brokerId: other.id, slug: "left-behind", name: "Before" });
    await member(net, me, "funder");
    const initiative = await dbSystem().initiative.create({
      data: { networkId: net.id, name: "Repair café", description: "", systemChange: "" },
      select: { id: true },
    });
    const milestone = await dbSystem().milestone.create({
      data: { networkId: net.id, initiativeId: initiative.id, position: 0, title: "Title while a member", unlocks: "", amountNeeded: 500000n },
      select: { id: true },
    });
    await dbSystem().pledge.create({
      data: { networkId: net.id, milestoneId: milestone.id, funderId: me.id, amount: 2500n, currency: "EUR", idempotencyKey: "k-left-1" },
    });
    signInAs(me);
    const asMember = await (await exportRoute()).json();
    expect(asMember.account.pledges[0].milestone).toEqual({ title: "Title while a member" });
    expect(asMember.account.memberships[0].network).toEqual({ slug: "left-behind", name: "Before" });

    await dbSystem().membership.update({ where: { networkId_userId: { networkId: net.id, userId: me.id } }, data: { status: "removed" } });
    await dbSystem().milestone.update({ where: { id: milestone.id, networkId: net.id }, data: { title: "Renamed after the removal" } });
    await dbSystem().network.update({ where: { id: net.id }, data: { name: "Renamed network" } });
    const afterwards = await (await exportRoute()).json();
    const text = JSON.stringify(afterwards);
    expect(text).not.toContain("Renamed after the removal");
    expect(text).not.toContain("Renamed network");
    // Their own records stay, naming the network by slug and the milestone by id.
    expect(afterwards.account.pledges).toEqual([
      expect.objectContaining({ amount: "2500", currency: "EUR", network: { slug: "left-behind" }, milestoneId: milestone.id }),
    ]);
    expect(afterwards.account.pledges[0]).not.toHaveProperty("milestone");
    expect(afterwards.account.memberships).toEqual([expect.objectContaining({ status: "removed", network: { slug: "left-behind" } })]);
  });

  it("includes the person's own threads, replies and notifications", async () => {
    const me = await user("Me");
    const other = await user("Other");
    const net = await makeNetwork(dbSystem(), { brokerId: me.id, slug: "talk", name: "Talk" });
    await member(net, other);
    const thread = await dbSystem().thread.create({
      data: { networkId: net.id, authorId: me.id, title: "My thread", body: "My words", level: "network", area: "means" },
      select: { id: true },
    });
    await dbSystem().reply.create({ data: { networkId: net.id, threadId: thread.id, authorId: me.id, body: "My reply" } });
    await dbSystem().reply.create({ data: { networkId: net.id, threadId: thread.id, authorId: other.id, body: "Their reply" } });
    await dbSystem().notification.create({
      data: { networkId: net.id, userId: me.id, kind: "reply_to_thread", actorId: other.id, threadId: thread.id, dedupeKey: "reply:x" },
    });
    signInAs(me);
    const body = await (await exportRoute()).json();
    expect(body.account.threads.map((t: { title: string }) => t.title)).toEqual(["My thread"]);
    expect(body.account.replies.map((r: { body: string }) => r.body)).toEqual(["My reply"]);
    expect(body.account.notifications.map((n: { kind: string; network: { slug: string } }) => [n.kind, n.network.slug])).toEqual([
      ["reply_to_thread", "talk"],
    ]);
    expect(JSON.stringify(body)).not.toContain("Their reply");
  });

  it("answers 401 to a visitor", async () => {
    signInAs(null);
    const response = await exportRoute();
    expect(response.status).toBe(401);
  });
});

describe("delete my account", () => {
  it("asks for the address typed out and changes nothing otherwise", async () => {
    const me = await user("Me");
    signInAs(me);
    const before = await snapshotDatabase();
    const result = await call(deleteAccountAction, { confirmEmail: "someone-else@example.test" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { confirmEmail: ["confirm_mismatch"] } });
    expect(await snapshotDatabase()).toBe(before);
  });

  it("is refused while the person is a network's only broker", async () => {
    const me = await user("Me");
    const net = await makeNetwork(dbSystem(), { brokerId: me.id, slug: "solo" });
    signInAs(me);
    expectRefused(await call(deleteAccountAction, { confirmEmail: me.email }), "sole_broker");
    expect(await activeBrokers(net.id)).toBe(1);
    expect(await dbSystem().user.count({ where: { id: me.id } })).toBe(1);
  });

  it("removes the person, their sessions and memberships, and leaves an audit entry", async () => {
    const me = await user("Me");
    const other = await user("Other");
    const net = await makeNetwork(dbSystem(), { brokerId: me.id, slug: "shared" });
    await member(net, other, "broker");
    await dbSystem().session.create({ data: { sessionToken: "token-of-me", userId: me.id, expires: new Date(Date.now() + 3_600_000) } });

    signInAs(me);
    const result = await call(deleteAccountAction, { confirmEmail: me.email.toUpperCase() });
    expect(result).toMatchObject({ ok: true, redirect: "/?deleted=1" });
    expect(await dbSystem().user.count({ where: { id: me.id } })).toBe(0);
    expect(await dbSystem().session.count({ where: { userId: me.id } })).toBe(0);
    expect(await dbSystem().membership.count({ where: { networkId: net.id, userId: me.id } })).toBe(0);
    expect(await activeBrokers(net.id)).toBe(1);
    const audit = await dbSystem().auditEntry.findMany({ where: { networkId: net.id, action: "account.deleted" } });
    expect(audit).toHaveLength(1);
  });

  it("answers a visitor with unauthenticated", async () => {
    signInAs(null);
    expectRefused(await call(deleteAccountAction, { confirmEmail: "x@example.test" }), "unauthenticated");
  });

  it("takes the person's name out of other people's quotes of their replies, in every network they wrote in", async () => {
    const me = await user("Zebediah Quill");
    const other = await user("Other");
    const third = await user("Third");
    const net = await makeNetwork(dbSystem(), { brokerId: other.id, slug: "quoted" });
    await member(net, me);
    await member(net, third);
    const thread = await makeThread(dbSystem(), { networkId: net.id, authorId: other.id, title: "Gardens" });
    const mine = await makeReply(dbSystem(), { networkId: net.id, threadId: thread.id, authorId: me.id, body: "Compost first." });
    const theirs = await makeReply(dbSystem(), { networkId: net.id, threadId: thread.id, authorId: third.id, body: "Seeds first." });
    // Quotes as the composer starts them (the thread page's quoteMarkdown), posted and edited for real.
    const key = () => `quote-key-${Math.random().toString(36).slice(2)}-padding`;
    signInAs(other);
    expect(
      outcomeOf(await call(createReplyAction, { slug: net.slug, threadId: thread.id, body: "> **Zebediah Quill:**\n> Compost first.\n\nYes.", quotedReplyId: mine.id, idempotencyKey: key() })),
    ).toBe("ok");
    const quoting = await dbSystem().reply.findFirstOrThrow({ where: { networkId: net.id, quotedReplyId: mine.id }, select: { id: true } });
    expect(outcomeOf(await call(editReplyAction, { slug: net.slug, replyId: quoting.id, body: "> **Zebediah Quill:**\n> Compost first.\n\nYes, and early." }))).toBe("ok");
    expect(
      outcomeOf(await call(createReplyAction, { slug: net.slug, threadId: thread.id, body: "> **Third:**\n> Seeds first.\n\nNo.", quotedReplyId: theirs.id, idempotencyKey: key() })),
    ).toBe("ok");
    // A network they left: a quote made before they changed their name.
    const left = await makeNetwork(dbSystem(), { brokerId: other.id, slug: "left-quoted" });
    await member(left, me);
    const leftThread = await makeThread(dbSystem(), { networkId: left.id, authorId: other.id, title: "Old talk" });
    const old = await makeReply(dbSystem(), { networkId: left.id, threadId: leftThread.id, authorId: me.id, body: "Back then." });
    const oldQuote = await makeReply(dbSystem(), {
      networkId: left.id,
      threadId: leftThread.id,
      authorId: other.id,
      body: "> **Zeb:**\n> Back then.\n\nIndeed.",
      quotedReplyId: old.id,
    });
    await dbSystem().membership.update({ where: { networkId_userId: { networkId: left.id, userId: me.id } }, data: { status: "left" } });

    signInAs(me);
    expect(await call(deleteAccountAction, { confirmEmail: me.email })).toMatchObject({ ok: true });

    const after = await dbSystem().reply.findUniqueOrThrow({ where: { id: quoting.id, networkId: net.id }, select: { body: true, bodyHtml: true } });
    expect(after.body).toBe("> Compost first.\n\nYes, and early.");
    expect(after.bodyHtml).toContain("Compost first.");
    expect(after.bodyHtml).not.toContain("Zebediah");
    const revisions = await dbSystem().replyRevision.findMany({ where: { networkId: net.id, replyId: quoting.id }, select: { body: true } });
    expect(revisions.map((r) => r.body)).toEqual(["> Compost first.\n\nYes."]);
    const found = await dbSystem().$queryRaw<{ id: string }[]>`
      SELECT id FROM "Reply" WHERE "networkId" = ${net.id} AND "searchVector" @@ plainto_tsquery('english', 'zebediah')`;
    expect(found).toEqual([]);
    expect((await dbSystem().reply.findUniqueOrThrow({ where: { id: oldQuote.id, networkId: left.id }, select: { body: true } })).body).toBe(
      "> Back then.\n\nIndeed.",
    );
    // Quotes of other people keep their names; the person's own replies stay, without an author.
    const kept = await dbSystem().reply.findFirstOrThrow({ where: { networkId: net.id, quotedReplyId: theirs.id }, select: { body: true } });
    expect(kept.body).toBe("> **Third:**\n> Seeds first.\n\nNo.");
    expect(await dbSystem().reply.findUniqueOrThrow({ where: { id: mine.id, networkId: net.id }, select: { authorId: true, body: true } })).toEqual({
      authorId: null,
      body: "Compost first.",
    });
  });

  it("closes the person's open offers and requests, and leaves their conversations to the other person, without them", async () => {
    const me = await user("Me");
    const ann = await user("Ann");
    const cas = await user("Cas");
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "exchange" });
    for (const person of [me, ann, cas]) await member(net, person);
    const post = (authorId: string, status: "open" | "in_progress" | "fulfilled" = "open") =>
      dbSystem().exchangePost.create({
        data: { networkId: net.id, authorId, direction: "request", capital: "time", title: "Help", status, expiresAt: new Date(Date.now() + 30 * 86_400_000) },
        select: { id: true },
      });
    const key = () => `exchange-key-${Math.random().toString(36).slice(2)}-padding`;
    // The open one posted through its form (lib/exchange), the others as they would be by now.
    const posted = await asUser(me, () =>
      call(createPostAction, {
        slug: net.slug,
        direction: "request",
        capital: "time",
        title: "Help",
        body: "",
        town: "Tilburg",
        expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        visibility: "network",
        idempotencyKey: key(),
      }),
    );
    expect(posted.redirect, JSON.stringify(posted)).toMatch(/^\/n\/exchange\/exchange\/[^/]+$/);
    const mineOpen = { id: posted.redirect!.split("/").at(-1)! };
    const [mineBusy, mineDone, annsPost] = [await post(me.id, "in_progress"), await post(me.id, "fulfilled"), await post(ann.id)];
    const started = await asUser(me, () => call(startConversationAction, { slug: net.slug, postId: annsPost.id, body: "I can help, Ann.", idempotencyKey: key() }));
    const conversationId = started.redirect?.split("/").at(-1) ?? "";
    expect(await asUser(cas, () => call(startConversationAction, { slug: net.slug, postId: mineOpen.id, body: "I can help.", idempotencyKey: key() }))).toMatchObject({ ok: true });

    // Their download holds the messages they sent, not the other person's.
    signInAs(me);
    const exported = await (await exportRoute()).json();
    expect(exported.account.exchangeMessages.map((m: { body: string; conversationId: string; postId: string; network: string }) => [m.body, m.conversationId, m.postId, m.network])).toEqual([
      ["I can help, Ann.", conversationId, annsPost.id, net.slug],
    ]);

    expect(await call(deleteAccountAction, { confirmEmail: me.email })).toMatchObject({ ok: true });

    const posts = await dbSystem().exchangePost.findMany({ where: { networkId: net.id, id: { in: [mineOpen.id, mineBusy.id, mineDone.id] } }, orderBy: { createdAt: "asc" } });
    expect(posts.map((p) => [p.status, p.closedAt !== null, p.authorId])).toEqual([
      ["withdrawn", true, null],
      ["withdrawn", true, null],
      ["fulfilled", false, null],
    ]);
    const page = await asUser(ann, async () => loadConversationPage(await requireMember(net.slug), conversationId));
    expect(page).toMatchObject({ other: { id: null, name: null, active: false }, maySend: false });
    expect(page?.messages.map((m) => [m.senderId, m.body])).toEqual([[null, "I can help, Ann."]]);
    expect(await dbSystem().exchangeMessage.count({ where: { networkId: net.id, senderId: me.id } })).toBe(0);
    expect(await dbSystem().exchangeConversation.count({ where: { networkId: net.id, starterId: me.id } })).toBe(0);
  });
});
