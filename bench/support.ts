// Shared by the benchmarks: a fresh PostgreSQL database, `next start` on it, and
// autocannon measurements. Figures, never assertions: a benchmark fails no test run.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import autocannon from "autocannon";
import pg from "pg";
import { applyMigrations } from "../lib/db/migrations";

export type Row = {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** The bare page's req/s measured around this row (bench/budgets.ts), to take its share against. */
  baseline?: number;
};

export type BenchSettings = { connections: number; seconds: number; port: number };

/** BENCH_CONNECTIONS, BENCH_SECONDS and BENCH_PORT, with a bench's own defaults. */
export function settings(defaults: BenchSettings): BenchSettings & { base: string; serverUrl: string } {
  const connections = Number(process.env.BENCH_CONNECTIONS ?? defaults.connections);
  const seconds = Number(process.env.BENCH_SECONDS ?? defaults.seconds);
  const port = Number(process.env.BENCH_PORT ?? defaults.port);
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  return { connections, seconds, port, base: `http://localhost:${port}`, serverUrl };
}

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`The benchmark creates and drops a database; refusing a non-local server (${host}).`);
  }
}

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `body` with a fresh, migrated database on the local server (`prefix_<time>`),
 * dropped afterwards whatever happens. Needs a production build, unless the bench starts no server
 * (`{ server: false }`).
 */
export async function withFreshDatabase<T>(
  serverUrl: string,
  prefix: string,
  body: (url: string) => Promise<T>,
  options: { server: boolean } = { server: true },
): Promise<T> {
  assertLocal(serverUrl);
  if (options.server && !existsSync(`${process.env.KRING_DIST_DIR || ".next"}/BUILD_ID`)) {
    throw new Error("No production build: run `npm run build` first.");
  }
  const name = `${prefix}_${Date.now().toString(36)}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  try {
    await applyMigrations({ kind: "postgres", url: u.toString() });
    return await body(u.toString());
  } finally {
    await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

async function waitFor(url: string, child: ChildProcess) {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error("next start exited early");
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within a minute`);
}

/**
 * `next start` on `databaseUrl`, ready when /api/health answers; returns its stop.
 * BENCH_PROFILE_DIR writes a V8 CPU profile of the server there (open it in Chrome's
 * DevTools). Refuses a port another server already answers on.
 */
export async function startServer(base: string, port: number, databaseUrl: string): Promise<() => Promise<void>> {
  if (await fetch(`${base}/api/health`).then(() => true, () => false)) throw new Error(`port ${port} is in use`);
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const server = spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KRING_ENV: "test",
      KRING_PUBLIC_URL: base,
      KRING_SEED_DEMO: "0",
      KRING_JOBS: "0",
      AUTH_SECRET: "kring-bench-secret-kring-bench-secret",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  await waitFor(`${base}/api/health`, server);
  return async () => {
    if (server.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
  };
}

/** With BENCH_HOLD=1: print where the seeded server is and wait for SIGINT/SIGTERM. */
export async function holdIfAsked(what: string): Promise<boolean> {
  if (process.env.BENCH_HOLD !== "1") return false;
  console.log(`holding: ${what}`);
  await new Promise((r) => {
    process.once("SIGINT", r);
    process.once("SIGTERM", r);
  });
  return true;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One autocannon run; latencies are collected per response so p95 is exact. */
function run(
  s: BenchSettings & { base: string },
  path: string,
  cookie: string,
  duration: number,
): Promise<{ result: autocannon.Result; latencies: number[] }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url: s.base + path, connections: s.connections, duration, headers: { cookie } }, (error, result) =>
      error ? reject(error) : resolve({ result, latencies }),
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
}

/** A warm-up, then a measured run of `path` as the person behind `cookie`. */
export async function measure(s: BenchSettings & { base: string }, name: string, path: string, cookie: string): Promise<Row> {
  await run(s, path, cookie, 2); // warm-up: caches and the pool are hot
  const { result, latencies } = await run(s, path, cookie, s.seconds);
  latencies.sort((a, b) => a - b);
  return {
    name,
    rps: result.requests.average,
    p50: Math.round(percentile(latencies, 50)),
    p95: Math.round(percentile(latencies, 95)),
    p99: Math.round(percentile(latencies, 99)),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Loads every target in turn before anything is measured (3 s each, twice round): a fresh
 * `next start` serves its first thousands of requests slower while V8 compiles the renderer, and
 * the first target measured would otherwise carry that alone (the bare page, 25% slower).
 */
export async function warmUp(s: BenchSettings & { base: string }, targets: { path: string; cookie: string }[]): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (const t of targets) await run(s, t.path, t.cookie, 3);
  }
}

/** The figures as a table; `vs` adds each row's throughput as a share of that row's (or of the row's own `baseline`). */
export function printRows(s: BenchSettings, rows: Row[], vs?: Row): void {
  console.log(`\n${s.connections} connections, ${s.seconds} s per target, ${new Date().toISOString()}`);
  console.log(`target                           req/s    p50 ms    p95 ms  p99 ms${vs ? "  vs bare page" : ""}  errors`);
  for (const r of rows) {
    const share = vs ? `${((r.rps / (r.baseline ?? vs.rps)) * 100).toFixed(0).padStart(11)}%` : "";
    console.log(
      `${r.name.padEnd(30)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p95).padStart(9)} ${String(r.p99).padStart(7)}${share ? ` ${share}` : ""}  ${r.errors + r.non2xx}`,
    );
  }
}
