// Runs in each integration worker before each test file: picks the database, mocks
// the Next.js request context and Auth.js, and empties the tables before each test.
import { afterAll, beforeAll, beforeEach, inject, vi } from "vitest";
import { closeDatabase, dbSystem, embeddedDatabase, executeAsOwner } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { databaseUrl, quoteIdent, withAdmin, workerDatabaseName } from "./database";
import { resetRequest } from "./session";

vi.mock("@/lib/auth/config", async () => {
  const { currentSession } = await import("./session");
  return {
    auth: vi.fn(async () => currentSession()),
    signIn: vi.fn(async () => undefined),
    signOut: vi.fn(async () => undefined),
    handlers: { GET: vi.fn(), POST: vi.fn() },
  };
});

// Without TEST_DATABASE_URL, lib/db opens `new PGlite("memory://")`: start it from the migrated
// snapshot the global setup wrote (global-database.ts) instead of an empty folder. Every other
// PGlite (a folder, or the schema check's `new PGlite()`) is left as it is.
vi.mock("@electric-sql/pglite", async (importOriginal) => {
  const pglite = await importOriginal<typeof import("@electric-sql/pglite")>();
  const file = inject("kringEmbeddedSnapshot");
  if (!file) return pglite;
  const { readFile } = await import("node:fs/promises");
  const snapshot = new Blob([new Uint8Array(await readFile(file))]);
  class MigratedPGlite extends pglite.PGlite {
    constructor(dataDir?: string, options?: import("@electric-sql/pglite").PGliteOptions) {
      super(dataDir, dataDir === "memory://" && !options?.loadDataDir ? { ...options, loadDataDir: snapshot } : options);
    }
  }
  return { ...pglite, PGlite: MigratedPGlite };
});

vi.mock("next/cache", () => ({
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  updateTag: vi.fn(),
  refresh: vi.fn(),
}));

vi.mock("next/headers", async () => {
  const { cookieJar, requestHeaders } = await import("./session");
  return {
    cookies: vi.fn(async () => cookieJar),
    headers: vi.fn(async () => requestHeaders),
  };
});

// lib/env.ts parses process.env on first use (the first dbSystem() call), so this only has
// to run before any test touches the database, not before the imports above.
const shared = inject("kringTestDatabase");
if (shared) {
  const name = workerDatabaseName(shared, process.env.VITEST_POOL_ID ?? "0");
  // One copy per worker, made on its first test file and reused by the next ones
  // (files in one worker run one after another; the tables are emptied before each test).
  await withAdmin(shared.baseUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(shared.template)}`);
  });
  process.env.DATABASE_URL = databaseUrl(shared.baseUrl, name);
  process.env.DB_POOL_MAX = "4";
  delete process.env.KRING_DATA_DIR;
} else {
  delete process.env.DATABASE_URL;
  process.env.KRING_DATA_DIR = "memory://";
}
process.env.KRING_SEED_DEMO = "0";
// The writes budget (decision 028) stays on, so every action's count and refund run in every
// test (the matrix and the fuzz test check that refusals leave the database as it was), but
// high enough that no test reaches it by accident (hostile-input.test.ts saves one profile 515
// times); tests of the budget fill a person's counter up to it.
process.env.KRING_RATE_WRITES = "1000000/1h";

let tables: string[] = [];
let cheapReset = true;

beforeAll(async () => {
  const pglite = embeddedDatabase();
  if (pglite) await applyMigrations({ kind: "pglite", db: pglite });
  const rows = await dbSystem().$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
    ORDER BY tablename`;
  tables = rows.map((r) => r.tablename);
});

/**
 * Empties every table before each test. A test fills a few tables; TRUNCATE of all of them
 * makes new files for every table and index (about 0.2 s on PGlite, 0.5 s on a busy machine,
 * paid by every test). Instead: DELETE from the tables that hold rows, with triggers and
 * foreign-key checks off for the transaction (`session_replication_role = replica`), which is
 * safe because every table ends empty. As the tables' owner, a superuser (as in PGlite and the
 * local PostgreSQL of TEST_DATABASE_URL) sees every row whatever the row-level policies. A
 * user who may not set the replication role gets the TRUNCATE.
 */
async function emptyTables(): Promise<void> {
  if (cheapReset) {
    try {
      await executeAsOwner(`DO $$
        DECLARE t text; filled boolean;
        BEGIN
          PERFORM set_config('session_replication_role', 'replica', true);
          FOREACH t IN ARRAY ARRAY[${tables.map((t) => `'${t}'`).join(", ")}]::text[] LOOP
            EXECUTE format('SELECT EXISTS (SELECT FROM %I)', t) INTO filled;
            IF filled THEN EXECUTE format('DELETE FROM %I', t); END IF;
          END LOOP;
        END $$`);
      return;
    } catch (error) {
      if (!(error instanceof Error) || !/permission denied|42501/.test(error.message)) throw error;
      cheapReset = false;
    }
  }
  await executeAsOwner(`TRUNCATE ${tables.map((t) => `"${t}"`).join(", ")} CASCADE`);
}

beforeEach(async () => {
  resetRequest();
  vi.clearAllMocks();
  await emptyTables();
});

afterAll(async () => {
  await closeDatabase();
});
