import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { requestHeaders } from "../setup/session";
import { listAudit } from "@/lib/audit/queries";
import { dbSystem } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/demo";
import {
  acceptAddressedInvitationAction,
  acceptInvitationAction,
  changeRoleAction,
  createInvitationAction,
  joinAction,
  leaveAction,
  removeMemberAction,
  requestToJoinAction,
  reviewRequestAction,
  revokeInvitationAction,
} from "@/lib/membership/actions";
import { changeRole } from "@/lib/membership/mutations";
import { countWaitingForBroker, listInvitations, listMembers, listPendingRequests } from "@/lib/membership/queries";
import { countUnreadNotifications, listNotifications } from "@/lib/notifications/queries";
import { requireMember, viewNetwork } from "@/lib/membership/scope";
import {
  activeBrokers,
  asUser,
  call,
  makeNetwork,
  member,
  membershipOf,
  signInAs,
  snapshotDatabase,
  user,
  type User,
} from "./support";

async function network(opts: { joinPolicy?: "open" | "request" | "invitation"; slug?: string; visibility?: "public" | "private" } = {}) {
  const broker = await user("Broker");
  const net = await makeNetwork(dbSystem(), {
    brokerId: broker.id,
    slug: opts.slug ?? "commons",
    joinPolicy: opts.joinPolicy ?? "open",
    visibility: opts.visibility ?? "public",
  });
  return { net, broker };
}

/** The audit log of a network, read as one of its brokers would. */
async function auditOf(slug: string, broker: User) {
  signInAs(broker);
  const scope = await requireMember(slug, "audit.view");
  return (await listAudit(scope)).items;
}

async function createInvite(slug: string, broker: User, role = "member") {
  signInAs(broker);
  requestHeaders.set("host", "evil.example");
  const result = await call(createInvitationAction, { slug, role, expiresInDays: "7", note: "For you" });
  if (!result.ok) throw new Error(`invitation not created: ${JSON.stringify(result)}`);
  // The link to pass on is on the configured public address, whatever the request said.
  expect(result.data!.link).toBe(`${env().publicUrl}/n/${slug}/invite/${result.data!.token}`);
  return result.data!;
}

describe("joining an open network", () => {
  it("requires accepting the principles", async () => {
    const { net } = await network();
    const newcomer = await user("New");
    signInAs(newcomer);
    const refused = await call(joinAction, { slug: net.slug });
    expect(refused).toMatchObject({ ok: false, code: "invalid_input" });
    expect(refused.ok ? [] : refused.fieldErrors?.acceptPrinciples).toEqual(["principles_required"]);
    expect(await membershipOf(net.id, newcomer.id)).toBeNull();

    const joined = await call(joinAction, { slug: net.slug, acceptPrinciples: "on" });
    expect(joined).toMatchObject({ ok: true, redirect: `/n/${net.slug}?joined=1` });
    const row = await membershipOf(net.id, newcomer.id);
    expect(row).toMatchObject({ status: "active", role: "member" });
    expect(row?.principlesAcceptedAt).toBeInstanceOf(Date);
  });

  it("refuses joining twice with already_member", async () => {
    const { net, broker } = await network();
    const newcomer = await user("New");
    signInAs(newcomer);
    await call(joinAction, { slug: net.slug, acceptPrinciples: "on" });
    const before = await snapshotDatabase();
    expect(await call(joinAction, { slug: net.slug, acceptPrinciples: "on" })).toMatchObject({ ok: false, code: "already_member" });
    expect(await snapshotDatabase()).toBe(before);
    const audit = await auditOf(net.slug, broker);
    expect(audit.filter((e) => e.action === "member.joined")).toHaveLength(1);
  });

  it("is closed for networks that take requests or invitations only", async () => {
    const { net: byRequest } = await network({ joinPolicy: "request", slug: "by-request" });
    const { net: byInvite } = await network({ joinPolicy: "invitation", slug: "by-invite" });
    signInAs(await user("New"));
    expect(await call(joinAction, { slug: byRequest.slug, acceptPrinciples: "on" })).toMatchObject({ code: "join_closed" });
    expect(await call(joinAction, { slug: byInvite.slug, acceptPrinciples: "on" })).toMatchObject({ code: "join_closed" });
    expect(await call(requestToJoinAction, { slug: byInvite.slug, acceptPrinciples: "on" })).toMatchObject({ code: "join_closed" });
  });
});

describe("requests to join", () => {
  it("go pending, then the broker approves one and declines another", async () => {
    const { net, broker } = await network({ joinPolicy: "request" });
    const ann = await user("Ann");
    const bob = await user("Bob");
    signInAs(ann);
    expect(await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on", message: "  I run a repair café.  " })).toMatchObject({ ok: true });
    signInAs(bob);
    expect(await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on" })).toMatchObject({ ok: true });
    expect(await membershipOf(net.id, ann.id)).toMatchObject({ status: "pending", requestMessage: "I run a repair café." });

    // A pending request is not membership.
    signInAs(ann);
    await expect(requireMember(net.slug)).rejects.toMatchObject({ code: "forbidden" });

    signInAs(broker);
    const scope = await requireMember(net.slug, "requests.review");
    const pending = await listPendingRequests(scope);
    expect(pending.map((p) => p.name).sort()).toEqual(["Ann", "Bob"]);
    const annRequest = pending.find((p) => p.name === "Ann")!;
    const bobRequest = pending.find((p) => p.name === "Bob")!;
    expect(annRequest.message).toBe("I run a repair café.");

    expect(await call(reviewRequestAction, { slug: net.slug, membershipId: annRequest.membershipId, decision: "approve" })).toMatchObject({ ok: true });
    expect(await call(reviewRequestAction, { slug: net.slug, membershipId: bobRequest.membershipId, decision: "decline" })).toMatchObject({ ok: true });
    // A request is decided once.
    expect(await call(reviewRequestAction, { slug: net.slug, membershipId: annRequest.membershipId, decision: "decline" })).toMatchObject({
      ok: false,
      code: "not_found",
    });

    expect(await membershipOf(net.id, ann.id)).toMatchObject({ status: "active", role: "member" });
    expect((await membershipOf(net.id, ann.id))?.joinedAt).toBeInstanceOf(Date);
    expect((await membershipOf(net.id, bob.id))?.status).toBe("declined");
    const members = await listMembers(scope);
    expect(members.items.map((m) => m.name).sort()).toEqual(["Ann", "Broker"]);
    expect(await listPendingRequests(scope)).toEqual([]);

    const actions = (await auditOf(net.slug, broker)).map((e) => `${e.action}:${e.subject}`);
    expect(actions).toEqual(expect.arrayContaining(["member.requested:Ann", "member.requested:Bob", "request.approved:Ann", "request.declined:Bob"]));
    expect(actions).toHaveLength(4);
  });

  it("refuses a second request with already_requested", async () => {
    const { net } = await network({ joinPolicy: "request" });
    signInAs(await user("Ann"));
    await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on", message: "first" });
    const before = await snapshotDatabase();
    expect(await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on", message: "second" })).toMatchObject({
      ok: false,
      code: "already_requested",
    });
    expect(await snapshotDatabase()).toBe(before);
  });

  it("requires accepting the principles", async () => {
    const { net } = await network({ joinPolicy: "request" });
    const ann = await user("Ann");
    signInAs(ann);
    const refused = await call(requestToJoinAction, { slug: net.slug, message: "hi" });
    expect(refused.ok ? undefined : refused.fieldErrors?.acceptPrinciples).toEqual(["principles_required"]);
    expect(await membershipOf(net.id, ann.id)).toBeNull();
  });
});

describe("invitations", () => {
  it("work once, with the role they were made for", async () => {
    const { net, broker } = await network({ joinPolicy: "invitation" });
    const { token, expiresAt } = await createInvite(net.slug, broker, "funder");
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    // Only the hash is stored.
    const stored = await dbSystem().$queryRaw<{ tokenHash: string }[]>`SELECT "tokenHash" FROM "Invitation"`;
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toContain(token);

    const fay = await user("Fay");
    signInAs(fay);
    expect(await call(acceptInvitationAction, { slug: net.slug, token, acceptPrinciples: "on" })).toMatchObject({
      ok: true,
      redirect: `/n/${net.slug}?joined=1`,
    });
    expect(await membershipOf(net.id, fay.id)).toMatchObject({ status: "active", role: "funder" });

    const gus = await user("Gus");
    signInAs(gus);
    const before = await snapshotDatabase();
    expect(await call(acceptInvitationAction, { slug: net.slug, token, acceptPrinciples: "on" })).toMatchObject({
      ok: false,
      code: "invitation_used",
    });
    expect(await snapshotDatabase()).toBe(before);
    expect(await membershipOf(net.id, gus.id)).toBeNull();

    const actions = (await auditOf(net.slug, broker)).map((e) => e.action);
    expect(actions.sort()).toEqual(["invitation.accepted", "invitation.created"]);
  });

  it("need the principles accepted", async () => {
    const { net, broker } = await network({ joinPolicy: "invitation" });
    const { token } = await createInvite(net.slug, broker);
    signInAs(await user("Fay"));
    const refused = await call(acceptInvitationAction, { slug: net.slug, token });
    expect(refused.ok ? undefined : refused.fieldErrors?.acceptPrinciples).toEqual(["principles_required"]);
  });

  it("expire", async () => {
    const { net, broker } = await network({ joinPolicy: "invitation" });
    const { token } = await createInvite(net.slug, broker);
    await dbSystem().invitation.updateMany({ where: { networkId: net.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const fay = await user("Fay");
    signInAs(fay);
    const before = await snapshotDatabase();
    expect(await call(acceptInvitationAction, { slug: net.slug, token, acceptPrinciples: "on" })).toMatchObject({
      ok: false,
      code: "invitation_expired",
    });
    expect(await snapshotDatabase()).toBe(before);
  });

  it("can be revoked by a broker, and then do not work", async () => {
    const { net, broker } = await network({ joinPolicy: "invitation" });
    const { token } = await createInvite(net.slug, broker);
    const [row] = await dbSystem().invitation.findMany({ where: { networkId: net.id }, select: { id: true } });
    signInAs(broker);
    expect(await call(revokeInvitationAction, { slug: net.slug, invitationId: row!.id })).toMatchObject({ ok: true });
    // Revoking twice finds nothing left to revoke.
    expect(await call(revokeInvitationAction, { slug: net.slug, invitationId: row!.id })).toMatchObject({ code: "not_found" });
    const fay = await user("Fay");
    signInAs(fay);
    expect(await call(acceptInvitationAction, { slug: net.slug, token, acceptPrinciples: "on" })).toMatchObject({
      ok: false,
      code: "invitation_revoked",
    });
    expect(await membershipOf(net.id, fay.id)).toBeNull();
    const audit = await auditOf(net.slug, broker);
    expect(audit.map((e) => e.action).sort()).toEqual(["invitation.created", "invitation.revoked"]);
    expect(audit.find((e) => e.action === "invitation.revoked")?.detail).toEqual({ invitationId: row!.id });
  });

  it("refuse an unknown token, and a token of another network", async () => {
    const { net: a, broker: brokerA } = await network({ joinPolicy: "invitation", slug: "net-a" });
    const { net: b } = await network({ joinPolicy: "invitation", slug: "net-b" });
    const { token } = await createInvite(a.slug, brokerA);
    const fay = await user("Fay");
    signInAs(fay);
    const before = await snapshotDatabase();
    const forged = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await call(acceptInvitationAction, { slug: a.slug, token: forged, acceptPrinciples: "on" })).toMatchObject({
      code: "invitation_invalid",
    });
    expect(await call(acceptInvitationAction, { slug: b.slug, token, acceptPrinciples: "on" })).toMatchObject({
      code: "invitation_invalid",
    });
    expect(await call(acceptInvitationAction, { slug: "no-such-network", token, acceptPrinciples: "on" })).toMatchObject({
      code: "not_found",
    });
    expect(await snapshotDatabase()).toBe(before);
    // The token still works where it belongs.
    expect(await call(acceptInvitationAction, { slug: a.slug, token, acceptPrinciples: "on" })).toMatchObject({ ok: true });
    expect(await membershipOf(b.id, fay.id)).toBeNull();
  });
});

describe("the last broker", () => {
  async function soleBroker() {
    const { net, broker } = await network();
    const plain = await user("Plain");
    const plainMembership = await member(net, plain);
    signInAs(broker);
    const own = (await membershipOf(net.id, broker.id))!;
    return { net, broker, own, plain, plainMembership };
  }

  it("cannot leave, be demoted or be removed", async () => {
    const { net, broker, own } = await soleBroker();
    const before = await snapshotDatabase();
    expect(await call(leaveAction, { slug: net.slug })).toMatchObject({ ok: false, code: "last_broker" });
    expect(await call(changeRoleAction, { slug: net.slug, membershipId: own.id, role: "member" })).toMatchObject({
      ok: false,
      code: "last_broker",
    });
    expect(await call(removeMemberAction, { slug: net.slug, membershipId: own.id })).toMatchObject({ ok: false, code: "last_broker" });
    expect(await snapshotDatabase()).toBe(before);
    expect(await activeBrokers(net.id)).toBe(1);
    expect((await membershipOf(net.id, broker.id))?.role).toBe("broker");
  });

  it("can step down once another broker exists", async () => {
    const { net, broker, own, plain, plainMembership } = await soleBroker();
    expect(await call(changeRoleAction, { slug: net.slug, membershipId: plainMembership.id, role: "broker" })).toMatchObject({ ok: true });
    expect(await call(changeRoleAction, { slug: net.slug, membershipId: own.id, role: "member" })).toMatchObject({ ok: true });
    expect((await membershipOf(net.id, broker.id))?.role).toBe("member");
    // Now the other one is the last broker.
    signInAs(plain);
    expect(await call(leaveAction, { slug: net.slug })).toMatchObject({ code: "last_broker" });
    const audit = await auditOf(net.slug, plain);
    const changes = audit.filter((e) => e.action === "member.role_changed").map((e) => e.detail);
    expect(changes).toEqual(expect.arrayContaining([{ from: "member", to: "broker" }, { from: "broker", to: "member" }]));
  });

  it("can leave, and can be removed, once another broker exists", async () => {
    const first = await soleBroker();
    await call(changeRoleAction, { slug: first.net.slug, membershipId: first.plainMembership.id, role: "broker" });
    expect(await call(leaveAction, { slug: first.net.slug })).toMatchObject({ ok: true, redirect: "/?left=1" });
    expect((await membershipOf(first.net.id, first.broker.id))?.status).toBe("left");

    const { net: other, broker } = await network({ slug: "second" });
    const co = await user("Co");
    const coMembership = await member(other, co, "broker");
    signInAs(broker);
    expect(await call(removeMemberAction, { slug: other.slug, membershipId: coMembership.id })).toMatchObject({ ok: true });
    expect((await membershipOf(other.id, co.id))?.status).toBe("removed");
    expect(await activeBrokers(other.id)).toBe(1);
  });

  it("survives two brokers demoting each other at the same time", async () => {
    for (let round = 0; round < 5; round++) {
      const { net, broker: x } = await network({ slug: `pair-${round}` });
      const y = await user(`Y${round}`);
      const yMembership = await member(net, y, "broker");
      const xMembership = (await membershipOf(net.id, x.id))!;
      const results = await Promise.all([
        asUser(x, () => call(changeRoleAction, { slug: net.slug, membershipId: yMembership.id, role: "member" })),
        asUser(y, () => call(changeRoleAction, { slug: net.slug, membershipId: xMembership.id, role: "member" })),
      ]);
      expect(await activeBrokers(net.id)).toBe(1);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      // The loser either saw the last_broker rule (inside the lock) or had already lost the right.
      const refused = results.find((r) => !r.ok);
      expect(["last_broker", "forbidden"]).toContain(refused?.ok === false ? refused.code : undefined);
    }
  });
});

describe("a removed member", () => {
  it("loses access, cannot rejoin alone, but can come back by invitation", async () => {
    const { net, broker } = await network();
    const rex = await user("Rex");
    const rexMembership = await member(net, rex);
    signInAs(broker);
    expect(await call(removeMemberAction, { slug: net.slug, membershipId: rexMembership.id })).toMatchObject({ ok: true });

    signInAs(rex);
    await expect(requireMember(net.slug)).rejects.toMatchObject({ code: "forbidden" });
    expect(await call(leaveAction, { slug: net.slug })).toMatchObject({ ok: false, code: "forbidden" });
    const before = await snapshotDatabase();
    expect(await call(joinAction, { slug: net.slug, acceptPrinciples: "on" })).toMatchObject({ ok: false, code: "join_closed" });
    expect(await snapshotDatabase()).toBe(before);

    const { token } = await createInvite(net.slug, broker, "member");
    signInAs(rex);
    expect(await call(acceptInvitationAction, { slug: net.slug, token, acceptPrinciples: "on" })).toMatchObject({ ok: true });
    expect(await membershipOf(net.id, rex.id)).toMatchObject({ status: "active", role: "member" });
    expect((await requireMember(net.slug)).membershipId).toBe(rexMembership.id);
  });

  it("who was a broker loses the broker's powers", async () => {
    const { net, broker } = await network();
    const co = await user("Co");
    const coMembership = await member(net, co, "broker");
    signInAs(broker);
    expect(await call(removeMemberAction, { slug: net.slug, membershipId: coMembership.id })).toMatchObject({ ok: true });
    signInAs(co);
    const before = await snapshotDatabase();
    expect(await call(createInvitationAction, { slug: net.slug, role: "broker", expiresInDays: "7" })).toMatchObject({ code: "forbidden" });
    const own = (await membershipOf(net.id, broker.id))!;
    expect(await call(removeMemberAction, { slug: net.slug, membershipId: own.id })).toMatchObject({ code: "forbidden" });
    expect(await snapshotDatabase()).toBe(before);
  });

  it("of a private network cannot even see it", async () => {
    const { net, broker } = await network({ visibility: "private" });
    const rex = await user("Rex");
    const rexMembership = await member(net, rex);
    signInAs(broker);
    await call(removeMemberAction, { slug: net.slug, membershipId: rexMembership.id });
    signInAs(rex);
    await expect(requireMember(net.slug)).rejects.toMatchObject({ code: "not_found" });
    expect(await call(joinAction, { slug: net.slug, acceptPrinciples: "on" })).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("the audit log", () => {
  it("records every membership decision with actor and subject", async () => {
    const { net, broker } = await network({ joinPolicy: "request" });
    const ann = await user("Ann");
    const bob = await user("Bob");
    signInAs(ann);
    await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on" });
    signInAs(broker);
    const [request] = await listPendingRequests(await requireMember(net.slug, "requests.review"));
    await call(reviewRequestAction, { slug: net.slug, membershipId: request!.membershipId, decision: "approve" });
    const annMembership = (await membershipOf(net.id, ann.id))!;
    await call(changeRoleAction, { slug: net.slug, membershipId: annMembership.id, role: "funder" });
    const { token } = await createInvite(net.slug, broker);
    signInAs(bob);
    await call(acceptInvitationAction, { slug: net.slug, token, acceptPrinciples: "on" });
    await call(leaveAction, { slug: net.slug });
    signInAs(broker);
    await call(removeMemberAction, { slug: net.slug, membershipId: annMembership.id });

    const audit = await auditOf(net.slug, broker);
    const lines = audit.map((e) => `${e.action} by ${e.actor} on ${e.subject ?? "-"}`).reverse();
    expect(lines).toEqual([
      "member.requested by Ann on Ann",
      "request.approved by Broker on Ann",
      "member.role_changed by Broker on Ann",
      "invitation.created by Broker on -",
      "invitation.accepted by Bob on Bob",
      "member.left by Bob on Bob",
      "member.removed by Broker on Ann",
    ]);
  });
});

describe("a broker demoted while acting", () => {
  it("cannot finish a broker action with the scope checked before the demotion", async () => {
    const { net } = await network();
    const second = await user("Second broker");
    await member(net, second, "broker");
    const target = await user("Target");
    const targetMembership = await member(net, target, "member");

    // The second broker passed the gate...
    signInAs(second);
    const staleScope = await requireMember(net.slug, "members.change_role");
    // ...then the first broker demoted them before their write ran.
    await dbSystem().membership.updateMany({ where: { networkId: net.id, userId: second.id }, data: { role: "member" } });

    await expect(changeRole(staleScope, targetMembership.id, "funder")).rejects.toMatchObject({ code: "forbidden" });
    expect((await membershipOf(net.id, target.id))?.role).toBe("member");
  });
});

/** Every notification a person was given, oldest first, as stored. */
async function newsOf(person: User) {
  const found = await dbSystem().user.findUnique({
    where: { id: person.id },
    select: {
      notifications: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, kind: true, actorId: true, note: true, role: true, networkId: true },
      },
    },
  });
  return found?.notifications ?? [];
}

async function follow(person: User, id: string) {
  const { GET } = await import("@/app/notifications/[id]/route");
  signInAs(person);
  const response = await GET(new Request("http://localhost/"), { params: Promise.resolve({ id }) });
  return response.headers.get("location");
}

describe("membership news", () => {
  it("a request tells every broker once, never the person asking, and the Requests tab counts it", async () => {
    const { net, broker } = await network({ joinPolicy: "request" });
    const co = await user("Co");
    await member(net, co, "broker");
    const plain = await user("Plain");
    await member(net, plain);
    const ann = await user("Ann");
    // Another network's request is not counted here.
    const other = await network({ joinPolicy: "request", slug: "elsewhere" });
    signInAs(ann);
    expect(await call(requestToJoinAction, { slug: other.net.slug, acceptPrinciples: "on" })).toMatchObject({ ok: true });

    signInAs(broker);
    const scope = await requireMember(net.slug, "requests.review");
    expect((await countWaitingForBroker(scope)).requests).toBe(0);

    signInAs(ann);
    expect(await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on", message: "Hello" })).toMatchObject({ ok: true });
    // Asking again while the request waits changes nothing.
    expect(await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on" })).toMatchObject({ code: "already_requested" });

    for (const b of [broker, co]) {
      expect((await newsOf(b)).map((n) => [n.kind, n.actorId, n.networkId])).toEqual([["join_requested", ann.id, net.id]]);
    }
    expect(await newsOf(plain)).toEqual([]);
    expect((await newsOf(ann)).filter((n) => n.networkId === net.id)).toEqual([]);
    expect((await countWaitingForBroker(scope)).requests).toBe(1);

    // The broker reads it in the centre, worded with the person's name, and it leads to the Requests tab.
    const [item] = (await listNotifications(broker.id)).items;
    expect(item).toMatchObject({ kind: "join_requested", actorName: "Ann", networkSlug: net.slug });
    expect(await countUnreadNotifications(broker.id)).toBe(1);
    expect(await follow(broker, item!.id)).toBe(`/n/${net.slug}/requests`);
    expect(await countUnreadNotifications(broker.id)).toBe(0);

    // A broker who steps down no longer sees waiting requests.
    signInAs(broker);
    expect(await call(changeRoleAction, { slug: net.slug, membershipId: (await membershipOf(net.id, co.id))!.id, role: "member" })).toMatchObject({ ok: true });
    expect((await listNotifications(co.id)).items.map((n) => n.kind)).toEqual(["role_changed"]);
  });

  it("an approval tells the person once, not the broker who approved", async () => {
    const { net, broker } = await network({ joinPolicy: "request" });
    const co = await user("Co");
    await member(net, co, "broker");
    const ann = await user("Ann");
    signInAs(ann);
    await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on" });
    const request = (await membershipOf(net.id, ann.id))!;

    signInAs(broker);
    expect(await call(reviewRequestAction, { slug: net.slug, membershipId: request.id, decision: "approve", note: "ignored" })).toMatchObject({ ok: true });
    expect(await call(reviewRequestAction, { slug: net.slug, membershipId: request.id, decision: "approve" })).toMatchObject({ code: "not_found" });

    expect((await newsOf(ann)).map((n) => [n.kind, n.actorId, n.note])).toEqual([["membership_approved", broker.id, null]]);
    expect((await newsOf(broker)).map((n) => n.kind)).toEqual(["join_requested"]);
    expect((await newsOf(co)).map((n) => n.kind)).toEqual(["join_requested"]);
    signInAs(broker);
    expect((await countWaitingForBroker(await requireMember(net.slug, "requests.review"))).requests).toBe(0);

    const [item] = (await listNotifications(ann.id)).items;
    expect(item).toMatchObject({ kind: "membership_approved", actorName: "Broker" });
    expect(await follow(ann, item!.id)).toBe(`/n/${net.slug}`);
  });

  it("a decline tells the person, with the broker's note, though they are no member; asking again is news again", async () => {
    const { net, broker } = await network({ joinPolicy: "request" });
    const ann = await user("Ann");
    signInAs(ann);
    await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on" });
    const request = (await membershipOf(net.id, ann.id))!;

    signInAs(broker);
    expect(
      await call(reviewRequestAction, { slug: net.slug, membershipId: request.id, decision: "decline", note: "  We are full until spring.  " }),
    ).toMatchObject({ ok: true });
    expect(await call(reviewRequestAction, { slug: net.slug, membershipId: request.id, decision: "decline", note: "again" })).toMatchObject({
      code: "not_found",
    });
    expect((await newsOf(ann)).map((n) => [n.kind, n.actorId, n.note])).toEqual([["membership_declined", broker.id, "We are full until spring."]]);
    expect((await newsOf(broker)).map((n) => n.kind)).toEqual(["join_requested"]);

    // The declined person is not a member, and still reads the decision in their centre.
    const items = (await listNotifications(ann.id)).items;
    expect(items.map((n) => [n.kind, n.note, n.networkName])).toEqual([["membership_declined", "We are full until spring.", net.name]]);
    expect(await countUnreadNotifications(ann.id)).toBe(1);
    expect(await follow(ann, items[0]!.id)).toBe(`/n/${net.slug}`);
    expect(await countUnreadNotifications(ann.id)).toBe(0);

    // A note too long is refused, and nothing is decided.
    signInAs(ann);
    await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on" });
    const again = (await membershipOf(net.id, ann.id))!;
    expect((await newsOf(broker)).map((n) => n.kind)).toEqual(["join_requested", "join_requested"]);
    signInAs(broker);
    const refused = await call(reviewRequestAction, { slug: net.slug, membershipId: again.id, decision: "decline", note: "x".repeat(1001) });
    expect(refused.ok ? undefined : refused.fieldErrors?.note).toEqual(["too_long|1000"]);
    expect((await membershipOf(net.id, ann.id))?.status).toBe("pending");
  });

  it("a role change tells the person with the new role, once; not the broker who changes their own", async () => {
    const { net, broker } = await network();
    const ann = await user("Ann");
    const annMembership = await member(net, ann);
    signInAs(broker);
    expect(await call(changeRoleAction, { slug: net.slug, membershipId: annMembership.id, role: "broker" })).toMatchObject({ ok: true });
    // The same role again is no change and no news.
    expect(await call(changeRoleAction, { slug: net.slug, membershipId: annMembership.id, role: "broker" })).toMatchObject({ ok: true });
    expect((await newsOf(ann)).map((n) => [n.kind, n.actorId, n.role])).toEqual([["role_changed", broker.id, "broker"]]);

    // The broker steps down themselves: nobody is told of their own act.
    const own = (await membershipOf(net.id, broker.id))!;
    expect(await call(changeRoleAction, { slug: net.slug, membershipId: own.id, role: "member" })).toMatchObject({ ok: true });
    expect(await newsOf(broker)).toEqual([]);

    const [item] = (await listNotifications(ann.id)).items;
    expect(item).toMatchObject({ kind: "role_changed", role: "broker", actorName: "Broker" });
    expect(await follow(ann, item!.id)).toBe(`/n/${net.slug}`);
  });

  it("a removal tells the person once; they read it, but not the network's other news, in their centre", async () => {
    const { net, broker } = await network({ visibility: "private" });
    const rex = await user("Rex");
    const rexMembership = await member(net, rex);
    // Earlier news of the network Rex may no longer read.
    await dbSystem().notification.create({
      data: { networkId: net.id, userId: rex.id, kind: "cycle_opened", actorId: broker.id, dedupeKey: "cycle-opened:x" },
    });
    signInAs(broker);
    expect(await call(removeMemberAction, { slug: net.slug, membershipId: rexMembership.id })).toMatchObject({ ok: true });
    expect(await call(removeMemberAction, { slug: net.slug, membershipId: rexMembership.id })).toMatchObject({ code: "not_found" });
    expect((await newsOf(rex)).map((n) => [n.kind, n.actorId])).toEqual([
      ["cycle_opened", broker.id],
      ["membership_removed", broker.id],
    ]);
    expect(await newsOf(broker)).toEqual([]);

    const items = (await listNotifications(rex.id)).items;
    expect(items.map((n) => n.kind)).toEqual(["membership_removed"]);
    expect(await countUnreadNotifications(rex.id)).toBe(1);
    // The private network is closed to them now: the link stays in the centre.
    expect(await follow(rex, items[0]!.id)).toBe("/notifications");
    expect(await countUnreadNotifications(rex.id)).toBe(0);
  });
});

/** The mail the queue holds for an address, oldest first. */
async function mailTo(address: string) {
  return dbSystem().mailMessage.findMany({
    where: { to: address },
    orderBy: { createdAt: "asc" },
    select: { kind: true, userId: true, subject: true, text: true, html: true },
  });
}

/** The accept offer on the network's home for a signed-in person (null: none, or no page at all). */
async function offerFor(person: User, slug: string) {
  signInAs(person);
  return (await viewNetwork(slug))?.invitation ?? null;
}

describe("invitations sent to an address", () => {
  it("go out once by mail on the public address, tell the account holder once, and are accepted from the home once", async () => {
    const { net, broker } = await network({ joinPolicy: "invitation", visibility: "private" });
    const ann = await user("Ann");
    await dbSystem().user.update({ where: { id: ann.id }, data: { locale: "nl" } });
    const bob = await user("Bob");

    signInAs(broker);
    requestHeaders.set("host", "evil.example");
    const typed = `  ${ann.email.toUpperCase()} `;
    const created = await call(createInvitationAction, { slug: net.slug, role: "funder", expiresInDays: "7", note: "Ann", email: typed });
    expect(created).toMatchObject({ ok: true, data: { sentTo: ann.email } });
    const { token, link } = created.ok ? created.data! : { token: "", link: "" };
    expect(link).toBe(`${env().publicUrl}/n/${net.slug}/invite/${token}`);

    // One mail, to the address, in Ann's language, with the link on the public address only.
    const mails = await mailTo(ann.email);
    expect(mails.map((m) => [m.kind, m.userId])).toEqual([["invitation", ann.id]]);
    expect(mails[0]!.subject).toContain("je bent uitgenodigd");
    expect(mails[0]!.text).toContain(link);
    expect(mails[0]!.html).not.toContain("evil.example");

    // The list shows brokers to whom it went.
    signInAs(broker);
    const [listed] = await listInvitations(await requireMember(net.slug, "invitations.manage"));
    expect(listed).toMatchObject({ email: ann.email, role: "funder" });

    // Ann hears of it once, though she has no membership; the digest will not mail it again.
    expect((await newsOf(ann)).map((n) => [n.kind, n.actorId, n.role, n.networkId])).toEqual([["membership_invited", broker.id, "funder", net.id]]);
    expect(await dbSystem().notification.count({ where: { networkId: net.id, userId: ann.id, emailedAt: null } })).toBe(0);
    expect(await newsOf(broker)).toEqual([]);
    const items = (await listNotifications(ann.id)).items;
    expect(items.map((n) => [n.kind, n.role, n.networkSlug, n.actorName])).toEqual([["membership_invited", "funder", net.slug, "Broker"]]);
    expect(await countUnreadNotifications(ann.id)).toBe(1);
    expect(await follow(ann, items[0]!.id)).toBe(`/n/${net.slug}`);

    // The private network's home offers it to Ann, and to nobody else.
    expect(await offerFor(ann, net.slug)).toMatchObject({ role: "funder" });
    expect(await offerFor(bob, net.slug)).toBeNull();
    expect(await listNotifications(bob.id)).toMatchObject({ items: [] });

    // Bob cannot take Ann's invitation without the token: it is not his address.
    const invitationId = listed!.id;
    signInAs(bob);
    expect(await call(acceptAddressedInvitationAction, { slug: net.slug, invitationId, acceptPrinciples: "on" })).toMatchObject({ code: "not_found" });
    expect(await membershipOf(net.id, bob.id)).toBeNull();

    // Ann accepts from the home: principles first, then once, with the invitation's role.
    signInAs(ann);
    const withoutPrinciples = await call(acceptAddressedInvitationAction, { slug: net.slug, invitationId });
    expect(withoutPrinciples.ok ? [] : withoutPrinciples.fieldErrors?.acceptPrinciples).toEqual(["principles_required"]);
    expect(await call(acceptAddressedInvitationAction, { slug: net.slug, invitationId, acceptPrinciples: "on" })).toMatchObject({
      ok: true,
      redirect: `/n/${net.slug}?joined=1`,
    });
    expect(await membershipOf(net.id, ann.id)).toMatchObject({ status: "active", role: "funder" });
    expect(await call(acceptAddressedInvitationAction, { slug: net.slug, invitationId, acceptPrinciples: "on" })).toMatchObject({
      code: "invitation_used",
    });
    // The link is spent too.
    expect(await call(acceptInvitationAction, { slug: net.slug, token, acceptPrinciples: "on" })).toMatchObject({ code: "invitation_used" });
    expect(await offerFor(ann, net.slug)).toBeNull();
    expect((await listNotifications(ann.id)).items.map((n) => n.kind)).toEqual(["membership_invited"]);

    const accepted = (await auditOf(net.slug, broker)).filter((e) => e.action === "invitation.accepted");
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ actor: "Ann", detail: { invitationId, role: "funder", via: "account" } });
  });

  it("revoked: the offer and the news are gone, and it cannot be accepted", async () => {
    const { net, broker } = await network({ joinPolicy: "invitation" });
    const ann = await user("Ann");
    signInAs(broker);
    expect(await call(createInvitationAction, { slug: net.slug, role: "member", expiresInDays: "7", email: ann.email })).toMatchObject({ ok: true });
    const invitationId = (await dbSystem().invitation.findFirstOrThrow({ where: { networkId: net.id }, select: { id: true } })).id;
    expect((await newsOf(ann)).map((n) => n.kind)).toEqual(["membership_invited"]);
    expect(await offerFor(ann, net.slug)).toMatchObject({ id: invitationId });

    signInAs(broker);
    expect(await call(revokeInvitationAction, { slug: net.slug, invitationId })).toMatchObject({ ok: true });
    expect(await offerFor(ann, net.slug)).toBeNull();
    expect(await listNotifications(ann.id)).toMatchObject({ items: [] });
    expect(await countUnreadNotifications(ann.id)).toBe(0);
    signInAs(ann);
    expect(await call(acceptAddressedInvitationAction, { slug: net.slug, invitationId, acceptPrinciples: "on" })).toMatchObject({
      code: "invitation_revoked",
    });
    expect(await membershipOf(net.id, ann.id)).toBeNull();
  });

  it("to an address without an account: mailed in the network's language, nobody notified; a wrong address loses nothing typed", async () => {
    const { net, broker } = await network({ joinPolicy: "invitation" });
    await dbSystem().network.update({ where: { id: net.id }, data: { locale: "nl" } });
    const plain = await user("Plain");
    await member(net, plain);
    signInAs(broker);
    const before = await snapshotDatabase();

    const wrong = await call(createInvitationAction, { slug: net.slug, role: "broker", expiresInDays: "5", note: "Keep me", email: "not an address" });
    expect(wrong).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { email: ["email_invalid"] } });
    expect(wrong.ok ? null : wrong.values).toMatchObject({ role: "broker", expiresInDays: "5", note: "Keep me", email: "not an address" });
    // An active member needs no invitation.
    expect(await call(createInvitationAction, { slug: net.slug, role: "member", expiresInDays: "7", email: plain.email })).toMatchObject({
      code: "invalid_input",
      fieldErrors: { email: ["already_member"] },
    });
    expect(await snapshotDatabase()).toBe(before);

    expect(await call(createInvitationAction, { slug: net.slug, role: "member", expiresInDays: "7", email: "New.Person@Example.TEST" })).toMatchObject({
      ok: true,
      data: { sentTo: "new.person@example.test" },
    });
    const mails = await mailTo("new.person@example.test");
    expect(mails.map((m) => [m.kind, m.userId])).toEqual([["invitation", null]]);
    expect(mails[0]!.subject).toContain("je bent uitgenodigd");
    expect(await dbSystem().notification.count({ where: { networkId: net.id, kind: "membership_invited" } })).toBe(0);

    // A link without an address is mailed nowhere.
    const mailCount = await dbSystem().mailMessage.count();
    expect(await call(createInvitationAction, { slug: net.slug, role: "member", expiresInDays: "7" })).toMatchObject({ ok: true, data: { sentTo: null } });
    expect(await dbSystem().mailMessage.count()).toBe(mailCount);
  });

  it("to an address without an account: the account made later hears of the open invitation once, not of a revoked one", async () => {
    const { net, broker } = await network({ joinPolicy: "invitation" });
    const { net: other, broker: otherBroker } = await network({ joinPolicy: "invitation", slug: "other-net" });
    signInAs(broker);
    expect(await call(createInvitationAction, { slug: net.slug, role: "funder", expiresInDays: "7", email: "Later@Example.TEST" })).toMatchObject({ ok: true });
    signInAs(otherBroker);
    expect(await call(createInvitationAction, { slug: other.slug, role: "member", expiresInDays: "7", email: "later@example.test" })).toMatchObject({ ok: true });
    const revoked = await dbSystem().invitation.findFirstOrThrow({ where: { networkId: other.id }, select: { id: true } });
    expect(await call(revokeInvitationAction, { slug: other.slug, invitationId: revoked.id })).toMatchObject({ ok: true });

    // The sign-up through Auth.js's adapter, as the magic link makes it.
    const { authAdapter } = await import("@/lib/db/auth-adapter");
    const adapter = authAdapter();
    const later = await adapter.createUser!({ id: "", email: "later@example.test", emailVerified: new Date(), name: null });
    const items = (await listNotifications(later.id)).items;
    expect(items.map((n) => [n.kind, n.role, n.networkSlug, n.actorName])).toEqual([["membership_invited", "funder", net.slug, "Broker"]]);
    expect(await countUnreadNotifications(later.id)).toBe(1);
    // Already told by the invitation's own mail: no digest repeats it.
    expect(await dbSystem().notification.count({ where: { networkId: net.id, userId: later.id, emailedAt: null } })).toBe(0);
    // The home offers to accept it (the invitation is to their address).
    const laterUser = (await dbSystem().user.findUniqueOrThrow({ where: { id: later.id } })) as User;
    expect(await offerFor(laterUser, net.slug)).toMatchObject({ role: "funder" });
  });
});

describe("the demo", () => {
  it("has a request waiting in SIAC: its broker sees the count, the request and the notification", async () => {
    await seedDemo(dbSystem());
    const mara = (await dbSystem().user.findUnique({ where: { email: "mara@siac.example" }, select: { id: true, name: true, email: true } }))!;
    signInAs(mara);
    const scope = await requireMember("siac", "requests.review");
    expect((await countWaitingForBroker(scope)).requests).toBe(1);
    expect((await listPendingRequests(scope)).map((r) => r.name)).toEqual(["Lucas Moreau"]);
    const waiting = (await listNotifications(mara.id)).items.filter((n) => n.kind === "join_requested");
    expect(waiting.map((n) => [n.actorName, n.networkSlug, n.readAt])).toEqual([["Lucas Moreau", "siac", null]]);
    // Seeding again changes nothing.
    await seedDemo(dbSystem());
    expect((await countWaitingForBroker(scope)).requests).toBe(1);
  });
});
