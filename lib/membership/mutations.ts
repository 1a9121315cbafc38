import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import { db, type Tx } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { freeSeatsOf } from "@/lib/gatherings/mutations";
import { normaliseTag } from "@/lib/membership/help-tags";
import { closePostsOf } from "@/lib/exchange/mutations";
import type { AppLocale } from "@/lib/i18n/config";
import { emailLink } from "@/lib/mail/links";
import { enqueueMail } from "@/lib/mail/mutations";
import { notifyInvited, notifyJoinRequested, notifyMembershipNews } from "@/lib/notifications/mutations";
import { can, type Permission } from "./policy";
import type { NetworkRef, NetworkScope } from "./scope";
import { hashToken, invitationState, newInvitationToken } from "./invitations";
import { invitationEmail } from "./invitation-mail";

type LockedNetworkRow = { joinPolicy: string };

/**
 * Membership changes of one network run one at a time: each transaction first
 * locks the network's row, so two brokers demoting each other cannot leave the
 * network without a broker, and an invitation cannot be used twice.
 */
async function lockNetwork(tx: Tx, networkId: string) {
  const rows = await tx.$queryRaw<LockedNetworkRow[]>`
    SELECT "joinPolicy"::text AS "joinPolicy" FROM "Network" WHERE id = ${networkId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * Re-checks, under the network lock, that the acting broker still holds the
 * right: the gate ran before the lock, and a concurrent demotion may have won.
 */
async function lockAsActor(tx: Tx, scope: NetworkScope, permission: Permission) {
  await lockNetwork(tx, scope.networkId);
  const actor = await findMembership(tx, scope.networkId, scope.userId);
  if (!actor || actor.status !== "active" || !can(actor.role, permission)) throw new AppError("forbidden");
}

async function activeBrokerCount(tx: Tx, networkId: string) {
  return tx.membership.count({ where: { networkId, role: "broker", status: "active" } });
}

async function findMembership(tx: Tx, networkId: string, userId: string) {
  return tx.membership.findUnique({
    where: { networkId_userId: { networkId, userId } },
    select: { id: true, status: true, role: true },
  });
}

/**
 * Puts a person's one membership row of a network in a new state: created on
 * first contact, updated when they come back after leaving or being declined.
 */
async function setMembership(
  tx: Tx,
  networkId: string,
  userId: string,
  data: { status: "active" | "pending"; role: Role; principlesAcceptedAt: Date; joinedAt: Date | null; requestMessage?: string },
) {
  return tx.membership.upsert({
    where: { networkId_userId: { networkId, userId } },
    create: { networkId, userId, ...data },
    update: data,
    select: { id: true, updatedAt: true },
  });
}

/** Joins a network whose join policy is open. */
export async function joinOpenNetwork(ref: NetworkRef, userId: string) {
  return db(ref).$transaction(async (tx) => {
    const { joinPolicy } = await lockNetwork(tx, ref.networkId);
    if (joinPolicy !== "open") throw new AppError("join_closed");
    const existing = await findMembership(tx, ref.networkId, userId);
    if (existing?.status === "active") throw new AppError("already_member");
    // A removed member comes back only through an invitation.
    if (existing?.status === "removed") throw new AppError("join_closed");
    const now = new Date();
    await setMembership(tx, ref.networkId, userId, { status: "active", role: "member", principlesAcceptedAt: now, joinedAt: now });
    await recordAudit(tx, { networkId: ref.networkId, actorId: userId, action: "member.joined", subjectUserId: userId });
  });
}

/** Asks to join a network whose join policy is by request. */
export async function requestToJoin(ref: NetworkRef, userId: string, message: string) {
  return db(ref).$transaction(async (tx) => {
    const { joinPolicy } = await lockNetwork(tx, ref.networkId);
    if (joinPolicy !== "request") throw new AppError("join_closed");
    const existing = await findMembership(tx, ref.networkId, userId);
    if (existing?.status === "active") throw new AppError("already_member");
    if (existing?.status === "pending") throw new AppError("already_requested");
    if (existing?.status === "removed") throw new AppError("join_closed");
    const request = await setMembership(tx, ref.networkId, userId, {
      status: "pending",
      role: "member",
      requestMessage: message,
      principlesAcceptedAt: new Date(),
      joinedAt: null,
    });
    await recordAudit(tx, {
      networkId: ref.networkId,
      actorId: userId,
      action: "member.requested",
      subjectUserId: userId,
    });
    await notifyJoinRequested(tx, ref.networkId, { membershipId: request.id, userId, requestedAt: request.updatedAt });
  });
}

/**
 * A broker approves or declines a pending request; the person hears the decision, with the
 * broker's note when declined (the note is told to the person only, and kept nowhere else).
 */
export async function reviewRequest(scope: NetworkScope, membershipId: string, decision: "approve" | "decline", note = "") {
  return db(scope).$transaction(async (tx) => {
    await lockAsActor(tx, scope, "requests.review");
    const request = await tx.membership.findFirst({
      where: { networkId: scope.networkId, id: membershipId, status: "pending" },
      select: { id: true, userId: true, updatedAt: true },
    });
    if (!request) throw new AppError("not_found");
    await tx.membership.update({
      where: { id: request.id, networkId: scope.networkId },
      data: decision === "approve" ? { status: "active", joinedAt: new Date() } : { status: "declined" },
    });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: decision === "approve" ? "request.approved" : "request.declined",
      subjectUserId: request.userId,
    });
    await notifyMembershipNews(
      tx,
      scope,
      { membershipId: request.id, userId: request.userId },
      decision === "approve"
        ? { kind: "membership_approved", requestedAt: request.updatedAt }
        : { kind: "membership_declined", note, requestedAt: request.updatedAt },
    );
  });
}

/** The account an invitation address belongs to, with what its mail and news need. */
async function invitedAccount(email: string) {
  // Accounts are not tenant rows; the address is compared as typed, without case.
  return db().user.findFirst({
    where: { email: { equals: email, mode: "insensitive" } },
    select: { id: true, locale: true },
  });
}

/**
 * Creates a single-use invitation link; returns the token, which is shown once. With an
 * address, the invitation is also sent there through the mail queue, in the same transaction,
 * and an account with that address hears of it in its notification centre (decision 034).
 */
export async function createInvitation(
  scope: NetworkScope,
  input: { role: Role; expiresInDays: number; note: string; email?: string },
) {
  const token = newInvitationToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000);
  const email = input.email ? input.email.toLowerCase() : null;
  const mail = email ? await invitationMailFor(scope, email, token, input) : null;
  await db(scope).$transaction(async (tx) => {
    if (mail?.account) {
      const existing = await findMembership(tx, scope.networkId, mail.account.id);
      if (existing?.status === "active") throw new AppError("invalid_input", { email: ["already_member"] });
    }
    const invitation = await tx.invitation.create({
      data: {
        networkId: scope.networkId,
        tokenHash: hashToken(token),
        role: input.role,
        note: input.note,
        email,
        createdById: scope.userId,
        expiresAt,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "invitation.created",
      detail: { invitationId: invitation.id, role: input.role, expiresAt: expiresAt.toISOString(), sentByEmail: email !== null },
    });
    if (mail) {
      await enqueueMail({ kind: "invitation", userId: mail.account?.id ?? null, ...mail.message }, tx);
      if (mail.account) {
        await notifyInvited(tx, scope.networkId, { invitationId: invitation.id, userId: mail.account.id, role: input.role, actorId: scope.userId });
      }
    }
  });
  return { token, expiresAt, sentTo: email };
}

/** The invitation's mail, in the account's language when the address has one, else the network's. */
async function invitationMailFor(scope: NetworkScope, email: string, token: string, input: { role: Role; expiresInDays: number }) {
  const [account, network, inviter] = await Promise.all([
    invitedAccount(email),
    db(scope).network.findUnique({ where: { id: scope.networkId }, select: { name: true, locale: true } }),
    db().user.findUnique({ where: { id: scope.userId }, select: { name: true } }),
  ]);
  if (!network) throw new AppError("not_found");
  const locale: AppLocale = account?.locale ?? network.locale;
  const message = await invitationEmail({
    to: email,
    // Only on the configured public address (decision 029), never from the request.
    url: emailLink(`/n/${scope.slug}/invite/${token}`),
    locale,
    network: network.name,
    inviter: inviter?.name ?? null,
    role: input.role,
    expiresInDays: input.expiresInDays,
  });
  return { account, message };
}

export async function revokeInvitation(scope: NetworkScope, invitationId: string) {
  await db(scope).$transaction(async (tx) => {
    const revoked = await tx.invitation.updateMany({
      where: { networkId: scope.networkId, id: invitationId, revokedAt: null, usedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count === 0) throw new AppError("not_found");
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "invitation.revoked",
      detail: { invitationId },
    });
  });
}

type InvitationRow = { id: string; role: Role; expiresAt: Date; usedAt: Date | null; revokedAt: Date | null };

/** Uses an invitation found under the network lock: the person becomes an active member with its role. */
async function useInvitation(tx: Tx, ref: NetworkRef, userId: string, invitation: InvitationRow | null, via: "link" | "account") {
  if (!invitation) throw new AppError("invitation_invalid");
  const state = invitationState(invitation);
  if (state !== "valid") throw new AppError(`invitation_${state}`);
  const existing = await findMembership(tx, ref.networkId, userId);
  if (existing?.status === "active") throw new AppError("already_member");
  const now = new Date();
  await tx.invitation.update({
    where: { id: invitation.id, networkId: ref.networkId },
    data: { usedAt: now, usedById: userId },
  });
  if (existing?.status === "invited") {
    // A membership that came with an imported network (decision 049): taken up as it was, with the
    // day the person joined there; the principles they accept now, here.
    await tx.membership.update({ where: { id: existing.id, networkId: ref.networkId }, data: { status: "active", role: invitation.role, principlesAcceptedAt: now } });
  } else {
    await setMembership(tx, ref.networkId, userId, {
      status: "active",
      role: invitation.role,
      principlesAcceptedAt: now,
      joinedAt: now,
    });
  }
  await recordAudit(tx, {
    networkId: ref.networkId,
    actorId: userId,
    action: "invitation.accepted",
    subjectUserId: userId,
    detail: { invitationId: invitation.id, role: invitation.role, via },
  });
}

const invitationFields = { id: true, role: true, expiresAt: true, usedAt: true, revokedAt: true } as const;

/** Uses an invitation link: the person becomes an active member with the invitation's role. */
export async function acceptInvitation(ref: NetworkRef, userId: string, token: string) {
  return db(ref).$transaction(async (tx) => {
    await lockNetwork(tx, ref.networkId);
    const invitation = await tx.invitation.findFirst({
      where: { networkId: ref.networkId, tokenHash: hashToken(token) },
      select: invitationFields,
    });
    await useInvitation(tx, ref, userId, invitation, "link");
  });
}

/**
 * Uses an invitation sent to the signed-in person's own account address, without its token:
 * the address is the proof, read from the account on the server, never from the form.
 */
export async function acceptAddressedInvitation(ref: NetworkRef, userId: string, invitationId: string) {
  return db(ref).$transaction(async (tx) => {
    await lockNetwork(tx, ref.networkId);
    const account = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!account) throw new AppError("unauthenticated");
    const invitation = await tx.invitation.findFirst({
      where: { networkId: ref.networkId, id: invitationId, email: account.email.toLowerCase() },
      select: invitationFields,
    });
    await useInvitation(tx, ref, userId, invitation, "account");
  });
}

/** Refuses a change that would leave the network without an active broker. */
async function assertBrokerRemains(tx: Tx, networkId: string, losing: { role: Role; status: string }) {
  if (losing.role !== "broker" || losing.status !== "active") return;
  if ((await activeBrokerCount(tx, networkId)) <= 1) throw new AppError("last_broker");
}

/**
 * A person stops being an active member of networks (they leave, are removed, or delete their
 * account): what they held that others wait on is let go, in the caller's transaction. A seat at a
 * gathering still to come goes to the first person waiting, who is told (decision 036); their
 * running offers and requests are withdrawn (decision 039). A feature whose rows a departing member
 * holds for others adds its release here.
 */
export async function releaseHeldBy(tx: Tx, networkIds: string[], userId: string, now = new Date()) {
  for (const networkId of networkIds) await freeSeatsOf(tx, networkId, userId, now);
  await closePostsOf(tx, networkIds, userId, now);
}

export async function leaveNetwork(scope: NetworkScope) {
  await db(scope).$transaction(async (tx) => {
    await lockNetwork(tx, scope.networkId);
    const me = await findMembership(tx, scope.networkId, scope.userId);
    if (!me || me.status !== "active") throw new AppError("not_found");
    await assertBrokerRemains(tx, scope.networkId, me);
    await tx.membership.update({ where: { id: me.id, networkId: scope.networkId }, data: { status: "left" } });
    await releaseHeldBy(tx, [scope.networkId], scope.userId);
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "member.left",
      subjectUserId: scope.userId,
    });
  });
}

async function activeMember(tx: Tx, networkId: string, membershipId: string) {
  const m = await tx.membership.findFirst({
    where: { networkId, id: membershipId, status: "active" },
    select: { id: true, userId: true, role: true, status: true },
  });
  if (!m) throw new AppError("not_found");
  return m;
}

export async function changeRole(scope: NetworkScope, membershipId: string, role: Role) {
  await db(scope).$transaction(async (tx) => {
    await lockAsActor(tx, scope, "members.change_role");
    const target = await activeMember(tx, scope.networkId, membershipId);
    if (target.role === role) return;
    await assertBrokerRemains(tx, scope.networkId, target);
    await tx.membership.update({ where: { id: target.id, networkId: scope.networkId }, data: { role } });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "member.role_changed",
      subjectUserId: target.userId,
      detail: { from: target.role, to: role },
    });
    await notifyMembershipNews(tx, scope, { membershipId: target.id, userId: target.userId }, { kind: "role_changed", role, at: new Date() });
  });
}

export async function removeMember(scope: NetworkScope, membershipId: string) {
  await db(scope).$transaction(async (tx) => {
    await lockAsActor(tx, scope, "members.remove");
    const target = await activeMember(tx, scope.networkId, membershipId);
    await assertBrokerRemains(tx, scope.networkId, target);
    await tx.membership.update({ where: { id: target.id, networkId: scope.networkId }, data: { status: "removed" } });
    await releaseHeldBy(tx, [scope.networkId], target.userId);
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "member.removed",
      subjectUserId: target.userId,
    });
    await notifyMembershipNews(tx, scope, { membershipId: target.id, userId: target.userId }, { kind: "membership_removed", at: new Date() });
  });
}

/**
 * "I can help with" on the caller's own membership (decision 041). A tag typed as one of the
 * vocabulary's labels ("Vergaderruimte", "Meeting space") is stored as that tag's slug, so it meets
 * the posts tagged with it; any other tag is kept as typed, normalised. Returns what is stored.
 */
export async function setHelpTags(scope: NetworkScope, typed: string[]): Promise<string[]> {
  const client = db(scope);
  const vocabulary = await client.exchangeTag.findMany({
    where: { networkId: scope.networkId },
    select: { slug: true, labelEn: true, labelNl: true },
    take: 500,
  });
  const bySlugOrLabel = new Map<string, string>();
  for (const tag of vocabulary) {
    bySlugOrLabel.set(normaliseTag(tag.labelEn), tag.slug);
    bySlugOrLabel.set(normaliseTag(tag.labelNl), tag.slug);
  }
  for (const tag of vocabulary) bySlugOrLabel.set(tag.slug, tag.slug);
  const tags = [...new Set(typed.map((tag) => bySlugOrLabel.get(tag) ?? tag))];
  const { count } = await client.membership.updateMany({
    where: { id: scope.membershipId, networkId: scope.networkId, status: "active" },
    data: { helpTags: tags },
  });
  if (count === 0) throw new AppError("not_found");
  return tags;
}
