// `npm run bench:db-restart`: PostgreSQL restarts under load (decision 019).
//
// Starts a throwaway PostgreSQL cluster (initdb + pg_ctl on FAULT_PG_PORT, default 5499; the
// machine's server is never touched), seeds the demo networks, starts `next start` on it and
// keeps FAULT_WORKERS (default 8) loops of GETs on a network page and /api/health going. After
// 3 s it stops PostgreSQL (`pg_ctl stop -m fast`) for FAULT_OUTAGE_MS (5,000), starts it again
// and keeps loading for 10 s. Prints the answers per second and PASS/FAIL for: 503s (translated
// page with Retry-After, no stack trace) while the database is down, no 500 after the first
// detection, no request over the hang bound, recovery within 5 s without a restart, and the
// app process alive throughout. Exits 1 when a property fails. Needs `npm run build`.
//
// Settings: FAULT_PORT (3450), FAULT_PG_PORT (5499), FAULT_OUTAGE_MS (5000), FAULT_WORKERS (8),
// FAULT_HANG_MS (10000: a request that takes longer counts as hung), DB_CONNECT_TIMEOUT_MS (2000 here).
import { withFreshDatabase } from "../support";
import { createCluster, getLoop, seedDemoInto, statusCounts, type Answer } from "./cluster";
import { printChecks, type Check } from "./harness/report";
import { launchServer, serverLogFile, stopServer, type Server } from "./harness/server";
import { faultSettings, sleep } from "./harness/settings";

const s = faultSettings({ port: 3450 });
const pgPort = Number(process.env.FAULT_PG_PORT ?? 5499);
const outageMs = Number(process.env.FAULT_OUTAGE_MS ?? 5_000);
const workers = Number(process.env.FAULT_WORKERS ?? 8);
const hangMs = Number(process.env.FAULT_HANG_MS ?? 10_000);
process.env.DB_CONNECT_TIMEOUT_MS ??= "2000";

const PAGE = "/n/siac";
const HEALTH = "/api/health";
const TITLE = { en: "Kring is briefly unavailable", nl: "Kring is even niet bereikbaar" };

type Probe = { what: string; status: number; retryAfter: boolean; body: string; type: string };

async function probe(what: string, path: string, headers: Record<string, string>): Promise<Probe> {
  const res = await fetch(s.base + path, { headers, signal: AbortSignal.timeout(hangMs) });
  return { what, status: res.status, retryAfter: res.headers.has("retry-after"), body: await res.text(), type: res.headers.get("content-type") ?? "" };
}

function perSecond(answers: Answer[], start: number, marks: Map<number, string>) {
  console.log(`\nsecond  requests  ${"answers (status:count)".padEnd(30)} max ms  event`);
  const last = Math.max(...answers.map((a) => Math.floor((a.at - start) / 1000)));
  for (let sec = 0; sec <= last; sec++) {
    const slice = answers.filter((a) => Math.floor((a.at - start) / 1000) === sec);
    const max = Math.max(0, ...slice.map((a) => a.ms));
    console.log(
      `${String(sec).padStart(6)}  ${String(slice.length).padStart(8)}  ${statusCounts(slice).padEnd(30)} ${String(max).padStart(6)}  ${marks.get(sec) ?? ""}`,
    );
  }
}

async function main() {
  const cluster = await createCluster(pgPort);
  let server: Server | undefined;
  try {
    await withFreshDatabase(cluster.url, "kring_restart", async (url) => {
      await seedDemoInto(url);
      console.log(`server log: ${serverLogFile("db-restart")}`);
      server = await launchServer(s, url);
      const pid = server.pid;
      const warm = await fetch(s.base + PAGE);
      if (warm.status !== 200) throw new Error(`${PAGE} answered ${warm.status} before the outage`);

      const start = Date.now();
      let stoppedAt = 0;
      let startedAt = 0;
      let done = false;
      const probes: Probe[] = [];
      const load = getLoop(s.base, [PAGE, HEALTH], { workers, hangMs, until: () => done });
      await sleep(3_000);
      stoppedAt = Date.now();
      cluster.stop();
      console.log(`PostgreSQL stopped after ${((stoppedAt - start) / 1000).toFixed(1)} s (pg_ctl stop -m fast took ${Date.now() - stoppedAt} ms)`);
      await sleep(Math.min(1_500, outageMs / 2));
      probes.push(await probe("page, English", PAGE, { accept: "text/html", "accept-language": "en-GB,en;q=0.9" }));
      probes.push(await probe("page, Dutch cookie", PAGE, { accept: "text/html", cookie: "kring-locale=nl" }));
      probes.push(await probe("health", HEALTH, { accept: "application/json" }));
      await sleep(Math.max(0, stoppedAt + outageMs - Date.now()));
      cluster.start();
      startedAt = Date.now();
      console.log(`PostgreSQL started again after an outage of ${((startedAt - stoppedAt) / 1000).toFixed(1)} s`);
      await sleep(10_000);
      done = true;
      const answers = await load;

      const marks = new Map([
        [Math.floor((stoppedAt - start) / 1000), "PostgreSQL stopped"],
        [Math.floor((startedAt - start) / 1000), "PostgreSQL started"],
      ]);
      perSecond(answers, start, marks);

      const during = answers.filter((a) => a.at >= stoppedAt && a.at < startedAt);
      const firstDetection = Math.min(...answers.filter((a) => a.status === 503).map((a) => a.at + a.ms));
      const late500 = answers.filter((a) => a.status >= 500 && a.status !== 503 && a.at > firstDetection);
      const first500 = answers.filter((a) => a.status >= 500 && a.status !== 503 && a.at <= firstDetection);
      const okAfter = answers
        .filter((a) => a.path === PAGE && a.status === 200 && a.at >= startedAt)
        .sort((a, b) => a.at + a.ms - (b.at + b.ms))[0];
      const recoveryMs = okAfter ? okAfter.at + okAfter.ms - startedAt : Number.POSITIVE_INFINITY;
      const lastFailure = Math.max(0, ...answers.filter((a) => a.status !== 200).map((a) => a.at + a.ms));
      const maxMs = Math.max(...answers.map((a) => a.ms));
      const hung = answers.filter((a) => a.status === 0).length;
      const after = await fetch(s.base + PAGE);
      const alive = server.child.exitCode === null && server.child.signalCode === null && server.pid === pid;
      const stack = /\bat [\w.<>]+ \(|node_modules|Error:/;

      console.log(`\nall: ${statusCounts(answers)}; during the outage: ${statusCounts(during)}`);
      console.log(`500s before the first 503 (the detection): ${first500.length}; after it: ${late500.length}`);
      console.log(`recovery: first page 200 ${(recoveryMs / 1000).toFixed(2)} s after PostgreSQL was back; last non-200 answer ${((lastFailure - startedAt) / 1000).toFixed(2)} s after`);
      console.log(`max latency ${maxMs} ms (hang bound ${hangMs} ms, acquire bound ${process.env.DB_CONNECT_TIMEOUT_MS} ms)`);
      for (const p of probes) console.log(`during the outage, ${p.what}: ${p.status}, ${p.type}, Retry-After ${p.retryAfter ? "yes" : "no"}`);

      const [en, nl, health] = probes as [Probe, Probe, Probe];
      const checks: Check[] = [
        {
          name: "503 while PostgreSQL is down",
          ok: during.filter((a) => a.status === 503).length > 0 && during.filter((a) => a.status === 503).every((a) => a.retryAfter),
          detail: `${during.filter((a) => a.status === 503).length} of ${during.length} answers during the outage were 503, all with Retry-After`,
        },
        {
          name: "translated error page, no stack trace",
          ok:
            en.status === 503 && en.body.includes(TITLE.en) && nl.status === 503 && nl.body.includes(TITLE.nl) &&
            en.retryAfter && nl.retryAfter && !stack.test(en.body) && !stack.test(nl.body) && en.type.startsWith("text/html"),
          detail: `English ${en.status} "${TITLE.en}", Dutch ${nl.status} "${TITLE.nl}"`,
        },
        {
          name: "health answers 503 JSON",
          ok: health.status === 503 && health.type.includes("json") && health.retryAfter,
          detail: `${health.status} ${health.type}`,
        },
        { name: "no 500 after the first detection", ok: late500.length === 0, detail: `${late500.length} (and ${first500.length} before it)` },
        { name: "no request hangs", ok: hung === 0 && maxMs < hangMs, detail: `${hung} over ${hangMs} ms; max ${maxMs} ms` },
        { name: "recovers by itself within 5 s", ok: recoveryMs <= 5_000 && after.status === 200, detail: `${(recoveryMs / 1000).toFixed(2)} s; afterwards ${after.status}` },
        { name: "app process stayed alive", ok: alive, detail: `pid ${pid} ${alive ? "still serving" : "gone"}` },
      ];
      process.exitCode = printChecks(checks) ? 0 : 1;
    });
  } finally {
    if (server) await stopServer(server);
    cluster.destroy();
  }
}

await main();
