import { dropRunDatabase } from "./database";
import { e2eDatabase } from "./run-env";

/**
 * Drops this run's database (or PGlite folder). Playwright runs this before it stops
 * the web server, hence DROP ... WITH (FORCE). KRING_E2E_KEEP_DB=1 keeps it for a look.
 */
export default async function globalTeardown(): Promise<void> {
  const db = e2eDatabase();
  if (process.env.KRING_E2E_KEEP_DB === "1") {
    console.log(`[e2e] kept ${db.kind === "postgres" ? db.url : db.dataDir}`);
    return;
  }
  await dropRunDatabase(db);
}
