import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The download link of an export (decision 046): signed with the app's secret (HMAC-SHA256) over
 * the export, the person who asked for it and the link's expiry. The route checks the signature
 * against the signed-in person, so a link passed on, changed or out of date opens nothing.
 */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function signature(exportId: string, userId: string, expires: number): string {
  return createHmac("sha256", env().signingSecret).update(`kring-network-export:${exportId}.${userId}.${expires}`).digest("base64url");
}

/** The path of the download for `userId`, valid until `expiresAt`. */
export function exportDownloadPath(slug: string, exportId: string, userId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const query = new URLSearchParams({ expires: String(expires), signature: signature(exportId, userId, expires) });
  return `/n/${encodeURIComponent(slug)}/settings/export/${encodeURIComponent(exportId)}/download?${query}`;
}

export type LinkVerdict = "ok" | "expired" | "invalid";

/** Whether the link's query is genuine for this export and person, and not out of date. */
export function verifyExportLink(exportId: string, userId: string, query: URLSearchParams, now = new Date()): LinkVerdict {
  const expiresText = query.get("expires") ?? "";
  const given = query.get("signature") ?? "";
  if (!ID.test(exportId) || !ID.test(userId) || !/^\d{1,12}$/.test(expiresText) || given.length > 100) return "invalid";
  const expires = Number(expiresText);
  const expected = Buffer.from(signature(exportId, userId, expires));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return "invalid";
  return now.getTime() >= expires * 1000 ? "expired" : "ok";
}
