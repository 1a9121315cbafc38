import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkTenantScope, TENANT_MODELS, TenantScopeError } from "@/lib/db/tenant-guard";

const ok = (model: string | undefined, operation: string, args: unknown) => () => checkTenantScope(model, operation, args);

describe("checkTenantScope", () => {
  it("refuses an undefined value inside AND / OR / NOT, where it would widen the filter", () => {
    expect(ok("User", "findMany", { where: { OR: [{ email: "a@b.c" }, { id: undefined }] } })).toThrow(TenantScopeError);
    expect(ok("Membership", "findMany", { where: { networkId: "n1", AND: [{ userId: undefined }] } })).toThrow(TenantScopeError);
    expect(ok("Membership", "findMany", { where: { networkId: "n1", NOT: { userId: undefined } } })).toThrow(TenantScopeError);
    expect(ok("Membership", "findMany", { where: { networkId: "n1", OR: [{ userId: "u1" }, { role: "broker" }] } })).not.toThrow();
  });

  it("guards exactly the tables owned by a network: every model with a networkId", () => {
    // Read from the schema itself, so a new tenant table cannot be left out of the guard.
    const schema = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8");
    const owned = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
      .filter(([, , body]) => /^\s+networkId\s/m.test(body ?? ""))
      .map(([, name]) => name);
    expect(owned).toContain("Thread");
    expect([...TENANT_MODELS].sort()).toEqual(owned.sort());
  });

  it.each(["Membership", "Invitation", "AuditEntry"])("refuses %s queries without a network", (model) => {
    for (const operation of ["findMany", "findFirst", "findUnique", "count", "aggregate", "groupBy", "update", "updateMany", "delete", "deleteMany", "upsert"]) {
      expect(ok(model, operation, {}), operation).toThrow(TenantScopeError);
      expect(ok(model, operation, undefined), operation).toThrow(TenantScopeError);
      expect(ok(model, operation, { where: { id: "x" } }), operation).toThrow(TenantScopeError);
      expect(ok(model, operation, { where: { networkId: { not: "n1" } } }), operation).toThrow(TenantScopeError);
      expect(ok(model, operation, { where: { networkId: { in: "n1" } } }), operation).toThrow(TenantScopeError);
      expect(ok(model, operation, { where: { network: { slug: "a" } } }), operation).toThrow(TenantScopeError);
      expect(ok(model, operation, { where: { OR: [{ networkId: "n1" }, { id: "x" }] } }), operation).toThrow(TenantScopeError);
    }
  });

  it.each([
    [{ where: { networkId: "n1" } }],
    [{ where: { networkId: "n1", status: "active" } }],
    [{ where: { networkId: { equals: "n1" } } }],
    [{ where: { networkId: { in: ["n1", "n2"] } } }],
    [{ where: { networkId_userId: { networkId: "n1", userId: "u1" } } }],
    [{ where: { id: "m1", networkId: "n1" }, data: { role: "member" } }],
  ])("lets %o through", (args) => {
    expect(ok("Membership", "findMany", args)).not.toThrow();
    expect(ok("Membership", "updateMany", args)).not.toThrow();
  });

  it("refuses creating a tenant row without its network", () => {
    expect(ok("Invitation", "create", { data: { tokenHash: "h" } })).toThrow(TenantScopeError);
    expect(ok("Invitation", "create", {})).toThrow(TenantScopeError);
    expect(ok("AuditEntry", "createMany", { data: [{ networkId: "n1" }, { action: "x" }] })).toThrow(TenantScopeError);
    expect(ok("Membership", "createManyAndReturn", { data: [{ networkId: 5 }] })).toThrow(TenantScopeError);
    expect(ok("AuditEntry", "create", { data: { networkId: "n1", action: "x" } })).not.toThrow();
    expect(ok("AuditEntry", "createMany", { data: [{ networkId: "n1" }, { networkId: "n2" }] })).not.toThrow();
    expect(ok("Membership", "create", { data: { network: { connect: { id: "n1" } } } })).not.toThrow();
  });

  it("refuses an undefined where value on every model", () => {
    for (const model of ["User", "Network", "Session", "Membership"]) {
      expect(ok(model, "findFirst", { where: { id: undefined } }), model).toThrow(TenantScopeError);
      expect(ok(model, "deleteMany", { where: { networkId: "n1", email: undefined } }), model).toThrow(/undefined/);
    }
  });

  it("leaves other models and raw queries alone", () => {
    expect(ok("User", "findMany", {})).not.toThrow();
    expect(ok("Network", "findMany", { where: { slug: "a" } })).not.toThrow();
    expect(ok(undefined, "$queryRaw", { where: { x: undefined } })).not.toThrow();
  });
});
