import "server-only";
import { cache } from "react";
import { db, dbAcross } from "@/lib/db/client";
import type { JoinPolicy, Locale, MembershipStatus, Role, Visibility } from "@/lib/db/generated/enums";

const networkCard = {
  id: true,
  slug: true,
  name: true,
  purpose: true,
  visibility: true,
  joinPolicy: true,
  locale: true,
} as const;

/**
 * The public directory: public and listed networks, plus private ones the viewer
 * is an active member of. Keyset-paged by name then id.
 */
export async function listDirectory(viewerId: string | null, cursor?: string | null, take = 24) {
  const after = decodeDirectoryCursor(cursor);
  const own = viewerId ? await memberNetworkIds(viewerId) : [];
  const rows = await db().network.findMany({
    where: {
      AND: [
        {
          OR: [
            { visibility: { in: ["public", "listed"] } },
            ...(own.length ? [{ id: { in: own } }] : []),
          ],
        },
        after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {},
      ],
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: take + 1,
    select: networkCard,
  });
  const page = rows.slice(0, take);
  // Counted for this page's networks only (Prisma's `_count` would count every network's members):
  // a reviewed cross-network read of the listed networks' member counts (decision 022).
  const counts = page.length
    ? await dbAcross(page.map((n) => n.id)).membership.groupBy({
        by: ["networkId"],
        where: { networkId: { in: page.map((n) => n.id) }, status: "active" },
        _count: { _all: true },
      })
    : [];
  const byNetwork = new Map(counts.map((c) => [c.networkId, c._count._all]));
  const items = page.map((n) => ({ ...n, memberCount: byNetwork.get(n.id) ?? 0 }));
  const last = items.at(-1);
  return {
    items,
    next: rows.length > take && last ? Buffer.from(`${last.name}\u0000${last.id}`).toString("base64url") : null,
  };
}

function decodeDirectoryCursor(raw: string | null | undefined) {
  if (!raw) return undefined;
  const [name, id] = Buffer.from(raw, "base64url").toString().split("\u0000");
  return name !== undefined && id ? { name, id } : undefined;
}

export type MemberNetwork = {
  networkId: string;
  slug: string;
  name: string;
  locale: Locale;
  role: Role;
  status: MembershipStatus;
};

/**
 * The networks a person belongs to, by name: active memberships only, or every status.
 * Memberships are tenant rows, so this reads them through `kring_member_networks`, the
 * database's reviewed door for "where does this person belong" (decision 022). Once per
 * request: the header, the notification count and the funder dashboard share it.
 */
const memberNetworks = cache(
  (userId: string, activeOnly: boolean) =>
    db().$queryRaw<MemberNetwork[]>`SELECT * FROM kring_member_networks(${userId}, ${activeOnly})`,
);

/** The networks a person is an active member of (the header's switcher; one statement per request). */
export function listViewerNetworks(viewerId: string): Promise<MemberNetwork[]> {
  return memberNetworks(viewerId, true);
}

/**
 * The ids of a person's networks, for the reviewed cross-network reads of their own
 * things (notifications, the funder dashboard, the account export): active ones, or
 * every network they ever had a membership in (`everStatus`).
 */
export async function memberNetworkIds(userId: string, opts: { everStatus?: boolean } = {}): Promise<string[]> {
  return (await memberNetworks(userId, !opts.everStatus)).map((n) => n.networkId);
}

type NetworkWithViewerRow = {
  id: string;
  slug: string;
  name: string;
  purpose: string;
  workingQuestion: string;
  principles: string[];
  visibility: Visibility;
  joinPolicy: JoinPolicy;
  locale: Locale;
  /** Whether visitors of a public network see its thread titles on its home. */
  showPublicThreadTitles: boolean;
  createdAt: Date;
  memberCount: number;
  membershipId: string | null;
  role: Role | null;
  status: MembershipStatus | null;
  requestMessage: string | null;
  membershipCreatedAt: Date | null;
};

/**
 * A network and the viewer's membership in it (any status), by slug. Used by the
 * membership gate; pages decide what the viewer may see from the result. One statement,
 * through `kring_network_with_viewer` (decision 022): the gate runs before any network is
 * chosen, so it cannot read memberships under a network's row-level security.
 */
export async function findNetworkWithViewer(slug: string, viewerId: string | null) {
  const [row] = await db().$queryRaw<NetworkWithViewerRow[]>`
    SELECT * FROM kring_network_with_viewer(${slug}, ${viewerId}::text)`;
  if (!row) return null;
  const { membershipId, role, status, requestMessage, membershipCreatedAt, ...network } = row;
  const membership =
    membershipId && role && status
      ? { id: membershipId, role, status, requestMessage: requestMessage ?? "", createdAt: membershipCreatedAt ?? network.createdAt }
      : null;
  return { network, membership };
}
