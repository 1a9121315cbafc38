import "server-only";
import { db } from "@/lib/db/client";
import type { NetworkScope } from "@/lib/membership/scope";

/**
 * Records that the viewer saw their network's home now: the next visit shows what happened
 * since. Only ever moves forward, and leaves the membership's `updatedAt` alone (a visit is not
 * an edit of the membership). One statement.
 */
export async function recordVisit(scope: NetworkScope, now = new Date()): Promise<void> {
  await db(scope).$executeRaw`
    UPDATE "Membership" SET "lastSeenAt" = ${now}
    WHERE "networkId" = ${scope.networkId} AND id = ${scope.membershipId} AND status = 'active'
      AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ${now})`;
}
