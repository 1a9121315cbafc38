// The parts the fault scripts (`npm run bench:writes`, `bench:crash`, `bench:stop`, `bench:pool`,
// `bench:db-restart`, `bench:backup`) are built from, one concern per module:
// - settings.ts: the settings from the environment, the build's directory, a pause;
// - server.ts: `next start` as a child process a script can stop or kill;
// - seed.ts: the fault world in a PostgreSQL database (writers, networks, a fund);
// - actions.ts: server actions called over HTTP as the browser calls them;
// - load.ts: writers in a loop, every attempt recorded;
// - report.ts: the figures, and the SQL checks that every acknowledged write was kept.
// The clusters and backups the database faults need are in ../cluster.ts. Figures and one
// PASS/FAIL line per property; a fault script exits 1 when a property fails.
export const distDir = () => process.env.KRING_DIST_DIR || ".next";

export type FaultSettings = {
  writers: number;
  seconds: number;
  port: number;
  base: string;
  serverUrl: string;
  timeoutMs: number;
};

/** FAULT_WRITERS (20), FAULT_SECONDS (20), FAULT_PORT, FAULT_TIMEOUT_MS (30,000), BENCH_DATABASE_URL. */
export function faultSettings(defaults: { port: number; seconds?: number; writers?: number }): FaultSettings {
  const writers = Number(process.env.FAULT_WRITERS ?? defaults.writers ?? 20);
  const seconds = Number(process.env.FAULT_SECONDS ?? defaults.seconds ?? 20);
  const port = Number(process.env.FAULT_PORT ?? defaults.port);
  const timeoutMs = Number(process.env.FAULT_TIMEOUT_MS ?? 30_000);
  for (const [name, value] of Object.entries({ writers, seconds, port, timeoutMs })) {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  }
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  return { writers, seconds, port, base: `http://localhost:${port}`, serverUrl, timeoutMs };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
