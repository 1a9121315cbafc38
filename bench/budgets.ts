// `npm run bench` (also `npm run bench:budgets`; `npm run bench:scale` = BENCH_SCALE=1): the performance
// budgets of issue 6 in one run, on one fresh PostgreSQL database and one `next start` of the
// production build (KRING_DIST_DIR, default .next).
//
// Seeds the dialogue data set (bench/seeds/dialogue.ts: a network of 1,000+ threads, one of 5,000
// replies), an open cycle in it with 20 reflections (bench/seeds/cycle.ts) and the funding data set
// (bench/seeds/funding.ts: a funder in 50 networks, 30,000 pledges), then for the bare force-dynamic
// page (/dev/bare, the baseline), the network home (as a member and as its broker), the thread list, the thread page, the cycle page
// and the funder dashboard:
// - requests/s and p50/p95/p99 with autocannon, and throughput as a share of the bare page's (as the
//   same person: the funder's bare page has the funder's header, with its 50 networks);
// - SQL statements per request, counted by the serving process (bench/budgets/statements.ts);
// - JavaScript per route, gzip, from the build's manifests (bench/budgets/js-bytes.ts), checked
//   against what Chromium downloads;
// - Lighthouse performance and accessibility scores (bench/budgets/lighthouse.ts) for the five pages,
//   on Debian's Chromium, signed in through the session cookie.
// Then one table with every budget and PASS/FAIL: throughput >= 50% of the bare page, <= 10
// statements, <= 150 kB gzip JavaScript, Lighthouse accessibility 100 and performance >= 90.
// Figures, never assertions: it exits 0 whatever the verdict (1 only when it could not measure).
//
// BENCH_SCALE=1: measures the throughput of the same pages on the small data set first, then seeds
// 10,000 more networks with 1,000,000 replies (bench/seeds/scale.ts) into the same database while the
// server runs, and measures everything again: the table adds each page's p50 as a multiple of the small
// set's (budget: within 1.5x), and lists statements whose generic plan scans a large table end to end.
//
// Settings: BENCH_DATABASE_URL (a local PostgreSQL server; default the one on 127.0.0.1),
// BENCH_SECONDS (per target, default 10), BENCH_CONNECTIONS (default 20), BENCH_PORT (3402),
// BENCH_ONLY (load only the pages whose name contains it, or any of its comma-separated parts, plus the bare page), BENCH_LIGHTHOUSE=0 (skip
// Lighthouse), BENCH_LIGHTHOUSE_PRESET=desktop (Lighthouse's desktop settings instead of its mobile
// default), CHROME_PATH (default /usr/bin/chromium), BENCH_PROFILE_DIR (a V8 CPU profile of the server),
// BENCH_SQL=1 (print each page's statements), BENCH_HOLD=1 (seed and start, print the address and cookies, measure
// nothing; until SIGTERM/Ctrl-C).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { routeJsBytes, type RouteJs } from "./budgets/js-bytes";
import { runLighthouse, type LighthouseResult } from "./budgets/lighthouse";
import { countStatements, sequentialScans, type ScanFinding, type StatementCount } from "./budgets/statements";
import { CONVERSATIONS, seedConversations } from "./seeds/conversations";
import { COMMONS, seedCommons } from "./seeds/commons";
import { CYCLE, seedCycle } from "./seeds/cycle";
import { DIALOGUE, seedDialogue } from "./seeds/dialogue";
import { seedExchange } from "./seeds/exchange";
import { FUNDING, seedFunding } from "./seeds/funding";
import { GATHERINGS, seedGatherings } from "./seeds/gatherings";
import { SCALE, seedScale } from "./seeds/scale";
import { SHARING, seedSharing } from "./seeds/sharing";
import { SUPPORT, seedSupport } from "./seeds/support";
import { seedExports } from "./seeds/exports";
import { createSession, seedInTransaction, withClient } from "./seeds/setup";
import { holdIfAsked, measure, printRows, settings, startServer, warmUp, withFreshDatabase, type Row } from "./support";

const s = settings({ connections: 20, seconds: 10, port: 3402 });
const scale = process.env.BENCH_SCALE === "1";
const only = process.env.BENCH_ONLY;
const lighthouseOn = process.env.BENCH_LIGHTHOUSE !== "0";
const distDir = process.env.KRING_DIST_DIR || ".next";

export const BUDGETS = { throughputShare: 0.5, statements: 10, jsGzipBytes: 150 * 1024, accessibility: 100, performance: 90, scaleP50: 1.5 };

type Who = "member" | "broker" | "funder";
type Page = { key: string; name: string; path: string; who: Who; route: string; expect: string };

const slug = DIALOGUE.slug;
const BARE: Page = { key: "bare", name: "bare page (/dev/bare)", path: "/dev/bare", who: "member", route: "/dev/bare/page", expect: "Kring" };
const PAGES: Page[] = [
  { key: "home", name: "network home", path: `/n/${slug}`, who: "member", route: "/n/[slug]/(space)/page", expect: "Your next step" },
  // The same home as the network's broker: what waits for them besides (issue 18).
  { key: "homeBroker", name: "network home (broker)", path: `/n/${slug}`, who: "broker", route: "/n/[slug]/(space)/page", expect: "What waits for you" },
  { key: "list", name: "thread list", path: `/n/${slug}/dialogue`, who: "member", route: "/n/[slug]/(space)/dialogue/page", expect: "Thread 1:" },
  {
    key: "thread",
    name: "thread page (5,000 replies)",
    path: `/n/${slug}/dialogue/${DIALOGUE.bigThread}`,
    who: "member",
    route: "/n/[slug]/(space)/dialogue/[threadId]/page",
    expect: "Thread 0:",
  },
  { key: "cycle", name: "cycle page", path: `/n/${slug}/cycles`, who: "member", route: "/n/[slug]/(space)/cycles/page", expect: "What I see from where I stand" },
  // Gatherings (issue 19): the list (ten ahead, 500 past, paged by keyset) and the big gathering's page.
  { key: "gatherings", name: "gatherings list", path: `/n/${slug}/gatherings`, who: "member", route: "/n/[slug]/(space)/gatherings/page", expect: "Coming evening 1" },
  {
    key: "gathering",
    name: "gathering page",
    path: `/n/${slug}/gatherings/${GATHERINGS.big}`,
    who: "member",
    route: "/n/[slug]/(space)/gatherings/[gatheringId]/page",
    expect: "The big gathering",
  },
  // The support map (issue 20): 2,000 entries paged by keyset with the overview, as a member and as
  // the broker (with the review queue of 100 suggestions).
  { key: "support", name: "support map", path: `/n/${slug}/support`, who: "member", route: "/n/[slug]/(space)/support/page", expect: SUPPORT.firstProvider },
  { key: "supportBroker", name: "support map (broker)", path: `/n/${slug}/support`, who: "broker", route: "/n/[slug]/(space)/support/page", expect: "Suggestion 99" },
  // One entry's page, with its broker's controls.
  {
    key: "supportEntry",
    name: "support entry (broker)",
    path: `/n/${slug}/support/sbench-0`,
    who: "broker",
    route: "/n/[slug]/(space)/support/[entryId]/page",
    expect: SUPPORT.firstProvider,
  },
  // A network's export (issue 22): the broker's page over 500 earlier exports (the latest five, never a file).
  { key: "networkExport", name: "network export (broker)", path: `/n/${slug}/settings/export`, who: "broker", route: "/n/[slug]/(space)/settings/export/page", expect: "Download the ZIP" },
  // Sharing with the commons (issue 21): the broker's list of 1,000 proposals (the newest 50), and the
  // newest proposal's page with its long text anonymised twice, as the member asked about it.
  { key: "sharing", name: "sharing with the commons (broker)", path: `/n/${slug}/sharing`, who: "broker", route: "/n/[slug]/(space)/sharing/page", expect: SHARING.newestTitle },
  {
    key: "proposal",
    name: "proposal for the commons",
    path: `/n/${slug}/sharing/${SHARING.newest}`,
    who: "member",
    route: "/n/[slug]/(space)/sharing/[proposalId]/page",
    expect: SHARING.newestTitle,
  },
  // Offers and requests (issue 20): the list of 2,000 running posts, paged by keyset.
  { key: "exchange", name: "offers and requests", path: `/n/${slug}/exchange`, who: "member", route: "/n/[slug]/(space)/exchange/page", expect: "Exchange post 1" },
  // The exchange's conversations (issue 20): the member's 300 (keyset pages of 20), and one of 2,000 messages (the latest 50).
  {
    key: "conversations",
    name: "my conversations",
    path: `/n/${slug}/exchange/conversations`,
    who: "member",
    route: "/n/[slug]/(space)/exchange/conversations/page",
    expect: CONVERSATIONS.latest,
  },
  {
    key: "conversation",
    name: "conversation page",
    path: `/n/${slug}/exchange/${CONVERSATIONS.post}/conversations/${CONVERSATIONS.big}`,
    who: "member",
    route: "/n/[slug]/(space)/exchange/[postId]/conversations/[conversationId]/page",
    expect: `Message ${CONVERSATIONS.messages}:`,
  },
  // The commons (issue 21): 3,001 items of 50 networks (and 300 withdrawn), newest first with the
  // patterns; a search in both languages; one item's page. Open to anyone, measured as a member.
  { key: "commons", name: "the commons", path: "/commons", who: "member", route: "/commons/page", expect: COMMONS.newest },
  { key: "commonsSearch", name: "the commons (search)", path: "/commons?q=gemeenten", who: "member", route: "/commons/page", expect: "gemeente" },
  { key: "commonsItem", name: "a commons item", path: `/commons/${COMMONS.item}`, who: "member", route: "/commons/[itemId]/page", expect: COMMONS.newest },
  // The questions asked about the bench network's shared lesson: its brokers' page (2,000, keyset pages of 20).
  {
    key: "commonsQuestions",
    name: "questions to the network (broker)",
    path: `/n/${slug}/commons/questions`,
    who: "broker",
    route: "/n/[slug]/(space)/commons/questions/page",
    expect: COMMONS.newestQuestion,
  },
  { key: "funder", name: "funder dashboard", path: "/funder", who: "funder", route: "/funder/page", expect: FUNDING.lastNetworkName },
  // The read API (issue 22, decision 047): the broker's token page (at most 200 tokens listed, one
  // statement) and the reference rendered from the OpenAPI document (no database): the endpoints, and
  // the records and webhook messages on a page of their own.
  { key: "apiTokens", name: "API tokens (broker)", path: `/n/${slug}/settings/api`, who: "broker", route: "/n/[slug]/(space)/settings/api/page", expect: "Make a token" },
  { key: "apiDocs", name: "read API reference", path: "/api/docs", who: "member", route: "/api/docs/page", expect: "Kring read API" },
  { key: "apiRecords", name: "read API records", path: "/api/docs/records", who: "member", route: "/api/docs/records/page", expect: "Records of the Kring read API" },
  // Webhooks (decision 050): the broker's endpoints and a page of the delivery log (two statements).
  { key: "webhooks", name: "webhooks (broker)", path: `/n/${slug}/settings/webhooks`, who: "broker", route: "/n/[slug]/(space)/settings/webhooks/page", expect: "Register an address" },
];

type Cookies = Record<Who, string>;

async function seed(url: string): Promise<Cookies> {
  return seedInTransaction(url, async (c) => {
    await seedDialogue(c);
    await seedCycle(c);
    await seedGatherings(c);
    await seedSupport(c);
    await seedExports(c);
    await seedSharing(c);
    await seedExchange(c);
    await seedConversations(c);
    await seedFunding(c);
    await seedCommons(c);
    return {
      member: await createSession(c, DIALOGUE.member),
      broker: await createSession(c, "u000000"), // the bench network's broker (bench/seeds/dialogue.ts)
      funder: await createSession(c, FUNDING.funder),
    };
  });
}

/** Every page answers 200 with its content as the person it is measured as (a redirect to sign-in would measure the wrong thing). */
async function checkPages(cookies: Cookies) {
  for (const page of [BARE, ...PAGES]) {
    const res = await fetch(s.base + page.path, { headers: { cookie: cookies[page.who] }, redirect: "manual" });
    const html = await res.text();
    if (res.status !== 200 || !html.includes(page.expect)) {
      throw new Error(`${page.path} answered ${res.status} without "${page.expect}": the seed or the session is wrong`);
    }
  }
}

/**
 * Each page measured between two runs of the bare page, its share taken against their mean. The
 * machine's speed drifts by 10 to 20% over a run (other tenants of the host, its clock), and a page
 * compared with a bare page measured a minute before inherits that drift. The bare page is measured
 * as the same person as the page: the root layout is part of the bare page, and the funder's header
 * lists 50 networks where the member's lists one (bench/funding.ts compares the same way). The bare
 * row printed is the mean of the member's runs.
 */
async function loadRows(cookies: Cookies): Promise<Map<string, Row>> {
  const measured = PAGES.filter((page) => !only || only.split(",").some((part) => page.name.includes(part.trim())));
  const viewers = [...new Set<Who>([BARE.who, ...measured.map((page) => page.who)])];
  await warmUp(s, [
    ...viewers.map((who) => ({ path: BARE.path, cookie: cookies[who] })),
    ...measured.map((page) => ({ path: page.path, cookie: cookies[page.who] })),
  ]);
  const bareRuns = new Map<Who, Row[]>();
  const bareRun = async (who: Who) => {
    const run = await measure(s, BARE.name, BARE.path, cookies[who]);
    bareRuns.set(who, [...(bareRuns.get(who) ?? []), run]);
    return run;
  };
  await bareRun(BARE.who);
  const rows = new Map<string, Row>();
  for (const page of measured) {
    const before = bareRuns.get(page.who)?.at(-1) ?? (await bareRun(page.who));
    const row = await measure(s, page.name, page.path, cookies[page.who]);
    const after = await bareRun(page.who);
    rows.set(page.key, { ...row, baseline: (before.rps + after.rps) / 2 });
  }
  const memberRuns = bareRuns.get(BARE.who) ?? [];
  const mean = (pick: (r: Row) => number) => memberRuns.reduce((sum, r) => sum + pick(r), 0) / memberRuns.length;
  const bare: Row = {
    name: BARE.name,
    rps: mean((r) => r.rps),
    p50: Math.round(mean((r) => r.p50)),
    p95: Math.round(mean((r) => r.p95)),
    p99: Math.round(mean((r) => r.p99)),
    errors: memberRuns.reduce((sum, r) => sum + r.errors, 0),
    non2xx: memberRuns.reduce((sum, r) => sum + r.non2xx, 0),
  };
  for (const [who, runs] of bareRuns) {
    console.log(`bare page as the ${who}: ${runs.length} runs, ${runs.map((r) => r.rps.toFixed(0)).join(", ")} req/s`);
  }
  console.log("each page is compared with the two bare runs around it, as the same person");
  return new Map([["bare", bare], ...rows]);
}

/** A page's throughput as a share of the bare page's, measured around it where it was. */
const shareOf = (r: Row, bare: Row) => r.rps / (r.baseline ?? bare.rps);

async function statementCounts(cookies: Cookies): Promise<Map<string, StatementCount>> {
  const counts = new Map<string, StatementCount>();
  for (const page of [BARE, ...PAGES]) {
    await countStatements(s.base, page.path, cookies[page.who]); // the first visit may warm caches (the session's network list)
    counts.set(page.key, await countStatements(s.base, page.path, cookies[page.who]));
  }
  return counts;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)}`;
const verdict = (ok: boolean | null) => (ok === null ? "n/a" : ok ? "PASS" : "FAIL");

function printTable(
  rows: Map<string, Row>,
  counts: Map<string, StatementCount>,
  js: Map<string, RouteJs>,
  lighthouse: Map<string, LighthouseResult>,
  small?: Map<string, Row>,
) {
  const bare = rows.get("bare");
  console.log(
    `\npage                          req/s  p50  p95  p99  vs bare  SQL  JS kB gz  LH perf  LH a11y${small ? "  p50 vs small" : ""}  non-2xx/errors`,
  );
  for (const page of [BARE, ...PAGES]) {
    const r = rows.get(page.key);
    const c = counts.get(page.key);
    const j = js.get(page.route);
    const l = lighthouse.get(page.key);
    const sm = small?.get(page.key);
    const cells = [
      page.name.padEnd(28),
      (r ? r.rps.toFixed(0) : "-").padStart(6),
      String(r?.p50 ?? "-").padStart(4),
      String(r?.p95 ?? "-").padStart(4),
      String(r?.p99 ?? "-").padStart(4),
      (r && bare ? `${(shareOf(r, bare) * 100).toFixed(0)}%` : "-").padStart(7),
      (c ? `${c.total}` : "-").padStart(4),
      (j ? kb(j.gzip) : "-").padStart(9),
      String(l?.performance ?? "-").padStart(7),
      String(l?.accessibility ?? "-").padStart(7),
    ];
    if (small) cells.push((r && sm ? `${(r.p50 / Math.max(sm.p50, 1)).toFixed(2)}x` : "-").padStart(13));
    cells.push((r ? `${r.non2xx}/${r.errors}` : "-").padStart(14));
    console.log(cells.join(" "));
  }
  const after = PAGES.filter((p) => (counts.get(p.key)?.total ?? 0) > (counts.get(p.key)?.inResponse ?? 0));
  if (after.length) {
    console.log(
      `SQL counts every statement a request causes, after-the-response work included (${after
        .map((p) => `${p.name}: ${counts.get(p.key)!.total - counts.get(p.key)!.inResponse} after`)
        .join(", ")}).`,
    );
  }
}

type Check = { budget: string; ok: boolean | null; detail: string };

function budgetChecks(
  rows: Map<string, Row>,
  counts: Map<string, StatementCount>,
  js: Map<string, RouteJs>,
  lighthouse: Map<string, LighthouseResult>,
  small?: Map<string, Row>,
): Check[] {
  const bare = rows.get("bare");
  const checks: Check[] = [];
  const each = (budget: string, value: (p: Page) => { ok: boolean; text: string } | null) => {
    const parts = PAGES.map((p) => ({ p, v: value(p) })).filter((x) => x.v !== null);
    const failed = parts.filter((x) => !x.v!.ok);
    checks.push({
      budget,
      ok: parts.length === 0 ? null : failed.length === 0,
      detail: parts.length === 0 ? "not measured" : (failed.length ? failed : parts).map((x) => `${x.p.key} ${x.v!.text}`).join(", "),
    });
  };
  each(`throughput >= ${BUDGETS.throughputShare * 100}% of the bare page`, (p) => {
    const r = rows.get(p.key);
    if (!r || !bare) return null;
    const share = shareOf(r, bare);
    return { ok: share >= BUDGETS.throughputShare, text: `${(share * 100).toFixed(0)}%` };
  });
  each(`<= ${BUDGETS.statements} SQL statements per page`, (p) => {
    const c = counts.get(p.key);
    return c ? { ok: c.total <= BUDGETS.statements, text: String(c.total) } : null;
  });
  each(`<= ${BUDGETS.jsGzipBytes / 1024} kB gzip JavaScript per route`, (p) => {
    const j = js.get(p.route);
    return j ? { ok: j.gzip <= BUDGETS.jsGzipBytes, text: `${kb(j.gzip)} kB` } : null;
  });
  const all = [...js.values()].sort((a, b) => b.gzip - a.gzip)[0];
  if (all) {
    checks.push({
      budget: `<= ${BUDGETS.jsGzipBytes / 1024} kB gzip JavaScript, heaviest of all ${js.size} routes`,
      ok: all.gzip <= BUDGETS.jsGzipBytes,
      detail: `${all.route} ${kb(all.gzip)} kB`,
    });
  }
  each(`Lighthouse accessibility = ${BUDGETS.accessibility}`, (p) => {
    const l = lighthouse.get(p.key);
    if (!l) return null;
    return { ok: l.accessibility === BUDGETS.accessibility, text: l.error ? `error: ${l.error}` : `${l.accessibility}${l.failedAccessibility.length ? ` (${l.failedAccessibility.join(" ")})` : ""}` };
  });
  each(`Lighthouse performance >= ${BUDGETS.performance}`, (p) => {
    const l = lighthouse.get(p.key);
    if (!l) return null;
    return { ok: (l.performance ?? 0) >= BUDGETS.performance, text: l.error ? `error: ${l.error}` : String(l.performance) };
  });
  if (small) {
    each(`p50 within ${BUDGETS.scaleP50}x of the small data set`, (p) => {
      const r = rows.get(p.key);
      const sm = small.get(p.key);
      if (!r || !sm) return null;
      const ratio = r.p50 / Math.max(sm.p50, 1);
      return { ok: ratio <= BUDGETS.scaleP50, text: `${ratio.toFixed(2)}x (${sm.p50} -> ${r.p50} ms)` };
    });
  }
  return checks;
}

async function main() {
  if (!lighthouseOn) console.log("BENCH_LIGHTHOUSE=0: no Lighthouse scores");
  const js = routeJsBytes(distDir);
  await withFreshDatabase(s.serverUrl, scale ? "kring_bench_scale" : "kring_bench_budgets", async (url) => {
    let t0 = Date.now();
    const cookies = await seed(url);
    console.log(
      `seeded ${DIALOGUE.threads} threads and ${DIALOGUE.replies} replies in network ${slug}, an open cycle with ${CYCLE.reflections} reflections, ` +
        `a funder in ${FUNDING.networks} networks with ${FUNDING.networks * FUNDING.initiatives * FUNDING.milestones * FUNDING.pledges} pledges, in ${Date.now() - t0} ms`,
    );
    const stop = await startServer(s.base, s.port, url);
    try {
      await checkPages(cookies);
      if (await holdIfAsked(`${s.base}: member cookie ${cookies.member}, broker cookie ${cookies.broker}, funder cookie ${cookies.funder}`)) return;

      let small: Map<string, Row> | undefined;
      if (scale) {
        console.log("\nthe small data set, throughput only:");
        small = await loadRows(cookies);
        printRows(s, [...small.values()], small.get("bare"));
        t0 = Date.now();
        console.log(`\nseeding ${SCALE.networks} networks and ${SCALE.networks * SCALE.threadsPerNetwork * SCALE.repliesPerThread} replies ...`);
        await withClient(url, async (c) => {
          await seedScale(c, (line) => console.log(line));
          await c.query("VACUUM ANALYZE");
        });
        console.log(`seeded the scale data set (and VACUUM ANALYZE) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        await checkPages(cookies);
      }

      const counts = await statementCounts(cookies);
      if (process.env.BENCH_SQL === "1") {
        for (const page of [BARE, ...PAGES]) {
          console.log(`\n${page.name}: ${counts.get(page.key)?.total} statements`);
          for (const sql of counts.get(page.key)?.sql ?? []) console.log(`  ${sql.replace(/\s+/g, " ").slice(0, 220)}`);
        }
      }
      const rows = await loadRows(cookies);

      const lighthouse = new Map<string, LighthouseResult>();
      if (lighthouseOn) {
        for (const result of await runLighthouse(PAGES.map((p) => ({ name: p.key, url: s.base + p.path, cookie: cookies[p.who] })))) {
          lighthouse.set(result.name, result);
        }
      }

      console.log(`\n${scale ? "scale data set: " : ""}${s.connections} connections, ${s.seconds} s per page, build ${distDir}, ${new Date().toISOString()}`);
      printTable(rows, counts, js, lighthouse, small);

      if (lighthouse.size) {
        console.log("\nJavaScript: build manifests (gzip here) against what Chromium downloaded for the page (Lighthouse network records, bytes on the wire):");
        for (const page of PAGES) {
          const l = lighthouse.get(page.key);
          const j = js.get(page.route);
          if (!l || !j || l.error) continue;
          const moved = new URL(l.url).pathname !== page.path ? `  (ended at ${new URL(l.url).pathname})` : "";
          console.log(
            `  ${page.name.padEnd(28)} manifests ${j.files.length} files ${kb(j.gzip)} kB; Chromium ${l.scripts} scripts ${kb(l.scriptTransferBytes)} kB${moved}`,
          );
        }
      }

      let findings: ScanFinding[] = [];
      if (scale) {
        const all = new Map<string, { sql: string[]; pages: string[] }>();
        for (const page of PAGES) {
          for (const sql of counts.get(page.key)?.sql ?? []) {
            const entry = all.get(sql) ?? { sql: [sql], pages: [] };
            entry.pages.push(page.key);
            all.set(sql, entry);
          }
        }
        const result = await withClient(url, (c) => sequentialScans(c, [...all.keys()]));
        findings = result.findings;
        console.log(
          `\nplans at scale: ${all.size} distinct statements of the five pages, ${result.unplanned} not plannable without their parameter types, ` +
            `${findings.length} read a table of more than 10,000 rows with a sequential scan`,
        );
        if (findings.length) {
          const dir = mkdtempSync(path.join(tmpdir(), "kring-bench-plans-"));
          const file = path.join(dir, "sequential-scans.txt");
          writeFileSync(
            file,
            findings
              .map((f) => `-- ${f.table} (${f.rows} rows), pages: ${all.get(f.sql)!.pages.join(", ")}${f.optionalFilter ? ", with a $n IS NULL OR filter" : ""}\n${f.sql}\n\n${f.plan}\n`)
              .join("\n\n"),
          );
          for (const f of findings) {
            const caveat = f.optionalFilter ? " [a `$n IS NULL OR` filter: the plan with real values may differ]" : "";
            console.log(`  Seq Scan on ${f.table} (${f.rows} rows) on ${all.get(f.sql)!.pages.join(", ")}${caveat}: ${f.sql.replace(/\s+/g, " ").trim().slice(0, 160)}`);
          }
          console.log(`  statements and plans: ${file}`);
        }
      }

      console.log("\nbudgets:");
      for (const check of budgetChecks(rows, counts, js, lighthouse, small)) {
        console.log(`  ${verdict(check.ok).padEnd(4)}  ${check.budget.padEnd(52)} ${check.detail}`);
      }
      const errors = [...rows.values()].reduce((n, r) => n + r.errors + r.non2xx, 0);
      if (errors) {
        console.log(`  note: ${errors} responses under load were not 2xx or failed (a 503 is the pool guard of decision 019 refusing work)`);
      }
    } finally {
      await stop();
    }
  });
}

await main();
process.exit(0);
