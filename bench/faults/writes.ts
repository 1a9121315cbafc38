// `npm run bench:writes`: no lost or duplicate writes under concurrent load, on PostgreSQL,
// against the production build (`npm run build` first; KRING_DIST_DIR picks another build folder).
//
// Seeds a fresh database (writers who are members of four networks with threads and an open
// reflection cycle, and funders of a fifth with open milestones), starts `next start` with the
// rate limits off, and runs FAULT_WRITERS signed-in writers (default 20) for FAULT_SECONDS
// (default 20), each calling the real server actions over HTTP as the browser does: a reply
// (with its idempotency key and a mention), a pledge (with its key), a reflection save (with
// the version the form shows), in turn. One writer in ten sends every request twice with the
// same key, as a browser retrying after a timeout. Afterwards, in SQL: every acknowledged write
// stored exactly once and as sent, no duplicates from the retries, and the rows a write's
// transaction keeps together; writes stored without an acknowledgement are counted (allowed).
//
// Prints writes/s, p50/p95/p99 latency and counts, then one PASS/FAIL line per property;
// exits 1 if one fails. Settings: FAULT_WRITERS, FAULT_SECONDS, FAULT_PORT (3440),
// FAULT_TIMEOUT_MS (per request, 30,000), BENCH_DATABASE_URL (a local PostgreSQL server).
import { withFreshDatabase } from "../support";
import { actionIds } from "./harness/actions";
import { runLoad } from "./harness/load";
import { checkInvariants, checkWrites, printChecks, printLoad, storedCounts, type Check } from "./harness/report";
import { seed } from "./harness/seed";
import { launchServer, serverLogFile, stopServer } from "./harness/server";
import { faultSettings } from "./harness/settings";

const s = faultSettings({ port: 3440 });

async function main(): Promise<boolean> {
  return withFreshDatabase(s.serverUrl, "kring_faults_writes", async (url) => {
    const seeded = await seed(url, s.writers);
    const ids = actionIds();
    console.log(`${s.writers} writers (${seeded.writers.filter((w) => w.retries).length} retrying) for ${s.seconds} s; server log ${serverLogFile("writes")}`);
    const server = await launchServer(s, url);
    let load;
    try {
      const until = Date.now() + s.seconds * 1000;
      load = await runLoad(s, seeded, ids, { resendAfterFailure: false, running: () => Date.now() < until });
    } finally {
      await stopServer(server);
    }
    printLoad(load, "writes");
    console.log(await storedCounts(url));
    const { checks, storedUnacked } = await checkWrites(url, seeded, load.writes);
    console.log(`stored without an acknowledgement (allowed): ${storedUnacked}`);
    const failed = load.writes.flatMap((w) => w.attempts).filter((a) => !a.result?.ok);
    const answered: Check = {
      name: "every request answered with ok (no failure, refusal or timeout without a fault)",
      ok: failed.length === 0,
      detail: `${failed.length} of ${load.writes.reduce((n, w) => n + w.attempts.length, 0)} requests not ok`,
    };
    return printChecks([answered, ...checks, ...(await checkInvariants(url))]);
  });
}

const ok = await main();
process.exit(ok ? 0 : 1);
