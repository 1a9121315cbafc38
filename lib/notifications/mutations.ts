import "server-only";
import { dbAcross, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { NotificationKind, Role } from "@/lib/db/generated/enums";
import type { NetworkScope } from "@/lib/membership/scope";
import { notificationNetworkIds } from "./queries";
import type { ModerationAct } from "./schema";

/**
 * Notifications are written in the transaction of the event they report, with a dedupe
 * key per person and event: `createMany({ skipDuplicates })` on the unique
 * (userId, dedupeKey) makes a repeat of the same event a no-op. Nobody is notified of
 * their own action, and only active members of the network are notified.
 */

async function activeRoles(tx: Tx, networkId: string, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, string>();
  const rows = await tx.membership.findMany({
    where: { networkId, status: "active", userId: { in: userIds } },
    select: { userId: true, role: true },
  });
  return new Map(rows.map((m) => [m.userId, m.role as string]));
}

/**
 * After a reply: each mentioned member (`mention:<replyId>`), and the thread's author
 * (`reply:<replyId>`) unless they wrote the reply or are already mentioned in it.
 * `mentioned` must already be active members (createReply checks that).
 */
export async function notifyReplyCreated(
  tx: Tx,
  scope: NetworkScope,
  reply: { id: string; threadId: string },
  mentioned: string[],
) {
  const thread = await tx.thread.findFirst({
    where: { id: reply.threadId, networkId: scope.networkId },
    select: { authorId: true },
  });
  const mentions = [...new Set(mentioned)].filter((id) => id !== scope.userId);
  const author = thread?.authorId;
  const notifyAuthor = author && author !== scope.userId && !mentions.includes(author) ? author : null;
  const active = await activeRoles(tx, scope.networkId, notifyAuthor ? [notifyAuthor] : []);
  const base = { networkId: scope.networkId, actorId: scope.userId, threadId: reply.threadId, replyId: reply.id };
  const data: { networkId: string; actorId: string; threadId: string; replyId: string; userId: string; kind: NotificationKind; dedupeKey: string }[] =
    mentions.map((userId) => ({ ...base, userId, kind: "mention", dedupeKey: `mention:${reply.id}` }));
  if (notifyAuthor && active.has(notifyAuthor)) {
    data.push({ ...base, userId: notifyAuthor, kind: "reply_to_thread", dedupeKey: `reply:${reply.id}` });
  }
  if (data.length) await tx.notification.createMany({ data, skipDuplicates: true });
}

/**
 * People newly named in an edited reply: each hears of it once (`mention:<replyId>`,
 * the same key as a mention in a new reply, so an edit never repeats one). `userIds`
 * must already be active members (editReply checks that); the editor is skipped.
 */
export async function notifyMentioned(tx: Tx, scope: NetworkScope, reply: { id: string; threadId: string }, userIds: string[]) {
  const targets = [...new Set(userIds)].filter((id) => id !== scope.userId);
  if (targets.length === 0) return;
  await tx.notification.createMany({
    data: targets.map((userId) => ({
      networkId: scope.networkId,
      actorId: scope.userId,
      threadId: reply.threadId,
      replyId: reply.id,
      userId,
      kind: "mention" as const,
      dedupeKey: `mention:${reply.id}`,
    })),
    skipDuplicates: true,
  });
}

/**
 * A gathering's harvest was published: every active broker and member of the network hears of it
 * once (`harvest-published:<harvestId>`), never the person publishing. Funders are not told: they
 * read a harvest only as evidence on a milestone they back (decision 038).
 */
export async function notifyHarvestPublished(tx: Tx, scope: NetworkScope, harvest: { harvestId: string; gatheringId: string }) {
  const readers = await tx.membership.findMany({
    where: { networkId: scope.networkId, status: "active", role: { in: ["broker", "member"] }, userId: { not: scope.userId } },
    select: { userId: true },
  });
  if (readers.length === 0) return;
  await tx.notification.createMany({
    data: readers.map((r) => ({
      networkId: scope.networkId,
      userId: r.userId,
      kind: "harvest_published" as const,
      actorId: scope.userId,
      gatheringId: harvest.gatheringId,
      dedupeKey: `harvest-published:${harvest.harvestId}`,
    })),
    skipDuplicates: true,
  });
}

/**
 * A broker hid, restored or locked someone's post: its author hears of it, unless the
 * broker is the author, the author left, or the author may not see the thread any more
 * (a reply in a thread hidden from them).
 */
export async function notifyModeration(
  tx: Tx,
  scope: NetworkScope,
  input: {
    act: ModerationAct;
    authorId: string | null;
    threadId: string;
    replyId: string | null;
    threadAuthorId: string | null;
    threadHiddenAt: Date | null;
    at: Date;
  },
) {
  const author = input.authorId;
  if (!author || author === scope.userId) return;
  const role = (await activeRoles(tx, scope.networkId, [author])).get(author);
  if (!role) return;
  if (input.threadHiddenAt && role !== "broker" && input.threadAuthorId !== author) return;
  const postId = input.replyId ?? input.threadId;
  await tx.notification.createMany({
    data: [
      {
        networkId: scope.networkId,
        userId: author,
        kind: "moderation",
        actorId: scope.userId,
        threadId: input.threadId,
        replyId: input.replyId,
        dedupeKey: `moderation:${input.act}:${postId}:${input.at.getTime()}`,
      },
    ],
    skipDuplicates: true,
  });
}

/**
 * Someone asks to join: every active broker of the network hears of it (never the person
 * asking). `requestedAt` is the request's own moment, so asking again after a decision is a
 * new event, and a repeat of the same request is a no-op (`join-requested:<membershipId>:<ms>`).
 */
export async function notifyJoinRequested(
  tx: Tx,
  networkId: string,
  request: { membershipId: string; userId: string; requestedAt: Date },
) {
  await notifyBrokers(
    tx,
    networkId,
    { kind: "join_requested", actorId: request.userId, dedupeKey: `join-requested:${request.membershipId}:${request.requestedAt.getTime()}` },
    request.userId,
  );
}

/**
 * News every active broker of a network shares (a join request, a suggestion for the support map,
 * a question from the commons, a webhook turned off): one notice each, the same dedupe key for all,
 * never to `except` (the person whose action it reports, when they are a broker themselves).
 */
export async function notifyBrokers(
  tx: Tx,
  networkId: string,
  notice: Omit<Prisma.NotificationCreateManyInput, "networkId" | "userId">,
  except: string | null = null,
) {
  const brokers = await tx.membership.findMany({
    where: { networkId, status: "active", role: "broker", ...(except ? { userId: { not: except } } : {}) },
    select: { userId: true },
  });
  if (brokers.length === 0) return;
  await tx.notification.createMany({ data: brokers.map((b) => ({ ...notice, networkId, userId: b.userId })), skipDuplicates: true });
}

/** What a broker did to someone's membership, as the person hears it. */
export type MembershipNews =
  | { kind: "membership_approved" | "membership_declined"; note?: string; requestedAt: Date }
  | { kind: "role_changed"; role: Role; at: Date }
  | { kind: "membership_removed"; at: Date };

/**
 * A broker decided on someone's membership: the person hears of it, whatever their membership
 * now is (a declined or removed person still reads it in their centre), never when they did it
 * themselves. A request is decided once (`membership-decided:<membershipId>:<request ms>`);
 * a role change and a removal carry their moment, as moderation does.
 */
export async function notifyMembershipNews(
  tx: Tx,
  scope: NetworkScope,
  target: { membershipId: string; userId: string },
  news: MembershipNews,
) {
  if (target.userId === scope.userId) return;
  const key =
    news.kind === "role_changed"
      ? `role-changed:${target.membershipId}:${news.role}:${news.at.getTime()}`
      : news.kind === "membership_removed"
        ? `membership-removed:${target.membershipId}:${news.at.getTime()}`
        : `membership-decided:${target.membershipId}:${news.requestedAt.getTime()}`;
  await tx.notification.createMany({
    data: [
      {
        networkId: scope.networkId,
        userId: target.userId,
        kind: news.kind,
        actorId: scope.userId,
        note: news.kind === "membership_declined" && news.note ? news.note : null,
        role: news.kind === "role_changed" ? news.role : null,
        dedupeKey: key,
      },
    ],
    skipDuplicates: true,
  });
}

/**
 * A broker sent an invitation to the address of an existing account (or an import invited a member
 * back, decision 049, with no inviter): that person hears of it once per invitation
 * (`membership-invited:<invitationId>`), never the inviter themself. They have
 * no membership in the network yet; the centre shows it while the invitation is open (decision
 * 034). The invitation's own mail already reached the address, so the item counts as emailed and
 * the digest never repeats it.
 */
export async function notifyInvited(
  tx: Tx,
  networkId: string,
  invited: { invitationId: string; userId: string; role: Role; actorId: string | null },
  now = new Date(),
) {
  if (invited.userId === invited.actorId) return;
  await tx.notification.createMany({
    data: [
      {
        networkId,
        userId: invited.userId,
        kind: "membership_invited",
        actorId: invited.actorId,
        role: invited.role,
        dedupeKey: `membership-invited:${invited.invitationId}`,
        emailedAt: now,
        createdAt: now,
      },
    ],
    skipDuplicates: true,
  });
}

/**
 * Marks one of the person's notifications read. The network is loaded through the
 * person's own notifications, so someone else's id finds nothing and changes nothing.
 * Returns where the notification points, or null.
 */
export async function markNotificationRead(userId: string, id: string, at = new Date()) {
  // A reviewed cross-network path (decision 022): only the person's own networks are visible,
  // of any membership status (news of a decline or removal outlives the active membership),
  // and those with an open invitation to their address (decision 034).
  const own = dbAcross(await notificationNetworkIds(userId));
  const found = await own.user.findUnique({
    where: { id: userId },
    select: {
      notifications: {
        where: { id },
        select: {
          id: true,
          kind: true,
          networkId: true,
          threadId: true,
          replyId: true,
          milestoneId: true,
          gatheringId: true,
          exchangePostId: true,
          conversationId: true,
          supportEntryId: true,
          commonsQuestionId: true,
          commonsProposalId: true,
          network: { select: { slug: true } },
        },
      },
    },
  });
  const n = found?.notifications[0];
  if (!n) return null;
  await own.notification.updateMany({
    where: { networkId: n.networkId, id: n.id, userId, readAt: null },
    data: { readAt: at },
  });
  // Growth-path notifications point at a milestone on its initiative's page.
  const milestone = n.milestoneId
    ? await own.milestone.findFirst({ where: { networkId: n.networkId, id: n.milestoneId }, select: { id: true, initiativeId: true } })
    : null;
  return {
    slug: n.network.slug,
    kind: n.kind,
    threadId: n.threadId,
    replyId: n.replyId,
    milestoneId: milestone?.id ?? null,
    initiativeId: milestone?.initiativeId ?? null,
    gatheringId: n.gatheringId,
    exchangePostId: n.exchangePostId,
    conversationId: n.conversationId,
    supportEntryId: n.supportEntryId,
    commonsQuestionId: n.commonsQuestionId,
    commonsProposalId: n.commonsProposalId,
  };
}

/** Marks every unread notification of the person read, across networks; returns how many. */
export async function markAllNotificationsRead(userId: string, at = new Date()) {
  const own = dbAcross(await notificationNetworkIds(userId));
  const before = await own.user.findUnique({
    where: { id: userId },
    select: { _count: { select: { notifications: { where: { readAt: null } } } } },
  });
  await own.user.update({
    where: { id: userId },
    data: { notifications: { updateMany: { where: { readAt: null }, data: { readAt: at } } } },
    select: { id: true },
  });
  return before?._count.notifications ?? 0;
}
