import "server-only";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";

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
    select: { ...networkCard, _count: { select: { memberships: { where: { status: "active" } } } } },
  });
  const items = rows.slice(0, take).map(({ _count, ...n }) => ({ ...n, memberCount: _count.memberships }));
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
  const rows = await db().network.findMany({
    where: { memberships: { some: { userId: viewerId, status: "active" } } },
    orderBy: { name: "asc" },
    select: { slug: true, name: true, memberships: { where: { userId: viewerId }, select: { role: true } } },
  });
  return rows.map((n) => ({ slug: n.slug, name: n.name, role: (n.memberships[0]?.role ?? "member") as Role }));
}

/**
 * A network and the viewer's membership in it (any status), by slug. Used by the
 * membership gate; pages decide what the viewer may see from the result.
 */
export async function findNetworkWithViewer(slug: string, viewerId: string | null) {
  const network = await db().network.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      purpose: true,
      workingQuestion: true,
      principles: true,
      visibility: true,
      joinPolicy: true,
      locale: true,
      createdAt: true,
      memberships: viewerId
        ? {
            where: { userId: viewerId },
            select: { id: true, role: true, status: true, requestMessage: true, createdAt: true },
          }
        : false,
      _count: { select: { memberships: { where: { status: "active" } } } },
    },
  });
  if (!network) return null;
  const { memberships, _count, ...rest } = network;
  return { network: { ...rest, memberCount: _count.memberships }, membership: memberships?.[0] ?? null };
}

export async function isSlugTaken(slug: string): Promise<boolean> {
  return (await db().network.count({ where: { slug } })) > 0;
}
