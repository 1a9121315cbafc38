import { describe, expect, it, vi } from "vitest";

describe("the tenant setting", () => {
  it("is one store per process, whichever copy of the module writes or reads it", async () => {
    // Next bundles lib/db into several layers (pages, server actions, route handlers): the pool
    // made by one copy must see the setting a bound client of another copy runs with.
    const first = await import("@/lib/db/tenant-context");
    vi.resetModules();
    const second = await import("@/lib/db/tenant-context");
    expect(second).not.toBe(first);
    const seen = await first.runWithTenantSetting("net-a", async () => {
      await Promise.resolve();
      return second.currentTenantSetting();
    });
    expect(seen).toBe("net-a");
    expect(second.currentTenantSetting()).toBe(first.NO_NETWORK);
  });

  it("names only plain ids, sorted and once each; anything that could widen it is refused", async () => {
    const { networksSetting } = await import("@/lib/db/tenant-context");
    expect(networksSetting(["b", "a", "b"])).toBe("a,b");
    for (const bad of ["a,b", "*", "", "a b", "a'b", "x".repeat(65)]) {
      expect(() => networksSetting([bad]), bad).toThrow(/not a network id/);
    }
  });

  it("knows which statements name a tenant table, so only those need the connection's setting", async () => {
    const { touchesTenantTable, TENANT_MODELS } = await import("@/lib/db/tenant-context");
    for (const table of TENANT_MODELS) {
      expect(touchesTenantTable(`SELECT 1 FROM "public"."${table}" WHERE "id" = $1`), table).toBe(true);
    }
    expect(touchesTenantTable('SELECT * FROM "Network" n LEFT JOIN "Membership" m ON m."networkId" = n.id')).toBe(true);
    for (const shared of ['SELECT * FROM "public"."User"', 'SELECT * FROM "Network" WHERE slug = $1', "SELECT * FROM kring_member_networks($1, true)", 'SELECT "threadId" FROM "Session"']) {
      expect(touchesTenantTable(shared), shared).toBe(false);
    }
  });
});
