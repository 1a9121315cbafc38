import "server-only";
import { dbAcross } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { MilestoneStatus, UpdateKind } from "@/lib/funding/limits";
import { htmlOf } from "@/lib/markdown/render";
import { listViewerNetworks } from "@/lib/networks/queries";
import {
  DASHBOARD_LIST_SIZE,
  DASHBOARD_MONTHS,
  DASHBOARD_SYNTHESES,
  UPCOMING_DAYS,
  type CurrencyTotals,
  type DashboardMilestone,
  type DashboardSynthesis,
  type DashboardUpdate,
  type FunderDashboard,
  type FunderNetwork,
  type PortfolioPledge,
} from "./schema";

// ---------------------------------------------------------------------------------------
// The funder's portfolio (F8): the one deliberate read across networks, for one audience,
// the funder, at `/funder` (dashboard, printable report, export).
//
// `findFunderPortfolio` loads the person's active funder memberships; only it mints a
// `FunderPortfolio`, and every dashboard and export statement filters by
// `"networkId" IN (portfolio.networkIds)`, so nothing outside those networks is read.
// It shows milestones, updates, lessons and closed cycles' final syntheses of those
// networks, and the funder's own pledges; never a thread, reply or reflection.
// See docs/domain/funding.md, "The funder dashboard", and docs/derived-data.md for the
// tables the triggers keep that it reads.
// ---------------------------------------------------------------------------------------

declare const portfolioBrand: unique symbol;

/** Proof that `networkIds` are exactly the networks where `userId` is an active funder. */
export type FunderPortfolio = Readonly<{ userId: string; networks: readonly FunderNetwork[]; networkIds: readonly string[] }> & {
  readonly [portfolioBrand]: "FunderPortfolio";
};

/**
 * The networks where the person is an active funder, by name: from the person's networks
 * (one statement per request, shared with the header), read through the database's
 * reviewed door for memberships (decision 022).
 */
async function findFunderPortfolio(userId: string): Promise<FunderPortfolio> {
  const networks = (await listViewerNetworks(userId))
    .filter((n) => n.role === "funder")
    .map((n) => ({ id: n.networkId, slug: n.slug, name: n.name, locale: n.locale }));
  return { userId, networks, networkIds: networks.map((n) => n.id) } as unknown as FunderPortfolio;
}

/** The portfolio's networks' rows, and no other's: the funder's reviewed cross-network read (decision 022). */
function portfolioDb(portfolio: FunderPortfolio) {
  return dbAcross(portfolio.networkIds);
}

/** `IN (...)` over the portfolio's networks; never called with an empty portfolio. */
function inPortfolio(portfolio: FunderPortfolio) {
  if (portfolio.networkIds.length === 0) throw new Error("empty funder portfolio");
  return Prisma.join([...portfolio.networkIds]);
}

const EMPTY_STATUS_COUNTS = (): FunderDashboard["statusCounts"] =>
  (["planned", "active", "reached", "learned", "dropped"] as const).map((status) => ({ status, all: 0, backed: 0 }));

/** A UTC calendar day as `YYYY-MM-DD`, `days` after `now`. */
function utcDay(now: Date, days = 0): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the month `back` months before `now`'s (UTC), as `YYYY-MM-01`. */
function monthStart(now: Date, back = 0): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 10);
}

/** The sum of the portfolio's change counters ("FundingStamp"), as text: the dashboard's key. */
type StampSumRow = { version: string };

/**
 * Everything the funder dashboard shows, for the signed-in funder, across every network
 * where they are an active funder: one statement for the portfolio and one for its change
 * counters; when they moved since this process last computed it, six more, whatever its size
 * (money sums and counts are SQL aggregates, lists are limited). An empty portfolio (not a
 * funder anywhere) costs the first statement and shows nothing.
 */
export async function loadFunderDashboard(userId: string, now = new Date()): Promise<FunderDashboard> {
  const portfolio = await findFunderPortfolio(userId);
  if (portfolio.networkIds.length === 0) return computeFunderDashboard(portfolio, now);
  // Computed again only when something the dashboard shows has changed (decision 025): the key holds
  // the sum of the networks' change counters (read before anything else, so what is computed after it
  // is never older than the key says), the day the upcoming and overdue lists count from, and the
  // networks as the membership check just read them (a name, a role or a network more or less).
  const [stamp] = await portfolioDb(portfolio).$queryRaw<StampSumRow[]>`
    SELECT coalesce(sum(version), 0)::text AS version FROM "FundingStamp" WHERE "networkId" IN (${inPortfolio(portfolio)})`;
  const key = `${stamp?.version ?? "0"}|${utcDay(now)}|${JSON.stringify(portfolio.networks)}`;
  const kept = dashboardMemo().get(userId);
  if (kept?.key === key) {
    // Most recently used last: the first entry is the one to drop when the memo is full.
    dashboardMemo().delete(userId);
    dashboardMemo().set(userId, kept);
    return kept.dashboard;
  }
  const dashboard = await computeFunderDashboard(portfolio, now);
  rememberDashboard(userId, { key, dashboard });
  return dashboard;
}

/** Funders whose dashboard this process keeps; a forgotten one is computed again on its next view. */
const DASHBOARD_MEMO_SIZE = 200;

type KeptDashboard = { key: string; dashboard: FunderDashboard };

/**
 * Dashboards this process computed, by funder, with the key they were computed under. Only ever a
 * copy of what the database says under that key, so losing it (a restart, another instance) costs
 * one computation and never changes an answer. One per process, on globalThis: Next bundles this
 * module into more than one layer.
 */
function dashboardMemo(): Map<string, KeptDashboard> {
  const g = globalThis as { kringFunderDashboards?: Map<string, KeptDashboard> };
  g.kringFunderDashboards ??= new Map();
  return g.kringFunderDashboards;
}

function rememberDashboard(userId: string, kept: KeptDashboard) {
  const memo = dashboardMemo();
  memo.delete(userId);
  memo.set(userId, kept);
  if (memo.size > DASHBOARD_MEMO_SIZE) {
    const oldest = memo.keys().next().value;
    if (oldest !== undefined) memo.delete(oldest);
  }
}

/** An upcoming or overdue milestone, with how many the whole list holds ("total"). */
type MilestoneRow = Omit<DashboardMilestone, "network" | "status"> & { networkId: string; status: string; total: number };
/** One row of the dashboard's money: a total (per currency, or per network and currency) or a chart month. */
type FiguresRow = {
  part: "total" | "month";
  networkId: string | null;
  currency: string;
  month: string | null;
  pledged: bigint;
  released: bigint;
  outstanding: bigint | null;
  pledges: number | null;
};
/** Milestones in one status: all in the portfolio, and those the funder backs ("MilestoneTally"). */
type StatusTallyRow = { status: string; all: number; backed: number };
/** One of the latest updates or lessons. */
type DashboardUpdateRow = Omit<DashboardUpdate, "network" | "kind" | "html"> & { kind: string; networkId: string; bodyHtml: string | null };
/** A closed cycle with its final synthesis (the latest revision). */
type DashboardSynthesisRow = Omit<DashboardSynthesis, "network" | "html"> & { networkId: string; bodyHtml: string | null };

function milestoneRows(rows: MilestoneRow[], byId: Map<string, FunderNetwork>) {
  const items = rows.flatMap(({ networkId, total: _t, ...m }) => {
    const network = byId.get(networkId);
    return network ? [{ ...m, status: m.status as MilestoneStatus, amountNeeded: BigInt(m.amountNeeded), network }] : [];
  });
  return { items, total: rows[0]?.total ?? 0 };
}

async function computeFunderDashboard(portfolio: FunderPortfolio, now: Date): Promise<FunderDashboard> {
  const userId = portfolio.userId;
  const empty: FunderDashboard = {
    networks: [],
    totals: [],
    perNetwork: [],
    statusCounts: EMPTY_STATUS_COUNTS(),
    upcoming: { items: [], total: 0 },
    overdue: { items: [], total: 0 },
    timeline: [],
    updates: [],
    lessons: [],
    syntheses: [],
  };
  if (portfolio.networkIds.length === 0) return empty;
  const ids = inPortfolio(portfolio);
  const byId = new Map(portfolio.networks.map((n) => [n.id, n]));
  const today = utcDay(now);
  const horizon = utcDay(now, UPCOMING_DAYS);
  const firstMonth = monthStart(now, DASHBOARD_MONTHS - 1);
  const lastMonth = monthStart(now);
  const backed = Prisma.sql`EXISTS (
    SELECT 1 FROM "Pledge" p
    WHERE p."networkId" = m."networkId" AND p."milestoneId" = m.id AND p."funderId" = ${userId} AND p.status IN ('pledged', 'released'))`;
  const milestoneColumns = Prisma.sql`
    m.id, m.title, m.status::text AS status, m.progress, m."targetDate", m."amountNeeded", m.currency,
    i.id AS "initiativeId", i.name AS "initiativeName", m."networkId", ${backed} AS backed, counted.total`;
  // Row-level security keeps a condition on an enum column (status, kind) from driving an index: its
  // operators are not LEAKPROOF, so PostgreSQL checks the policy first. A plain `"networkId" IN (...)`
  // then reads every milestone or update of the portfolio and checks the policy on each row. These lists
  // walk each network's partial index instead (migration portfolio_indexes_under_rls): at most a list's
  // worth of rows per network, then the overall top (decision 022).
  const nets = Prisma.sql`unnest(ARRAY[${ids}]::text[]) AS n(id)`;
  const openMilestones = (range: Prisma.Sql) => portfolioDb(portfolio).$queryRaw<MilestoneRow[]>`
      WITH picked AS (
        SELECT m.* FROM ${nets}
        CROSS JOIN LATERAL (
          SELECT * FROM "Milestone" m
          WHERE m."networkId" = n.id AND m.status IN ('planned', 'active') AND ${range}
          ORDER BY m."targetDate" FETCH FIRST ${DASHBOARD_LIST_SIZE} ROWS WITH TIES
        ) m
      ), counted AS MATERIALIZED ( -- once, not once per listed row (the planner would inline it)
        SELECT coalesce(sum(c.n), 0)::int AS total FROM ${nets}
        CROSS JOIN LATERAL (
          SELECT count(*) AS n FROM "Milestone" m
          WHERE m."networkId" = n.id AND m.status IN ('planned', 'active') AND ${range}
        ) c
      )
      SELECT ${milestoneColumns}
      FROM picked m
      JOIN "Initiative" i ON i.id = m."initiativeId" AND i."networkId" = m."networkId"
      CROSS JOIN counted
      ORDER BY m."targetDate", i.name, m.position, m.id
      LIMIT ${DASHBOARD_LIST_SIZE}`;
  const latestUpdates = (lessons: boolean) => Prisma.sql`
      SELECT u.id, u.kind::text AS kind, u.body, u."bodyHtml", u.progress, u."createdAt", u."networkId",
             i.id AS "initiativeId", i.name AS "initiativeName", m.id AS "milestoneId", m.title AS "milestoneTitle"
      FROM (
        SELECT u.* FROM ${nets}
        CROSS JOIN LATERAL (
          SELECT * FROM "MilestoneUpdate" u
          WHERE u."networkId" = n.id AND ${lessons ? Prisma.sql`u.kind = 'lesson'` : Prisma.sql`u.kind <> 'lesson'`}
            AND u."hiddenAt" IS NULL -- hidden by a broker (decision 027)
          ORDER BY u."createdAt" DESC, u.id DESC
          LIMIT ${DASHBOARD_LIST_SIZE}
        ) u
        ORDER BY u."createdAt" DESC, u.id DESC
        LIMIT ${DASHBOARD_LIST_SIZE}
      ) u
      JOIN "Initiative" i ON i.id = u."initiativeId" AND i."networkId" = u."networkId"
      JOIN "Milestone" m ON m.id = u."milestoneId" AND m."networkId" = u."networkId"
      ORDER BY u."createdAt" DESC, u.id DESC`;

  const [figures, statuses, upcoming, overdue, updates, syntheses] = await Promise.all([
    // The money, from the funder's monthly rollup ("PledgeMonth", kept by a trigger on every change to a
    // pledge): a few rows per network and currency however many pledges there are. From it, the totals per
    // currency and per network and currency (part "total"), and the chart's months (part "month", UTC):
    // pledges standing or released by the month they were made, releases by the month they were released,
    // accumulated; earlier months count in the chart's first month.
    portfolioDb(portfolio).$queryRaw<FiguresRow[]>`
      WITH base AS (
        SELECT r."networkId", r.currency, r.month::timestamp AS month, r."madeAmount" AS made, r."madeCount" AS n,
               r."releasedAmount" AS released
        FROM "PledgeMonth" r
        WHERE r."networkId" IN (${ids}) AND r."funderId" = ${userId}
      ), totals AS (
        SELECT CASE WHEN GROUPING("networkId") = 1 THEN NULL ELSE "networkId" END AS "networkId", currency,
               sum(made) AS pledged, sum(released) AS released, sum(made) - sum(released) AS outstanding, sum(n) AS pledges
        FROM base
        GROUP BY GROUPING SETS ((currency), ("networkId", currency))
      ), events AS (
        SELECT currency, greatest(month, ${firstMonth}::timestamp) AS month, made AS pledged, released FROM base
      ), per_month AS (
        SELECT currency, month, sum(pledged) AS pledged, sum(released) AS released FROM events GROUP BY currency, month
      ), grid AS (
        SELECT g.month, c.currency
        FROM generate_series(${firstMonth}::timestamp, ${lastMonth}::timestamp, interval '1 month') AS g(month)
        CROSS JOIN (SELECT DISTINCT currency FROM base) c
      )
      SELECT * FROM (
        SELECT 'total' AS part, "networkId", currency, NULL AS month, pledged::bigint AS pledged, released::bigint AS released,
               outstanding::bigint AS outstanding, pledges::int AS pledges
        FROM totals
        UNION ALL
        SELECT 'month', NULL, grid.currency, to_char(grid.month, 'YYYY-MM'),
               (sum(coalesce(pm.pledged, 0)) OVER w)::bigint, (sum(coalesce(pm.released, 0)) OVER w)::bigint, NULL, NULL
        FROM grid
        LEFT JOIN per_month pm ON pm.currency = grid.currency AND pm.month = grid.month
        WINDOW w AS (PARTITION BY grid.currency ORDER BY grid.month)
      ) figures
      ORDER BY part DESC, currency, month`,
    // Milestones per status, all of them (funder "") and those the funder backs, from the tally the
    // triggers on "Milestone" and "Pledge" keep: a few rows per network, not a pass over every milestone.
    portfolioDb(portfolio).$queryRaw<StatusTallyRow[]>`
      SELECT t.status::text AS status,
             coalesce(sum(t.milestones) FILTER (WHERE t."funderId" = ''), 0)::int AS "all",
             coalesce(sum(t.milestones) FILTER (WHERE t."funderId" = ${userId}), 0)::int AS backed
      FROM "MilestoneTally" t
      WHERE t."networkId" IN (${ids}) AND t."funderId" IN ('', ${userId})
      GROUP BY t.status`,
    openMilestones(Prisma.sql`m."targetDate" >= ${today}::date AND m."targetDate" <= ${horizon}::date`),
    openMilestones(Prisma.sql`m."targetDate" < ${today}::date`),
    // The latest updates (progress, evidence, setbacks) and, apart, the latest lessons.
    portfolioDb(portfolio).$queryRaw<DashboardUpdateRow[]>`
      (${latestUpdates(false)})
      UNION ALL
      (${latestUpdates(true)})`,
    // Closed cycles' final synthesis (the latest revision), as each network's journey shows it to funders.
    portfolioDb(portfolio).$queryRaw<DashboardSynthesisRow[]>`
      SELECT c.id AS "cycleId", c."networkId", c.title, c.question, c."closedAt", r.body, r."bodyHtml"
      FROM (
        SELECT id, "networkId", title, question, "closedAt" FROM "Cycle"
        WHERE "networkId" IN (${ids}) AND "closedAt" IS NOT NULL
        ORDER BY "closedAt" DESC, id DESC
        LIMIT ${DASHBOARD_SYNTHESES}
      ) c
      JOIN LATERAL (
        SELECT body, "bodyHtml" FROM "SynthesisRevision" s
        WHERE s."networkId" = c."networkId" AND s."cycleId" = c.id
        ORDER BY s.number DESC LIMIT 1
      ) r ON true
      ORDER BY c."closedAt" DESC, c.id DESC`,
  ]);

  const totals = figures.filter((f) => f.part === "total");
  const timeline = figures.filter((f) => f.part === "month");
  const money = (r: (typeof figures)[number]): CurrencyTotals => ({
    currency: r.currency,
    pledged: BigInt(r.pledged),
    released: BigInt(r.released),
    outstanding: BigInt(r.outstanding ?? 0),
    pledges: Number(r.pledges ?? 0),
  });
  const perNetwork = portfolio.networks.map((network) => ({
    network,
    totals: totals.filter((t) => t.networkId === network.id).map(money),
  }));
  const statusCounts = EMPTY_STATUS_COUNTS().map((s) => {
    const row = statuses.find((r) => r.status === s.status);
    return row ? { status: s.status, all: Number(row.all), backed: Number(row.backed) } : s;
  });
  const series: FunderDashboard["timeline"] = [];
  for (const row of timeline) {
    let entry = series.at(-1);
    if (!entry || entry.currency !== row.currency) {
      entry = { currency: row.currency, points: [] };
      series.push(entry);
    }
    entry.points.push({ month: row.month ?? "", pledged: BigInt(row.pledged), released: BigInt(row.released) });
  }
  const toUpdate = ({ networkId, kind, bodyHtml, ...u }: (typeof updates)[number]): DashboardUpdate[] => {
    const network = byId.get(networkId);
    return network ? [{ ...u, kind: kind as UpdateKind, html: htmlOf(bodyHtml, u.body), network }] : [];
  };
  return {
    networks: portfolio.networks,
    totals: totals.filter((t) => t.networkId === null).map(money),
    perNetwork,
    statusCounts,
    upcoming: milestoneRows(upcoming, byId),
    overdue: milestoneRows(overdue, byId),
    timeline: series,
    updates: updates.filter((u) => u.kind !== "lesson").flatMap(toUpdate),
    lessons: updates.filter((u) => u.kind === "lesson").flatMap(toUpdate),
    syntheses: syntheses.flatMap(({ networkId, bodyHtml, ...s }) => {
      const network = byId.get(networkId);
      return network ? [{ ...s, html: htmlOf(bodyHtml, s.body), network }] : [];
    }),
  };
}

/** One pledge of the funder with its network, initiative and milestone (the export's rows). */
type PortfolioPledgeRow = Omit<PortfolioPledge, "network" | "milestoneStatus" | "status"> & {
  networkId: string;
  milestoneStatus: string;
  status: string;
};
/** The funder's standing and released pledges in one currency (the export's totals). */
type PortfolioTotalsRow = { currency: string; pledged: bigint; released: bigint; outstanding: bigint; pledges: number };

/**
 * The funder's portfolio for export: every pledge they made in their funder networks
 * (withdrawn ones too, marked so), with its network, initiative and milestone, and the
 * totals per currency. Null when the person is not an active funder anywhere.
 */
export async function exportFunderPortfolio(userId: string) {
  const portfolio = await findFunderPortfolio(userId);
  if (portfolio.networkIds.length === 0) return null;
  const ids = inPortfolio(portfolio);
  const byId = new Map(portfolio.networks.map((n) => [n.id, n]));
  const [rows, totals] = await Promise.all([
    portfolioDb(portfolio).$queryRaw<PortfolioPledgeRow[]>`
      SELECT p.id AS "pledgeId", p."networkId", i.id AS "initiativeId", i.name AS "initiativeName",
             m.id AS "milestoneId", m.title AS "milestoneTitle", m.status::text AS "milestoneStatus", m."targetDate",
             p.amount, p.currency, p.status::text AS status, p.condition, p."createdAt", p."releasedAt", p."withdrawnAt"
      FROM "Pledge" p
      JOIN "Milestone" m ON m.id = p."milestoneId" AND m."networkId" = p."networkId"
      JOIN "Initiative" i ON i.id = m."initiativeId" AND i."networkId" = m."networkId"
      WHERE p."networkId" IN (${ids}) AND p."funderId" = ${userId}
      ORDER BY p."networkId", i.name, i.id, m.position, p."createdAt", p.id`,
    portfolioDb(portfolio).$queryRaw<PortfolioTotalsRow[]>`
      SELECT p.currency, sum(p.amount)::bigint AS pledged,
             coalesce(sum(p.amount) FILTER (WHERE p.status = 'released'), 0)::bigint AS released,
             coalesce(sum(p.amount) FILTER (WHERE p.status = 'pledged'), 0)::bigint AS outstanding,
             count(*)::int AS pledges
      FROM "Pledge" p
      WHERE p."networkId" IN (${ids}) AND p."funderId" = ${userId} AND p.status IN ('pledged', 'released')
      GROUP BY p.currency
      ORDER BY p.currency`,
  ]);
  const order = new Map(portfolio.networks.map((n, i) => [n.id, i]));
  const pledges = rows
    .flatMap(({ networkId, ...r }): PortfolioPledge[] => {
      const network = byId.get(networkId);
      return network
        ? [
            {
              ...r,
              network,
              amount: BigInt(r.amount),
              milestoneStatus: r.milestoneStatus as MilestoneStatus,
              status: r.status as PortfolioPledge["status"],
            },
          ]
        : [];
    })
    // Networks by name, as the dashboard lists them (the statement sorted within each network).
    .sort((a, b) => (order.get(a.network.id) ?? 0) - (order.get(b.network.id) ?? 0));
  return {
    networks: portfolio.networks,
    totals: totals.map(
      (t): CurrencyTotals => ({
        currency: t.currency,
        pledged: BigInt(t.pledged),
        released: BigInt(t.released),
        outstanding: BigInt(t.outstanding),
        pledges: Number(t.pledges),
      }),
    ),
    pledges,
  };
}
