// `npm run bench`: the dialogue under load, on PostgreSQL, against the production build.
//
// Seeds a fresh database with a network of 1,000 threads (more if a hundred list pages need it) and one thread of 5,000 replies
// (with reactions and mentions), starts `next start` on it, and measures with autocannon:
// a bare route handler and a bare force-dynamic page (`/dev/bare`: the root layout and
// nothing else; the baseline), the thread page, and the thread list at page 1 and page 100.
// Prints requests/s and p50/p95/p99 latency for each, and the ratios the issue sets as
// targets: thread page >= 60% of the bare page, list page 100 within 1.5x of page 1. Figures, not assertions: a benchmark never fails a test run.
//
// Settings: BENCH_DATABASE_URL (a local PostgreSQL server; default the one on 127.0.0.1),
// BENCH_SECONDS (per target, default 10), BENCH_CONNECTIONS (default 20), BENCH_PORT (3400),
// BENCH_ONLY (measure only the targets whose name contains it, plus the bare page),
// BENCH_PROFILE_DIR (write a V8 CPU profile of the server there, to open in Chrome's DevTools),
// BENCH_HOLD=1 (seed and start, print the address and cookie, measure nothing; until SIGTERM/Ctrl-C).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import autocannon from "autocannon";
import pg from "pg";
import { applyMigrations } from "../lib/db/migrations";
import { encodeCursor } from "../lib/cursor";
import { THREADS_PAGE_SIZE } from "../lib/dialogue/schema";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const port = Number(process.env.BENCH_PORT ?? 3400);
const base = `http://localhost:${port}`;
const only = process.env.BENCH_ONLY;

// At least 1,000 threads, and enough for a 100th page of the list.
const THREADS = Math.max(1_000, 100 * THREADS_PAGE_SIZE + 10);
const REPLIES = 5_000;
const MEMBERS = 20;

function local(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`The benchmark creates and drops a database; refusing a non-local server (${host}).`);
  }
}

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}


/** Bulk rows through plain SQL: the seed is setup, not the code under test. */
async function seed(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const sessionToken = randomBytes(32).toString("hex");
  try {
    await c.query("BEGIN");
    await c.query(
      `INSERT INTO "User" (id, email, name, bio, "updatedAt")
       SELECT 'u' || lpad(to_hex(g), 6, '0'), 'member' || g || '@bench.test', 'Member ' || g, '', now()
       FROM generate_series(0, $1 - 1) g`,
      [MEMBERS],
    );
    await c.query(
      `INSERT INTO "Network" (id, slug, name, purpose, "workingQuestion", principles, visibility, "joinPolicy", locale, "updatedAt")
       VALUES ('bench', 'bench', 'Bench network', 'Measuring the dialogue.', 'Is it fast?', ARRAY['Stay open.'], 'public', 'open', 'en', now())`,
    );
    await c.query(
      `INSERT INTO "Membership" (id, "networkId", "userId", role, status, "principlesAcceptedAt", "joinedAt", "updatedAt")
       SELECT 'm' || lpad(to_hex(g), 6, '0'), 'bench', 'u' || lpad(to_hex(g), 6, '0'),
              (CASE WHEN g = 0 THEN 'broker' ELSE 'member' END)::"Role", 'active', now(), now(), now()
       FROM generate_series(0, $1 - 1) g`,
      [MEMBERS],
    );
    // The threads, one an hour back in time, across levels and areas.
    await c.query(
      `INSERT INTO "Thread" (id, "networkId", "authorId", title, body, level, area, "replyCount", "lastActivityAt", "createdAt", "updatedAt")
       SELECT 't' || lpad(to_hex(g), 6, '0'), 'bench', 'u' || lpad(to_hex(g % $2), 6, '0'),
              'Thread ' || g || ': what are we working on?', 'A **thread** about the working question, number ' || g || '.',
              (ARRAY['social_innovation','network','context'])[1 + g % 3]::"Level",
              (ARRAY['means','objectives','vision_values','observations_facts'])[1 + g % 4]::"Area",
              CASE WHEN g = 0 THEN $3 ELSE g % 7 END,
              now() - (g || ' hours')::interval, now() - (g || ' hours')::interval, now()
       FROM generate_series(0, $1 - 1) g`,
      [THREADS, MEMBERS, REPLIES],
    );
    // The big thread: t000000 with 5,000 replies, each with a mention and reactions.
    await c.query(
      `INSERT INTO "Reply" (id, "networkId", "threadId", "authorId", body, "createdAt", "updatedAt")
       SELECT 'r' || lpad(to_hex(g), 6, '0'), 'bench', 't000000', 'u' || lpad(to_hex(g % $2), 6, '0'),
              'Reply ' || g || ' with *emphasis*, a [link](https://example.org/' || g || ') and @Member ' || ((g + 1) % $2) || '.',
              now() - interval '2 days' + (g || ' seconds')::interval, now()
       FROM generate_series(0, $1 - 1) g`,
      [REPLIES, MEMBERS],
    );
    await c.query(
      `INSERT INTO "Mention" ("networkId", "replyId", "userId")
       SELECT 'bench', 'r' || lpad(to_hex(g), 6, '0'), 'u' || lpad(to_hex((g + 1) % $2), 6, '0')
       FROM generate_series(0, $1 - 1) g`,
      [REPLIES, MEMBERS],
    );
    await c.query(
      `INSERT INTO "Reaction" ("networkId", "replyId", "userId", kind)
       SELECT 'bench', 'r' || lpad(to_hex(g), 6, '0'), 'u' || lpad(to_hex(k), 6, '0'),
              (ARRAY['agree','heart','insight','question'])[1 + (g + k) % 4]::"ReactionKind"
       FROM generate_series(0, $1 - 1) g, generate_series(0, 2) k`,
      [REPLIES],
    );
    // The measured person: a member with a database session, as after signing in.
    await c.query(
      `INSERT INTO "Session" ("sessionToken", "userId", expires, "updatedAt") VALUES ($1, 'u000001', now() + interval '1 day', now())`,
      [sessionToken],
    );
    await c.query("COMMIT");
    await c.query("ANALYZE");
    const { rows } = await c.query<{ lastActivityAt: Date; id: string }>(
      `SELECT "lastActivityAt", id FROM "Thread" WHERE "networkId" = 'bench'
       ORDER BY "lastActivityAt" DESC, id DESC OFFSET $1 LIMIT 1`,
      [99 * THREADS_PAGE_SIZE - 1],
    );
    const last = rows[0];
    if (!last) throw new Error("not enough threads for page 100");
    return { sessionToken, page100: encodeCursor({ at: last.lastActivityAt, id: last.id }) };
  } finally {
    await c.end();
  }
}

async function waitFor(url: string, child: ChildProcess) {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error("next start exited early");
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within a minute`);
}

type Row = { name: string; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One autocannon run; latencies are collected per response so p95 is exact. */
function run(path: string, cookie: string, duration: number): Promise<{ result: autocannon.Result; latencies: number[] }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url: base + path, connections, duration, headers: { cookie } }, (error, result) =>
      error ? reject(error) : resolve({ result, latencies }),
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
}

async function measure(name: string, path: string, cookie: string): Promise<Row> {
  await run(path, cookie, 2); // warm-up: caches and the pool are hot
  const { result, latencies } = await run(path, cookie, seconds);
  latencies.sort((a, b) => a - b);
  return {
    name,
    rps: result.requests.average,
    p50: Math.round(percentile(latencies, 50)),
    p95: Math.round(percentile(latencies, 95)),
    p99: Math.round(percentile(latencies, 99)),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main() {
  local(serverUrl);
  if (!existsSync(".next/BUILD_ID")) {
    throw new Error("No production build: run `npm run build` first.");
  }
  const dbName = `kring_bench_${Date.now().toString(36)}`;
  await admin((c) => c.query(`CREATE DATABASE "${dbName}"`));
  const url = withDatabase(serverUrl, dbName);
  let server: ChildProcess | undefined;
  try {
    await applyMigrations({ kind: "postgres", url });
    const t0 = Date.now();
    const { sessionToken, page100 } = await seed(url);
    console.log(`seeded ${THREADS} threads, ${REPLIES} replies, ${REPLIES * 3} reactions in ${Date.now() - t0} ms`);

    // Another server on the port would answer in this one's place.
    if (await fetch(`${base}/api/health`).then(() => true, () => false)) throw new Error(`port ${port} is in use`);
    const profileDir = process.env.BENCH_PROFILE_DIR;
    const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
    server = spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port)], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        KRING_ENV: "test",
        KRING_SEED_DEMO: "0",
        KRING_JOBS: "0",
        AUTH_SECRET: "kring-bench-secret-kring-bench-secret",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    await waitFor(`${base}/api/health`, server);
    const cookie = `authjs.session-token=${sessionToken}`;

    if (process.env.BENCH_HOLD === "1") {
      console.log(`holding: ${base} with cookie ${cookie}, thread /n/bench/dialogue/t000000`);
      await new Promise((r) => {
        process.once("SIGINT", r);
        process.once("SIGTERM", r);
      });
      return;
    }
    const threadRes = await fetch(`${base}/n/bench/dialogue/t000000`, { headers: { cookie } });
    if (threadRes.status !== 200) throw new Error(`thread page answered ${threadRes.status}`);

    const targets: [string, string][] = [
      ["bare route (/api/health)", "/api/health"],
      ["bare page (/dev/bare)", "/dev/bare"],
      ["thread page (5,000 replies)", "/n/bench/dialogue/t000000"],
      ["thread list, page 1", "/n/bench/dialogue"],
      ["thread list, page 100", `/n/bench/dialogue?after=${page100}`],
    ];
    const rows: Row[] = [];
    for (const [name, path] of targets) {
      if (only && !name.includes(only) && !name.startsWith("bare page")) continue;
      rows.push(await measure(name, path, cookie));
    }
    const row = (prefix: string) => rows.find((r) => r.name.startsWith(prefix));

    const bare = row("bare page")!.rps;
    console.log(`\n${connections} connections, ${seconds} s per target, ${new Date().toISOString()}`);
    console.log("target                           req/s    p50 ms    p95 ms  p99 ms  vs bare page  errors");
    for (const r of rows) {
      console.log(
        `${r.name.padEnd(30)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p95).padStart(9)} ${String(r.p99).padStart(7)} ${((r.rps / bare) * 100).toFixed(0).padStart(11)}%  ${r.errors + r.non2xx}`,
      );
    }
    const [thread, p1, p100] = [row("thread page"), row("thread list, page 1"), row("thread list, page 100")];
    if (thread) console.log(`\nthread page / bare page: ${((thread.rps / bare) * 100).toFixed(0)}% (target >= 60%)`);
    if (p1 && p100) {
      console.log(`list page 100 / page 1 (p50 latency): ${(p100.p50 / Math.max(p1.p50, 1)).toFixed(2)}x (target <= 1.5x)`);
    }
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  }
}

await main();
process.exit(0);
