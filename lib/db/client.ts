import "server-only";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { env } from "../env";
import { availability } from "./availability";
import { openEmbedded } from "./pglite";
import { postgresAdapter } from "./postgres";
import { ALL_NETWORKS, NO_NETWORK, networksSetting, type TenantSetting } from "./tenant-context";
import { bindTenantSetting, createPrisma, type Db, type DriverAdapter } from "./tenant-binding";
import type { NetworkProof } from "./tenant-proof";

// The public door to the database: `db(scope)`, `dbAcross`, `dbSystem` and the process's handle.
// The rest of lib/db, by concern:
// - postgres.ts: the PostgreSQL pool, its tenant-bound connections and availability reporting;
// - pglite.ts: the embedded PGlite and its per-statement tenant setting;
// - tenant-binding.ts: the Prisma client and its binding to a tenant setting (Prisma-internal rewrites);
// - tenant-context.ts: the setting itself; tenant-guard.ts: the network filter check;
// - tenant-proof.ts: the NetworkScope / NetworkRef types that lib/membership/scope.ts mints.

export type { Db, Tx } from "./tenant-binding";
export { postgresAdapter };

/**
 * The one database handle of a process. With DATABASE_URL it is a bounded pool on
 * that PostgreSQL; without, an in-process PGlite in KRING_DATA_DIR (or in memory
 * for `memory://`). Kept on globalThis so Next's dev reloads reuse it: PGlite is
 * one connection and must never be opened twice on the same folder.
 */
function createClient() {
  const e = env();
  let pglite: PGlite | undefined;
  let adapter: DriverAdapter;
  if (e.DATABASE_URL) {
    adapter = postgresAdapter(
      { connectionString: e.DATABASE_URL, max: e.DB_POOL_MAX, connectionTimeoutMillis: e.DB_CONNECT_TIMEOUT_MS },
      availability(),
    );
  } else {
    const embedded = openEmbedded(e.KRING_DATA_DIR === "memory://" ? "memory://" : path.resolve(e.KRING_DATA_DIR, "pglite"));
    pglite = embedded.pglite;
    adapter = embedded.adapter as DriverAdapter;
  }
  return { prisma: createPrisma(adapter), pglite };
}

type Handle = ReturnType<typeof createClient>;
const store = globalThis as typeof globalThis & { __kringDb?: Handle };

function handle(): Handle {
  if (!store.__kringDb) {
    store.__kringDb = createClient();
    registerShutdown();
  }
  return store.__kringDb;
}

const bound = new Map<TenantSetting, Db>();
const BOUND_MAX = 1_000;

function client(setting: TenantSetting): Db {
  let found = bound.get(setting);
  if (!found) {
    if (bound.size >= BOUND_MAX) bound.clear();
    found = bindTenantSetting(handle().prisma, setting);
    bound.set(setting, found);
  }
  return found;
}

/**
 * The Prisma client. Import only from lib/db and lib/<domain>/{queries,mutations}.ts.
 * - `db(scope)`: the rows of the scope's network, and the shared tables;
 * - `db()`: the shared tables only (users, networks, sessions); PostgreSQL shows no tenant row.
 * Cross-network reads go through `dbAcross` and `dbSystem` (decision 022).
 */
export function db(scope?: NetworkProof): Db {
  return client(scope ? networksSetting([scope.networkId]) : NO_NETWORK);
}

/**
 * A reviewed cross-network read: the rows of exactly these networks (a person's own
 * networks, found through `kring_member_networks`, or the public directory's page).
 */
export function dbAcross(networkIds: readonly string[]): Db {
  return client(networkIds.length ? networksSetting(networkIds) : NO_NETWORK);
}

/** Every network's rows: start-up, background jobs, seeding, tests. Never for a request's own reads. */
export function dbSystem(): Db {
  return client(ALL_NETWORKS);
}

/**
 * Runs `sql` as the owner of the tables (for test and benchmark housekeeping such as
 * TRUNCATE, which the application role may not do). One transaction; the role falls back
 * to the application's at its end.
 */
export async function executeAsOwner(sql: string): Promise<void> {
  await handle().prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL ROLE NONE");
    await tx.$executeRawUnsafe(sql);
  });
}

/** The embedded PGlite instance, when there is one (for migrations on start). */
export function embeddedDatabase(): PGlite | undefined {
  return handle().pglite;
}

export async function closeDatabase(): Promise<void> {
  const h = store.__kringDb;
  if (!h) return;
  store.__kringDb = undefined;
  await h.prisma.$disconnect();
  if (h.pglite && !h.pglite.closed) await h.pglite.close();
}

let shutdownRegistered = false;
function registerShutdown(): void {
  // Inside the Next server, instrumentation-node.ts closes the database after the requests under way.
  if (process.env.NEXT_RUNTIME) return;
  if (shutdownRegistered || typeof process.once !== "function") return;
  shutdownRegistered = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      // A PGlite folder left open by a killed process can hang the next start.
      void closeDatabase().finally(() => process.exit(0));
    });
  }
}
