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
});
