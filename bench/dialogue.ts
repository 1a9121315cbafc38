// `npm run bench:dialogue`: the dialogue under load, on PostgreSQL, against the production build.
//
// Seeds a fresh database with a network of 1,000 threads (more if a hundred list pages need it) and one thread of 5,000 replies
// (with reactions and mentions), starts `next start` on it, and measures with autocannon:
// a bare route handler and a bare force-dynamic page (`/dev/bare`: the root layout and
// nothing else; the baseline, measured again after each page and compared as the mean of the runs
// around it), the thread page, and the thread list at page 1 and page 100.
// Prints requests/s and p50/p95/p99 latency for each, and the ratios the issue sets as
// targets: thread page >= 60% of the bare page, list page 100 within 1.5x of page 1.
//
// Settings: BENCH_DATABASE_URL (a local PostgreSQL server; default the one on 127.0.0.1),
// BENCH_SECONDS (per target, default 10), BENCH_CONNECTIONS (default 20), BENCH_PORT (3400),
// BENCH_ONLY (measure only the targets whose name contains it, plus the bare page),
// BENCH_PROFILE_DIR (write a V8 CPU profile of the server there, to open in Chrome's DevTools),
// BENCH_HOLD=1 (seed and start, print the address and cookie, measure nothing; until SIGTERM/Ctrl-C).
import { DIALOGUE, page100Cursor, seedDialogue } from "./seeds/dialogue";
import { createSession, seedInTransaction, withClient } from "./seeds/setup";
import { holdIfAsked, measure, printRows, settings, startServer, warmUp, withFreshDatabase, type Row } from "./support";

const s = settings({ connections: 20, seconds: 10, port: 3400 });
const only = process.env.BENCH_ONLY;
const { threads: THREADS, replies: REPLIES } = DIALOGUE;

/** The dialogue data set (bench/seeds/dialogue.ts), the measured member's cookie and the list's 100th page. */
async function seed(url: string) {
  const cookie = await seedInTransaction(url, async (c) => {
    await seedDialogue(c);
    return createSession(c, DIALOGUE.member);
  });
  return { cookie, page100: await withClient(url, page100Cursor) };
}

async function main() {
  await withFreshDatabase(s.serverUrl, "kring_bench", async (url) => {
    const t0 = Date.now();
    const { cookie, page100 } = await seed(url);
    console.log(`seeded ${THREADS} threads, ${REPLIES} replies, ${REPLIES * 3} reactions in ${Date.now() - t0} ms`);
    const stop = await startServer(s.base, s.port, url);
    try {
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
      // Each page between two runs of the bare page and compared with their mean: the machine's speed
      // drifts by 10-20% within a run (bench/budgets.ts does the same, decision 021).
      await warmUp(
        s,
        targets.filter(([name]) => !only || name.includes(only) || name.startsWith("bare")).map(([, path]) => ({ path, cookie })),
      );
      const rows: Row[] = [];
      let bareBefore: Row | undefined;
      for (const [name, path] of targets) {
        if (only && !name.includes(only) && !name.startsWith("bare")) continue;
        const row = await measure(s, name, path, cookie);
        if (name.startsWith("bare page")) {
          bareBefore = row;
          rows.push(row);
          continue;
        }
        if (!bareBefore) {
          rows.push(row);
          continue;
        }
        const bareAfter = await measure(s, "bare page (/dev/bare)", "/dev/bare", cookie);
        rows.push({ ...row, baseline: (bareBefore.rps + bareAfter.rps) / 2 }, bareAfter);
        bareBefore = bareAfter;
      }
      const row = (name: string) => rows.find((r) => r.name === name);
      const bare = row("bare page (/dev/bare)")!;
      printRows(s, rows, bare);
      const [thread, p1, p100] = [row("thread page (5,000 replies)"), row("thread list, page 1"), row("thread list, page 100")];
      if (thread) {
        const share = thread.rps / (thread.baseline ?? bare.rps);
        console.log(`\nthread page / bare page (mean of the runs before and after): ${(share * 100).toFixed(0)}% (target >= 60%)`);
      }
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
