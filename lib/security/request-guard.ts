/**
 * Requests refused before any page, route handler or server action runs (proxy.ts), for what
 * no route of Kring can use and some would fail on with a 500 (issue 15, items 5 and 8).
 * Pure: the proxy calls it, tests/unit/request-guard.test.ts checks it without a server, and
 * tests/e2e/malformed-urls.spec.ts crawls the built app with such requests.
 */

/** The methods Kring's pages and route handlers answer; TRACE, CONNECT and the rest get 405. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/**
 * The largest request body Kring accepts, in bytes. The largest form is a synthesis
 * (40,000 characters, up to 160 kB in UTF-8) sent with the previous form state, which echoes
 * the same text: 1 MiB leaves room and no more. next.config.js sets the same limit for server
 * actions and for what the proxy buffers (a unit test keeps them equal).
 */
export const REQUEST_BODY_MAX_BYTES = 1024 * 1024;

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Whether a path segment or query is valid percent-encoding of UTF-8 without a NUL. */
function cleanlyEncoded(text: string, plusIsSpace: boolean): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(plusIsSpace ? text.replace(/\+/g, " ") : text);
  } catch {
    return false;
  }
  return !decoded.includes("\u0000");
}

function refusal(status: 400 | 403 | 405 | 413, text: string, extra: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...extra },
  });
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The refusal for a request Kring cannot serve, or null to let it through:
 * - 405 for a method no route answers (TRACE included), with `Allow`;
 * - 400 for a path segment or query that is not valid percent-encoded UTF-8, or holds a NUL
 *   (PostgreSQL text cannot, and an id with one used to reach the database);
 * - 413 for a body declared larger than REQUEST_BODY_MAX_BYTES (next.config.js caps what is
 *   streamed without a length);
 * - 403 for a state-changing request without an Origin whose Referer is another site's: the
 *   Origin check of server actions passes a request without Origin, and browsers that drop
 *   Origin still send Referer. A request with neither is not a browser's cross-site request.
 */
export function refuseRequest(
  request: { method: string; url: string; headers: Headers },
  publicUrl: string,
): Response | null {
  const method = request.method.toUpperCase();
  if (!(ALLOWED_METHODS as readonly string[]).includes(method)) {
    return refusal(405, "Method Not Allowed", { Allow: ALLOWED_METHODS.join(", ") });
  }
  // The raw target, before any decoding: everything after the origin.
  const raw = request.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const queryAt = raw.indexOf("?");
  const path = (queryAt === -1 ? raw : raw.slice(0, queryAt)).replace(/#.*$/, "");
  const query = queryAt === -1 ? "" : raw.slice(queryAt + 1).replace(/#.*$/, "");
  if (!path.split("/").every((segment) => cleanlyEncoded(segment, false))) return refusal(400, "Bad Request");
  if (query && !query.split("&").every((pair) => pair.split("=").every((part) => cleanlyEncoded(part, true)))) {
    return refusal(400, "Bad Request");
  }
  const length = Number(request.headers.get("content-length") ?? 0);
  if (Number.isFinite(length) && length > REQUEST_BODY_MAX_BYTES) return refusal(413, "Content Too Large");
  if (STATE_CHANGING.has(method) && !request.headers.get("origin")) {
    const referer = request.headers.get("referer");
    if (referer) {
      const from = originOf(referer);
      const host = request.headers.get("host");
      const sameSite = from !== null && (from === publicUrl || (host !== null && new URL(from).host === host));
      if (!sameSite) return refusal(403, "Forbidden");
    }
  }
  return null;
}
