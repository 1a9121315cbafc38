import "server-only";
import { createTranslator } from "next-intl";
import type { z } from "zod";
import { decodeCursor, type Cursor } from "@/lib/cursor";
import { env } from "@/lib/env";
import type { NetworkScope } from "@/lib/db/tenant-proof";
import { negotiateLocale, type AppLocale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { hashToken } from "@/lib/membership/invitations";
import { apiReaderScope } from "@/lib/membership/scope";
import { countApiRequest, touchApiToken } from "./mutations";
import { API_READER_ROLE, mayRead, PROBLEMS, readBearer, stateProblem, tokenState, type ProblemCode } from "./policy";
import { findApiToken, type ApiNetwork } from "./queries";
import { PAGE_MAX, type ApiScopeName } from "./limits";

/**
 * The read API's edge (decision 047): the bearer token, the scope, the rate limit, the query
 * parameters, and every answer as JSON, or as an RFC 9457 problem document whose `detail` is in
 * the language Accept-Language asks for. A route handler names its area and how to read; this
 * does the rest, and nothing it meets becomes a 500 with internals.
 */


async function problem(request: Request, code: ProblemCode, extra: { retryAfterSeconds?: number } = {}): Promise<Response> {
  const locale: AppLocale = negotiateLocale(request.headers.get("accept-language"));
  const messages = await loadMessages(locale);
  const text = messages.api.problem[code];
  const t = createTranslator({ locale, messages: { text } });
  const status = PROBLEMS[code];
  const body = {
    // Each problem is explained on the reference page, at the instance's configured address.
    type: `${env().publicUrl}/api/docs#problem-${code}`,
    title: t("text.title"),
    status,
    detail: t("text.detail", { max: PAGE_MAX }),
    code,
    ...(extra.retryAfterSeconds ? { retryAfter: extra.retryAfterSeconds } : {}),
  };
  const headers = new Headers({
    "content-type": "application/problem+json; charset=utf-8",
    "content-language": locale,
    "cache-control": "no-store",
    vary: "Accept-Language, Authorization",
  });
  if (status === 401) headers.set("www-authenticate", `Bearer realm="kring"${code === "unauthenticated" ? "" : ', error="invalid_token"'}`);
  if (extra.retryAfterSeconds) headers.set("retry-after", String(extra.retryAfterSeconds));
  return new Response(JSON.stringify(body), { status, headers });
}

function json(body: unknown, headers: Headers = new Headers()): Response {
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("cache-control", "private, no-store");
  headers.set("vary", "Authorization");
  return new Response(JSON.stringify(body), { status: 200, headers });
}

type Reader = { scope: NetworkScope; network: ApiNetwork; scopes: ApiScopeName[] };

/**
 * The reader a request proves with its bearer token, or the problem to answer: no token 401;
 * a token that is not one of this network's (unknown, another network's, or a network that does
 * not exist) 401 as well, so an address tells nothing about networks the token is not for; an
 * expired, revoked or idle one 401 saying which; a token without the area's scope 403; over
 * the token's rate limit 429 with Retry-After.
 */
async function authorize(request: Request, slug: string, area: ApiScopeName | null, now: Date): Promise<Reader | Response> {
  const header = request.headers.get("authorization");
  if (!header) return problem(request, "unauthenticated");
  const token = readBearer(header);
  if (!token) return problem(request, "token_invalid");
  const found = await findApiToken(slug, hashToken(token));
  if (!found) return problem(request, "token_invalid");
  const state = tokenState(found.token, now);
  if (state !== "active") return problem(request, stateProblem(state));
  const scopes = found.token.scopes;
  if (area && !mayRead(scopes, area)) return problem(request, "scope_missing");
  const verdict = await countApiRequest(found.token.id, now);
  if (!verdict.allowed) return problem(request, "rate_limited", { retryAfterSeconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)) });
  await touchApiToken(found.network.id, found.token.id, now);
  return { scope: apiReaderScope(found.network, found.token.id, API_READER_ROLE), network: found.network, scopes };
}

/** The next page's address: this request's, with the cursor replaced. */
function nextLink(request: Request, cursor: string): string {
  const url = new URL(request.url);
  url.searchParams.set("cursor", cursor);
  return url.pathname + url.search;
}

type PageParams = { limit: number; cursor?: string };

/** Reads the query string with `schema`: a bad `limit` or cursor is a 400 problem naming it. */
async function readQuery<Q extends PageParams>(request: Request, schema: z.ZodType<Q>): Promise<{ query: Q; after?: Cursor } | Response> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return problem(request, field === "limit" ? "invalid_limit" : field === "cursor" ? "invalid_cursor" : "invalid_query");
  }
  const raw = parsed.data.cursor;
  const after = raw === undefined || raw === "" ? undefined : decodeCursor(raw);
  if (raw && !after) return problem(request, "invalid_cursor");
  return { query: parsed.data, after };
}

function fail(request: Request, error: unknown): Promise<Response> {
  console.error("[kring] read API request failed", error);
  return problem(request, "unexpected");
}

/** A single document (the network, funding totals). */
export async function serveOne<T>(
  request: Request,
  slug: string,
  area: ApiScopeName | null,
  shape: z.ZodType<T>,
  read: (reader: Reader) => Promise<T | null>,
  now: Date = new Date(),
): Promise<Response> {
  try {
    const reader = await authorize(request, slug, area, now);
    if (reader instanceof Response) return reader;
    const body = await read(reader);
    if (body === null) return problem(request, "not_found");
    return json(shape.parse(body));
  } catch (error) {
    return fail(request, error);
  }
}

/** A keyset page: `{ data, next }`, and `Link: <…>; rel="next"` when there is a next page. */
export async function servePage<Q extends PageParams, T>(
  request: Request,
  slug: string,
  area: ApiScopeName,
  querySchema: z.ZodType<Q>,
  shape: z.ZodType<{ data: T[]; next: string | null }>,
  read: (reader: Reader, query: Q, after: Cursor | undefined) => Promise<{ items: T[]; next: string | null } | null>,
  now: Date = new Date(),
): Promise<Response> {
  try {
    const reader = await authorize(request, slug, area, now);
    if (reader instanceof Response) return reader;
    const params = await readQuery(request, querySchema);
    if (params instanceof Response) return params;
    const page = await read(reader, params.query, params.after);
    if (page === null) return problem(request, "not_found");
    const headers = new Headers();
    if (page.next) headers.set("link", `<${nextLink(request, page.next)}>; rel="next"`);
    return json(shape.parse({ data: page.items, next: page.next }), headers);
  } catch (error) {
    return fail(request, error);
  }
}
