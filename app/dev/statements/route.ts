import pg from "pg";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** How many statements' SQL text `?sql=1` can return. */
const KEEP = 200;

type Counter = { count: number; recent: string[] };
const store = globalThis as typeof globalThis & { __kringStatementCounter?: Counter };

function sqlOf(query: unknown): string {
  if (typeof query === "string") return query;
  if (typeof query === "object" && query !== null && "text" in query) return String(query.text);
  return "";
}

/**
 * Counts every statement this process sends to PostgreSQL, at the driver: `pg.Client#query`, which
 * the Prisma adapter's pool and every other caller go through. Counted at the driver rather than
 * through lib/db/query-log.ts because the build bundles that module once per entry (instrumentation,
 * proxy, each route), so a listener registered here would not hear the client another entry opened;
 * `pg` is a server external package, one instance per process.
 */
function install(): Counter {
  const counter: Counter = { count: 0, recent: [] };
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function countedQuery(this: unknown, ...args: unknown[]) {
    counter.count += 1;
    counter.recent.push(sqlOf(args[0]));
    if (counter.recent.length > KEEP) counter.recent.shift();
    return query.apply(this, args);
  };
  return counter;
}

/**
 * Development and test only: how many SQL statements this server process has sent to PostgreSQL
 * since the first call here (`{ "statements": n }`), and with `?sql=1` the text of the last 200
 * (parameters as $n placeholders, never their values). The performance-budget bench
 * (bench/budgets.ts) reads it before and after requesting one page with nothing else in flight, so
 * the difference is everything that request sent: the session lookup, the layouts, the page and
 * its work after the response, transaction control included. Answering sends no statement itself.
 * With the embedded database (no DATABASE_URL) nothing goes through `pg` and the count stays 0.
 */
export function GET(request: Request): Response {
  if (!env().devPagesEnabled) return new Response("Not Found", { status: 404 });
  store.__kringStatementCounter ??= install();
  const counter = store.__kringStatementCounter;
  const withSql = new URL(request.url).searchParams.get("sql") === "1";
  return Response.json(
    { statements: counter.count, ...(withSql ? { sql: counter.recent } : {}) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
