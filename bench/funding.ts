// `npm run bench:funding`: the funder dashboard under load, on PostgreSQL, against the production build.
//
// Seeds a fresh database with one funder in 50 networks x 40 initiatives x 5 milestones x 3 pledges
// (30,000 pledges in EUR, USD and GBP, pledged, released and withdrawn), a progress update on every
// milestone, a lesson on every learned one and a closed cycle with its synthesis per network; starts
// `next start` on it and measures, with autocannon in the same run, the bare force-dynamic page
// (`/dev/bare`: the root layout and nothing else) and the dashboard (`/funder`) as that funder.
// Prints requests/s and p50/p95/p99 for each, the ratio of the p95s (target: the dashboard within
// 3x the bare page) and the number of SQL statements `loadFunderDashboard` sends (target: at most 10).
// Figures, not assertions: a benchmark never fails a test run.
//
// Settings: BENCH_DATABASE_URL (a local PostgreSQL server; default the one on 127.0.0.1),
// BENCH_SECONDS (per target, default 10), BENCH_CONNECTIONS (default 10), BENCH_PORT (3401),
// BENCH_HOLD=1 (seed and start, print the address and cookie, measure nothing; until SIGTERM/Ctrl-C).
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { holdIfAsked, measure, printRows, settings, startServer, withFreshDatabase, type Row } from "./support";

const s = settings({ connections: 10, seconds: 10, port: 3401 });

const NETWORKS = 50;
const INITIATIVES = 40;
const MILESTONES = 5;
const PLEDGES = 3;
const FUNDER = "funder";

/** Bulk rows through plain SQL: the seed is setup, not the code under test. */
export async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const sessionToken = randomBytes(32).toString("hex");
  try {
    await c.query("BEGIN");
    await c.query(
      `INSERT INTO "User" (id, email, name, bio, "updatedAt") VALUES
       ('${FUNDER}', 'funder@bench.test', 'Bench Fund', '', now()), ('broker', 'broker@bench.test', 'Bench Broker', '', now())`,
    );
    await c.query(
      `INSERT INTO "Network" (id, slug, name, purpose, "workingQuestion", principles, visibility, "joinPolicy", locale, "updatedAt")
       SELECT 'n' || lpad(g::text, 2, '0'), 'net-' || lpad(g::text, 2, '0'), 'Network ' || lpad(g::text, 2, '0'),
              'Measuring the funder dashboard.', 'Is it fast?', ARRAY['Stay open.'], 'public', 'open', 'en', now()
       FROM generate_series(0, $1 - 1) g`,
      [NETWORKS],
    );
    await c.query(
      `INSERT INTO "Membership" (id, "networkId", "userId", role, status, "principlesAcceptedAt", "joinedAt", "updatedAt")
       SELECT 'm' || u.k || lpad(g::text, 2, '0'), 'n' || lpad(g::text, 2, '0'), u.id, u.role::"Role", 'active', now(), now(), now()
       FROM generate_series(0, $1 - 1) g, (VALUES ('f', '${FUNDER}', 'funder'), ('b', 'broker', 'broker')) AS u(k, id, role)`,
      [NETWORKS],
    );
    await c.query(
      `INSERT INTO "Initiative" (id, "networkId", name, description, "systemChange", status, "createdById", "createdAt", "updatedAt")
       SELECT 'i' || lpad(g::text, 2, '0') || '-' || lpad(k::text, 2, '0'), 'n' || lpad(g::text, 2, '0'),
              'Initiative ' || k || ' of network ' || g, 'What it does.', 'What it changes.', 'active', 'broker',
              now() - (k || ' days')::interval, now()
       FROM generate_series(0, $1 - 1) g, generate_series(0, $2 - 1) k`,
      [NETWORKS, INITIATIVES],
    );
    // Five milestones per initiative: target dates from 90 days back to 200 ahead, every status, three currencies.
    await c.query(
      `INSERT INTO "Milestone" (id, "networkId", "initiativeId", position, title, unlocks, "targetDate", "amountNeeded", currency,
                               status, progress, "closingNote", "closedAt", "updatedAt")
       SELECT i.id || '-' || p, i."networkId", i.id, p, 'Milestone ' || p || ' of ' || i.name, 'What it unlocks.',
              (current_date + ((((hashtext(i.id) & 1023) + p * 37) % 290) - 90))::date,
              (1000 + p * 250) * 100, (ARRAY['EUR', 'EUR', 'USD', 'EUR', 'GBP'])[1 + p],
              (ARRAY['reached', 'active', 'planned', 'learned', 'planned'])[1 + p]::"MilestoneStatus",
              (ARRAY[100, 40, 0, 60, 0])[1 + p],
              CASE WHEN p = 3 THEN 'What we learned at step ' || p ELSE '' END,
              CASE WHEN p IN (0, 3) THEN now() - interval '20 days' END, now()
       FROM "Initiative" i, generate_series(0, $1 - 1) p`,
      [MILESTONES],
    );
    // Three pledges by the funder on every milestone: released on reached ones (but one withdrawn), pledged elsewhere.
    await c.query(
      `INSERT INTO "Pledge" (id, "networkId", "milestoneId", "funderId", amount, currency, condition, status, "idempotencyKey",
                            "releasedAt", "withdrawnAt", "withdrawReason", "createdAt", "updatedAt")
       SELECT m.id || '-' || k, m."networkId", m.id, '${FUNDER}', (100 + k * 25) * 100 + k, m.currency, '',
              (CASE WHEN k = 2 AND m.status = 'planned' THEN 'withdrawn' WHEN m.status = 'reached' THEN 'released' ELSE 'pledged' END)::"PledgeStatus",
              m.id || '-' || k,
              CASE WHEN m.status = 'reached' THEN now() - ((hashtext(m.id) & 255) || ' days')::interval END,
              CASE WHEN k = 2 AND m.status = 'planned' THEN now() END,
              CASE WHEN k = 2 AND m.status = 'planned' THEN 'Moved elsewhere.' ELSE '' END,
              now() - (((hashtext(m.id) & 511) + k) || ' days')::interval, now()
       FROM "Milestone" m, generate_series(0, $1 - 1) k`,
      [PLEDGES],
    );
    await c.query(
      `INSERT INTO "MilestoneUpdate" (id, "networkId", "initiativeId", "milestoneId", "authorId", kind, body, progress, area, "createdAt")
       SELECT 'u' || m.id, m."networkId", m."initiativeId", m.id, 'broker', 'progress'::"UpdateKind", 'Progress on ' || m.title, m.progress, NULL::"Area",
              now() - ((hashtext(m.id) & 255) || ' hours')::interval
       FROM "Milestone" m
       UNION ALL
       SELECT 'l' || m.id, m."networkId", m."initiativeId", m.id, 'broker', 'lesson'::"UpdateKind", m."closingNote", NULL, 'means'::"Area",
              now() - ((hashtext(m.id) & 255) || ' hours')::interval
       FROM "Milestone" m WHERE m.status = 'learned'`,
    );
    await c.query(
      `INSERT INTO "Cycle" (id, "networkId", title, question, "iDeadline", "weDeadline", "openedById", "advancedToWeAt", "closedAt", "openSlot", "createdAt", "updatedAt")
       SELECT 'c' || n.id, n.id, 'Cycle of ' || n.name, 'What are we working on?', now() - interval '30 days', now() - interval '20 days',
              'broker', now() - interval '25 days', now() - ((hashtext(n.id) & 63) || ' hours')::interval, NULL, now() - interval '40 days', now()
       FROM "Network" n`,
    );
    await c.query(
      `INSERT INTO "SynthesisRevision" (id, "networkId", "cycleId", number, body, "authorId", "createdAt")
       SELECT 's' || c.id || '-' || r, c."networkId", c.id, r, 'What we concluded, **revision ' || r || '**.', 'broker', now() - interval '21 days'
       FROM "Cycle" c, generate_series(1, 2) r`,
    );
    // The measured person: the funder with a database session, as after signing in.
    await c.query(
      `INSERT INTO "Session" ("sessionToken", "userId", expires, "updatedAt") VALUES ($1, '${FUNDER}', now() + interval '1 day', now())`,
      [sessionToken],
    );
    await c.query("COMMIT");
    // As autovacuum leaves a table in production: statistics and the visibility map (index-only scans).
    await c.query("VACUUM ANALYZE");
    return { sessionToken };
  } finally {
    await c.end();
  }
}

/** The statements `loadFunderDashboard` sends for the seeded funder, counted in this process. */
async function countQueries(url: string): Promise<number> {
  process.env.DATABASE_URL = url;
  const { onQuery } = await import("../lib/db/query-log");
  const { loadFunderDashboard } = await import("../lib/funding/queries");
  const { closeDatabase } = await import("../lib/db/client");
  const statements: string[] = [];
  const stop = onQuery((sql) => statements.push(sql));
  try {
    const dashboard = await loadFunderDashboard(FUNDER);
    if (dashboard.networks.length !== NETWORKS) throw new Error(`the dashboard shows ${dashboard.networks.length} networks`);
  } finally {
    stop();
    await closeDatabase();
  }
  return statements.length;
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

      const rows: Row[] = [];
      rows.push(await measure(s, "bare page (/dev/bare)", "/dev/bare", cookie));
      rows.push(await measure(s, "funder dashboard (/funder)", "/funder", cookie));
      const [bare, dashboard] = rows as [Row, Row];
      printRows(s, rows);
      // Counted last: loading the app's database client here registers its shutdown handlers in this process.
      const queries = await countQueries(url);
      console.log(`\ndashboard p95 / bare page p95: ${(dashboard.p95 / Math.max(bare.p95, 1)).toFixed(2)}x (target <= 3x)`);
      console.log(`dashboard SQL statements (loadFunderDashboard): ${queries} (target <= 10)`);
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
