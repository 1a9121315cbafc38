// `npm run bench:funding`: the funder dashboard under load, on PostgreSQL, against the production build.
//
// Seeds a fresh database with one funder in 50 networks x 40 initiatives x 5 milestones x 3 pledges
// (30,000 pledges in EUR, USD and GBP, pledged, released and withdrawn), a progress update on every
// milestone, a lesson on every learned one and a closed cycle with its synthesis per network; starts
// `next start` on it and measures, with autocannon in the same run, the bare force-dynamic page
// (`/dev/bare`: the root layout and nothing else) before and after the dashboard (`/funder`) as that funder,
// then the dashboard again while one of its networks changes all the time (so it is computed on nearly
// every view instead of kept, decision 025).
// Prints requests/s and p50/p95/p99 for each, the ratio of the p95s (target: the dashboard within
// 3x the bare page) and the number of SQL statements `loadFunderDashboard` sends (target: at most 10).
// Figures, not assertions: a benchmark never fails a test run.
//
// Settings: BENCH_DATABASE_URL (a local PostgreSQL server; default the one on 127.0.0.1),
// BENCH_SECONDS (per target, default 10), BENCH_CONNECTIONS (default 10), BENCH_PORT (3401),
// BENCH_HOLD=1 (seed and start, print the address and cookie, measure nothing; until SIGTERM/Ctrl-C).
import { pathToFileURL } from "node:url";
import { FUNDING, seedFunding } from "./seeds/funding";
import { createSession, seedInTransaction, withClient } from "./seeds/setup";
import { holdIfAsked, measure, printRows, settings, startServer, warmUp, withFreshDatabase, type Row } from "./support";

const s = settings({ connections: 10, seconds: 10, port: 3401 });

const { networks: NETWORKS, initiatives: INITIATIVES, milestones: MILESTONES, pledges: PLEDGES, funder: FUNDER } = FUNDING;

/** The funding data set (bench/seeds/funding.ts) and the funder's session; bench/faults/backup.ts seeds with it too. */
export async function seed(url: string): Promise<{ sessionToken: string }> {
  const cookie = await seedInTransaction(url, async (c) => {
    await seedFunding(c);
    return createSession(c, FUNDER);
  });
  return { sessionToken: cookie.slice(cookie.indexOf("=") + 1) };
}

/**
 * The statements `loadFunderDashboard` sends for the seeded funder, counted in this process: on the
 * first view (computed) and on the next (nothing changed, so kept: decision 025).
 */
async function countQueries(url: string): Promise<{ first: number; next: number }> {
  process.env.DATABASE_URL = url;
  const { onQuery } = await import("../lib/db/query-log");
  const { loadFunderDashboard } = await import("../lib/portfolio/queries");
  const { closeDatabase } = await import("../lib/db/client");
  const count = async () => {
    const statements: string[] = [];
    const stop = onQuery((sql) => statements.push(sql));
    try {
      const dashboard = await loadFunderDashboard(FUNDER);
      if (dashboard.networks.length !== NETWORKS) throw new Error(`the dashboard shows ${dashboard.networks.length} networks`);
    } finally {
      stop();
    }
    return statements.length;
  };
  try {
    return { first: await count(), next: await count() };
  } finally {
    await closeDatabase();
  }
}

/** Runs `body` while the first seeded network's funding changes every 5 ms (its change counter goes up). */
async function whileNetworksChange<T>(url: string, body: () => Promise<T>): Promise<T> {
  return withClient(url, async (c) => {
    let changing = true;
    const loop = (async () => {
      while (changing) {
        await c.query(`UPDATE "FundingStamp" SET version = version + 1 WHERE "networkId" = (SELECT min("networkId") FROM "FundingStamp")`);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    try {
      return await body();
    } finally {
      changing = false;
      await loop;
    }
  });
}

async function main() {
  await withFreshDatabase(s.serverUrl, "kring_bench_funding", async (url) => {
    const t0 = Date.now();
    const { sessionToken } = await seed(url);
    const pledges = NETWORKS * INITIATIVES * MILESTONES * PLEDGES;
    console.log(
      `seeded ${NETWORKS} networks x ${INITIATIVES} initiatives x ${MILESTONES} milestones x ${PLEDGES} pledges (${pledges} pledges) in ${Date.now() - t0} ms`,
    );
    const stop = await startServer(s.base, s.port, url);
    try {
      const cookie = `authjs.session-token=${sessionToken}`;
      if (await holdIfAsked(`${s.base}/funder with cookie ${cookie}`)) return;
      const res = await fetch(`${s.base}/funder`, { headers: { cookie } });
      const html = await res.text();
      if (res.status !== 200 || !html.includes("Network 49")) throw new Error(`the dashboard answered ${res.status} without all networks`);
      console.log(`dashboard page: ${(html.length / 1024).toFixed(0)} KiB of HTML`);

      // The bare page before and after the dashboard, compared with their mean: the machine's speed
      // drifts by 10-20% within a run (bench/budgets.ts does the same, decision 021).
      await warmUp(s, [
        { path: "/dev/bare", cookie },
        { path: "/funder", cookie },
      ]);
      const rows: Row[] = [];
      rows.push(await measure(s, "bare page (/dev/bare), before", "/dev/bare", cookie));
      rows.push(await measure(s, "funder dashboard (/funder)", "/funder", cookie));
      rows.push(await measure(s, "bare page (/dev/bare), after", "/dev/bare", cookie));
      // The worst case, for the record: one of the funder's networks changes every few milliseconds,
      // so nearly every view computes the dashboard again (decision 025).
      rows.push(await whileNetworksChange(url, () => measure(s, "dashboard, networks changing", "/funder", cookie)));
      rows.push(await measure(s, "bare page (/dev/bare), last", "/dev/bare", cookie));
      const [before, dashboard, after] = rows as [Row, Row, Row];
      printRows(s, rows);
      // Counted last: loading the app's database client here registers its shutdown handlers in this process.
      const queries = await countQueries(url);
      const bareP95 = Math.max((before.p95 + after.p95) / 2, 1);
      console.log(`\ndashboard p95 / bare page p95 (mean of the runs before and after): ${(dashboard.p95 / bareP95).toFixed(2)}x (target <= 3x)`);
      console.log(
        `dashboard SQL statements (loadFunderDashboard): ${queries.first} on a first view, ${queries.next} when nothing changed since (target <= 10)`,
      );
    } finally {
      await stop();
    }
  });
}

// Run as a script (`npm run bench:funding`); imported, it only lends its seed.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
  process.exit(0);
}
