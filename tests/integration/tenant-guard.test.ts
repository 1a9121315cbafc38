import { describe, expect, it } from "vitest";
import { dbSystem } from "@/lib/db/client";
import { TenantScopeError } from "@/lib/db/tenant-guard";
import { listMembers } from "@/lib/membership/queries";
import { requireMember } from "@/lib/membership/scope";
import { invitation, makeNetwork, member, signInAs, user } from "./support";

async function twoNetworks() {
  const brokerA = await user("Ada");
  const brokerB = await user("Bo");
  const a = await makeNetwork(dbSystem(), { brokerId: brokerA.id, slug: "network-a" });
  const b = await makeNetwork(dbSystem(), { brokerId: brokerB.id, slug: "network-b" });
  const onlyA = await user("Anna");
  const onlyB = await user("Bert");
  const both = await user("Chris");
  await member(a, onlyA);
  await member(b, onlyB);
  await member(a, both);
  await member(b, both, "funder");
  await invitation(a, brokerA);
  await invitation(b, brokerB);
  return { a, b, brokerA, brokerB, onlyA, onlyB, both };
}

describe("tenant guard", () => {
  it("refuses reads of tenant tables that do not name a network", async () => {
    await twoNetworks();
    await expect(dbSystem().membership.findMany()).rejects.toBeInstanceOf(TenantScopeError);
    await expect(dbSystem().membership.findMany({ where: { status: "active" } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(dbSystem().invitation.findFirst({ where: { role: "member" } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(dbSystem().auditEntry.count()).rejects.toBeInstanceOf(TenantScopeError);
    await expect(dbSystem().membership.findMany({ where: { network: { slug: "network-a" } } })).rejects.toBeInstanceOf(
      TenantScopeError,
    );
  });

  it("refuses writes of tenant tables that do not name a network", async () => {
    const { onlyA } = await twoNetworks();
    await expect(dbSystem().membership.updateMany({ where: { userId: onlyA.id }, data: { role: "broker" } })).rejects.toBeInstanceOf(
      TenantScopeError,
    );
    await expect(dbSystem().invitation.deleteMany({})).rejects.toBeInstanceOf(TenantScopeError);
    // A row without its network (the types forbid it; the guard is for what slips through).
    await expect(dbSystem().auditEntry.create({ data: { action: "x" } as never })).rejects.toBeInstanceOf(TenantScopeError);
    // Nothing was changed by the refused calls.
    expect(await dbSystem().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "AuditEntry"`).toEqual([{ n: 0 }]);
    const roles = await dbSystem().$queryRaw<{ role: string }[]>`SELECT role::text FROM "Membership" WHERE "userId" = ${onlyA.id}`;
    expect(roles).toEqual([{ role: "member" }]);
  });

  it("refuses a where clause with an undefined value, on any model", async () => {
    const { a } = await twoNetworks();
    const missing: string | undefined = undefined;
    await expect(dbSystem().membership.findMany({ where: { networkId: missing } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(dbSystem().membership.findMany({ where: { networkId: a.id, userId: missing } })).rejects.toBeInstanceOf(
      TenantScopeError,
    );
    await expect(dbSystem().network.findFirst({ where: { slug: missing } })).rejects.toBeInstanceOf(TenantScopeError);
    await expect(dbSystem().user.deleteMany({ where: { email: missing } })).rejects.toBeInstanceOf(TenantScopeError);
    expect(await dbSystem().user.count()).toBe(5);
  });

  it("lets queries scoped to one network through, and they see only that network", async () => {
    const { a, b, onlyA, onlyB } = await twoNetworks();
    const inA = await dbSystem().membership.findMany({ where: { networkId: a.id }, select: { networkId: true, userId: true } });
    expect(inA.length).toBe(3);
    expect(inA.every((m) => m.networkId === a.id)).toBe(true);
    expect(inA.map((m) => m.userId)).toContain(onlyA.id);
    expect(inA.map((m) => m.userId)).not.toContain(onlyB.id);
    expect(await dbSystem().invitation.count({ where: { networkId: { equals: b.id } } })).toBe(1);
    expect(await dbSystem().auditEntry.count({ where: { networkId: { in: [a.id, b.id] } } })).toBe(0);
    const byCompound = await dbSystem().membership.findUnique({
      where: { networkId_userId: { networkId: b.id, userId: onlyB.id } },
      select: { role: true },
    });
    expect(byCompound).toEqual({ role: "member" });
  });

  it("listMembers(scope of A) never returns members of B", async () => {
    const { a, b, brokerA, brokerB, onlyA, onlyB, both } = await twoNetworks();
    // Members of B only, in bulk, to make leaking visible.
    for (let i = 0; i < 5; i++) await member(b, await user(`B member ${i}`));
    signInAs(brokerA);
    const scopeA = await requireMember(a.slug);
    const listed = await listMembers(scopeA);
    const ids = listed.items.map((m) => m.userId).sort();
    expect(ids).toEqual([brokerA.id, onlyA.id, both.id].sort());
    expect(ids).not.toContain(brokerB.id);
    expect(ids).not.toContain(onlyB.id);
    // The shared member is listed with A's role, not B's.
    expect(listed.items.find((m) => m.userId === both.id)?.role).toBe("member");
    expect(listed.items.find((m) => m.userId === brokerA.id)?.isViewer).toBe(true);

    signInAs(brokerB);
    const scopeB = await requireMember(b.slug);
    const inB = await listMembers(scopeB);
    expect(inB.items.length).toBe(8);
    expect(inB.items.map((m) => m.userId)).not.toContain(onlyA.id);
    expect(inB.items.find((m) => m.userId === both.id)?.role).toBe("funder");
    expect(scopeB.networkId).toBe(b.id);
  });
});
