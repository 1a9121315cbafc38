// `npm run bench:digests`: the daily digest job for 10,000 people, on PostgreSQL (issue 17).
//
// Seeds a fresh database with one network of BENCH_PEOPLE members (10,000 by default), each with
// three unread, unmailed notifications in three threads written the evening before, all on a
// daily digest at 08:00 Amsterdam. Then runs the sweep (lib/digests/mutations.ts) once at 08:00
// local and reports the time it took, the SQL statements it sent, the digests it queued and the
// process's memory (peak RSS and heap). A second run at the same moment must queue nothing.
// Figures, not assertions: a benchmark never fails a test run.
//
// Settings: BENCH_DATABASE_URL (a local PostgreSQL server; default the one on 127.0.0.1), BENCH_PEOPLE.
import { randomUUID } from "node:crypto";
import { seedInTransaction } from "./seeds/setup";
import { settings, withFreshDatabase } from "./support";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const s = settings({ connections: 1, seconds: 1, port: 3409 });

async function seed(url: string) {
  await seedInTransaction(url, async (c) => {
    const networkId = randomUUID();
    const brokerId = randomUUID();
    await c.query(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($1, 'broker@bench.example', 'Bea Broker', now())`, [brokerId]);
    await c.query(
      `INSERT INTO "Network" (id, slug, name, purpose, "workingQuestion", principles, visibility, "joinPolicy", locale, "updatedAt")
       VALUES ($1, 'digest-bench', 'Digest bench', 'Benchmarks.', 'What?', ARRAY['Listen.'], 'public', 'open', 'en', now())`,
      [networkId],
    );
    await c.query(`INSERT INTO "Membership" (id, "networkId", "userId", role, status, "joinedAt", "updatedAt") VALUES ($1, $2, $3, 'broker', 'active', now(), now())`, [randomUUID(), networkId, brokerId]);
    const threads: string[] = [];
    for (let t = 0; t < 3; t++) {
      const id = randomUUID();
      threads.push(id);
      await c.query(
        `INSERT INTO "Thread" (id, "networkId", "authorId", title, body, level, area, "updatedAt") VALUES ($1, $2, $3, $4, 'Body', 'network', 'means', now())`,
        [id, networkId, brokerId, `Thread ${t + 1}`],
      );
    }
    // People, memberships and notifications in set-based statements.
    await c.query(
      `INSERT INTO "User" (id, email, name, locale, "emailFrequency", "digestHour", "timeZone", "updatedAt")
       SELECT 'p' || g, 'person' || g || '@bench.example', 'Person ' || g, CASE WHEN g % 2 = 0 THEN 'nl' ELSE 'en' END::"Locale", 'daily', 8, 'Europe/Amsterdam', now()
       FROM generate_series(1, $1) g`,
      [PEOPLE],
    );
    await c.query(
      `INSERT INTO "Membership" (id, "networkId", "userId", role, status, "joinedAt", "updatedAt")
       SELECT 'm' || g, $2, 'p' || g, 'member', 'active', now(), now() FROM generate_series(1, $1) g`,
      [PEOPLE, networkId],
    );
    for (const [i, threadId] of threads.entries()) {
      await c.query(
        `INSERT INTO "Notification" (id, "networkId", "userId", kind, "actorId", "threadId", "dedupeKey", "createdAt")
         SELECT 'n' || $4 || '-' || g, $2, 'p' || g, 'reply_to_thread', $3, $5, 'bench:' || $4 || ':' || g, $6::timestamptz - ($4 || ' hours')::interval
         FROM generate_series(1, $1) g`,
        [PEOPLE, networkId, brokerId, i, threadId, "2026-12-07T20:00:00Z"],
      );
    }
  });
}

async function run(url: string) {
  process.env.DATABASE_URL = url;
  process.env.KRING_JOBS = "0";
  const { onQuery } = await import("../lib/db/query-log");
  const { sendDueNotificationMail } = await import("../lib/digests/mutations");
  const { closeDatabase } = await import("../lib/db/client");
  const at = new Date("2026-12-08T07:00:00Z"); // 08:00 in Amsterdam
  let peakRss = 0;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    let statements = 0;
    const stop = onQuery(() => (statements += 1));
    const started = performance.now();
    const queued = await sendDueNotificationMail(at);
    const seconds = (performance.now() - started) / 1000;
    stop();
    const again = await sendDueNotificationMail(at);
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    console.log(`digest sweep for ${PEOPLE} people x 3 notifications`);
    console.log(`  time            ${seconds.toFixed(1)} s (${((seconds * 1000) / Math.max(1, queued)).toFixed(1)} ms per digest)`);
    console.log(`  statements      ${statements} (${(statements / Math.max(1, queued)).toFixed(2)} per digest)`);
    console.log(`  digests queued  ${queued}; a second run at the same moment queued ${again}`);
    console.log(`  memory          peak RSS ${mb(Math.max(peakRss, process.memoryUsage().rss))}, heap used ${mb(process.memoryUsage().heapUsed)}`);
  } finally {
    clearInterval(sample);
    await closeDatabase();
  }
}

await withFreshDatabase(
  s.serverUrl,
  "kring_bench_digests",
  async (url) => {
    await seed(url);
    await run(url);
  },
  { server: false },
);
