import "server-only";
import { db } from "@/lib/db/client";
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
  const rows = await db().network.findMany({
    where: {
      AND: [
        {
          OR: [
            { visibility: { in: ["public", "listed"] } },
            ...(viewerId ? [{ memberships: { some: { userId: viewerId, status: "active" as const } } }] : []),
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
  // Counted for this page's networks only (Prisma's `_count` would count every network's members).
  const counts = page.length
    ? await db().membership.groupBy({
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

/** The networks a person is an active member of, for the header's switcher. */
export async function listViewerNetworks(viewerId: string) {
  // One statement (a join); every signed-in page's header asks.
  return db().$queryRaw<{ slug: string; name: string; role: Role }[]>`
    SELECT n.slug, n.name, m.role::text AS role
    FROM "Membership" m JOIN "Network" n ON n.id = m."networkId"
    WHERE m."userId" = ${viewerId} AND m.status = 'active'
    ORDER BY n.name, n.id`;
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
 * membership gate; pages decide what the viewer may see from the result. One statement:
 * the member count is a correlated count over this network's memberships (an index-only
 * scan), not Prisma's `_count`, which counts every network's memberships and joins one.
 */
export async function findNetworkWithViewer(slug: string, viewerId: string | null) {
  const [row] = await db().$queryRaw<NetworkWithViewerRow[]>`
    SELECT n.id, n.slug, n.name, n.purpose, n."workingQuestion", n.principles, n.visibility::text AS visibility,
           n."joinPolicy"::text AS "joinPolicy", n.locale::text AS locale, n."createdAt",
           (SELECT count(*) FROM "Membership" c WHERE c."networkId" = n.id AND c.status = 'active')::int AS "memberCount",
           m.id AS "membershipId", m.role::text AS role, m.status::text AS status, m."requestMessage",
           m."createdAt" AS "membershipCreatedAt"
    FROM "Network" n
    LEFT JOIN "Membership" m ON m."networkId" = n.id AND m."userId" = ${viewerId}
    WHERE n.slug = ${slug}
    LIMIT 1`;
  if (!row) return null;
  const { membershipId, role, status, requestMessage, membershipCreatedAt, ...network } = row;
  const membership =
    membershipId && role && status
      ? { id: membershipId, role, status, requestMessage: requestMessage ?? "", createdAt: membershipCreatedAt ?? network.createdAt }
      : null;
  return { network, membership };
}

export async function isSlugTaken(slug: string): Promise<boolean> {
  return (await db().network.count({ where: { slug } })) > 0;
}
