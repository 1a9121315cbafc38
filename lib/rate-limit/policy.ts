import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { env, type RateSetting } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Rate limits (decision 018): what is limited, how a counter's key is built, and what a
 * refusal says. Counting happens in `mutations.ts`, one statement per hit, in the database,
 * so every instance behind a load balancer shares the counters.
 *
 * Windows are fixed per counter: one starts at a counter's first hit and lasts the limit's
 * window; the first hit after it ends starts the next. A burst at the end of one window and
 * the start of the next can reach twice the limit, which these limits (flooding an inbox,
 * spraying addresses, posting spam) tolerate.
 */

export type RateRule = "signin-address" | "signin-ip" | "posts" | "writes" | "writes-ip" | "feeds" | "invitation-mail" | "api";

/** One counter to bump: its key, its limit and its window length. */
export type RateCheck = { rule: RateRule; key: string; limit: number; windowMs: number };

export type RateLimits = ReturnType<typeof env>["rateLimits"];

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 32);
}

/**
 * The check for one rule and subject, or null when the rule is off. The subject (an
 * address, an IP, a user id) is stored hashed: the table holds no readable addresses. The
 * window length is part of the key, so a changed setting starts fresh counters.
 */
export function rateCheck(rule: RateRule, setting: RateSetting | null, subject: string): RateCheck | null {
  if (!setting) return null;
  return { rule, key: `${rule}:${setting.windowMs / 1000}:${digest(subject)}`, limit: setting.limit, windowMs: setting.windowMs };
}

/** The key of the marker that makes a retried post (same idempotency key) count once. */
export function onceKey(check: RateCheck, token: string): string {
  return `${check.key}#${digest(token)}`;
}

/** Asking for a sign-in link: per address and, when the client's address is known, per IP. */
export function signInChecks(email: string, ip: string | null, limits: RateLimits = env().rateLimits): RateCheck[] {
  return [
    rateCheck("signin-address", limits.signInPerAddress, email.trim().toLowerCase()),
    ip ? rateCheck("signin-ip", limits.signInPerIp, ip) : null,
  ].filter((check): check is RateCheck => check !== null);
}

/** Writing in the dialogue (a thread, a reply, an edit): per person, across all networks. */
export function postingChecks(userId: string, limits: RateLimits = env().rateLimits): RateCheck[] {
  const check = rateCheck("posts", limits.posts, userId);
  return check ? [check] : [];
}

/**
 * Every write through an action (decision 028), from one budget (KRING_RATE_WRITES): per
 * person across all networks, or per client IP for a visitor who is not signed in (none when
 * the address is unknown). Posts count here too, on top of their own stricter limit.
 */
export function writeChecks(caller: { userId: string } | { ip: string }, limits: RateLimits = env().rateLimits): RateCheck[] {
  const check = "userId" in caller ? rateCheck("writes", limits.writes, caller.userId) : rateCheck("writes-ip", limits.writes, caller.ip);
  return check ? [check] : [];
}

/**
 * Reading a calendar feed or downloading a gathering's .ics (KRING_RATE_FEEDS, decision 037):
 * per feed (its secret's hash) for the private feeds, per client IP and network for the
 * public feed, per person (or client IP) for a download. Calendar apps poll; this keeps one
 * leaked address or one client from turning that polling into load.
 */
export function feedChecks(subject: string, limits: RateLimits = env().rateLimits): RateCheck[] {
  const check = rateCheck("feeds", limits.feeds, subject);
  return check ? [check] : [];
}

/** A read API request (KRING_RATE_API, decision 047): per token, whoever holds it. */
export function apiChecks(tokenId: string, limits: RateLimits = env().rateLimits): RateCheck[] {
  const check = rateCheck("api", limits.api, tokenId);
  return check ? [check] : [];
}

/**
 * Sending an invitation to an email address: per network (KRING_RATE_INVITATION_MAIL, decision
 * 034), whoever of its brokers sends it, so a network cannot be used to spray addresses; on top of
 * the sender's writes budget.
 */
export function invitationMailChecks(networkId: string, limits: RateLimits = env().rateLimits): RateCheck[] {
  const check = rateCheck("invitation-mail", limits.invitationMail, networkId);
  return check ? [check] : [];
}

/**
 * The refusal: the `rate_limited` code, and on the form's main field how many minutes to
 * wait (a field message `retry_after|<minutes>`, translated like every field message).
 */
export function rateLimitedError(retryAfterMs: number, field: string): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return new AppError("rate_limited", { [field]: [`retry_after|${minutes}`] });
}

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The first four groups of an IPv6 address, as a /64 prefix (one subscriber's network). */
function ipv6Prefix64(address: string): string {
  const [head = "", tail] = address.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const tailSize = tailGroups.reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailSize;
  const groups = [...headGroups, ...Array<string>(Math.max(0, zeros)).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/**
 * One X-Forwarded-For entry as a rate-limit subject: an IPv4 address (also when written as
 * IPv4-mapped IPv6 or with a port), or an IPv6 /64, since one subscriber usually holds a
 * whole /64 and could rotate through it. Anything else: null.
 */
function normalizeAddress(entry: string): string | null {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/%.*$/, ""); // an IPv6 zone id
  const mapped = IPV4_MAPPED.exec(address);
  if (mapped?.[1]) address = mapped[1];
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return ipv6Prefix64(address);
  return null;
}

/**
 * The client's address from X-Forwarded-For. Next's server sets that header to the socket's
 * address when a request arrives without one, and keeps it when it has one; with no trusted
 * proxy, `peer-address.ts` makes it always the socket's address. With `trustedProxies` = n,
 * the n proxies in front of Kring each append the address they saw, so the client is the n-th
 * entry from the right; entries further left were written by the client and mean nothing.
 * Null when unknown (no header, too few entries, not an address): then only the other limits apply.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string | null {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const entry = entries[entries.length - Math.max(1, trustedProxies)];
  return entry === undefined ? null : normalizeAddress(entry);
}
