import { env } from "@/lib/env";

/**
 * A link for an email: the path on Kring's configured public address (KRING_PUBLIC_URL).
 * Emails are read away from the request that caused them, so no request header (Host,
 * X-Forwarded-Host, Forwarded) may choose where their links point (decision 029).
 */
export function emailLink(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`emailLink takes an absolute path, got "${path}"`);
  return new URL(path, env().publicUrl).toString();
}

/** Whether a link someone else built (Auth.js's sign-in link) points at Kring's public address. */
export function isEmailLink(url: string): boolean {
  try {
    return new URL(url).origin === env().publicUrl;
  } catch {
    return false;
  }
}
