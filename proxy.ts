import { NextResponse, type NextRequest } from "next/server";
import { isWithdrawnCommonsItem } from "@/lib/commons/queries";
import { availability, unavailableResponse } from "@/lib/db/availability";
import { env } from "@/lib/env";
import { contentSecurityPolicy, createNonce, HSTS, httpsOnly } from "@/lib/security/headers";
import { refuseRequest } from "@/lib/security/request-guard";

/**
 * Runs before every page, route handler and server action (not before static files, see
 * `config.matcher`). It gives each request a fresh CSP nonce: Next.js reads the nonce from the
 * request's Content-Security-Policy header and puts it on every script it renders, and the same
 * policy goes out on the response. Headers that never change (nosniff, referrer and
 * permissions policies) come from next.config.js so static files get them too. Decision 017.
 */
/** A commons item's own address: `/commons/<uuid>`. */
const COMMONS_ITEM = /^\/commons\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/**
 * A withdrawn commons item's address answers 410 Gone (issue 21, decision 045). A Next page can answer
 * 404 but not 410, so the proxy asks the database (one indexed read, only for this path) and
 * rewrites a withdrawn item's address to the route handler that says so with that status.
 */
async function withdrawnItemRewrite(request: NextRequest): Promise<URL | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const id = COMMONS_ITEM.exec(request.nextUrl.pathname)?.[1];
  if (!id || !(await isWithdrawnCommonsItem(id))) return null;
  return new URL(`/commons/${id.toLowerCase()}/withdrawn`, request.url);
}

export async function proxy(request: NextRequest) {
  // Malformed URLs, unknown methods, oversized bodies and cross-site posts without Origin.
  const refused = refuseRequest(request, env().publicUrl);
  if (refused) return refused;
  if (availability().status() !== "up") return unavailableResponse(request); // database down or pool saturated: decision 019
  const dev = process.env.NODE_ENV === "development";
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { dev });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const gone = await withdrawnItemRewrite(request);
  const response = gone
    ? NextResponse.rewrite(gone, { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (httpsOnly(process.env)) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: [
    // Everything but build output, image optimisation, the icon and public files with an extension.
    "/((?!_next/static|_next/image|icon\\.svg|favicon\\.ico|robots\\.txt).*)",
  ],
};
