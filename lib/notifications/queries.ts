import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { cache } from "react";
import { db, dbAcross } from "@/lib/db/client";
import type { NotificationKind, Role } from "@/lib/db/generated/enums";
import { MEMBERSHIP_NEWS_FOR_THE_PERSON, moderationActOf, NOTIFICATIONS_PAGE_SIZE, type ModerationAct } from "./schema";

/**
 * The networks whose items a person reads in their centre: every network they ever had a
 * membership in, and those with an open invitation sent to their account's address (decision
 * 034), through the database's reviewed door `kring_notification_networks`. Once per request.
 */
export const notificationNetworkIds = cache(async (userId: string): Promise<string[]> => {
  const rows = await db().$queryRaw<{ networkId: string }[]>`SELECT "networkId" FROM kring_notification_networks(${userId})`;
  return rows.map((r) => r.networkId);
});

/**
 * The notification centre reads one person's items across networks. One statement
 * per page joins the network, the thread, the reply and the actor, and keeps only what
 * the person may still see: networks they are an active member of, threads not hidden
 * from them, and (for mentions and replies) replies that are neither hidden nor deleted.
 * News of a person's own membership (approved, declined, role changed, removed) stays
 * visible whatever their membership is now; a waiting request only to brokers; an invitation
 * (the person may have no membership yet) while it is open or once it was used, not after it
 * was revoked or ran out unused.
 */
const visible = Prisma.sql`
  LEFT JOIN "Membership" m ON m."networkId" = n."networkId" AND m."userId" = n."userId"
  LEFT JOIN "Invitation" inv ON n.kind = 'membership_invited' AND inv."networkId" = n."networkId"
    AND inv.id = split_part(n."dedupeKey", ':', 2)
  LEFT JOIN "Thread" t ON t.id = n."threadId" AND t."networkId" = n."networkId"
  LEFT JOIN "Reply" r ON r.id = n."replyId" AND r."networkId" = n."networkId"
  LEFT JOIN "Milestone" ms ON ms.id = n."milestoneId" AND ms."networkId" = n."networkId"
  LEFT JOIN "Gathering" g ON g.id = n."gatheringId" AND g."networkId" = n."networkId"`;

const visibleWhere = Prisma.sql`
  (m.status = 'active' OR n.kind::text IN (${Prisma.join([...MEMBERSHIP_NEWS_FOR_THE_PERSON])}))
  AND (m.id IS NOT NULL OR n.kind = 'membership_invited')
  AND (n.kind <> 'membership_invited' OR (inv.id IS NOT NULL AND inv."revokedAt" IS NULL
       AND (inv."usedAt" IS NOT NULL OR inv."expiresAt" > now())))
  AND (n.kind <> 'join_requested' OR m.role = 'broker')
  AND (n."threadId" IS NULL OR t.id IS NOT NULL)
  AND (n."milestoneId" IS NULL OR ms.id IS NOT NULL)
  AND (n."gatheringId" IS NULL OR g.id IS NOT NULL)
  AND (n."exchangePostId" IS NULL OR EXISTS (
        SELECT 1 FROM "ExchangePost" ep WHERE ep."networkId" = n."networkId" AND ep.id = n."exchangePostId"
          AND (m.role <> 'funder' OR ep.visibility = 'network_and_funders')
          AND (n."conversationId" IS NULL OR EXISTS (
                SELECT 1 FROM "ExchangeConversation" ec WHERE ec."networkId" = n."networkId" AND ec.id = n."conversationId"
                  AND (ec."starterId" = n."userId" OR ep."authorId" = n."userId")))))
  AND (n."supportEntryId" IS NULL OR EXISTS (SELECT 1 FROM "SupportEntry" se WHERE se."networkId" = n."networkId" AND se.id = n."supportEntryId"))
  AND (n."commonsProposalId" IS NULL OR EXISTS (SELECT 1 FROM "CommonsProposal" cp WHERE cp."networkId" = n."networkId" AND cp.id = n."commonsProposalId"))
  AND (n.kind <> 'commons_ready' OR m.role = 'broker')
  AND (n.kind NOT IN ('support_suggested', 'gathering_proposed', 'commons_question', 'network_export_ready', 'webhook_disabled') OR m.role = 'broker')
  AND (t."hiddenAt" IS NULL OR m.role = 'broker' OR t."authorId" = n."userId")
  AND (n.kind = 'moderation' OR n."replyId" IS NULL
       OR (r.id IS NOT NULL AND r."deletedAt" IS NULL AND (r."hiddenAt" IS NULL OR m.role = 'broker')))`;

/**
 * The records a newer kind of notification names by its own column, with the title or name they
 * have now (the centre and the mail both say it): one subquery each, within the notice's network.
 */
export const namedRecords = Prisma.sql`
  n."exchangePostId", (SELECT ep.title FROM "ExchangePost" ep WHERE ep."networkId" = n."networkId" AND ep.id = n."exchangePostId") AS "exchangePostTitle",
  n."supportEntryId", (SELECT se.name FROM "SupportEntry" se WHERE se."networkId" = n."networkId" AND se.id = n."supportEntryId") AS "supportEntryName",
  n."commonsProposalId", (SELECT cp.title FROM "CommonsProposal" cp WHERE cp."networkId" = n."networkId" AND cp.id = n."commonsProposalId") AS "commonsProposalTitle"`;

/** One row of listNotifications' statement. */
type NotificationRow = {
  id: string;
  kind: NotificationKind;
  dedupeKey: string;
  /** Membership news: a broker's note with a declined request, the role a change gave. */
  note: string | null;
  role: Role | null;
  threadId: string | null;
  replyId: string | null;
  readAt: Date | null;
  createdAt: Date;
  networkName: string;
  networkSlug: string;
  threadTitle: string | null;
  milestoneTitle: string | null;
  /** Gathering news: the gathering, its start now and the zone it was planned in. */
  gatheringId: string | null;
  gatheringTitle: string | null;
  gatheringStartsAt: Date | null;
  gatheringTimeZone: string | null;
  /** Exchange news: the offer or request (and the conversation, for a message); support-map news: the entry. */
  exchangePostId: string | null;
  exchangePostTitle: string | null;
  conversationId: string | null;
  supportEntryId: string | null;
  supportEntryName: string | null;
  /** Commons news: the proposal to share (its title as proposed). */
  commonsProposalId: string | null;
  commonsProposalTitle: string | null;
  actorName: string | null;
};

export type NotificationItem = Omit<NotificationRow, "dedupeKey"> & { act: ModerationAct | null };

export async function listNotifications(userId: string, after?: Cursor, take = NOTIFICATIONS_PAGE_SIZE) {
  const cursor = after ? Prisma.sql`AND (n."createdAt", n.id) < (${after.at}, ${after.id})` : Prisma.empty;
  // A reviewed cross-network read (decision 022): the person's own networks, of any membership
  // status (the visibility filter keeps only membership news of those they no longer belong to).
  const rows = await dbAcross(await notificationNetworkIds(userId)).$queryRaw<NotificationRow[]>`
    SELECT n.id, n.kind::text AS kind, n."dedupeKey", n.note, n.role::text AS role, n."threadId", n."replyId", n."readAt", n."createdAt",
           net.name AS "networkName", net.slug AS "networkSlug", t.title AS "threadTitle", ms.title AS "milestoneTitle",
           n."gatheringId", g.title AS "gatheringTitle", g."startsAt" AS "gatheringStartsAt", g."timeZone" AS "gatheringTimeZone",
           n."conversationId", ${namedRecords}, a.name AS "actorName"
    FROM "Notification" n
    JOIN "Network" net ON net.id = n."networkId"
    ${visible}
    LEFT JOIN "User" a ON a.id = n."actorId"
    WHERE n."userId" = ${userId} AND ${visibleWhere} ${cursor}
    ORDER BY n."createdAt" DESC, n.id DESC
    LIMIT ${take + 1}`;
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map(({ dedupeKey, ...row }): NotificationItem => ({
      ...row,
      act: row.kind === "moderation" ? moderationActOf(dedupeKey) : null,
    })),
    next: rows.length > take && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

type UnreadCountRow = { count: number };

/** Unread items the person may still see (the header's count): one statement. */
export async function countUnreadNotifications(userId: string): Promise<number> {
  const rows = await dbAcross(await notificationNetworkIds(userId)).$queryRaw<UnreadCountRow[]>`
    SELECT count(*)::int AS count
    FROM "Notification" n
    ${visible}
    WHERE n."userId" = ${userId} AND n."readAt" IS NULL AND ${visibleWhere}`;
  return rows[0]?.count ?? 0;
}

/**
 * The notification centre's visibility rules, for the mail built from notifications
 * (lib/digests/mutations.ts): the joins (aliases n, m, t, r, ms, g) and the condition. A mail says
 * nothing the centre would not show at the moment it is built.
 */
export function mailVisibility() {
  return { joins: visible, visible: visibleWhere };
}
