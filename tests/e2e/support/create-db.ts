// Run by the Playwright webServer command just before `next start`: Playwright starts the
// web server before globalSetup, so the database has to exist by then. The runner chose
// the run id (tests/playwright.config.ts) and passed it down in the environment.
import { createRunDatabase } from "./database";
import { e2eDatabase } from "./run-env";

if (!process.env.KRING_E2E_RUN_ID) {
  console.error("create-db: KRING_E2E_RUN_ID is not set; run this through `playwright test --config tests/playwright.config.ts`.");
  process.exit(1);
}

const db = e2eDatabase();
await createRunDatabase(db);
console.log(db.kind === "postgres" ? `[e2e] created database ${db.name}` : `[e2e] using embedded PGlite in ${db.dataDir}`);
