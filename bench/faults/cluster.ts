// Shared by `bench:db-restart`, `bench:pool` and `bench:backup`: a throwaway PostgreSQL cluster
// (initdb into a temporary folder, pg_ctl on its own port, so stopping it never touches the
// machine's server), the demo networks seeded through the app's own code, a loop of GETs
// that records every answer, and the PostgreSQL client binaries.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** The PostgreSQL binaries: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin, else PATH. */
export function pgBin(tool: string): string {
  if (process.env.PG_BIN) return path.join(process.env.PG_BIN, tool);
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, "bin", tool)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], "bin", tool);
  }
  return tool;
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL server tool; as root through `runuser -u postgres` (initdb refuses root). */
function runPg(tool: string, args: string[]): SpawnSyncReturns<string> {
  const [command, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", pgBin(tool), ...args]] : [pgBin(tool), args];
  return spawnSync(command, argv, { encoding: "utf8", timeout: 120_000 });
}

function check(result: SpawnSyncReturns<string>, what: string): void {
  if (result.status !== 0) throw new Error(`${what} failed: ${result.error?.message ?? ""}${result.stderr}${result.stdout}`);
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export type Cluster = {
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** pg_ctl stop -m fast: connections are terminated, new ones refused. */
  stop: () => void;
  start: () => void;
  /** Stops the server and removes the folder; safe to call twice. */
  destroy: () => void;
};

/**
 * initdb + pg_ctl start on `port` (trust authentication on 127.0.0.1 only, no fsync: the
 * data is thrown away). The folder and the server go away on destroy(), on exit and on
 * SIGINT/SIGTERM, whatever happens in between.
 */
export async function createCluster(port: number): Promise<Cluster> {
  if (await portInUse(port)) throw new Error(`port ${port} is in use; set FAULT_PG_PORT to a free one`);
  const dir = mkdtempSync(path.join(tmpdir(), "kring-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  if (asRoot) {
    const ids = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gids = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (ids.status !== 0) throw new Error("running as root needs the postgres OS user (initdb refuses root)");
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  let destroyed = false;
  let running = false;
  const start = () => {
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
    check(runPg("pg_ctl", ["-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"]), "pg_ctl start");
    running = true;
  };
  const stop = () => {
    check(runPg("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]), "pg_ctl stop");
    running = false;
  };
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    if (running) runPg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", destroy);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      destroy();
      process.exit(130);
    });
  }
  try {
    check(runPg("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]), "initdb");
    start();
  } catch (error) {
    const tail = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
    destroy();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tail}`);
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, port, stop, start, destroy };
}

/** Seeds the demo networks into `url` through the app's own seeding (lib/db/demo.ts). */
export async function seedDemoInto(url: string): Promise<string[]> {
  process.env.DATABASE_URL = url;
  const { closeDatabase, dbSystem } = await import("../../lib/db/client");
  const { seedDemo } = await import("../../lib/db/demo");
  try {
    return await seedDemo(dbSystem());
  } finally {
    await closeDatabase();
  }
}

export type Answer = { at: number; path: string; status: number; ms: number; retryAfter: boolean; body: string };

/**
 * `workers` loops of GETs over `paths` (round robin) until `until()` is true. A request that
 * does not answer within `hangMs` is aborted and recorded with status 0 (a hang).
 */
export async function getLoop(
  base: string,
  paths: string[],
  options: { workers: number; hangMs: number; until: () => boolean; headers?: Record<string, string> },
): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  const worker = async () => {
    while (!options.until()) {
      const p = paths[next++ % paths.length]!;
      const started = Date.now();
      try {
        const res = await fetch(base + p, {
          headers: { accept: "text/html", ...options.headers },
          signal: AbortSignal.timeout(options.hangMs),
          redirect: "manual",
        });
        const body = await res.text();
        answers.push({ at: started, path: p, status: res.status, ms: Date.now() - started, retryAfter: res.headers.has("retry-after"), body });
      } catch {
        answers.push({ at: started, path: p, status: 0, ms: Date.now() - started, retryAfter: false, body: "" });
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  return answers;
}

/** Counts of answers by status, e.g. "200:412 503:96". */
export function statusCounts(answers: Answer[]): string {
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([status, n]) => `${status === 0 ? "hung" : status}:${n}`)
    .join(" ");
}
