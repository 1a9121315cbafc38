/**
 * Kring's HTTP security headers (decision 017). Pure functions: the proxy (`proxy.ts`)
 * and next.config.js call them, and the unit tests check them without a server.
 */

/** What decides the header set: read from the process environment at run time. */
export type HeaderEnv = {
  NODE_ENV?: string;
  KRING_ENV?: string;
  KRING_PUBLIC_URL?: string;
  AUTH_URL?: string;
};

/**
 * Strict-Transport-Security is sent when Kring runs in production: NODE_ENV=production and
 * KRING_ENV not "test" or "development" (the end-to-end tests run a production build on plain
 * http), or whenever its public address (KRING_PUBLIC_URL, else AUTH_URL) is https, so a staging
 * server behind TLS gets it too. Browsers ignore the header on a plain-http response, so a
 * production build tried out over http on a laptop is not locked out.
 */
export function httpsOnly(e: HeaderEnv): boolean {
  if ((e.KRING_PUBLIC_URL ?? e.AUTH_URL)?.startsWith("https://")) return true;
  if (e.NODE_ENV !== "production") return false;
  return e.KRING_ENV !== "test" && e.KRING_ENV !== "development";
}

/** Two years, sub-domains included: the value hstspreload.org asks for. No `preload` (an operator's choice). */
export const HSTS = "max-age=63072000; includeSubDomains";

/** A fresh nonce: 128 random bits, base64. One per request; never reused. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * The Content-Security-Policy of a document.
 *
 * - Scripts: only those carrying this request's nonce, and what they load ('strict-dynamic');
 *   'self' is a fallback for browsers without 'strict-dynamic' (they ignore the nonce-less rest).
 *   `next dev` also needs 'unsafe-eval' (React rebuilds server error stacks with eval).
 * - Styles: Tailwind is one file ('self'); inline <style> elements only with the nonce.
 *   Style attributes are allowed (`style-src-attr 'unsafe-inline'`): the milestone progress bars
 *   set their widths that way. A style attribute cannot run script; the Markdown sanitiser strips
 *   style attributes from posts anyway. `next dev` injects unnonced <style> (hot reload), so
 *   dev allows inline styles outright.
 * - Images: 'self' and data: (the browser's own form controls and Next's icon); Markdown
 *   renders no images at all (lib/markdown/render.ts drops <img>), so no remote hosts.
 * - Nothing may frame Kring, no plugins, no <base>, forms post only to Kring.
 * - No `upgrade-insecure-requests`: every resource is same-origin already, and on a plain-http
 *   run it would send the page's own requests to an https port that is not there.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    opts.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}
