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

beforeAll(async () => {
  const pglite = embeddedDatabase();
  if (pglite) await applyMigrations({ kind: "pglite", db: pglite });
  const rows = await dbSystem().$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
    ORDER BY tablename`;
  tables = rows.map((r) => r.tablename);
});

beforeEach(async () => {
  resetRequest();
  vi.clearAllMocks();
  await executeAsOwner(`TRUNCATE ${tables.map((t) => `"${t}"`).join(", ")} CASCADE`);
});

afterAll(async () => {
  await closeDatabase();
});
