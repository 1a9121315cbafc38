import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import type { NetworkScope } from "@/lib/db/tenant-proof";
import { hashToken } from "@/lib/membership/invitations";
import { hitRateLimits, type RateVerdict } from "@/lib/rate-limit/mutations";
import { feedChecks } from "@/lib/rate-limit/policy";

/**
 * Feed secrets (decision 037): 32 random bytes in the feed's address; only their SHA-256 is
 * stored (Membership.calendarTokenHash, User.calendarTokenHash), so the address is shown once,
 * when it is made. Making a new one replaces the old (which stops working at once); revoking
 * clears it.
 */
function newFeedSecret(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** A new private feed address for the member's network (the old one, if any, stops working). */
export async function renewNetworkFeed(scope: NetworkScope): Promise<string> {
  const { token, hash } = newFeedSecret();
  await db(scope).membership.updateMany({ where: { networkId: scope.networkId, id: scope.membershipId }, data: { calendarTokenHash: hash } });
  return token;
}

/** Turns the member's private feed of this network off. */
export async function revokeNetworkFeed(scope: NetworkScope): Promise<void> {
  await db(scope).membership.updateMany({ where: { networkId: scope.networkId, id: scope.membershipId }, data: { calendarTokenHash: null } });
}

/** A new "my gatherings" address for the person (the old one, if any, stops working). */
export async function renewPersonalFeed(userId: string): Promise<string> {
  const { token, hash } = newFeedSecret();
  await db().user.update({ where: { id: userId }, data: { calendarTokenHash: hash }, select: { id: true } });
  return token;
}

/** Turns the person's "my gatherings" feed off. */
export async function revokePersonalFeed(userId: string): Promise<void> {
  await db().user.updateMany({ where: { id: userId }, data: { calendarTokenHash: null } });
}

/** Counts one read of a feed or download against KRING_RATE_FEEDS for `subject` (see policy.ts feedSubjects). */
export function countFeedRead(subject: string): Promise<RateVerdict> {
  return hitRateLimits(feedChecks(subject));
}
