import { createHash } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isLocale, localeCookie, negotiateLocale, type AppLocale } from "../i18n/config";
import en from "../i18n/messages/en.json";
import nl from "../i18n/messages/nl.json";

/**
 * Whether this instance can use its database, as far as it has seen (decision 019).
 *
 * - down: a query failed with a connection-class error (refused, reset, terminated,
 *   the server shutting down or starting up). While down, a probe (`SELECT 1`) runs
 *   every second; the next successful query or probe brings the state back up.
 * - busy: more requests are under way than REQUESTS_PER_CONNECTION per pool connection, or
 *   more statements wait for a connection than QUEUE_PER_CONNECTION per connection, or the oldest has waited more than half the acquire bound
 *   (`DB_CONNECT_TIMEOUT_MS`), so a new request would likely time out. Read live from
 *   the pool, never stored: it clears as soon as the queue drains.
 *
 * The proxy answers 503 while the state is not "up", so pages never start a render that
 * is bound to fail. The state is per process and only a cache of what this process saw;
 * nothing depends on it surviving a restart. It lives on globalThis because the proxy and
 * the renderer are separate bundles with separate module instances in one process.
 */
export type DatabaseStatus = "up" | "down" | "busy";
export type FailureKind = "unavailable" | "saturated";

/** What the database client tells the state: how to probe and how long the pool queue is. */
export type DatabaseSource = {
  probe: () => Promise<unknown>;
  /** How long the oldest request waiting for a pool connection has waited, in ms (0: none waits). */
  oldestWaitMs: () => number;
  /** How many statements wait for a pool connection now. */
  waiting: () => number;
  /** The pool's acquire bound in ms; "busy" starts at half of it. */
  acquireTimeoutMs: number;
  /** The pool's size; "busy" also starts when more than QUEUE_PER_CONNECTION times as many wait. */
  poolMax: number;
};

export type AvailabilityClock = {
  now: () => number;
  every: (ms: number, fn: () => void) => () => void;
};

const realClock: AvailabilityClock = {
  now: () => Date.now(),
  every: (ms, fn) => {
    const timer = setInterval(fn, ms);
    timer.unref?.();
    return () => clearInterval(timer);
  },
};

/** How often a database marked down is probed, and how fresh a success must be for the health check. */
export const PROBE_EVERY_MS = 1_000;
/**
 * Statements waiting per pool connection beyond which new requests are refused. Generous: a
 * page may send six or seven statements at once (the funder dashboard), so twenty such pages
 * queue about fourteen per connection of a pool of ten while every wait stays short. The wait's
 * age (half the acquire bound) is the real sign of saturation; this only catches a flood early.
 */
export const QUEUE_PER_CONNECTION = 32;
/**
 * Requests in flight per pool connection beyond which new ones are refused at once. Queue
 * length and age only show after requests reach the pool; a burst is let through whole before
 * that, so the number of requests under way is the first limit.
 */
export const REQUESTS_PER_CONNECTION = 8;
/** Seconds a client is asked to wait before retrying (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;

// Node socket errors that mean the server cannot be reached or dropped the connection.
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
// SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections
// (plus the whole class 08, connection exceptions, below).
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
// The Prisma driver adapter's names for the same situations.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Prisma's error codes: cannot reach, timed out reaching, operation timed out, server closed the connection.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i, // pg: the server went away mid-query, or a new connection timed out
  /is not queryable/i, // pg: a client whose connection broke
  /the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i,
  /Can't reach database server/i,
  /Server has closed the connection/i,
];
const SATURATED_MESSAGES = [
  /timeout exceeded when trying to connect/i, // pg-pool: every connection busy for the whole acquire bound
  /Timed out fetching a new connection from the connection pool/i, // Prisma's P2024
];

function field(value: object, key: string): unknown {
  return key in value ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Classifies an error from the database layer (pg, the Prisma driver adapter or the
 * Prisma client, following `cause`): "unavailable" when the database cannot be reached
 * or dropped the connection, "saturated" when the pool had no free connection within
 * its acquire bound, null for anything else (a constraint, a syntax error, a bug).
 */
export function classifyDatabaseError(error: unknown): FailureKind | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === "object" && current !== null; depth++) {
    const code = field(current, "code");
    const kind = field(current, "kind");
    const message = field(current, "message");
    if (typeof code === "string") {
      if (code === "P2024") return "saturated";
      if (SOCKET_CODES.has(code) || SQLSTATES.has(code) || PRISMA_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) {
        return "unavailable";
      }
    }
    const originalCode = field(current, "originalCode");
    if (typeof originalCode === "string" && (SQLSTATES.has(originalCode) || /^08[0-9A-Z]{3}$/.test(originalCode))) {
      return "unavailable";
    }
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return "unavailable";
    if (typeof message === "string") {
      if (SATURATED_MESSAGES.some((pattern) => pattern.test(message))) return "saturated";
      if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return "unavailable";
    }
    current = field(current, "cause");
  }
  return null;
}

export type Availability = ReturnType<typeof createAvailability>;

/**
 * The state machine; `clock` and `requestsInFlight` are for tests. The process's one instance is
 * `availability()`, which counts this process's HTTP requests.
 */
export function createAvailability(clock: AvailabilityClock = realClock, requestsInFlight: () => number = () => 0) {
  let source: DatabaseSource | undefined;
  let down = false;
  let downSince = 0;
  let lastOkAt = Number.NEGATIVE_INFINITY;
  let stopProbing: (() => void) | undefined;
  let probing: Promise<boolean> | undefined;

  function markUp() {
    lastOkAt = clock.now();
    if (!down) return;
    down = false;
    stopProbing?.();
    stopProbing = undefined;
    console.log(`[kring] database available again after ${Math.round((lastOkAt - downSince) / 100) / 10} s`);
  }

  function markDown() {
    if (down) return;
    down = true;
    downSince = clock.now();
    console.error("[kring] database unavailable: answering 503 until it is back");
    stopProbing = clock.every(PROBE_EVERY_MS, () => void probe());
  }

  /** One `SELECT 1` at a time; true when it succeeded. Any failure but a full pool counts as down. */
  function probe(): Promise<boolean> {
    if (!source) return Promise.resolve(!down);
    const run = source.probe;
    probing ??= run()
      .then(
        () => {
          markUp();
          return true;
        },
        (error: unknown) => {
          // A probe that waited out a full pool says the database is busy, not gone.
          if (classifyDatabaseError(error) === "saturated") return !down;
          markDown();
          return false;
        },
      )
      .finally(() => {
        probing = undefined;
      });
    return probing;
  }

  function status(): DatabaseStatus {
    if (down) return "down";
    if (!source) return "up";
    if (requestsInFlight() > REQUESTS_PER_CONNECTION * source.poolMax) return "busy";
    if (source.waiting() > QUEUE_PER_CONNECTION * source.poolMax) return "busy";
    if (source.oldestWaitMs() > source.acquireTimeoutMs / 2) return "busy";
    return "up";
  }

  return {
    /** Called once by the database client. */
    connect(next: DatabaseSource) {
      source = next;
    },
    /** A query succeeded. */
    succeeded: markUp,
    /** A query failed: a connection-class failure marks the database down. Returns the classification. */
    failed(error: unknown): FailureKind | null {
      const kind = classifyDatabaseError(error);
      if (kind === "unavailable") markDown();
      return kind;
    },
    /** Something looked wrong outside a query (an idle connection dropped): probe now. */
    suspect(): void {
      void probe();
    },
    status,
    /**
     * For the health check: false while down; true after a success within the last
     * second; otherwise the answer of a probe (shared by concurrent callers).
     */
    async check(): Promise<boolean> {
      if (down) return false;
      if (clock.now() - lastOkAt < PROBE_EVERY_MS) return true;
      return probe();
    },
  };
}

const store = globalThis as typeof globalThis & { __kringAvailability?: Availability; __kringRequests?: { inflight: number } };

/**
 * This process's HTTP requests under way, from Node's own `http.server.*` diagnostics channels
 * (no server code to wrap). Live-update streams stay open by design and are not counted.
 */
function countRequests(): () => number {
  if (!store.__kringRequests) {
    const counter = (store.__kringRequests = { inflight: 0 });
    subscribe("http.server.request.start", (message) => {
      const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
      if ((request.headers.accept ?? "").includes("text/event-stream")) return;
      counter.inflight++;
      response.once("close", () => counter.inflight--);
    });
  }
  const counter = store.__kringRequests;
  return () => counter.inflight;
}

/** This process's availability state (shared by the proxy and the renderer through globalThis). */
export function availability(): Availability {
  return (store.__kringAvailability ??= createAvailability(realClock, countRequests()));
}

const messages: Record<AppLocale, { title: string; body: string; retry: string }> = {
  en: en.unavailable,
  nl: nl.unavailable,
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/** The visitor's language without the database: the language cookie, else Accept-Language. */
export function requestLocale(headers: Headers): AppLocale {
  const chosen = cookieValue(headers.get("cookie"), localeCookie);
  return isLocale(chosen) ? chosen : negotiateLocale(headers.get("accept-language"));
}

const STYLE =
  "body{font-family:system-ui,sans-serif;background:#f7f5f0;color:#1d2321;margin:0}" +
  "main{max-width:32rem;margin:4rem auto;padding:1.5rem;background:#fff;border-radius:.75rem}" +
  "a{color:#0d6b61}";
const STYLE_HASH = `sha256-${createHash("sha256").update(STYLE).digest("base64")}`;

/** The 503 a visitor sees: a page for browsers, JSON for route handlers, plain text for server actions. */
export function unavailableResponse(request: Request): Response {
  const locale = requestLocale(request.headers);
  const t = messages[locale];
  const headers = new Headers({
    "Retry-After": String(RETRY_AFTER_SECONDS),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Language": locale,
  });
  const url = new URL(request.url);
  const path = url.pathname;
  const isAction = request.headers.has("next-action");
  const wantsPage = !isAction && !path.startsWith("/api/") && (request.headers.get("accept") ?? "").includes("text/html");
  if (wantsPage) {
    headers.set("Content-Type", "text/html; charset=utf-8");
    headers.set(
      "Content-Security-Policy",
      `default-src 'none'; style-src '${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    const body =
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(t.title)} · Kring</title><style>${STYLE}</style></head>` +
      `<body><main role="alert"><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.body)}</p>` +
      `<p><a href="${escapeHtml(path + url.search)}">${escapeHtml(t.retry)}</a></p></main></body></html>`;
    return new Response(request.method === "HEAD" ? null : body, { status: 503, headers });
  }
  if (isAction) {
    headers.set("Content-Type", "text/plain; charset=utf-8");
    return new Response(t.body, { status: 503, headers });
  }
  return Response.json({ error: "database_unavailable", message: t.body }, { status: 503, headers });
}
