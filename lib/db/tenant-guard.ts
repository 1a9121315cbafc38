import "server-only";
import { Prisma } from "./generated/client";
import { TENANT_MODELS } from "./tenant-context";

export { TENANT_MODELS };

const WHERE_OPERATIONS = new Set([
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "findUnique",
  "findUniqueOrThrow",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);

export class TenantScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TenantScopeError";
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A key present with the value `undefined` would silently match every row. Checked
 * at the top level and inside AND / OR / NOT, where a condition is a whole filter;
 * inside a field filter (`{ gt: undefined }`) undefined means "no bound" on purpose.
 */
function assertNoUndefined(model: string, where: Record<string, unknown>, at = "where"): void {
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) {
      throw new TenantScopeError(`${model}: ${at}.${key} is undefined; this would widen the query`);
    }
    if (key === "AND" || key === "OR" || key === "NOT") {
      const branches = Array.isArray(value) ? value : [value];
      branches.forEach((branch, i) => {
        if (isRecord(branch)) assertNoUndefined(model, branch, `${at}.${key}[${i}]`);
      });
    }
  }
}

function namesNetwork(where: Record<string, unknown>): boolean {
  const direct = where.networkId;
  if (typeof direct === "string") return true;
  if (isRecord(direct) && (typeof direct.equals === "string" || Array.isArray(direct.in))) return true;
  // A compound unique key that starts with the network (networkId_userId, networkId_threadId_userId, ...).
  return Object.entries(where).some(
    ([key, value]) => key.startsWith("networkId_") && isRecord(value) && typeof value.networkId === "string",
  );
}

/** Throws unless a query on a tenant table is filtered by a concrete network. */
export function checkTenantScope(model: string | undefined, operation: string, args: unknown): void {
  if (!model) return;
  const a = isRecord(args) ? args : {};
  if (isRecord(a.where)) assertNoUndefined(model, a.where);
  if (!TENANT_MODELS.has(model)) return;

  if (WHERE_OPERATIONS.has(operation)) {
    if (!isRecord(a.where) || !namesNetwork(a.where)) {
      throw new TenantScopeError(`${model}.${operation} without a networkId filter`);
    }
  }
  if (operation === "create" || operation === "createMany" || operation === "createManyAndReturn") {
    const rows = Array.isArray(a.data) ? a.data : [a.data];
    for (const row of rows) {
      if (!isRecord(row) || (typeof row.networkId !== "string" && !isRecord(row.network))) {
        throw new TenantScopeError(`${model}.${operation} without a networkId`);
      }
    }
  }
}

export const tenantGuard = Prisma.defineExtension({
  name: "kring-tenant-guard",
  query: {
    $allModels: {
      $allOperations({ model, operation, args, query }) {
        checkTenantScope(model, operation, args);
        return query(args);
      },
    },
  },
});
