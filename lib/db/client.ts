import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "../env";
import { PrismaClient } from "./generated/client";
import { withQueryLog } from "./query-log";
import { tenantGuard } from "./tenant-guard";

/**
 * The one database handle of a process. With DATABASE_URL it is a bounded pool on
 * that PostgreSQL; without, an in-process PGlite in KRING_DATA_DIR (or in memory
 * for `memory://`). Kept on globalThis so Next's dev reloads reuse it: PGlite is
 * one connection and must never be opened twice on the same folder.
 */
function createClient() {
  const e = env();
  let pglite: PGlite | undefined;
  let adapter: ConstructorParameters<typeof PrismaClient>[0]["adapter"] & object;
  if (e.DATABASE_URL) {
    adapter = new PrismaPg({
      connectionString: e.DATABASE_URL,
      max: e.DB_POOL_MAX,
      connectionTimeoutMillis: e.DB_CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
    });
  } else {
    const dir = e.KRING_DATA_DIR === "memory://" ? "memory://" : path.resolve(e.KRING_DATA_DIR, "pglite");
    if (dir !== "memory://") mkdirSync(dir, { recursive: true });
    pglite = new PGlite(dir);
    // pglite-prisma-adapter pins an older @prisma/driver-adapter-utils; the
    // factory is the same at run time, only its declared type differs.
    adapter = new PrismaPGlite(pglite) as unknown as typeof adapter;
  }
  const prisma = new PrismaClient({
    adapter: withQueryLog(adapter),
    omit: { invitation: { tokenHash: true } },
  }).$extends(tenantGuard);
  return { prisma, pglite };
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

export type Db = Handle["prisma"];
type TransactionFn = Extract<Parameters<Db["$transaction"]>[0], (...args: never[]) => unknown>;
/** The client inside an interactive transaction. */
export type Tx = Parameters<TransactionFn>[0];

/** The Prisma client. Import only from lib/db and lib/<domain>/{queries,mutations}.ts. */
export function db(): Db {
  return handle().prisma;
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
  if (shutdownRegistered || typeof process.once !== "function") return;
  shutdownRegistered = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      // A PGlite folder left open by a killed process can hang the next start.
      void closeDatabase().finally(() => process.exit(0));
    });
  }
}
