import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/mutations";
import { db, dbAcross } from "@/lib/db/client";
import type { NetworkScope } from "@/lib/db/tenant-proof";
import { AppError } from "@/lib/errors";
import { hashToken } from "@/lib/membership/invitations";
import { hitRateLimits, type RateVerdict } from "@/lib/rate-limit/mutations";
import { apiChecks } from "@/lib/rate-limit/policy";
import { TOKENS_PER_NETWORK_MAX, type ApiScopeName } from "./limits";
import { formatToken, tokenExpiry } from "./policy";

/**
 * Tokens of the read API (decision 047). The token is shown once, when it is made or rotated;
 * only its SHA-256 and its short prefix are kept. Every change is audit-logged.
 */
function newToken(): { token: string; prefix: string; hash: string } {
  const prefix = randomBytes(4).toString("hex");
  const token = formatToken(prefix, randomBytes(32).toString("base64url"));
  return { token, prefix, hash: hashToken(token) };
}

/** A broker makes a token; returns it, once. */
export async function createApiToken(
  scope: NetworkScope,
  input: { name: string; scopes: ApiScopeName[]; expiresInDays: number },
  now: Date = new Date(),
): Promise<{ id: string; token: string }> {
  const { token, prefix, hash } = newToken();
  return db(scope).$transaction(async (tx) => {
    const working = await tx.apiToken.count({
      where: { networkId: scope.networkId, revokedAt: null, expiresAt: { gt: now } },
    });
    if (working >= TOKENS_PER_NETWORK_MAX) throw new AppError("conflict", { name: [`tokens_max|${TOKENS_PER_NETWORK_MAX}`] });
    const row = await tx.apiToken.create({
      data: {
        networkId: scope.networkId,
        name: input.name,
        prefix,
        tokenHash: hash,
        scopes: input.scopes,
        expiresAt: tokenExpiry(input.expiresInDays, now),
        createdById: scope.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "api_token.created",
      detail: { tokenId: row.id, title: input.name, prefix, scopes: input.scopes },
    });
    return { id: row.id, token };
  });
}

/** Gives a working token a new secret (the old one stops at once); its name, scopes and expiry stay. */
export async function rotateApiToken(scope: NetworkScope, tokenId: string, now: Date = new Date()): Promise<{ token: string }> {
  const { token, prefix, hash } = newToken();
  return db(scope).$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { networkId: scope.networkId, id: tokenId, revokedAt: null, expiresAt: { gt: now } },
      data: { tokenHash: hash, prefix, rotatedAt: now },
    });
    if (count === 0) throw new AppError("not_found");
    const row = await tx.apiToken.findFirstOrThrow({ where: { networkId: scope.networkId, id: tokenId }, select: { name: true } });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "api_token.rotated",
      detail: { tokenId, title: row.name, prefix },
    });
    return { token };
  });
}

/** Revokes a token: it stops working at once and stays in the list as revoked. */
export async function revokeApiToken(scope: NetworkScope, tokenId: string, now: Date = new Date()): Promise<void> {
  await db(scope).$transaction(async (tx) => {
    const row = await tx.apiToken.findFirst({ where: { networkId: scope.networkId, id: tokenId, revokedAt: null }, select: { name: true, prefix: true } });
    if (!row) throw new AppError("not_found");
    await tx.apiToken.updateMany({ where: { networkId: scope.networkId, id: tokenId, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "api_token.revoked",
      detail: { tokenId, title: row.name, prefix: row.prefix },
    });
  });
}

/** How stale "last used" may get before a request writes it again: one write a minute per token at most. */
const LAST_USED_GRAIN_MS = 60_000;

/**
 * Records that a token was used (its "last used", which also keeps it from going idle). Written
 * at most once a minute per token, so a busy client does not write on every request. Within the
 * token's own network only: the request has already found the token there.
 */
export async function touchApiToken(networkId: string, tokenId: string, now: Date = new Date()): Promise<void> {
  await dbAcross([networkId]).apiToken.updateMany({
    where: {
      networkId,
      id: tokenId,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_GRAIN_MS) } }],
    },
    data: { lastUsedAt: now },
  });
}

/** Counts one request of a token against KRING_RATE_API. */
export function countApiRequest(tokenId: string, now?: Date): Promise<RateVerdict> {
  return hitRateLimits(apiChecks(tokenId), { now });
}
