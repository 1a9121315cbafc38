import { describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/funder/export/route";
import { dbSystem } from "@/lib/db/client";
import { onQuery } from "@/lib/db/query-log";
import { CSV_COLUMNS, parseCsv } from "@/lib/portfolio/export";
import {
  addMilestoneAction,
  createInitiativeAction,
  pledgeAction,
  postUpdateAction,
  releasePledgeAction,
  setMilestoneStatusAction,
  withdrawPledgeAction,
} from "@/lib/funding/actions";
import { toDecimalString } from "@/lib/funding/money";
import { loadFunderDashboard } from "@/lib/portfolio/queries";
import type { FunderDashboard } from "@/lib/portfolio/schema";
import { asUser } from "../setup/session";
import { call, makeNetwork, member, signInAs, user, type User } from "./support";

let keySeq = 0;
const key = () => `fd-${Date.now().toString(36)}-${(keySeq++).toString(36).padStart(8, "0")}`;

async function ok<T>(promise: Promise<{ ok: boolean; data?: T }>): Promise<T> {
  const result = await promise;
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return result.data as T;
}

/**
 * Network A (EUR and USD milestones) and network B (EUR and JPY). "Both" is a funder of A and
 * B; "onlyA" a funder of A only; A also has a broker (on the team), a plain member; "stranger"
 * is signed in but in no network. Target dates are in 2030, so a fixed `now` places them.
 *
 * Both pledges, in A: EUR 1,234.56 on m1 (reached, then released), EUR 100.10 on m2, EUR 77.77
 * on m2 (withdrawn), USD 250 on m3; in B: EUR 99.99 on b1, JPY 5,000 on b2. onlyA: EUR 500 on m1.
 */
async function buildWorld() {
  const brokerA = await user("Broker A");
  const brokerB = await user("Broker B");
  const both = await user("Both");
  const onlyA = await user("Only A");
  const plain = await user("Plain");
  const stranger = await user("Stranger");
  const suffix = Math.random().toString(36).slice(2, 8);
  const a = await makeNetwork(dbSystem(), { brokerId: brokerA.id, slug: `fd-a-${suffix}`, name: "Alpha network" });
  const b = await makeNetwork(dbSystem(), { brokerId: brokerB.id, slug: `fd-b-${suffix}`, name: "Beta network" });
  await member(a, both, "funder");
  await member(b, both, "funder");
  await member(a, onlyA, "funder");
  await member(a, plain);

  const initiative = async (broker: User, slug: string, name: string) => {
    signInAs(broker);
    await call(createInitiativeAction, { slug, name, description: "What it does.", systemChange: "What changes.", status: "active" });
    return (await dbSystem().initiative.findFirstOrThrow({ where: { networkId: slug === a.slug ? a.id : b.id, name }, select: { id: true } })).id;
  };
  const milestone = async (broker: User, slug: string, initiativeId: string, title: string, amount: string, currency: string, targetDate: string) => {
    signInAs(broker);
    const data = await ok<{ milestoneId: string }>(
      call(addMilestoneAction, { slug, initiativeId, title, unlocks: "Next.", targetDate, amount, currency }),
    );
    return data.milestoneId;
  };
  const ia = await initiative(brokerA, a.slug, "Alpha labs");
  const m1 = await milestone(brokerA, a.slug, ia, "Alpha one", "10,000.00", "EUR", "2030-06-30");
  const m2 = await milestone(brokerA, a.slug, ia, "Alpha two", "5000", "EUR", "2030-05-01");
  const m3 = await milestone(brokerA, a.slug, ia, "Alpha three", "2000", "USD", "2030-09-30");
  const ib = await initiative(brokerB, b.slug, "Beta garden");
  const b1 = await milestone(brokerB, b.slug, ib, "Beta one", "1000", "EUR", "2030-06-15");
  const b2 = await milestone(brokerB, b.slug, ib, "Beta two", "50000", "JPY", "2031-01-01");

  const pledge = async (funder: User, slug: string, milestoneId: string, amount: string, currency: string, condition = "") => {
    signInAs(funder);
    return (await ok<{ pledgeId: string }>(call(pledgeAction, { slug, milestoneId, amount, currency, condition, idempotencyKey: key() }))).pledgeId;
  };
  const p1 = await pledge(both, a.slug, m1, "1,234.56", "EUR", "=HYPERLINK(\"http://evil.example\")");
  await pledge(both, a.slug, m2, "100.10", "EUR", 'Shared, "jointly", with the city\nand the region');
  const gone = await pledge(both, a.slug, m2, "77.77", "EUR");
  await pledge(both, a.slug, m3, "250", "USD");
  await pledge(both, b.slug, b1, "99.99", "EUR");
  await pledge(both, b.slug, b2, "5000", "JPY");
  await pledge(onlyA, a.slug, m1, "500", "EUR");

  signInAs(both);
  await ok(call(withdrawPledgeAction, { slug: a.slug, pledgeId: gone, reason: "Moved to another milestone." }));
  signInAs(brokerA);
  await ok(call(setMilestoneStatusAction, { slug: a.slug, milestoneId: m1, status: "reached", note: "", area: "" }));
  signInAs(both);
  await ok(call(releasePledgeAction, { slug: a.slug, pledgeId: p1 }));
  // B's team writes a lesson and a progress update; A a progress update.
  signInAs(brokerB);
  await ok(call(postUpdateAction, { slug: b.slug, milestoneId: b1, kind: "lesson", body: "Beta's lesson: start small.", area: "means", idempotencyKey: key() }));
  await ok(call(postUpdateAction, { slug: b.slug, milestoneId: b2, kind: "progress", body: "Beta is halfway.", progress: "50", idempotencyKey: key() }));
  signInAs(brokerA);
  await ok(call(postUpdateAction, { slug: a.slug, milestoneId: m2, kind: "progress", body: "Alpha moves.", progress: "20", idempotencyKey: key() }));
  // Something a funder must never see through the dashboard: the dialogue.
  await dbSystem().thread.create({
    data: { networkId: a.id, authorId: brokerA.id, title: "Private musing", body: "A dialogue secret", level: "network", area: "means" },
  });
  signInAs(null);
  return { a, b, both, onlyA, plain, stranger, brokerA, brokerB, ia, ib, m1, m2, m3, b1, b2 };
}

const NOW = new Date("2030-06-10T12:00:00Z");

const totalsOf = (d: FunderDashboard) =>
  Object.fromEntries(d.totals.map((t) => [t.currency, { pledged: t.pledged, released: t.released, outstanding: t.outstanding, pledges: t.pledges }]));

async function download(person: User | null, format?: string) {
  signInAs(person);
  const url = `http://localhost/funder/export${format ? `?format=${format}` : ""}`;
  const response = await exportRoute(new Request(url));
  signInAs(null);
  return response;
}

describe("the funder dashboard", () => {
  it("totals per currency match hand-computed figures, never across currencies", async () => {
    const w = await buildWorld();
    const d = await loadFunderDashboard(w.both.id, NOW);
    expect(d.networks.map((n) => n.name)).toEqual(["Alpha network", "Beta network"]);
    // EUR: 1,234.56 + 100.10 + 99.99 pledged (the withdrawn 77.77 is not), 1,234.56 released.
    expect(totalsOf(d)).toEqual({
      EUR: { pledged: 143465n, released: 123456n, outstanding: 20009n, pledges: 3 },
      JPY: { pledged: 5000n, released: 0n, outstanding: 5000n, pledges: 1 },
      USD: { pledged: 25000n, released: 0n, outstanding: 25000n, pledges: 1 },
    });
    const alpha = d.perNetwork.find((n) => n.network.id === w.a.id)!;
    const beta = d.perNetwork.find((n) => n.network.id === w.b.id)!;
    expect(alpha.totals.map((t) => [t.currency, t.pledged, t.released, t.outstanding])).toEqual([
      ["EUR", 133466n, 123456n, 10010n],
      ["USD", 25000n, 0n, 25000n],
    ]);
    expect(beta.totals.map((t) => [t.currency, t.pledged, t.released, t.outstanding])).toEqual([
      ["EUR", 9999n, 0n, 9999n],
      ["JPY", 5000n, 0n, 5000n],
    ]);
    expect(d.statusCounts).toEqual([
      { status: "planned", all: 4, backed: 4 },
      { status: "active", all: 0, backed: 0 },
      { status: "reached", all: 1, backed: 1 },
      { status: "learned", all: 0, backed: 0 },
      { status: "dropped", all: 0, backed: 0 },
    ]);
    // Upcoming within 60 days of 10 June 2030: Beta one (15 June); Alpha one is reached, so not listed.
    expect(d.upcoming.items.map((m) => [m.title, m.network.name, m.backed])).toEqual([["Beta one", "Beta network", true]]);
    expect(d.upcoming.total).toBe(1);
    expect(d.overdue.items.map((m) => [m.title, m.initiativeName, m.initiativeId])).toEqual([["Alpha two", "Alpha labs", w.ia]]);
    expect(d.lessons.map((l) => l.body)).toEqual(["Beta's lesson: start small."]);
    expect(d.updates.map((u) => u.body).sort()).toEqual(["Alpha moves.", "Beta is halfway."]);
    // The chart's last month holds the totals; every series is one currency.
    for (const series of d.timeline) {
      expect(series.points).toHaveLength(12);
      const last = series.points.at(-1)!;
      const totals = d.totals.find((t) => t.currency === series.currency)!;
      expect([last.pledged, last.released]).toEqual([totals.pledged, totals.released]);
    }
    expect(d.timeline.map((s) => s.currency)).toEqual(["EUR", "JPY", "USD"]);
    // No dialogue, no reflections: nothing but milestones, updates, lessons and syntheses.
    expect(JSON.stringify(d, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain("dialogue secret");
  });

  it("shows the pledges month by month up to now", async () => {
    const w = await buildWorld();
    const d = await loadFunderDashboard(w.both.id);
    const eur = d.timeline.find((s) => s.currency === "EUR")!;
    const month = new Date().toISOString().slice(0, 7);
    expect(eur.points.at(-1)).toEqual({ month, pledged: 143465n, released: 123456n });
  });

  it("a funder of A only never sees B; members, brokers and strangers see nothing", async () => {
    const w = await buildWorld();
    const d = await loadFunderDashboard(w.onlyA.id, NOW);
    expect(d.networks.map((n) => n.id)).toEqual([w.a.id]);
    expect(totalsOf(d)).toEqual({ EUR: { pledged: 50000n, released: 0n, outstanding: 50000n, pledges: 1 } });
    expect(d.statusCounts.filter((s) => s.all > 0)).toEqual([
      { status: "planned", all: 2, backed: 0 },
      { status: "reached", all: 1, backed: 1 },
    ]);
    expect(d.upcoming.items).toEqual([]);
    expect(d.overdue.items.map((m) => m.title)).toEqual(["Alpha two"]);
    expect(d.lessons).toEqual([]);
    expect(d.updates.map((u) => u.body)).toEqual(["Alpha moves."]);
    const text = JSON.stringify(d, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    for (const secret of ["Beta", "JPY", w.b.id]) expect(text).not.toContain(secret);

    for (const person of [w.plain, w.brokerA, w.brokerB, w.stranger]) {
      const none = await loadFunderDashboard(person.id, NOW);
      expect(none.networks).toEqual([]);
      expect(none.totals).toEqual([]);
      expect(none.upcoming.items).toEqual([]);
      expect(none.lessons).toEqual([]);
    }
  });

  it("lists stop at ten across networks, in order, with the full count", async () => {
    const w = await buildWorld();
    // Seven more open milestones per network within the next 60 days, two dates shared across networks.
    const dates = ["2030-06-11", "2030-06-12", "2030-06-12", "2030-06-20", "2030-07-01", "2030-07-01", "2030-07-20"];
    for (const [broker, slug, initiativeId, name] of [
      [w.brokerA, w.a.slug, w.ia, "A"],
      [w.brokerB, w.b.slug, w.ib, "B"],
    ] as const) {
      signInAs(broker);
      for (const [n, targetDate] of dates.entries()) {
        await ok(call(addMilestoneAction, { slug, initiativeId, title: `${name} soon ${n}`, unlocks: "Next.", targetDate, amount: "100", currency: "EUR" }));
      }
      for (let n = 0; n < 6; n++) {
        const milestoneId = slug === w.a.slug ? w.m2 : w.b1;
        await ok(call(postUpdateAction, { slug, milestoneId, kind: "progress", body: `${name} update ${n}`, progress: String(30 + n), idempotencyKey: key() }));
      }
    }
    signInAs(null);
    const d = await loadFunderDashboard(w.both.id, NOW);

    const open = await dbSystem().milestone.findMany({
      where: { networkId: { in: [w.a.id, w.b.id] }, status: { in: ["planned", "active"] }, targetDate: { gte: new Date("2030-06-10"), lte: new Date("2030-08-09") } },
      select: { id: true, targetDate: true, position: true, initiative: { select: { name: true } } },
    });
    const expected = open
      .sort((x, y) =>
        x.targetDate!.getTime() - y.targetDate!.getTime() ||
        x.initiative.name.localeCompare(y.initiative.name, "en") ||
        x.position - y.position ||
        (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
      )
      .slice(0, 10)
      .map((m) => m.id);
    expect(open).toHaveLength(15);
    expect(d.upcoming.total).toBe(15);
    expect(d.upcoming.items.map((m) => m.id)).toEqual(expected);

    const updates = await dbSystem().milestoneUpdate.findMany({
      where: { networkId: { in: [w.a.id, w.b.id] }, kind: { not: "lesson" } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 10,
      select: { id: true },
    });
    expect(d.updates.map((u) => u.id)).toEqual(updates.map((u) => u.id));
    expect(d.lessons.map((l) => l.body)).toEqual(["Beta's lesson: start small."]);
  });

  it("a funder who left a network (membership no longer active) no longer sees it", async () => {
    const w = await buildWorld();
    await dbSystem().membership.updateMany({ where: { networkId: w.b.id, userId: w.both.id }, data: { status: "removed" } });
    const d = await loadFunderDashboard(w.both.id, NOW);
    expect(d.networks.map((n) => n.id)).toEqual([w.a.id]);
    expect(d.totals.map((t) => t.currency)).toEqual(["EUR", "USD"]);
  });
});

/** The rollup recomputed from the pledges themselves, as the trigger must keep it. */
async function rollupDrift(networkIds: string[]) {
  return dbSystem().$queryRaw<{ side: string; networkId: string; funderId: string; currency: string; month: Date }[]>`
    WITH expected AS (
      SELECT "networkId", "funderId", currency, month, sum(ma)::bigint AS ma, sum(mc)::int AS mc, sum(ra)::bigint AS ra, sum(rc)::int AS rc
      FROM (
        SELECT "networkId", "funderId", currency, date_trunc('month', "createdAt")::date AS month, amount AS ma, 1 AS mc, 0::bigint AS ra, 0 AS rc
        FROM "Pledge" WHERE "funderId" IS NOT NULL AND status IN ('pledged', 'released')
        UNION ALL
        SELECT "networkId", "funderId", currency, date_trunc('month', "releasedAt")::date, 0, 0, amount, 1
        FROM "Pledge" WHERE "funderId" IS NOT NULL AND status = 'released' AND "releasedAt" IS NOT NULL
      ) c
      WHERE "networkId" = ANY(${networkIds})
      GROUP BY 1, 2, 3, 4
    ), actual AS (
      SELECT "networkId", "funderId", currency, month, "madeAmount" AS ma, "madeCount" AS mc, "releasedAmount" AS ra, "releasedCount" AS rc
      FROM "PledgeMonth" WHERE "networkId" = ANY(${networkIds})
    )
    (SELECT 'missing' AS side, * FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) x)
    UNION ALL
    (SELECT 'extra', * FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) y)`;
}

/** The milestone tally recomputed from the milestones and pledges themselves. */
async function tallyDrift(networkIds: string[]) {
  return dbSystem().$queryRaw<{ side: string; networkId: string; funderId: string; status: string; milestones: number }[]>`
    WITH expected AS (
      SELECT "networkId", ''::text AS "funderId", status, count(*)::int AS milestones FROM "Milestone"
      WHERE "networkId" = ANY(${networkIds}) GROUP BY 1, 2, 3
      UNION ALL
      SELECT m."networkId", b."funderId", m.status, count(*)::int
      FROM "Milestone" m
      JOIN (SELECT DISTINCT "networkId", "milestoneId", "funderId" FROM "Pledge"
            WHERE "funderId" IS NOT NULL AND status IN ('pledged', 'released')) b
        ON b."networkId" = m."networkId" AND b."milestoneId" = m.id
      WHERE m."networkId" = ANY(${networkIds})
      GROUP BY 1, 2, 3
    ), actual AS (
      SELECT "networkId", "funderId", status, milestones FROM "MilestoneTally" WHERE "networkId" = ANY(${networkIds})
    ), backing_expected AS (
      SELECT "networkId", "funderId", "milestoneId", count(*)::int AS pledges FROM "Pledge"
      WHERE "funderId" IS NOT NULL AND status IN ('pledged', 'released') AND "networkId" = ANY(${networkIds})
      GROUP BY 1, 2, 3
    ), backing_actual AS (
      SELECT "networkId", "funderId", "milestoneId", pledges FROM "FunderMilestone" WHERE "networkId" = ANY(${networkIds})
    )
    (SELECT 'missing' AS side, "networkId", "funderId", status::text, milestones FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) x)
    UNION ALL
    (SELECT 'extra', "networkId", "funderId", status::text, milestones FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) y)
    UNION ALL
    (SELECT 'backing missing', "networkId", "funderId", "milestoneId", pledges
     FROM (SELECT * FROM backing_expected EXCEPT SELECT * FROM backing_actual) z)
    UNION ALL
    (SELECT 'backing extra', "networkId", "funderId", "milestoneId", pledges
     FROM (SELECT * FROM backing_actual EXCEPT SELECT * FROM backing_expected) w)`;
}

describe("the funder's rollups (kept by triggers)", () => {
  it("equals the pledges, summed again, through pledging, withdrawal, release, edits, a deleted funder and a deleted milestone", async () => {
    const w = await buildWorld();
    const networks = [w.a.id, w.b.id];
    expect(await rollupDrift(networks)).toEqual([]);
    expect(await tallyDrift(networks)).toEqual([]);
    const rows = await dbSystem().pledgeMonth.findMany({ where: { networkId: { in: networks } } });
    expect(rows.length).toBeGreaterThan(0);

    // A release in a later month, a pledge back-dated into an earlier month, a change of amount:
    // changes no application path makes today, but the rollup must follow any change.
    const standing = await dbSystem().pledge.findFirstOrThrow({ where: { networkId: w.b.id, funderId: w.both.id, currency: "EUR" } });
    await dbSystem().pledge.update({ where: { id: standing.id, networkId: w.b.id }, data: { status: "released", releasedAt: new Date("2030-08-02T10:00:00Z") } });
    await dbSystem().pledge.update({ where: { id: standing.id, networkId: w.b.id }, data: { createdAt: new Date("2029-12-31T23:59:59Z"), amount: 12345n } });
    await dbSystem().pledge.update({ where: { id: standing.id, networkId: w.b.id }, data: { condition: "only the condition changes" } });
    expect(await rollupDrift(networks)).toEqual([]);
    // Milestones change status (one with backers, one without) and order.
    await dbSystem().milestone.update({ where: { id: w.m3, networkId: w.a.id }, data: { status: "learned" } });
    await dbSystem().milestone.update({ where: { id: w.b2, networkId: w.b.id }, data: { status: "active" } });
    await dbSystem().milestone.update({ where: { id: w.m2, networkId: w.a.id }, data: { position: 99 } });
    expect(await tallyDrift(networks)).toEqual([]);

    // A funder's account deleted: their pledges stay with no funder and leave their rollup.
    await dbSystem().user.delete({ where: { id: w.onlyA.id } });
    expect(await dbSystem().pledgeMonth.count({ where: { networkId: { in: networks }, funderId: w.onlyA.id } })).toBe(0);
    expect(await dbSystem().milestoneTally.count({ where: { networkId: { in: networks }, funderId: w.onlyA.id } })).toBe(0);
    // A milestone deleted: its pledges go, and with them their part of the rollup.
    await dbSystem().milestone.delete({ where: { id: w.b2, networkId: w.b.id } });
    expect(await rollupDrift(networks)).toEqual([]);
    expect(await tallyDrift(networks)).toEqual([]);
    expect(await dbSystem().pledgeMonth.count({ where: { networkId: w.b.id, currency: "JPY" } })).toBe(0);

    // A network deleted: its pledges and rollup rows go together without an error.
    await dbSystem().network.delete({ where: { id: w.b.id } });
    expect(await dbSystem().pledgeMonth.count({ where: { networkId: w.b.id } })).toBe(0);
    expect(await dbSystem().milestoneTally.count({ where: { networkId: w.b.id } })).toBe(0);
    expect(await rollupDrift([w.a.id])).toEqual([]);
    expect(await tallyDrift([w.a.id])).toEqual([]);
  });

  it("counts a backer once when two first pledges overlap in time (two open transactions)", async () => {
    const w = await buildWorld();
    const row = (n: number) => ({
      networkId: w.a.id, milestoneId: w.m3, funderId: w.onlyA.id, amount: BigInt(n), currency: "USD", idempotencyKey: key(),
    });
    let inserted!: () => void;
    const firstInserted = new Promise<void>((resolve) => (inserted = resolve));
    const first = dbSystem().$transaction(async (tx) => {
      await tx.pledge.create({ data: row(100) });
      inserted();
      // Still open while the second transaction inserts its own "first" pledge.
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    // Made in another month, so the two do not already queue on the same monthly rollup row.
    const second = firstInserted.then(() =>
      dbSystem().$transaction(async (tx) => tx.pledge.create({ data: { ...row(200), createdAt: new Date("2029-01-15T12:00:00Z") } })),
    );
    await Promise.all([first, second]);
    expect(await tallyDrift([w.a.id])).toEqual([]);
    expect(await rollupDrift([w.a.id])).toEqual([]);
  });

  it("stays exact under concurrent first pledges and a concurrent change of the milestone's status", async () => {
    const w = await buildWorld();
    signInAs(null);
    // onlyA has no pledge on m3 yet: each of these could be "the first" that makes onlyA a backer.
    const pledge = (i: number) =>
      asUser(w.onlyA, () => call(pledgeAction, { slug: w.a.slug, milestoneId: w.m3, amount: `${i + 1}.01`, currency: "USD", condition: "", idempotencyKey: key() }));
    const first = await Promise.all(Array.from({ length: 6 }, (_, i) => pledge(i)));
    expect(first.map((r) => r.ok)).toEqual(Array(6).fill(true));
    expect(await tallyDrift([w.a.id])).toEqual([]);
    // More pledges while the milestone is reached: each lands before or is refused after.
    const statusChange = asUser(w.brokerA, () =>
      call(setMilestoneStatusAction, { slug: w.a.slug, milestoneId: w.m3, status: "reached", note: "", area: "" }),
    );
    const results = await Promise.all([...Array.from({ length: 6 }, (_, i) => pledge(6 + i)), statusChange]);
    expect(results.at(-1), JSON.stringify(results.at(-1))).toMatchObject({ ok: true });
    // Refused only because the milestone was reached first; never a deadlock or an unexpected error.
    for (const r of results.slice(0, -1)) if (!r.ok) expect(r.code).toBe("milestone_closed");
    expect(await rollupDrift([w.a.id, w.b.id])).toEqual([]);
    expect(await tallyDrift([w.a.id, w.b.id])).toEqual([]);
    const backedByOnlyA = await dbSystem().milestoneTally.findMany({ where: { networkId: w.a.id, funderId: w.onlyA.id } });
    // m1 (pledged before) and m3, now reached.
    expect(backedByOnlyA.map((t) => [t.status, t.milestones])).toEqual([["reached", 2]]);
  });
});

describe("the portfolio export", () => {
  it("answers 401 to a visitor, 404 to anyone who funds nowhere, 400 to an unknown format", async () => {
    const w = await buildWorld();
    expect((await download(null)).status).toBe(401);
    expect((await download(null, "json")).status).toBe(401);
    for (const person of [w.plain, w.brokerA, w.stranger]) {
      expect((await download(person, "csv")).status).toBe(404);
      expect((await download(person, "json")).status).toBe(404);
    }
    expect((await download(w.both, "xml")).status).toBe(400);
  });

  it("CSV, parsed back, holds every pledge and adds up to the dashboard's totals", async () => {
    const w = await buildWorld();
    const response = await download(w.both, "csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="kring-funder-portfolio-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual([...CSV_COLUMNS]);
    const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
    expect(records).toHaveLength(6);
    // Networks by name: Alpha's pledges first.
    expect(records.map((r) => r.network)).toEqual(["Alpha network", "Alpha network", "Alpha network", "Alpha network", "Beta network", "Beta network"]);
    const sums = new Map<string, { pledged: bigint; released: bigint }>();
    for (const r of records) {
      expect(r.amount).toBe(toDecimalString(BigInt(r.amount_minor!), r.currency!));
      if (r.pledge_status === "withdrawn") continue;
      const s = sums.get(r.currency!) ?? { pledged: 0n, released: 0n };
      s.pledged += BigInt(r.amount_minor!);
      if (r.pledge_status === "released") s.released += BigInt(r.amount_minor!);
      sums.set(r.currency!, s);
    }
    const d = await loadFunderDashboard(w.both.id);
    expect(Object.fromEntries(sums)).toEqual(Object.fromEntries(d.totals.map((t) => [t.currency, { pledged: t.pledged, released: t.released }])));
    expect(records.find((r) => r.pledge_status === "withdrawn")).toMatchObject({ amount: "77.77", amount_minor: "7777", currency: "EUR" });
    expect(records.find((r) => r.currency === "JPY")).toMatchObject({ amount: "5000", amount_minor: "5000" });
    // Quotes and a line break stay inside their cell; a formula is defused with an apostrophe.
    expect(records.map((r) => r.condition)).toContain('Shared, "jointly", with the city\nand the region');
    expect(records.find((r) => r.pledge_status === "released")?.condition).toBe("'=HYPERLINK(\"http://evil.example\")");
    expect(records.find((r) => r.pledge_status === "released")?.released_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(records.map((r) => r.initiative_id)).toContain(w.ia);
  });

  it("JSON, parsed back, matches the dashboard's totals and lists only the funder's own pledges", async () => {
    const w = await buildWorld();
    const response = await download(w.both, "json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as {
      format: string;
      totals: { currency: string; pledges: number; pledged: { amount: string; minor: string }; released: { minor: string }; outstanding: { minor: string } }[];
      pledges: { status: string; amount: string; minor: string; currency: string; network: { id: string } }[];
    };
    expect(body.format).toBe("kring-funder-portfolio");
    const d = await loadFunderDashboard(w.both.id);
    expect(body.totals.map((t) => [t.currency, BigInt(t.pledged.minor), BigInt(t.released.minor), BigInt(t.outstanding.minor), t.pledges])).toEqual(
      d.totals.map((t) => [t.currency, t.pledged, t.released, t.outstanding, t.pledges]),
    );
    expect(body.totals.find((t) => t.currency === "EUR")?.pledged.amount).toBe("1434.65");
    expect(body.pledges).toHaveLength(6);
    expect(new Set(body.pledges.map((p) => p.network.id))).toEqual(new Set([w.a.id, w.b.id]));
    // onlyA's EUR 500 is A's money too, but not this funder's.
    expect(body.pledges.map((p) => p.amount)).not.toContain("500.00");

    const onlyA = (await (await download(w.onlyA, "json")).json()) as typeof body;
    expect(onlyA.pledges.map((p) => [p.amount, p.currency, p.network.id])).toEqual([["500.00", "EUR", w.a.id]]);
  });
});

describe("the dashboard's query budget", () => {
  async function count(userId: string) {
    const statements: string[] = [];
    const stop = onQuery((sql) => statements.push(sql));
    try {
      await loadFunderDashboard(userId, NOW);
      return statements.length;
    } finally {
      stop();
    }
  }

  it("costs the same few statements (at most 10) for a small and a large portfolio", async () => {
    const w = await buildWorld();
    const small = await count(w.both.id);
    // Twenty more networks, each with initiatives, milestones, pledges and updates.
    for (let n = 0; n < 20; n++) {
      const broker = await user(`Broker ${n}`);
      const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: `fd-big-${n}-${Math.random().toString(36).slice(2, 8)}` });
      await member(net, w.both, "funder");
      const initiative = await dbSystem().initiative.create({
        data: { networkId: net.id, name: `Initiative ${n}`, description: "d", systemChange: "s", status: "active" },
        select: { id: true },
      });
      const milestones = await dbSystem().milestone.createManyAndReturn({
        data: Array.from({ length: 5 }, (_, i) => ({
          networkId: net.id,
          initiativeId: initiative.id,
          position: i,
          title: `M${i}`,
          unlocks: "u",
          targetDate: new Date(Date.UTC(2030, 5, 1 + i * 10)),
          amountNeeded: 100000n,
          currency: i % 2 ? "EUR" : "USD",
          status: (["planned", "active", "reached", "learned", "planned"] as const)[i]!,
        })),
        select: { id: true, currency: true },
      });
      await dbSystem().pledge.createMany({
        data: milestones.flatMap((m, i) =>
          [0, 1, 2].map((k) => ({
            networkId: net.id,
            milestoneId: m.id,
            funderId: w.both.id,
            amount: BigInt(1000 + k),
            currency: m.currency,
            status: k === 2 && i === 2 ? ("released" as const) : ("pledged" as const),
            releasedAt: k === 2 && i === 2 ? new Date() : null,
            idempotencyKey: `big-${n}-${i}-${k}`,
          })),
        ),
      });
      await dbSystem().milestoneUpdate.createMany({
        data: milestones.map((m, i) => ({
          networkId: net.id,
          initiativeId: initiative.id,
          milestoneId: m.id,
          kind: i % 2 ? ("lesson" as const) : ("progress" as const),
          body: `Update ${i}`,
          progress: i % 2 ? null : 10,
          area: i % 2 ? ("means" as const) : null,
        })),
      });
    }
    const large = await count(w.both.id);
    const d = await loadFunderDashboard(w.both.id, NOW);
    expect(d.networks).toHaveLength(22);
    expect(d.upcoming.total).toBeGreaterThan(d.upcoming.items.length);
    expect(d.lessons).toHaveLength(10);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(10);
    // Someone who funds nowhere costs one statement.
    expect(await count(w.plain.id)).toBe(1);
  });
});

describe("the demo", () => {
  it("makes the SIAC funder a funder of both demo networks, so its dashboard spans them", async () => {
    const { seedDemo } = await import("@/lib/db/demo");
    await seedDemo(dbSystem());
    const fund = await dbSystem().user.findUniqueOrThrow({ where: { email: "fund@cityfund.example" }, select: { id: true } });
    const d = await loadFunderDashboard(fund.id);
    expect(d.networks.map((n) => n.slug).sort()).toEqual(["pathfinders-midden-brabant", "siac"]);
    // €5,000 on SIAC's open labs and €3,000 co-funded in Pathfinders.
    expect(totalsOf(d)).toEqual({ EUR: { pledged: 800000n, released: 0n, outstanding: 800000n, pledges: 2 } });
    expect(d.lessons).toHaveLength(2);
  });
});

describe("the dashboard this process keeps (decision 025)", () => {
  async function view(userId: string, now = NOW) {
    const statements: string[] = [];
    const stop = onQuery((sql) => statements.push(sql));
    try {
      return { dashboard: await loadFunderDashboard(userId, now), statements: statements.length };
    } finally {
      stop();
    }
  }

  it("shows the same again after no change, for two statements instead of eight", async () => {
    const w = await buildWorld();
    const first = await view(w.both.id);
    const again = await view(w.both.id);
    expect(first.statements).toBe(8);
    expect(again.statements).toBe(2);
    expect(again.dashboard).toEqual(first.dashboard);
    // Another funder's dashboard is its own: onlyA keeps seeing A only.
    const onlyA = await view(w.onlyA.id);
    expect(onlyA.dashboard.networks.map((n) => n.id)).toEqual([w.a.id]);
    expect((await view(w.both.id)).dashboard.networks.map((n) => n.id).sort()).toEqual([w.a.id, w.b.id].sort());
  });

  it("shows every kind of change on the next view, whichever way it was written", async () => {
    const w = await buildWorld();
    const d0 = (await view(w.both.id)).dashboard;
    expect(d0.overdue.items.map((m) => m.title)).toEqual(["Alpha two"]);
    expect(d0.upcoming.items.map((m) => m.title)).toEqual(["Beta one"]);

    // A pledge, through the action.
    signInAs(w.both);
    await ok(call(pledgeAction, { slug: w.b.slug, milestoneId: w.b1, amount: "10", currency: "EUR", condition: "", idempotencyKey: key() }));
    signInAs(null);
    expect(totalsOf((await view(w.both.id)).dashboard).EUR?.pledged).toBe(totalsOf(d0).EUR!.pledged + 1000n);

    // A milestone and an initiative renamed, straight in the database.
    await dbSystem().milestone.update({ where: { id: w.m2, networkId: w.a.id }, data: { title: "Alpha two, renamed" } });
    expect((await view(w.both.id)).dashboard.overdue.items.map((m) => m.title)).toEqual(["Alpha two, renamed"]);
    await dbSystem().initiative.update({ where: { id: w.ia, networkId: w.a.id }, data: { name: "Alpha workshop" } });
    expect((await view(w.both.id)).dashboard.overdue.items.map((m) => m.initiativeName)).toEqual(["Alpha workshop"]);

    // A progress update by the team.
    signInAs(w.brokerA);
    await ok(call(postUpdateAction, { slug: w.a.slug, milestoneId: w.m3, kind: "evidence", body: "Alpha's new evidence.", idempotencyKey: key() }));
    signInAs(null);
    expect((await view(w.both.id)).dashboard.updates.map((u) => u.body)).toContain("Alpha's new evidence.");

    // A cycle closed with its synthesis, then the synthesis revised.
    const cycle = await dbSystem().cycle.create({
      data: {
        networkId: w.b.id,
        title: "Beta's cycle",
        question: "What did we learn?",
        iDeadline: new Date("2030-05-01T00:00:00Z"),
        weDeadline: new Date("2030-05-15T00:00:00Z"),
        closedAt: new Date("2030-05-20T00:00:00Z"),
        openSlot: null,
      },
      select: { id: true },
    });
    await dbSystem().synthesisRevision.create({ data: { networkId: w.b.id, cycleId: cycle.id, number: 1, body: "We learned to listen." } });
    expect((await view(w.both.id)).dashboard.syntheses.map((s) => s.body)).toEqual(["We learned to listen."]);
    await dbSystem().synthesisRevision.create({ data: { networkId: w.b.id, cycleId: cycle.id, number: 2, body: "We learned to listen, and to ask." } });
    expect((await view(w.both.id)).dashboard.syntheses.map((s) => s.body)).toEqual(["We learned to listen, and to ask."]);

    // A milestone deleted, with its pledges.
    await dbSystem().milestone.delete({ where: { id: w.b1, networkId: w.b.id } });
    const afterDelete = (await view(w.both.id)).dashboard;
    expect(afterDelete.upcoming.items).toEqual([]);
    expect(totalsOf(afterDelete).EUR?.pledged).toBe(totalsOf(d0).EUR!.pledged - 9999n);

    // A network renamed, and the funder's role in it ended.
    await dbSystem().network.update({ where: { id: w.b.id }, data: { name: "Beta, renamed" } });
    expect((await view(w.both.id)).dashboard.networks.map((n) => n.name).sort()).toEqual(["Alpha network", "Beta, renamed"]);
    await dbSystem().membership.updateMany({ where: { networkId: w.b.id, userId: w.both.id }, data: { role: "member" } });
    expect((await view(w.both.id)).dashboard.networks.map((n) => n.id)).toEqual([w.a.id]);

    // A later day: a milestone comes within the next 60 days.
    expect((await view(w.both.id)).dashboard.upcoming.items).toEqual([]);
    const later = (await view(w.both.id, new Date("2030-08-15T12:00:00Z"))).dashboard;
    expect(later.upcoming.items.map((m) => m.title)).toEqual(["Alpha three"]);
  });
});
