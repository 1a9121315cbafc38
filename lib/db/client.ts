import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "../env";
import { availability, type Availability } from "./availability";
import type { NetworkRef, NetworkScope } from "@/lib/membership/scope";
import { PrismaClient } from "./generated/client";
import { withQueryLog } from "./query-log";
import {
  ALL_NETWORKS,
  APP_ROLE,
  currentTenantSetting,
  NO_NETWORK,
  networksSetting,
  runWithTenantSetting,
  setTenantSql,
  touchesTenantTable,
  type TenantSetting,
} from "./tenant-context";
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
    adapter = new PrismaPGlite(withTenantSettingPGlite(pglite)) as unknown as typeof adapter;
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

  constructor(config: pg.PoolConfig) {
    super({ ...config, Client: TenantClient });
    // pg-pool's own query() hands the connection over in a callback, which can run in the
    // async context of whichever request released it; this one stays in the caller's, so
    // the statement carries the caller's tenant setting.
    (this as { query: unknown }).query = async (config: pg.QueryConfig) => {
      const client = await this.connect();
      try {
        const result = await client.query(config);
        client.release();
        return result;
      } catch (error) {
        client.release(error instanceof Error ? error : true);
        throw error;
      }
    };
  }

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
    // The statements of this checkout carry the setting of where it was asked for: a
    // transaction's start (Prisma may send its statements from another request's context,
    // batched per tick) or one statement (MeasuredPool.query).
    const setting = currentTenantSetting();
    const pin = (client: pg.PoolClient | undefined) => {
      if (client instanceof TenantClient) client.pinned = setting;
      return client;
    };
    const settle = () => this.waiting.delete(ticket);
    if (!callback) return super.connect().then((client) => pin(client)!).finally(settle);
    super.connect((err, client, done) => {
      settle();
      callback(err, pin(client), done);
    });
  }
}

const SET_ROLE_AND_TENANT = "SELECT set_config('role', $1, false), set_config('app.network_ids', $2, false)";
const SET_TENANT = "SELECT set_config('app.network_ids', $1, false)";
const TRANSACTION_CONTROL = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b/;

/**
 * A PostgreSQL connection that runs every statement Prisma sends as the application role
 * with the tenant setting of the checkout under way (decision 022). The setting is
 * kept on the session and sent again only when it changes, so a request that stays in one
 * network pays one extra round trip per connection, not per statement. A setting made inside
 * a transaction dies with a rollback, so after any transaction that changed it the next
 * statement sets it again.
 */
class TenantClient extends pg.Client {
  /** The setting of the checkout under way, taken where it began (see MeasuredPool.connect). */
  pinned: TenantSetting = NO_NETWORK;
  private applied: TenantSetting | undefined;
  private inTransaction = false;
  private changedInTransaction = false;

  override query(...args: unknown[]): never {
    const [config] = args;
    const text = typeof config === "object" && config !== null && "text" in config ? config.text : undefined;
    // Only Prisma's statements (one config object, promise style) are ours to scope.
    if (args.length !== 1 || typeof text !== "string") return (super.query as (...a: unknown[]) => never)(...args);
    return this.scoped(config as pg.QueryConfig, text) as never;
  }

  private async scoped(config: pg.QueryConfig, text: string): Promise<pg.QueryResult> {
    const control = TRANSACTION_CONTROL.exec(text)?.[1];
    const want = this.pinned;
    // A fresh connection takes the role (and a setting) at its first statement; after that the
    // setting changes only for statements that name a tenant table.
    const fresh = this.applied === undefined;
    if (!control && (fresh || (want !== this.applied && touchesTenantTable(text)))) {
      // The role only on a fresh session: a transaction may have left it on purpose (executeAsOwner).
      if (fresh) await super.query(SET_ROLE_AND_TENANT, [APP_ROLE, want]);
      else await super.query(SET_TENANT, [want]);
      this.applied = want;
      if (this.inTransaction) this.changedInTransaction = true;
    }
    if (control === "BEGIN") this.inTransaction = true;
    try {
      return await super.query(config);
    } finally {
      if (control === "COMMIT" || control === "ROLLBACK") {
        this.inTransaction = false;
        if (this.changedInTransaction) this.applied = undefined;
        this.changedInTransaction = false;
      }
    }
  }
}

/**
 * PGlite is one connection shared by every request, so a session setting could be changed
 * by another request between setting it and the statement. A statement that may see tenant
 * rows therefore runs in its own short transaction with the setting made local to it; a
 * Prisma transaction takes the setting of where it started, made local to it.
 */
function withTenantSettingPGlite(pglite: PGlite): PGlite {
  type Tx = Parameters<Parameters<PGlite["transaction"]>[0]>[0];
  const scopedTx = (tx: Tx, want: TenantSetting): Tx => {
    let applied: TenantSetting = NO_NETWORK;
    return new Proxy(tx, {
      get(target, property) {
        if (property === "query") {
          return async (...args: Parameters<Tx["query"]>) => {
            if (want !== applied) {
              await target.query(setTenantSql(true), [want]);
              applied = want;
            }
            return target.query(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return new Proxy(pglite, {
    get(target, property) {
      if (property === "query") {
        return async (...args: Parameters<PGlite["query"]>) => {
          const want = currentTenantSetting();
          if (want === NO_NETWORK || !touchesTenantTable(args[0])) return target.query(...args);
          return target.transaction(async (tx) => {
            await tx.query(setTenantSql(true), [want]);
            return tx.query(...args);
          });
        };
      }
      if (property === "transaction") {
        // The setting of where the transaction starts, for all its statements (Prisma may
        // send them from another request's context, batched per tick).
        return <T>(fn: (tx: Tx) => Promise<T>) => {
          const want = currentTenantSetting();
          return target.transaction((tx) => fn(scopedTx(tx, want)));
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
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

type Base = Handle["prisma"];

/**
 * Binds a client to one tenant setting: every operation it starts, and every transaction
 * (its start, its callback and its statements), runs with it.
 */
function bind(base: Base, setting: TenantSetting) {
  const extended = base.$extends({
    name: "kring-tenant-setting",
    query: {
      $allOperations(params) {
        const { model, operation, args, query } = params;
        // Prisma sends findUnique calls of one tick together, from the context of whichever
        // came first, and may merge them into one statement: outside a transaction they are
        // sent as findFirst, which Prisma never batches, so each carries its own setting.
        const unique = operation === "findUnique" || operation === "findUniqueOrThrow";
        const inTransaction = Boolean((params as { __internalParams?: { transaction?: unknown } }).__internalParams?.transaction);
        if (model && unique && !inTransaction) {
          const delegate = (base as unknown as Record<string, Record<string, (a: unknown) => Promise<unknown>>>)[
            model.charAt(0).toLowerCase() + model.slice(1)
          ]!;
          const first = operation === "findUnique" ? "findFirst" : "findFirstOrThrow";
          return runWithTenantSetting(setting, async () => await delegate[first]!(flattenUniqueWhere(args)));
        }
        // Awaited inside: Prisma's promises are lazy and start the query when awaited, which
        // must happen in this context for the statement to carry the setting.
        return runWithTenantSetting(setting, async () => await query(args));
      },
    },
  });
  // A transaction takes its setting when it starts (its connection keeps it to the end), so
  // it is started in the setting.
  return new Proxy(extended, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === "$transaction" && typeof value === "function") {
        return (...args: unknown[]) => {
          // The array form starts its transaction from Prisma's per-tick dispatch, whose context
          // is not the caller's: use the callback form.
          if (Array.isArray(args[0])) throw new Error("$transaction([...]) is not supported; pass a callback (decision 022)");
          return runWithTenantSetting(setting, async () => await value.apply(target, args));
        };
      }
      return value;
    },
  });
}

/** findUnique's where as findFirst takes it: compound unique keys (`networkId_userId: {...}`) spread out. */
function flattenUniqueWhere(args: unknown): unknown {
  if (typeof args !== "object" || args === null || !("where" in args)) return args;
  const where = (args as { where?: Record<string, unknown> }).where ?? {};
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(where)) {
    const compound = key.includes("_") && typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
    if (compound) Object.assign(flat, value);
    else flat[key] = value;
  }
  return { ...args, where: flat };
}

export type Db = ReturnType<typeof bind>;
type TransactionFn = Extract<Parameters<Db["$transaction"]>[0], (...args: never[]) => unknown>;
/** The client inside an interactive transaction. */
export type Tx = Parameters<TransactionFn>[0];

const bound = new Map<TenantSetting, Db>();
const BOUND_MAX = 1_000;

function client(setting: TenantSetting): Db {
  let found = bound.get(setting);
  if (!found) {
    if (bound.size >= BOUND_MAX) bound.clear();
    found = bind(handle().prisma, setting);
    bound.set(setting, found);
  }
  return found;
}

/** The server's proof of which network a request acts in, minted by lib/membership/scope.ts. */
type NetworkProof = NetworkScope | NetworkRef;

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
