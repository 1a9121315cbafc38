// `npm run bench:backup`: a backup restores to the same data.
//
// Seeds a fresh database on the local PostgreSQL with the demo networks (lib/db/demo.ts) and the
// funding benchmark's data set (bench/funding.ts: 50 networks, 30,000 pledges, cycles and
// syntheses), takes `pg_dump -Fc`, restores it with `pg_restore` into a new database and
// compares every table: row count and a checksum (md5 of all rows as text, ordered by the
// primary key). Prints one line per table and PASS when every table is identical (and the
// indexes, constraints and row-level security policies are all there). Drops both databases.
//
// Settings: BENCH_DATABASE_URL (a local PostgreSQL server; default the one on 127.0.0.1),
// PG_BIN (the folder of pg_dump/pg_restore; default the newest /usr/lib/postgresql/*/bin).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { seed as seedFunding } from "../funding";
import { withFreshDatabase } from "../support";
import { pgBin, seedDemoInto } from "./cluster";
import { printChecks, type Check } from "./harness/report";
import { faultSettings } from "./harness/settings";

const s = faultSettings({ port: 3452 });

type TableSum = { table: string; rows: number; md5: string };

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Every table of the public schema: row count and md5 of its rows in primary-key order. */
function checksums(url: string): Promise<TableSum[]> {
  return withClient(url, async (c) => {
    const { rows: tables } = await c.query<{ table: string; pk: string[] | null }>(`
      SELECT t.relname AS table,
             (SELECT array_agg(a.attname::text ORDER BY k.ord)
                FROM pg_index i
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
               WHERE i.indrelid = t.oid AND i.indisprimary) AS pk
        FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND t.relkind IN ('r', 'p')
       ORDER BY t.relname`);
    const sums: TableSum[] = [];
    for (const { table, pk } of tables) {
      const order = pk?.length ? pk.map((col) => `t.${quote(col)}`).join(", ") : "t::text";
      const { rows } = await c.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY ${order}), '')) AS md5 FROM ${quote(table)} t`,
      );
      sums.push({ table, rows: rows[0]!.rows, md5: rows[0]!.md5 });
    }
    return sums;
  });
}

/** Indexes, constraints and policies of the public schema, as sorted names (definitions for policies). */
function schemaObjects(url: string): Promise<{ indexes: string[]; constraints: string[]; policies: string[] }> {
  return withClient(url, async (c) => {
    const names = async (sql: string) => (await c.query<{ name: string }>(sql)).rows.map((r) => r.name);
    return {
      indexes: await names(`SELECT indexname || ' ' || indexdef AS name FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`),
      constraints: await names(
        `SELECT conrelid::regclass || '.' || conname || ' ' || pg_get_constraintdef(oid) AS name FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`,
      ),
      policies: await names(
        `SELECT tablename || '.' || policyname || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '') AS name FROM pg_policies WHERE schemaname = 'public' ORDER BY 1`,
      ),
    };
  });
}

function run(tool: string, args: string[]): number {
  const started = Date.now();
  const result = spawnSync(pgBin(tool), args, { encoding: "utf8", timeout: 600_000 });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.error?.message ?? ""}${result.stderr}`);
  return Date.now() - started;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function main() {
  await withFreshDatabase(s.serverUrl, "kring_backup", async (url) => {
    const t0 = Date.now();
    await seedFunding(url); // first: it builds milestones for every initiative in the database
    const demo = await seedDemoInto(url);
    console.log(`seeded the demo networks (${demo.join(", ")}) and the funding data set in ${Date.now() - t0} ms`);

    const dir = mkdtempSync(path.join(tmpdir(), "kring-backup-"));
    const file = path.join(dir, "kring.dump");
    const restoreName = `kring_restore_${Date.now().toString(36)}`;
    const restoreUrl = new URL(url);
    restoreUrl.pathname = `/${restoreName}`;
    try {
      const dumpMs = run("pg_dump", ["-Fc", "-f", file, url]);
      console.log(`pg_dump -Fc: ${(statSync(file).size / 1024).toFixed(0)} KiB in ${dumpMs} ms`);
      await withClient(s.serverUrl, (c) => c.query(`CREATE DATABASE ${quote(restoreName)}`));
      const restoreMs = run("pg_restore", ["--exit-on-error", "--no-owner", "-d", restoreUrl.toString(), file]);
      console.log(`pg_restore into ${restoreName}: ${restoreMs} ms`);

      const [source, restored] = [await checksums(url), await checksums(restoreUrl.toString())];
      const byName = new Map(restored.map((r) => [r.table, r]));
      console.log(`\n${"table".padEnd(22)} ${"rows".padStart(8)} ${"restored".padStart(9)}  checksum (md5 of rows by primary key)   same`);
      let identical = source.length === restored.length;
      for (const a of source) {
        const b = byName.get(a.table);
        const same = !!b && b.rows === a.rows && b.md5 === a.md5;
        identical &&= same;
        console.log(`${a.table.padEnd(22)} ${String(a.rows).padStart(8)} ${String(b?.rows ?? "-").padStart(9)}  ${a.md5}  ${same ? "yes" : "NO"}`);
      }
      const totalRows = source.reduce((n, t) => n + t.rows, 0);
      const [before, after] = [await schemaObjects(url), await schemaObjects(restoreUrl.toString())];
      const checks: Check[] = [
        {
          name: "every table identical after restore",
          ok: identical && source.every((t) => t.rows >= 0) && totalRows > 0,
          detail: `${source.length} tables, ${totalRows} rows, counts and checksums ${identical ? "equal" : "DIFFER"}`,
        },
        {
          name: "indexes, constraints and policies restored",
          ok: sameList(before.indexes, after.indexes) && sameList(before.constraints, after.constraints) && sameList(before.policies, after.policies),
          detail: `${after.indexes.length}/${before.indexes.length} indexes, ${after.constraints.length}/${before.constraints.length} constraints, ${after.policies.length}/${before.policies.length} policies`,
        },
      ];
      process.exitCode = printChecks(checks) ? 0 : 1;
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await withClient(s.serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quote(restoreName)} WITH (FORCE)`));
    }
  });
}

await main();
