import "server-only";
import { PrismaClient } from "./generated/client";
import { withQueryLog } from "./query-log";
import { runWithTenantSetting, type TenantSetting } from "./tenant-context";
import { tenantGuard } from "./tenant-guard";

// The Prisma side of the tenant binding (decision 022): the one client of a process, with its
// tenant guard (decision 003), and the clients bound to one tenant setting. Binding leans on how
// Prisma sends statements, so some calls are rewritten here: unique look-ups outside a transaction
// go out as findFirst, a transaction is started inside its setting, and the array form of
// $transaction is refused. Each rewrite says why.

export type DriverAdapter = ConstructorParameters<typeof PrismaClient>[0]["adapter"] & object;

/** The process's Prisma client over `adapter`: statements counted (query-log), tenant queries guarded. */
export function createPrisma(adapter: DriverAdapter) {
  return new PrismaClient({
    adapter: withQueryLog(adapter),
    // Secrets are never read by accident: a webhook's signing secret only by the worker's own statement (decision 050).
    omit: { invitation: { tokenHash: true }, webhookEndpoint: { secret: true } },
  }).$extends(tenantGuard);
}

type Base = ReturnType<typeof createPrisma>;

/**
 * Binds a client to one tenant setting: every operation it starts, and every transaction
 * (its start, its callback and its statements), runs with it.
 */
export function bindTenantSetting(base: Base, setting: TenantSetting) {
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

export type Db = ReturnType<typeof bindTenantSetting>;
type TransactionFn = Extract<Parameters<Db["$transaction"]>[0], (...args: never[]) => unknown>;
/** The client inside an interactive transaction. */
export type Tx = Parameters<TransactionFn>[0];
