import type { Role } from "@/lib/db/generated/enums";
import { can, type Permission } from "@/lib/membership/policy";
import { TOKEN_IDLE_DAYS, TOKEN_MAX_DAYS, type ApiScopeName } from "./limits";

/**
 * The read API's rules (issue 22 items 4 and 5, decision 047), without the database: what a
 * token looks like, when it works, what each scope lets it read, and the problems it answers.
 */

const DAY = 86_400_000;

/**
 * A token as it is handed out: `kring_` + 8 hex characters (the prefix, shown in lists to tell
 * tokens apart) + `_` + 32 random bytes in base64url. Recognisable in logs and secret scanners.
 */
const TOKEN = /^kring_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export function formatToken(prefix: string, secret: string): string {
  return `kring_${prefix}_${secret}`;
}

/** The token of an `Authorization: Bearer <token>` header, or null for anything else (no database read). */
export function readBearer(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  const token = match?.[1];
  return token && TOKEN.test(token) ? token : null;
}

/** A new token's expiry: the chosen number of days, never more than a year. */
export function tokenExpiry(days: number, now: Date = new Date()): Date {
  return new Date(now.getTime() + Math.min(Math.max(1, days), TOKEN_MAX_DAYS) * DAY);
}

export type TokenState = "active" | "expired" | "revoked" | "idle";

/**
 * Whether a token still works: not revoked, not past its expiry, and used (or made or rotated)
 * within the last TOKEN_IDLE_DAYS days: a forgotten token stops working by itself.
 */
export function tokenState(
  token: { expiresAt: Date; revokedAt: Date | null; lastUsedAt: Date | null; createdAt: Date; rotatedAt: Date | null },
  now: Date = new Date(),
): TokenState {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt <= now) return "expired";
  const lastSign = Math.max(token.lastUsedAt?.getTime() ?? 0, token.rotatedAt?.getTime() ?? 0, token.createdAt.getTime());
  if (now.getTime() - lastSign >= TOKEN_IDLE_DAYS * DAY) return "idle";
  return "active";
}

/**
 * How the API reads: as a member of the network who is nobody in particular. Hidden posts stay
 * hidden, private reflections and online links are never there, email addresses neither: the
 * same rules a member meets on the pages, through the same policy functions.
 */
export const API_READER_ROLE: Role = "member";

/** The page permission each scope stands for: a token reads an area only where a member could. */
const SCOPE_PERMISSION: Record<ApiScopeName, Permission> = {
  threads: "thread.read",
  cycles: "cycle.view",
  initiatives: "initiative.view",
  funding: "initiative.view",
  members: "members.view",
  gatherings: "gathering.view",
  exchange: "exchange.view",
  support: "support.view",
};

/** Whether a token with these scopes may read `scope`'s area. */
export function mayRead(scopes: readonly ApiScopeName[], scope: ApiScopeName): boolean {
  return scopes.includes(scope) && can(API_READER_ROLE, SCOPE_PERMISSION[scope]);
}

/** The problems the API answers, with their status. Their `detail` is translated (messages `api.problem`). */
export const PROBLEMS = {
  unauthenticated: 401,
  token_invalid: 401,
  token_expired: 401,
  token_revoked: 401,
  token_idle: 401,
  scope_missing: 403,
  not_found: 404,
  invalid_limit: 400,
  invalid_cursor: 400,
  invalid_query: 400,
  rate_limited: 429,
  unexpected: 500,
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

/** The token's state as the problem it answers. */
export function stateProblem(state: Exclude<TokenState, "active">): ProblemCode {
  return state === "expired" ? "token_expired" : state === "revoked" ? "token_revoked" : "token_idle";
}
