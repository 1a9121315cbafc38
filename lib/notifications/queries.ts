import "server-only";
import { dbAcross } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { memberNetworkIds } from "@/lib/networks/queries";
import { moderationActOf, NOTIFICATIONS_PAGE_SIZE, type ModerationAct } from "./schema";

/**
 * The notification centre reads one person's items across networks. One statement
 * per page joins the network, the thread, the reply and the actor, and keeps only what
 * the person may still see: networks they are an active member of, threads not hidden
 * from them, and (for mentions and replies) replies that are neither hidden nor deleted.
 */
const visible = Prisma.sql`
  JOIN "Membership" m ON m."networkId" = n."networkId" AND m."userId" = n."userId" AND m.status = 'active'
  LEFT JOIN "Thread" t ON t.id = n."threadId" AND t."networkId" = n."networkId"
  LEFT JOIN "Reply" r ON r.id = n."replyId" AND r."networkId" = n."networkId"
  LEFT JOIN "Milestone" ms ON ms.id = n."milestoneId" AND ms."networkId" = n."networkId"`;

const visibleWhere = Prisma.sql`
  (n."threadId" IS NULL OR t.id IS NOT NULL)
  AND (n."milestoneId" IS NULL OR ms.id IS NOT NULL)
  AND (t."hiddenAt" IS NULL OR m.role = 'broker' OR t."authorId" = n."userId")
  AND (n.kind = 'moderation' OR n."replyId" IS NULL
       OR (r.id IS NOT NULL AND r."deletedAt" IS NULL AND (r."hiddenAt" IS NULL OR m.role = 'broker')))`;

/** One row of listNotifications' statement. */
type NotificationRow = {
  id: string;
  kind: "mention" | "reply_to_thread" | "moderation" | "cycle_opened" | "cycle_reminder" | "consent_requested"
    | "milestone_reached" | "milestone_learned" | "milestone_dropped" | "pledge_released";
  dedupeKey: string;
  threadId: string | null;
  replyId: string | null;
  readAt: Date | null;
  createdAt: Date;
  networkName: string;
  networkSlug: string;
  threadTitle: string | null;
  milestoneTitle: string | null;
  actorName: string | null;
};

export type NotificationItem = Omit<NotificationRow, "dedupeKey"> & { act: ModerationAct | null };

export async function listNotifications(userId: string, after?: Cursor, take = NOTIFICATIONS_PAGE_SIZE) {
  const cursor = after ? Prisma.sql`AND (n."createdAt", n.id) < (${after.at}, ${after.id})` : Prisma.empty;
  // A reviewed cross-network read (decision 022): the person's own networks.
  const rows = await dbAcross(await memberNetworkIds(userId)).$queryRaw<NotificationRow[]>`
    SELECT n.id, n.kind::text AS kind, n."dedupeKey", n."threadId", n."replyId", n."readAt", n."createdAt",
           net.name AS "networkName", net.slug AS "networkSlug", t.title AS "threadTitle", ms.title AS "milestoneTitle", a.name AS "actorName"
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
  const rows = await dbAcross(await memberNetworkIds(userId)).$queryRaw<UnreadCountRow[]>`
    SELECT count(*)::int AS count
    FROM "Notification" n
    ${visible}
    WHERE n."userId" = ${userId} AND n."readAt" IS NULL AND ${visibleWhere}`;
  return rows[0]?.count ?? 0;
}

/**
 * The notification centre's visibility rules, for the mail built from notifications
 * (lib/digests/mutations.ts): the joins (aliases n, m, t, r, ms) and the condition. A mail says
 * nothing the centre would not show at the moment it is built.
 */
export function mailVisibility() {
  return { joins: visible, visible: visibleWhere };
}
