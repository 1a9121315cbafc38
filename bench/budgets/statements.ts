// SQL statements per page, counted in the server that serves it: `/dev/statements` (app/dev/statements,
// development and test only) tells how many statements the server's database client has sent so far.
// Read before and after one request, with nothing else in flight, the difference is everything that
// request sent: the session lookup, layouts, the page, and work the page leaves for after the response
// (read again once the server is quiet). At scale, each statement's generic plan (EXPLAIN of a
// prepared statement under plan_cache_mode = force_generic_plan, so no parameter value is needed)
// shows whether it reads a large table from end to end.
import type pg from "pg";

export type StatementCount = {
  /** Statements sent by the time the response ended. */
  inResponse: number;
  /** ... and once the server was quiet again (after() work included). */
  total: number;
  /** Their SQL, in order, when the server still holds it. */
  sql: string[];
};

type Reading = { statements: number; sql?: string[] };

async function read(base: string, withSql = false): Promise<Reading> {
  const res = await fetch(`${base}/dev/statements${withSql ? "?sql=1" : ""}`);
  if (!res.ok) throw new Error(`/dev/statements answered ${res.status}: is this a build with app/dev/statements and KRING_ENV=test?`);
  return (await res.json()) as Reading;
}

/** Waits until the count stops moving (after() work done), at most two seconds. */
async function settle(base: string, last: number): Promise<Reading> {
  let previous = last;
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await read(base);
    if (now.statements === previous && i >= 2) break;
    previous = now.statements;
  }
  return read(base, true);
}

/** The statements one request for `path` sends, as the person behind `cookie`. */
export async function countStatements(base: string, path: string, cookie: string): Promise<StatementCount> {
  const before = await settle(base, (await read(base)).statements);
  const res = await fetch(base + path, { headers: { cookie }, redirect: "manual" });
  await res.text();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  const end = await read(base);
  const after = await settle(base, end.statements);
  const total = after.statements - before.statements;
  return { inResponse: end.statements - before.statements, total, sql: total <= (after.sql?.length ?? 0) ? after.sql!.slice(-total) : [] };
}

/**
 * `optionalFilter`: the statement filters with `$n IS NULL OR ...`, which a generic plan cannot
 * simplify; node-postgres sends unnamed statements, planned with their values, so the real plan
 * may use an index there. Such a finding needs a look with real values before it counts.
 */
export type ScanFinding = { table: string; rows: number; sql: string; plan: string; optionalFilter: boolean };

/** Statements of `sql` whose generic plan reads a table of more than `minRows` rows with a sequential scan. */
export async function sequentialScans(c: pg.Client, sql: string[], minRows = 10_000): Promise<{ findings: ScanFinding[]; unplanned: number }> {
  const { rows: sizes } = await c.query<{ relname: string; reltuples: number }>(
    `SELECT relname, reltuples::bigint::int AS reltuples FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`,
  );
  const rowsOf = new Map(sizes.map((t) => [t.relname, t.reltuples]));
  const findings: ScanFinding[] = [];
  let unplanned = 0;
  for (const statement of new Set(sql)) {
    if (!/^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i.test(statement)) continue;
    const params = Math.max(0, ...[...statement.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    let plan: string;
    try {
      await c.query("SET plan_cache_mode = force_generic_plan");
      await c.query(`PREPARE bench_plan AS ${statement}`);
      const args = params ? `(${Array.from({ length: params }, () => "NULL").join(", ")})` : "";
      const { rows } = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN EXECUTE bench_plan${args}`);
      plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
    } catch {
      unplanned += 1; // a placeholder whose type only the driver knew; left out
      continue;
    } finally {
      await c.query("DEALLOCATE ALL");
      await c.query("RESET plan_cache_mode");
    }
    for (const match of plan.matchAll(/Seq Scan on "?([A-Za-z_]+)"?/g)) {
      const table = match[1]!;
      const rows = rowsOf.get(table) ?? 0;
      if (rows > minRows) {
        findings.push({ table, rows, sql: statement, plan, optionalFilter: /\$\d+(::\w+)?\s+IS\s+NULL\s+OR\b/i.test(statement) });
      }
    }
  }
  return { findings, unplanned };
}
