import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "../env";
import { availability, type Availability } from "./availability";
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
    adapter = postgresAdapter(
      { connectionString: e.DATABASE_URL, max: e.DB_POOL_MAX, connectionTimeoutMillis: e.DB_CONNECT_TIMEOUT_MS },
      availability(),
    );
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

/**
 * A pg pool that knows how long its oldest waiter has waited for a connection, so the
 * proxy can refuse new requests (503) before queued ones hit the acquire bound.
 */
class MeasuredPool extends pg.Pool {
  private readonly waiting = new Map<object, number>();

  /** Milliseconds the oldest request still waiting for a connection has waited; 0 when none waits. */
  oldestWaitMs(): number {
    for (const since of this.waiting.values()) return performance.now() - since;
    return 0;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    const ticket = {};
    this.waiting.set(ticket, performance.now());
    const settle = () => this.waiting.delete(ticket);
    if (!callback) return super.connect().finally(settle);
    super.connect((err, client, done) => {
      settle();
      callback(err, client, done);
    });
  }
}

type PoolSettings = { connectionString: string; max: number; connectionTimeoutMillis: number };

/**
 * The PostgreSQL driver adapter: a bounded pool (waiting for a connection gives up after
 * `connectionTimeoutMillis`, so no request hangs on a full pool or a dead server) whose
 * successes and connection-class failures keep `state` current (decision 019).
 */
export function postgresAdapter(settings: PoolSettings, state: Availability) {
  const pool = new MeasuredPool({ ...settings, idleTimeoutMillis: 30_000 });
  state.connect({
    probe: () => pool.query("SELECT 1"),
    oldestWaitMs: () => pool.oldestWaitMs(),
    waiting: () => pool.waitingCount,
    acquireTimeoutMs: settings.connectionTimeoutMillis,
    poolMax: settings.max,
  });
  const factory = new PrismaPg(pool, {
    disposeExternalPool: true,
    // An idle or in-transaction connection dropped (the server restarting): find out now.
    onPoolError: () => state.suspect(),
    onConnectionError: () => state.suspect(),
  });
  return withAvailability(factory, state);
}

/** Reports every statement's outcome (and every transaction start) to `state`. */
function watchQueryable<T extends object>(target: T, state: Availability): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      if (property === "queryRaw" || property === "executeRaw" || property === "startTransaction") {
        return async (...args: unknown[]) => {
          try {
            const result: unknown = await value.apply(object, args);
            state.succeeded();
            return property === "startTransaction" ? watchQueryable(result as object, state) : result;
          } catch (error) {
            state.failed(error);
            throw error;
          }
        };
      }
      return value.bind(object);
    },
  });
}

function withAvailability<F extends object>(factory: F, state: Availability): F {
  return new Proxy(factory, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== "function") return value;
      if (property === "connect") {
        return async (...args: unknown[]) => watchQueryable((await value.apply(object, args)) as object, state);
      }
      return value.bind(object);
    },
  });
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
