import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Unsubscribe links (RFC 8058): a per-person token, signed with the app's secret, that names
 * whose email it turns off and which: one network's (`scope` = its id) or all of it ("all").
 * It carries no session and no CSRF token, so its signature is the whole of its authority;
 * a changed character or an expired token verifies to null.
 */
export type UnsubscribeScope = { userId: string; networkId: string | null };

/** A link in a mail keeps working this long (mail is read late); after that, the settings page. */
const MAX_AGE_SECONDS = 180 * 24 * 60 * 60;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function signature(payload: string): string {
  return createHmac("sha256", env().signingSecret).update(`kring-unsubscribe:${payload}`).digest("base64url");
}

export function unsubscribeToken(scope: UnsubscribeScope, now = new Date()): string {
  const issued = Math.floor(now.getTime() / 1000);
  const payload = `${scope.userId}.${scope.networkId ?? "all"}.${issued}`;
  return `${payload}.${signature(payload)}`;
}

export type VerifiedToken = UnsubscribeScope | { expired: true } | null;

/** The scope a token names, `{ expired: true }` for a genuine but old one, or null for anything else. */
export function verifyUnsubscribeToken(token: string, now = new Date()): VerifiedToken {
  if (token.length > 300) return null;
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [userId, scope, issuedText, given] = parts as [string, string, string, string];
  if (!ID.test(userId) || !ID.test(scope) || !/^\d{1,12}$/.test(issuedText)) return null;
  const expected = Buffer.from(signature(`${userId}.${scope}.${issuedText}`));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  const issued = Number(issuedText);
  const age = now.getTime() / 1000 - issued;
  if (age > MAX_AGE_SECONDS || age < -300) return { expired: true };
  return { userId, networkId: scope === "all" ? null : scope };
}
