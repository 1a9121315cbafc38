import { createHash, randomBytes } from "node:crypto";

/** A new invitation token (256 bits, URL-safe). Only its hash is stored. */
export function newInvitationToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type InvitationState = "valid" | "expired" | "revoked" | "used";

/** An invitation link works once, until it expires, unless a broker revoked it. */
export function invitationState(
  inv: { expiresAt: Date; usedAt: Date | null; revokedAt: Date | null },
  now = new Date(),
): InvitationState {
  if (inv.revokedAt) return "revoked";
  if (inv.usedAt) return "used";
  if (inv.expiresAt <= now) return "expired";
  return "valid";
}
