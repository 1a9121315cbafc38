import "server-only";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { hashToken } from "./invitations";
import type { NetworkRef, NetworkScope } from "@/lib/db/tenant-proof";

const MEMBERS_PAGE_SIZE = 50;

/** The member directory: active members with their profiles, oldest first, keyset-paged. */
export async function listMembers(scope: NetworkScope, after?: Cursor, take = MEMBERS_PAGE_SIZE) {
  const rows = await db(scope).membership.findMany({
    where: {
      networkId: scope.networkId,
      status: "active",
      ...(after
        ? { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: take + 1,
    select: {
      id: true,
      role: true,
      joinedAt: true,
      createdAt: true,
      helpTags: true,
      user: { select: { id: true, name: true, email: true, bio: true } },
    },
  });
  const items = rows.slice(0, take);
  const last = items.at(-1);
  return {
    items: items.map((m) => ({
      membershipId: m.id,
      role: m.role,
      joinedAt: m.joinedAt ?? m.createdAt,
      userId: m.user.id,
      name: m.user.name,
      // Addresses stay private: members see names and bios, not emails.
      bio: m.user.bio,
      helpTags: m.helpTags,
      isViewer: m.user.id === scope.userId,
    })),
    next: rows.length > take && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

type HelpTagsRow = { helpTags: string[]; vocabulary: { slug: string; labelEn: string; labelNl: string }[] | null };

/**
 * The caller's own "I can help with" in this network, and the network's tag vocabulary to choose
 * from (slug order), in one statement: the members page's form shows both.
 */
export async function findOwnHelpTags(scope: NetworkScope) {
  const [row] = await db(scope).$queryRaw<HelpTagsRow[]>`
    SELECT m."helpTags",
           (SELECT json_agg(json_build_object('slug', t.slug, 'labelEn', t."labelEn", 'labelNl', t."labelNl") ORDER BY t.slug)
            FROM (SELECT slug, "labelEn", "labelNl" FROM "ExchangeTag" WHERE "networkId" = ${scope.networkId} ORDER BY slug LIMIT 200) t) AS vocabulary
    FROM "Membership" m
    WHERE m."networkId" = ${scope.networkId} AND m.id = ${scope.membershipId}`;
  return { helpTags: row?.helpTags ?? [], vocabulary: row?.vocabulary ?? [] };
}

/**
 * What the network's tabs count for a broker: join requests waiting and open reports, in one
 * statement (the frame of every page a broker opens).
 */
export async function countWaitingForBroker(scope: NetworkScope): Promise<{ requests: number; reports: number }> {
  const [row] = await db(scope).$queryRaw<{ requests: number; reports: number }[]>`
    SELECT (SELECT count(*)::int FROM "Membership" WHERE "networkId" = ${scope.networkId} AND status = 'pending') AS requests,
           (SELECT count(*)::int FROM "Report" WHERE "networkId" = ${scope.networkId} AND status = 'open') AS reports`;
  return row ?? { requests: 0, reports: 0 };
}

/** Pending requests to join, oldest first (brokers only; the page checks). */
export async function listPendingRequests(scope: NetworkScope) {
  const rows = await db(scope).membership.findMany({
    where: { networkId: scope.networkId, status: "pending" },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      requestMessage: true,
      updatedAt: true,
      user: { select: { name: true, email: true, bio: true } },
    },
  });
  return rows.map((r) => ({
    membershipId: r.id,
    message: r.requestMessage,
    requestedAt: r.updatedAt,
    name: r.user.name,
    email: r.user.email,
    bio: r.user.bio,
  }));
}

/** Invitations of the last 90 days, newest first, with their state. */
export async function listInvitations(scope: NetworkScope) {
  return db(scope).invitation.findMany({
    where: { networkId: scope.networkId, createdAt: { gte: new Date(Date.now() - 90 * 24 * 60 * 60 * 1000) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: { id: true, role: true, note: true, email: true, expiresAt: true, usedAt: true, revokedAt: true, createdAt: true },
  });
}

type OpenInvitationRow = { id: string; role: Role };

/**
 * The newest open invitation (unused, unrevoked, unexpired) sent to the signed-in person's own
 * account address in this network, or null: what lets them accept without the link (decision 034).
 * One statement; the address is read from the account, never from the request.
 */
export async function findOpenInvitationFor(ref: NetworkRef, userId: string): Promise<OpenInvitationRow | null> {
  const rows = await db(ref).$queryRaw<OpenInvitationRow[]>`
    SELECT i.id, i.role::text AS role
    FROM "Invitation" i
    WHERE i."networkId" = ${ref.networkId}
      AND i.email = (SELECT lower(u.email) FROM "User" u WHERE u.id = ${userId})
      AND i."usedAt" IS NULL AND i."revokedAt" IS NULL AND i."expiresAt" > now()
    ORDER BY i."createdAt" DESC, i.id DESC
    LIMIT 1`;
  return rows[0] ?? null;
}

/**
 * The invitation behind a link, within the network named by the link (found by its slug on
 * the server). The token is the proof: without the matching hash nothing is returned.
 */
export async function findInvitation(networkId: string, token: string) {
  const linked = { networkId } as NetworkRef;
  return db(linked).invitation.findFirst({
    where: { networkId, tokenHash: hashToken(token) },
    select: { id: true, role: true, expiresAt: true, usedAt: true, revokedAt: true },
  });
}
