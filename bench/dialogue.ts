// `npm run bench`: the dialogue under load, on PostgreSQL, against the production build.
//
// Seeds a fresh database with a network of 1,000 threads (more if a hundred list pages need it) and one thread of 5,000 replies
// (with reactions and mentions), starts `next start` on it, and measures with autocannon:
// a bare route handler and a bare force-dynamic page (`/dev/bare`: the root layout and
// nothing else; the baseline), the thread page, and the thread list at page 1 and page 100.
// Prints requests/s and p50/p95/p99 latency for each, and the ratios the issue sets as
// targets: thread page >= 60% of the bare page, list page 100 within 1.5x of page 1.
//
// Settings: BENCH_DATABASE_URL (a local PostgreSQL server; default the one on 127.0.0.1),
// BENCH_SECONDS (per target, default 10), BENCH_CONNECTIONS (default 20), BENCH_PORT (3400),
// BENCH_ONLY (measure only the targets whose name contains it, plus the bare page),
// BENCH_PROFILE_DIR (write a V8 CPU profile of the server there, to open in Chrome's DevTools),
// BENCH_HOLD=1 (seed and start, print the address and cookie, measure nothing; until SIGTERM/Ctrl-C).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { encodeCursor } from "../lib/cursor";
import { THREADS_PAGE_SIZE } from "../lib/dialogue/schema";
import { holdIfAsked, measure, printRows, settings, startServer, withFreshDatabase, type Row } from "./support";

const s = settings({ connections: 20, seconds: 10, port: 3400 });
const only = process.env.BENCH_ONLY;

// At least 1,000 threads, and enough for a 100th page of the list.
const THREADS = Math.max(1_000, 100 * THREADS_PAGE_SIZE + 10);
const REPLIES = 5_000;
const MEMBERS = 20;

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
    // As autovacuum leaves a table in production: statistics and the visibility map (index-only scans).
    await c.query("VACUUM ANALYZE");
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

async function main() {
  await withFreshDatabase(s.serverUrl, "kring_bench", async (url) => {
    const t0 = Date.now();
    const { sessionToken, page100 } = await seed(url);
    console.log(`seeded ${THREADS} threads, ${REPLIES} replies, ${REPLIES * 3} reactions in ${Date.now() - t0} ms`);
    const stop = await startServer(s.base, s.port, url);
    try {
      const cookie = `authjs.session-token=${sessionToken}`;
      if (await holdIfAsked(`${s.base} with cookie ${cookie}, thread /n/bench/dialogue/t000000`)) return;
      const threadRes = await fetch(`${s.base}/n/bench/dialogue/t000000`, { headers: { cookie } });
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
        rows.push(await measure(s, name, path, cookie));
      }
      const row = (prefix: string) => rows.find((r) => r.name.startsWith(prefix));
      const bare = row("bare page")!;
      printRows(s, rows, bare);
      const [thread, p1, p100] = [row("thread page"), row("thread list, page 1"), row("thread list, page 100")];
      if (thread) console.log(`\nthread page / bare page: ${((thread.rps / bare.rps) * 100).toFixed(0)}% (target >= 60%)`);
      if (p1 && p100) {
        console.log(`list page 100 / page 1 (p50 latency): ${(p100.p50 / Math.max(p1.p50, 1)).toFixed(2)}x (target <= 1.5x)`);
      }
    } finally {
      await stop();
    }
  });
}

await main();
process.exit(0);
