import "server-only";
import { db } from "@/lib/db/client";
import type { NetworkScope } from "@/lib/membership/scope";
import { VISIT_GAP_MINUTES } from "./queries";

/**
 * Records that the viewer saw their network's home now. A home opened after a pause of more than
 * VISIT_GAP_MINUTES begins a new visit, whose window (`visitSince`) starts at the last visit; a
 * home opened sooner continues the visit and keeps its window, so a reload or a return from a
 * thread does not empty "since your last visit". Only ever moves forward, and leaves the
 * membership's `updatedAt` alone (a visit is not an edit of the membership). One statement.
 */
export async function recordVisit(scope: NetworkScope, now = new Date()): Promise<void> {
  await db(scope).$executeRaw`
    UPDATE "Membership" SET
      "visitSince" = CASE WHEN "lastSeenAt" >= ${now}::timestamptz - make_interval(mins => ${VISIT_GAP_MINUTES})
        THEN coalesce("visitSince", "joinedAt", "createdAt")
        ELSE coalesce("lastSeenAt", "joinedAt", "createdAt") END,
      "lastSeenAt" = ${now}
    WHERE "networkId" = ${scope.networkId} AND id = ${scope.membershipId} AND status = 'active'
      AND ("lastSeenAt" IS NULL OR "lastSeenAt" < ${now})`;
}
