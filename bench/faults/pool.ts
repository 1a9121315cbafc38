// `npm run bench:pool`: far more concurrent requests than database connections (decision 019).
//
// Seeds the demo networks into a fresh database on the local PostgreSQL, starts `next start`
// with a pool of DB_POOL_MAX=2 connections and an acquire bound of DB_CONNECT_TIMEOUT_MS
// (2,000 ms here), and sends FAULT_CONNECTIONS (200) concurrent connections of GETs at network
// pages for FAULT_SECONDS (10) with autocannon. Prints the answers by status, latency
// percentiles and the maximum, then PASS/FAIL for: every request ends within the bound
// (FAULT_HANG_MS, 30,000 ms; none times out), the overflow is answered 503, nothing fails once
// the first 503 went out (the first burst can meet a full pool before that: such 500s are
// counted and shown), and afterwards ordinary requests succeed. Exits 1 when a property fails.
// Needs `npm run build`.
//
// Settings: FAULT_PORT (3451), FAULT_CONNECTIONS (200), FAULT_SECONDS (10), FAULT_HANG_MS (30000),
// DB_POOL_MAX (2), DB_CONNECT_TIMEOUT_MS (2000), BENCH_DATABASE_URL (the local server).
import autocannon from "autocannon";
import { withFreshDatabase } from "../support";
import { seedDemoInto } from "./cluster";
import { percentile, printChecks, type Check } from "./harness/report";
import { launchServer, serverLogFile, stopServer, type Server } from "./harness/server";
import { faultSettings, sleep } from "./harness/settings";

const s = faultSettings({ port: 3451, seconds: 10 });
const connections = Number(process.env.FAULT_CONNECTIONS ?? 200);
// A page makes several statements one after another, each may wait the acquire bound: the bound on
// a whole request is a multiple of it (and of the CPU the machine gives the server).
const hangMs = Number(process.env.FAULT_HANG_MS ?? 30_000);
process.env.DB_POOL_MAX ??= "2";
process.env.DB_CONNECT_TIMEOUT_MS ??= "2000";

const PAGES = ["/n/siac", "/n/pathfinders-midden-brabant", "/"];

type Outcome = { statuses: Map<number, number>; latencies: number[]; answers: { start: number; status: number }[]; result: autocannon.Result };

function load(): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    const answers: { start: number; status: number }[] = [];
    const instance = autocannon(
      {
        url: s.base,
        connections,
        duration: s.seconds,
        timeout: hangMs / 1000,
        headers: { accept: "text/html" },
        requests: PAGES.map((path) => ({ method: "GET" as const, path })),
      },
      (error, result) => (error ? reject(error) : resolve({ statuses, latencies, answers, result })),
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      latencies.push(Math.round(responseTime));
      answers.push({ start: Date.now() - responseTime, status });
    });
  });
}

async function main() {
  let server: Server | undefined;
  try {
    await withFreshDatabase(s.serverUrl, "kring_pool", async (url) => {
      await seedDemoInto(url);
      console.log(`server log: ${serverLogFile("pool")}`);
      server = await launchServer(s, url);
      for (const path of PAGES) {
        const res = await fetch(s.base + path);
        if (res.status !== 200) throw new Error(`${path} answered ${res.status} before the load`);
      }
      const started = Date.now();
      const { statuses, latencies, answers, result } = await load();
      latencies.sort((a, b) => a - b);
      const after: number[] = [];
      await sleep(2_000); // requests the load left behind finish
      for (let i = 0; i < 20; i++) {
        const res = await fetch(s.base + PAGES[i % PAGES.length]!, { signal: AbortSignal.timeout(hangMs) }).catch(() => null);
        after.push(res?.status ?? 0);
        await res?.arrayBuffer();
      }
      const counts = [...statuses.entries()].sort((a, b) => a[0] - b[0]);
      const total = latencies.length;
      const ok = statuses.get(200) ?? 0;
      const shed = statuses.get(503) ?? 0;
      const other = total - ok - shed;
      const max = latencies.at(-1) ?? 0;
      const firstShed = Math.min(...answers.filter((a) => a.status === 503).map((a) => a.start));
      const failedAfterShedding = answers.filter((a) => a.status !== 200 && a.status !== 503 && a.start > firstShed).length;
      const alive = server.child.exitCode === null && server.child.signalCode === null;

      console.log(
        `\n${connections} connections for ${s.seconds} s on ${PAGES.join(", ")}; pool ${process.env.DB_POOL_MAX}, acquire bound ${process.env.DB_CONNECT_TIMEOUT_MS} ms`,
      );
      console.log(`answers: ${counts.map(([k, v]) => `${k}:${v}`).join(" ")} (${total} in all, ${(result.requests.average).toFixed(0)} req/s)`);
      console.log(`latency ms: p50 ${percentile(latencies, 50)}  p95 ${percentile(latencies, 95)}  p99 ${percentile(latencies, 99)}  max ${max}`);
      console.log(`timeouts ${result.timeouts}, connection errors ${result.errors}`);
      console.log(`\nsecond  answers (status:count)`);
      for (let sec = 0; sec < s.seconds; sec++) {
        const slice = answers.filter((a) => Math.floor((a.start - started) / 1000) === sec);
        const counts = new Map<number, number>();
        for (const a of slice) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
        console.log(`${String(sec).padStart(6)}  ${[...counts.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}:${v}`).join(" ")}`);
      }
      console.log(`answers other than 200/503 started after the first 503: ${failedAfterShedding} (before it: ${other - failedAfterShedding})`);
      console.log(`afterwards, 20 requests one at a time: ${after.join(" ")}`);

      const checks: Check[] = [
        {
          name: "every request ends within the bound",
          ok: result.timeouts === 0 && result.errors === 0 && max < hangMs,
          detail: `max ${max} ms (bound ${hangMs} ms), ${result.timeouts} timeouts, ${result.errors} errors`,
        },
        { name: "overflow answered 503", ok: shed > 0, detail: `${shed} of ${total} (${((shed / Math.max(1, total)) * 100).toFixed(0)}%) were 503` },
        {
          name: "no failure once shedding began",
          ok: failedAfterShedding === 0,
          detail: `${failedAfterShedding} answers neither 200 nor 503 after the first 503 (${other - failedAfterShedding} before it, in the first burst)`,
        },
        { name: "afterwards requests succeed", ok: after.slice(-5).every((code) => code === 200) && alive, detail: `last five ${after.slice(-5).join(" ")}` },
      ];
      process.exitCode = printChecks(checks) ? 0 : 1;
    });
  } finally {
    if (server) await stopServer(server);
  }
}

await main();
