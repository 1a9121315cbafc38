import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../lib/db/migrations";
import { assertLocalDatabase, databaseUrl, quoteIdent, withAdmin, type TestDatabaseInfo } from "./database";

/**
 * With TEST_DATABASE_URL: creates a template database, migrates it once, and hands its
 * name to the workers, which copy it (`CREATE DATABASE ... TEMPLATE`, see integration.ts).
 * The teardown drops the template and every worker copy of this run.
 * Without TEST_DATABASE_URL each test file uses an in-memory PGlite instead, started from a
 * snapshot of one PGlite migrated here (see embeddedSnapshot).
 */
export default async function setup(project: TestProject) {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    project.provide("kringTestDatabase", null);
    const snapshot = await embeddedSnapshot();
    project.provide("kringEmbeddedSnapshot", snapshot.file);
    return snapshot.remove;
  }
  assertLocalDatabase(baseUrl);
  const runId = randomBytes(4).toString("hex");
  const template = `kring_test_tpl_${runId}`;
  const info: TestDatabaseInfo = { baseUrl, runId, template };

  const dropAll = () =>
    withAdmin(baseUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)",
        [template, `kring_test_${runId}_`],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    });

  await withAdmin(baseUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(template)}`));
  try {
    await withUnrefTimers(() => applyMigrations({ kind: "postgres", url: databaseUrl(baseUrl, template) }));
  } catch (error) {
    await dropAll();
    throw error;
  }
  project.provide("kringTestDatabase", info);
  project.provide("kringEmbeddedSnapshot", null);
  return dropAll;
}

/**
 * Migrates one in-memory PGlite through the app's own start-up path (applyMigrations) and
 * writes its data folder to a file, from which every test file's PGlite starts (integration.ts).
 * Each file used to start an empty PGlite (initdb inside WebAssembly) and apply every migration
 * in its beforeAll: about 5 s on a quiet machine, and past the 60 s hook timeout on a busy one.
 * Loading the snapshot skips both; the beforeAll still runs applyMigrations, which finds nothing
 * pending, as the app does when it starts on an existing folder.
 */
async function embeddedSnapshot(): Promise<{ file: string; remove: () => Promise<void> }> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite("memory://");
  const dir = await mkdtemp(path.join(tmpdir(), "kring-pglite-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await withUnrefTimers(() => applyMigrations({ kind: "pglite", db }));
    const dump = await db.dumpDataDir("none");
    const file = path.join(dir, "migrated.tar");
    await writeFile(file, new Uint8Array(await dump.arrayBuffer()));
    return { file, remove };
  } catch (error) {
    await remove();
    throw error;
  } finally {
    await db.close();
  }
}

/**
 * The schema engine's applyMigrations leaves a 10 s timer behind (see lib/db/migrations.ts),
 * which would keep a short test run alive for those 10 s. Timers made meanwhile are unref'd.
 */
async function withUnrefTimers<T>(fn: () => Promise<T>): Promise<T> {
  const original = globalThis.setTimeout;
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
    const timer = original(...args);
    timer.unref();
    return timer;
  }) as typeof setTimeout;
  try {
    return await fn();
  } finally {
    globalThis.setTimeout = original;
  }
}
