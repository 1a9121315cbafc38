import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../lib/db/migrations";
import { assertLocalDatabase, databaseUrl, quoteIdent, withAdmin, type TestDatabaseInfo } from "./database";

/**
 * With TEST_DATABASE_URL: creates a template database, migrates it once, and hands its
 * name to the workers, which copy it (`CREATE DATABASE ... TEMPLATE`, see integration.ts).
 * The teardown drops the template and every worker copy of this run.
 * Without TEST_DATABASE_URL each worker uses an in-memory PGlite instead.
 */
export default async function setup(project: TestProject) {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    project.provide("kringTestDatabase", null);
    return;
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
  return dropAll;
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
