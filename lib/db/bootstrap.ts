import { env } from "../env";
import { dbSystem, embeddedDatabase } from "./client";
import { seedDemo } from "./demo";
import { backfillSearchVectors } from "@/lib/search/mutations";
import { applyMigrations } from "./migrations";
import { renderMissingTexts } from "./render-backfill";

let prepared: Promise<void> | undefined;

/**
 * Brings the database up to date before the first request: pending migrations
 * are applied (to the embedded PGlite, or to DATABASE_URL under an advisory lock
 * so several instances can start at once), and a fresh database gets the demo
 * networks when seeding is on. Runs once per process.
 */
export function prepareDatabase(opts: { seed?: boolean } = {}): Promise<void> {
  prepared ??= (async () => {
    const e = env();
    const pglite = embeddedDatabase();
    const applied = pglite
      ? await applyMigrations({ kind: "pglite", db: pglite })
      : await applyMigrations({ kind: "postgres", url: e.DATABASE_URL ?? "" });
    if (applied.length) console.log(`[kring] applied migrations: ${applied.join(", ")}`);
    // Rows written before search existed (or by scripts that bypass the mutations) get their vectors.
    const indexed = await backfillSearchVectors(dbSystem());
    if (indexed.threads || indexed.replies) {
      console.log(`[kring] indexed for search: ${indexed.threads} threads, ${indexed.replies} replies`);
    }
    if ((opts.seed ?? true) && e.seedDemo && (await dbSystem().user.count()) === 0) {
      const created = await seedDemo(dbSystem());
      if (created.length) console.log(`[kring] seeded demo networks: ${created.join(", ")}`);
    }
    // Markdown texts without stored HTML (older rows, scripted imports, a renderer change) get it once.
    const texts = await renderMissingTexts(dbSystem());
    if (Object.values(texts).some((n) => n > 0)) {
      console.log(`[kring] rendered: ${Object.entries(texts).map(([table, n]) => `${n} ${table}`).join(", ")}`);
    }
  })();
  return prepared;
}
