// Decision 019: real failures from pg, the driver adapter and the Prisma client are classified
// as the state machine expects, and the adapter reports them. The parts that need a running
// PostgreSQL (a saturated pool, a recovery) run when the tests run on PostgreSQL.
import { createServer } from "node:net";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { availability, classifyDatabaseError, createAvailability } from "@/lib/db/availability";
import { dbSystem, postgresAdapter } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import { databaseReady } from "@/lib/health/queries";

/** A local port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const clients: PrismaClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.$disconnect()));
  availability().succeeded();
});

function client(settings: { connectionString: string; max: number; connectionTimeoutMillis: number }) {
  const state = createAvailability();
  const prisma = new PrismaClient({ adapter: postgresAdapter(settings, state) });
  clients.push(prisma);
  return { prisma, state };
}

describe("classifying real database errors", () => {
  it("a refused connection from pg is 'unavailable'", async () => {
    const c = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${await closedPort()}/postgres` });
    const error: unknown = await c.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(classifyDatabaseError(error)).toBe("unavailable");
  });

  it("through the Prisma client and its adapter, a refused connection marks the state down", async () => {
    const { prisma, state } = client({
      connectionString: `postgresql://postgres@127.0.0.1:${await closedPort()}/postgres`,
      max: 1,
      connectionTimeoutMillis: 1_000,
    });
    expect(state.status()).toBe("up");
    const error: unknown = await prisma.$queryRaw`SELECT 1`.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(classifyDatabaseError(error)).toBe("unavailable");
    expect(state.status()).toBe("down");
  });

  it("an error of the query itself is not an outage", async () => {
    const error: unknown = await dbSystem()
      .$queryRawUnsafe("SELECT 1 / 0")
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).not.toBeNull();
    expect(classifyDatabaseError(error)).toBeNull();
  });
});

describe.skipIf(!process.env.DATABASE_URL)("on PostgreSQL", () => {
  const url = () => process.env.DATABASE_URL ?? "";

  it("a pool with every connection busy for the whole acquire bound is 'saturated', and stays up", async () => {
    const { prisma, state } = client({ connectionString: url(), max: 1, connectionTimeoutMillis: 300 });
    const error = await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      // The only connection is held by this transaction: a second query waits out the bound.
      return prisma.$queryRaw`SELECT 2`.then(
        () => null,
        (e: unknown) => e,
      );
    });
    expect(error).not.toBeNull();
    expect(classifyDatabaseError(error)).toBe("saturated");
    expect(state.status()).toBe("up");
    await expect(prisma.$queryRaw`SELECT 3`).resolves.toBeDefined();
  });

  it("the next successful query clears a down state", async () => {
    const { prisma, state } = client({ connectionString: url(), max: 2, connectionTimeoutMillis: 1_000 });
    state.failed(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    expect(state.status()).toBe("down");
    await prisma.$queryRaw`SELECT 1`;
    expect(state.status()).toBe("up");
  });

  it("a probe brings a down state back up without any query", async () => {
    const { prisma, state } = client({ connectionString: url(), max: 2, connectionTimeoutMillis: 1_000 });
    await prisma.$queryRaw`SELECT 1`;
    state.failed(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    expect(await state.check()).toBe(false);
    state.suspect();
    await expect.poll(() => state.status()).toBe("up");
  });
});

describe("/api/health", () => {
  it("answers 200 while the database works and 503 JSON with Retry-After while it is down", async () => {
    const ok = await health(new Request("http://kring.test/api/health"));
    expect(ok.status).toBe(200);
    expect(await databaseReady()).toBe(true);
    availability().failed(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    expect(await databaseReady()).toBe(false);
    const down = await health(new Request("http://kring.test/api/health", { headers: { "accept-language": "nl" } }));
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBeTruthy();
    expect(await down.json()).toMatchObject({ error: "database_unavailable" });
    availability().succeeded();
    expect((await health(new Request("http://kring.test/api/health"))).status).toBe(200);
  });
});
