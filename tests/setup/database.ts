import pg from "pg";

/** What the global setup hands to each worker (through Vitest's provide/inject). */
export type TestDatabaseInfo = { baseUrl: string; runId: string; template: string };

declare module "vitest" {
  export interface ProvidedContext {
    kringTestDatabase: TestDatabaseInfo | null;
    /** Without TEST_DATABASE_URL: a file holding a migrated PGlite data folder (global-database.ts). */
    kringEmbeddedSnapshot: string | null;
  }
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * The test setup creates and drops databases: refuse anything but a server on this
 * machine, so a TEST_DATABASE_URL copied from a real environment cannot do harm.
 */
export function assertLocalDatabase(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("TEST_DATABASE_URL is not a valid URL");
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new Error(`TEST_DATABASE_URL must be a postgresql:// URL, not ${parsed.protocol}`);
  }
  // libpq-style `?host=` overrides the host part; it must be local as well (or a socket path).
  const hostParam = parsed.searchParams.get("host");
  const hostOk = LOCAL_HOSTS.has(parsed.hostname) && (!hostParam || hostParam.startsWith("/") || LOCAL_HOSTS.has(hostParam));
  if (!hostOk) {
    throw new Error(
      `Refusing to create and drop test databases on "${hostParam ?? parsed.hostname}": ` +
        "TEST_DATABASE_URL must point at 127.0.0.1, localhost or ::1.",
    );
  }
  return parsed;
}

/** The same server and credentials, another database. */
export function databaseUrl(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Our database names are generated; quote them, and refuse anything unexpected. */
export function quoteIdent(name: string): string {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error(`unexpected database name: ${name}`);
  return `"${name}"`;
}

export function workerDatabaseName(info: TestDatabaseInfo, poolId: string): string {
  return `kring_test_${info.runId}_${poolId}`;
}

/** Runs `fn` on a short-lived connection to the maintenance database of TEST_DATABASE_URL. */
export async function withAdmin<T>(baseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
