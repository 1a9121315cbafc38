import { NextRequest } from "next/server";

/**
 * Under `next start`, Next builds a route handler's `req.url` from the address it listens
 * on (http://localhost:3000), not from the Host the browser asked for; and Auth.js takes
 * its base URL from `req.url` unless AUTH_URL is set. Without this, the magic-link
 * callback redirects to localhost behind any proxy or non-local host (next-auth#10928).
 * The sign-in link itself is already built from the Host / X-Forwarded-* headers
 * (`trustHost: true`), so the callback uses the same ones.
 */
export function withRequestOrigin(req: NextRequest): NextRequest {
  if (process.env.AUTH_URL || process.env.NEXTAUTH_URL) return req;
  const host = (req.headers.get("x-forwarded-host") ?? req.headers.get("host"))?.split(",")[0]?.trim();
  if (!host) return req;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? req.nextUrl.protocol.replace(/:$/, "");
  let origin: string;
  try {
    origin = new URL(`${proto}://${host}`).origin;
  } catch {
    return req;
  }
  if (origin === req.nextUrl.origin) return req;
  return new NextRequest(req.nextUrl.href.replace(req.nextUrl.origin, origin), req);
}
