import "server-only";
import { db } from "@/lib/db/client";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import type { NetworkScope } from "@/lib/membership/scope";

const AUDIT_PAGE_SIZE = 50;

/** The network's audit log, newest first, keyset-paged; two queries whatever its length. */
export async function listAudit(scope: NetworkScope, before?: Cursor, take = AUDIT_PAGE_SIZE) {
  const rows = await db(scope).auditEntry.findMany({
    where: {
      networkId: scope.networkId,
      ...(before
        ? { OR: [{ createdAt: { lt: before.at } }, { createdAt: before.at, id: { lt: before.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, action: true, actorId: true, subjectUserId: true, detail: true, createdAt: true },
  });
  const items = rows.slice(0, take);
  const userIds = [...new Set(items.flatMap((r) => [r.actorId, r.subjectUserId]).filter((x): x is string => !!x))];
  const users = userIds.length
    ? await db(scope).user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })
    : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name || u.email]));
  const last = items.at(-1);
  return {
    items: items.map((r) => ({
      id: r.id,
      action: r.action,
      actor: r.actorId ? (nameOf.get(r.actorId) ?? null) : null,
      subject: r.subjectUserId ? (nameOf.get(r.subjectUserId) ?? null) : null,
      detail: r.detail as Record<string, unknown>,
      createdAt: r.createdAt,
    })),
    next: rows.length > take && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
