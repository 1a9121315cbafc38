// Row-level security (decision 022): PostgreSQL itself keeps each network's rows apart, so a
// query that lost the application's own network filter still cannot reach another network.
// The world is the authorization matrix's: two networks filled through the real actions.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbAcross, dbSystem } from "@/lib/db/client";
import { TENANT_MODELS } from "@/lib/db/tenant-guard";
import { APP_ROLE } from "@/lib/db/tenant-context";
import type { NetworkScope } from "@/lib/membership/scope";
import { requireMember } from "@/lib/membership/scope";
import { answerConsentAction } from "@/lib/synthesis/actions";
import { editReplyAction, editThreadAction, toggleReactionAction } from "@/lib/dialogue/actions";
import { postUpdateAction } from "@/lib/funding/actions";
import { buildWorld, dumpDatabase, key, restoreDatabase, type World } from "./authorization-matrix.world";
import { call, signInAs } from "./support";

const TABLES = [...TENANT_MODELS].sort();

let world: World;
let dump: Awaited<ReturnType<typeof dumpDatabase>>;

beforeAll(async () => {
  world = await buildWorld();
  // Rows in the few tables the matrix's world leaves empty: revisions, a mention, a reaction,
  // a consent answer and a milestone update, in both networks.
  for (const o of [world.a, world.b]) {
    const slug = o.slug;
    signInAs(o.member);
    expect(await call(editReplyAction, { slug, replyId: o.replyId, body: `Over to @${o.broker.name}` })).toMatchObject({ ok: true });
    expect(await call(editThreadAction, { slug, threadId: o.threadId, title: "Edited title", body: "Edited." })).toMatchObject({ ok: true });
    expect(await call(toggleReactionAction, { slug, replyId: o.otherReplyId, kind: "insight" })).toMatchObject({ ok: true });
    expect(
      await call(answerConsentAction, { slug, cycleId: o.cycleId, roundId: o.roundId, answer: "concern", text: "Mind the budget." }),
    ).toMatchObject({ ok: true });
    signInAs(o.broker);
    expect(
      await call(postUpdateAction, { slug, milestoneId: o.milestoneId, kind: "progress", body: "Going", progress: "40", area: "", idempotencyKey: key() }),
    ).toMatchObject({ ok: true });
    // A digest period claimed by the mail sweep (lib/digests/mutations.ts), as the sweep writes it.
    await dbSystem().mailDigest.create({ data: { networkId: o.networkId, userId: o.member.id, period: "daily:2026-12-07", itemCount: 0 } });
  }
  dump = await dumpDatabase();
});

/** The world again (the setup empties the tables before each test), and the scope of a's broker. */
async function scopeOfA(): Promise<NetworkScope> {
  await restoreDatabase(dump);
  signInAs(world.a.broker);
  return requireMember(world.a.slug);
}

/** Rows per network of one table, as the system sees them. */
async function countsBySystem(table: string): Promise<Map<string, number>> {
  const rows = await dbSystem().$queryRawUnsafe<{ networkId: string; n: number }[]>(
    `SELECT "networkId", count(*)::int AS n FROM "${table}" GROUP BY "networkId"`,
  );
  return new Map(rows.map((r) => [r.networkId, r.n]));
}

describe("row-level security", () => {
  it("covers every table with a networkId column, forced, with the tenant policy", async () => {
    const rows = await dbSystem().$queryRaw<{ table: string; enabled: boolean; forced: boolean; policies: number }[]>`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c
      JOIN pg_namespace s ON s.oid = c.relnamespace AND s.nspname = current_schema()
      WHERE c.relkind = 'r' AND EXISTS (
        SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'networkId' AND NOT a.attisdropped)
      ORDER BY c.relname`;
    // A new tenant table fails here until it is in TENANT_MODELS and has its policy.
    expect(rows.map((r) => r.table)).toEqual(TABLES);
    for (const row of rows) expect(row, row.table).toMatchObject({ enabled: true, forced: true, policies: 1 });
  });

  it("runs the application as a role that owns no table and cannot bypass row-level security", async () => {
    const [role] = await db().$queryRaw<{ name: string; superuser: boolean; bypass: boolean; owns: number }[]>`
      SELECT current_user AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
             (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owns
      FROM pg_roles r WHERE r.rolname = current_user`;
    expect(role).toEqual({ name: APP_ROLE, superuser: false, bypass: false, owns: 0 });
    // The same for every kind of client, in transactions too.
    for (const client of [dbSystem(), dbAcross([world.a.networkId])]) {
      const [inside] = await client.$transaction((tx) => tx.$queryRaw<{ name: string }[]>`SELECT current_user AS name`);
      expect(inside?.name).toBe(APP_ROLE);
    }
  });

  it("with the application's network filter removed, a query still returns no row of another network", async () => {
    const scope = await scopeOfA();
    const covered: string[] = [];
    for (const table of TABLES) {
      const all = await countsBySystem(table);
      // The same statement, no WHERE at all, in a's scope: PostgreSQL returns a's rows and only those.
      const seen = await db(scope).$queryRawUnsafe<{ networkId: string; n: number }[]>(
        `SELECT "networkId", count(*)::int AS n FROM "${table}" GROUP BY "networkId"`,
      );
      expect(seen.filter((r) => r.networkId !== world.a.networkId), table).toEqual([]);
      expect(seen.find((r) => r.networkId === world.a.networkId)?.n ?? 0, table).toBe(all.get(world.a.networkId) ?? 0);
      if ((all.get(world.a.networkId) ?? 0) > 0 && (all.get(world.b.networkId) ?? 0) > 0) covered.push(table);
    }
    // The proof means something only where both networks have rows: every table has them.
    expect(covered).toEqual(TABLES);
  });

  it("shows no tenant row at all without a network, and exactly the named ones across networks", async () => {
    await restoreDatabase(dump);
    for (const table of TABLES) {
      const [none] = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`);
      expect(none?.n, table).toBe(0);
    }
    const both = await dbAcross([world.a.networkId, world.b.networkId]).$queryRaw<{ networkId: string }[]>`
      SELECT DISTINCT "networkId" FROM "Thread" ORDER BY "networkId"`;
    expect(both.map((r) => r.networkId)).toEqual([world.a.networkId, world.b.networkId].sort());
    const onlyB = await dbAcross([world.b.networkId]).$queryRaw<{ networkId: string }[]>`SELECT DISTINCT "networkId" FROM "Thread"`;
    expect(onlyB.map((r) => r.networkId)).toEqual([world.b.networkId]);
  });

  it("holds for a statement run often enough that PostgreSQL keeps a generic plan for it (decision 042)", async () => {
    await restoreDatabase(dump);
    // Named statements are prepared once per connection; after five runs PostgreSQL may plan them
    // once for any network. Twelve rounds, alternating networks, on one pool: each sees only its own.
    for (let round = 0; round < 12; round += 1) {
      for (const [network, other] of [[world.a, world.b], [world.b, world.a]] as const) {
        const rows = await dbAcross([network.networkId]).$queryRaw<{ networkId: string }[]>`
          SELECT DISTINCT "networkId" FROM "Reply" WHERE "networkId" IN (${network.networkId}, ${other.networkId})`;
        expect(rows.map((r) => r.networkId), `round ${round}`).toEqual([network.networkId]);
      }
    }
  });

  it("lets an enum condition use an index under the tenant policy: enum equality is leakproof (decision 055)", async () => {
    const [fn] = await dbSystem().$queryRaw<{ leakproof: boolean }[]>`
      SELECT proleakproof AS leakproof FROM pg_proc WHERE oid = 'pg_catalog.enum_eq(anyenum, anyenum)'::regprocedure`;
    expect(fn?.leakproof).toBe(true);
    // The support map's page as the application role sees it: its ("networkId", status, provider,
    // name, id) index gives the page in order, where a non-leakproof status condition forced a read
    // of every entry of the network and a sort.
    const plan = await dbAcross([world.a.networkId]).$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`
        EXPLAIN SELECT id FROM "SupportEntry" WHERE "networkId" = ${world.a.networkId} AND status = 'listed'
        ORDER BY provider, name, id LIMIT 26`;
    });
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toContain("SupportEntry_networkId_status_provider_name_id_idx");
    expect(text).not.toMatch(/Sort Key/);
  });

  it("refuses to write a row into another network, and changes or deletes none of its rows", async () => {
    const scope = await scopeOfA();
    const before = await countsBySystem("Thread");
    await expect(
      db(scope).$executeRaw`
        INSERT INTO "AuditEntry" (id, "networkId", action, "createdAt") VALUES ('rls-probe', ${world.b.networkId}, 'probe', now())`,
    ).rejects.toThrow(/row-level security/);
    // Moving a's own row into b is refused too (the check applies to the new row).
    await expect(
      db(scope).$executeRaw`UPDATE "Thread" SET "networkId" = ${world.b.networkId} WHERE id = ${world.a.threadId}`,
    ).rejects.toThrow(/row-level security|foreign key/);
    const changed = await db(scope).$executeRaw`UPDATE "Thread" SET title = 'overwritten' WHERE id = ${world.b.threadId}`;
    const deleted = await db(scope).$executeRaw`DELETE FROM "Reply" WHERE "networkId" = ${world.b.networkId}`;
    expect([changed, deleted]).toEqual([0, 0]);
    const [thread] = await dbSystem().$queryRaw<{ title: string }[]>`SELECT title FROM "Thread" WHERE id = ${world.b.threadId}`;
    expect(thread?.title).toBe("Edited title");
    expect(await countsBySystem("Thread")).toEqual(before);
  });

  it("also holds inside transactions, and a setting never outlives its statement on a pooled connection", async () => {
    const scope = await scopeOfA();
    const seen = await db(scope).$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ networkId: string }[]>`SELECT DISTINCT "networkId" FROM "Reply"`;
      const [setting] = await tx.$queryRaw<{ value: string }[]>`SELECT current_setting('app.network_ids', true) AS value`;
      return { rows, setting };
    });
    expect(seen.rows.map((r) => r.networkId)).toEqual([world.a.networkId]);
    expect(seen.setting?.value).toBe(world.a.networkId);
    // Interleaved statements of different networks and of none, many at once on a small pool:
    // each sees exactly its own.
    const clients = [db(scope), db(), dbAcross([world.b.networkId])];
    const expected = [[world.a.networkId], [], [world.b.networkId]];
    const runs = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        clients[i % 3]!.$queryRaw<{ networkId: string }[]>`SELECT DISTINCT "networkId" FROM "Reply" ORDER BY 1`,
      ),
    );
    runs.forEach((rows, i) => expect(rows.map((r) => r.networkId)).toEqual(expected[i % 3]));
  });

  it("keeps each statement's network when Prisma sends calls of one tick together", async () => {
    await restoreDatabase(dump);
    const [inA, inB] = [dbAcross([world.a.networkId]), dbAcross([world.b.networkId])];
    const one = (client: typeof inA, networkId: string, id: string) =>
      client.thread.findUnique({ where: { id, networkId }, select: { id: true } });
    // Unique look-ups and transactions of two networks started in the same tick: Prisma batches
    // them per tick; each must still run with its own network (and find its own row).
    const results = await Promise.all([
      one(inA, world.a.networkId, world.a.threadId),
      one(inB, world.b.networkId, world.b.threadId),
      inA.$transaction((tx) => tx.thread.findUnique({ where: { id: world.a.threadId, networkId: world.a.networkId }, select: { id: true } })),
      inB.$transaction((tx) => tx.thread.findUnique({ where: { id: world.b.threadId, networkId: world.b.networkId }, select: { id: true } })),
      inB.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        return tx.thread.findFirst({ where: { id: world.a.threadId, networkId: world.a.networkId }, select: { id: true } });
      }),
    ]);
    expect(results).toEqual([{ id: world.a.threadId }, { id: world.b.threadId }, { id: world.a.threadId }, { id: world.b.threadId }, null]);
  });

  it("opens the membership doors only onto the asked person's own memberships", async () => {
    await restoreDatabase(dump);
    const mine = await db().$queryRaw<{ networkId: string; role: string }[]>`
      SELECT "networkId", role FROM kring_member_networks(${world.a.member.id}, true)`;
    expect(mine).toEqual([{ networkId: world.a.networkId, role: "member" }]);
    const [gate] = await db().$queryRaw<{ id: string; role: string | null; memberCount: number }[]>`
      SELECT id, role, "memberCount" FROM kring_network_with_viewer(${world.b.slug}, ${world.a.member.id}::text)`;
    // b exists and has members, but a's member has no membership there.
    expect(gate).toMatchObject({ id: world.b.networkId, role: null });
    expect(gate?.memberCount).toBeGreaterThan(0);
  });

  it("refuses a network id that could widen the setting", () => {
    expect(() => dbAcross([`${world.a.networkId},${world.b.networkId}`])).toThrow(/not a network id/);
    expect(() => dbAcross(["*"])).toThrow(/not a network id/);
  });
});
