import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { assertLocalDatabaseUrl, E2E_TMP_DIR, type E2eDatabase } from "./run-env";

/** Leftovers of runs that died without their teardown are removed after this long. */
const STALE_AFTER_SECONDS = 6 * 60 * 60;
const namePattern = /^kring_e2e_(\d+)_[0-9a-f]+$/;

async function withAdmin<T>(adminUrl: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  assertLocalDatabaseUrl(adminUrl);
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

function quoted(name: string): string {
  if (!namePattern.test(name)) throw new Error(`Not an end-to-end database name: ${name}`);
  return `"${name}"`;
}

/** Creates this run's empty database (the app applies the migrations when it starts). */
export async function createRunDatabase(db: E2eDatabase): Promise<void> {
  if (db.kind === "pglite") {
    await sweepStaleDataDirs();
    return;
  }
  await withAdmin(db.adminUrl, async (client) => {
    await sweepStaleDatabases(client);
    await client.query(`CREATE DATABASE ${quoted(db.name)}`);
  });
}

/** Drops this run's database, even while the server still holds connections to it. */
export async function dropRunDatabase(db: E2eDatabase): Promise<void> {
  if (db.kind === "pglite") {
    await rm(db.dataDir, { recursive: true, force: true });
    return;
  }
  await withAdmin(db.adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted(db.name)} WITH (FORCE)`);
  });
}

function isStale(name: string, now = Date.now() / 1000): boolean {
  const created = Number(namePattern.exec(name)?.[1]);
  return Number.isFinite(created) && now - created > STALE_AFTER_SECONDS;
}

/** Runs killed before their teardown leave a database behind: drop old ones nobody is connected to. */
async function sweepStaleDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'kring\\_e2e\\_%'",
  );
  for (const { datname } of rows) {
    if (!isStale(datname)) continue;
    // Without FORCE: a database still in use (a very long run) is left alone.
    await client.query(`DROP DATABASE IF EXISTS ${quoted(datname)}`).catch(() => undefined);
  }
}

async function sweepStaleDataDirs(): Promise<void> {
  const entries = await readdir(E2E_TMP_DIR).catch(() => [] as string[]);
  for (const entry of entries) {
    const match = /^e2e-(\d+_[0-9a-f]+)$/.exec(entry);
    if (!match || !isStale(`kring_e2e_${match[1]}`)) continue;
    const dir = path.join(E2E_TMP_DIR, entry);
    if ((await stat(dir)).isDirectory()) await rm(dir, { recursive: true, force: true });
  }
}
