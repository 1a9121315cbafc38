import "server-only";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { currentTenantSetting, NO_NETWORK, setTenantSql, touchesTenantTable, type TenantSetting } from "./tenant-context";

// The embedded database (decision 002): one in-process PGlite, shared by every request, with the
// tenant setting of each statement made local to a transaction (decision 022). lib/db/client.ts
// builds the client on it when DATABASE_URL is not set.

/**
 * Opens the PGlite in `dir` (a folder, created if missing, or `memory://`) and the Prisma driver
 * adapter over it. Open a folder once per process: PGlite is one connection.
 */
export function openEmbedded(dir: string) {
  if (dir !== "memory://") mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  // pglite-prisma-adapter pins an older @prisma/driver-adapter-utils; the factory is the same at
  // run time, only its declared type differs (the caller casts it).
  const adapter: unknown = new PrismaPGlite(withTenantSettingPGlite(pglite));
  return { pglite, adapter };
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
