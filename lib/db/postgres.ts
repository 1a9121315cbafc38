import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Availability } from "./availability";
import { APP_ROLE, currentTenantSetting, NO_NETWORK, touchesTenantTable, type TenantSetting } from "./tenant-context";

// PostgreSQL: the bounded pool, its connections that run every statement as the application role
// with the tenant setting of the request (decision 022), and the adapter that reports each outcome
// to the availability state (decision 019). lib/db/client.ts builds the client on it when
// DATABASE_URL is set.

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
    statementNameGenerator: statementName,
  });
  return withAvailability(factory, state);
}

/** How many distinct statements are named, and so prepared on each connection that runs them. */
const NAMED_STATEMENTS_MAX = 500;
const named = new Set<string>();

/**
 * Names each statement by its text, so node-postgres parses it once per connection and
 * PostgreSQL keeps its plan, choosing a generic one after five runs when that costs no more
 * (decision 042). Planning the pages' wider statements (the header's unread count, the network
 * home's overview) cost more than running them. The first NAMED_STATEMENTS_MAX distinct texts
 * are named; any beyond run unnamed, so a connection never holds more prepared statements than
 * that, whatever a long-running process sends.
 */
function statementName(query: { sql: string }): string {
  const name = `k${createHash("sha1").update(query.sql).digest("base64url")}`;
  if (named.has(name)) return name;
  if (named.size >= NAMED_STATEMENTS_MAX) return "";
  named.add(name);
  return name;
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
      if (fresh) await super.query({ name: "kring_role_and_tenant", text: SET_ROLE_AND_TENANT, values: [APP_ROLE, want] });
      else await super.query({ name: "kring_tenant", text: SET_TENANT, values: [want] });
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

