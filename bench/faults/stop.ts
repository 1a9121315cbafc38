// `npm run bench:stop`: a graceful stop under load, on PostgreSQL, against the production build.
//
// Seeds a fresh database, starts `next start` (rate limits off), runs the writers of
// `bench:writes` for FAULT_SECONDS (default 10) and then sends the server process SIGTERM.
// From that moment the writers send nothing new; every request sent before the signal must
// end with a normal answer (the action's result, no socket reset or timeout), and the process
// must exit by itself, with code 0, within FAULT_STOP_BOUND_S (default 20) seconds, also with
// FAULT_LIVE (default 2) live-update streams open (a browser on a thread page keeps one; they
// never end by themselves, so the server ends them or stops after its drain limit). Then the
// SQL checks of `bench:writes`: every acknowledged write stored exactly once.
//
// Prints the requests in flight at the signal and how they ended, the time to exit and its
// code, then one PASS/FAIL line per property; exits 1 if one fails. Settings: FAULT_WRITERS
// (20), FAULT_SECONDS, FAULT_STOP_BOUND_S, FAULT_PORT (3441), FAULT_TIMEOUT_MS, BENCH_DATABASE_URL.
import { withFreshDatabase } from "../support";
import { actionIds, describeError } from "./harness/actions";
import { runLoad } from "./harness/load";
import { checkInvariants, checkWrites, printChecks, printLoad, storedCounts, type Check } from "./harness/report";
import { seed } from "./harness/seed";
import { launchServer, serverLogFile, stopServer } from "./harness/server";
import { faultSettings, sleep } from "./harness/settings";

const s = faultSettings({ port: 3441, seconds: 10 });
const boundMs = Number(process.env.FAULT_STOP_BOUND_S ?? 20) * 1000;
const liveStreams = Number(process.env.FAULT_LIVE ?? 2);

/** A live-update stream as a browser's EventSource holds it: read until it ends. */
async function openLive(base: string, path: string, cookie: string): Promise<{ ended: Promise<{ at: number; how: string }> }> {
  const res = await fetch(base + path, { headers: { cookie, accept: "text/event-stream" } });
  if (res.status !== 200 || !res.body) throw new Error(`${path} answered ${res.status}`);
  const reader = res.body.getReader();
  const ended = (async () => {
    try {
      for (;;) if ((await reader.read()).done) return { at: Date.now(), how: "ended by the server" };
    } catch (error) {
      return { at: Date.now(), how: `cut (${describeError(error)})` };
    }
  })();
  return { ended };
}
async function main(): Promise<boolean> {
  return withFreshDatabase(s.serverUrl, "kring_faults_stop", async (url) => {
    const seeded = await seed(url, s.writers);
    const ids = actionIds();
    console.log(`${s.writers} writers for ${s.seconds} s, then SIGTERM; server log ${serverLogFile("stop")}`);
    const server = await launchServer(s, url);
    let running = true;
    let signalAt = 0;
    let exit: { code: number | null; signal: NodeJS.Signals | null; at: number } | null = null;
    let load;
    let streams: { ended: Promise<{ at: number; how: string }> }[] = [];
    try {
      const loading = runLoad(s, seeded, ids, { resendAfterFailure: false, running: () => running });
      const w = seeded.writers[0]!;
      streams = await Promise.all(
        Array.from({ length: liveStreams }, (_, i) => openLive(s.base, `/n/faults-0/dialogue/f0-t${i % 5}/live`, w.cookie)),
      );
      await sleep(s.seconds * 1000);
      running = false;
      signalAt = Date.now();
      process.kill(server.pid, "SIGTERM");
      exit = await Promise.race([server.exited, sleep(boundMs).then(() => null)]);
      load = await loading;
    } finally {
      await stopServer(server);
    }
    printLoad(load, "writes until the signal");
    const attempts = load.writes.flatMap((w) => w.attempts);
    const inFlight = attempts.filter((a) => a.sentAt < signalAt && a.doneAt >= signalAt);
    const cut = inFlight.filter((a) => !a.result);
    const lastAnswer = Math.max(0, ...inFlight.filter((a) => a.result).map((a) => a.doneAt - signalAt));
    const sentAfter = attempts.filter((a) => a.sentAt >= signalAt).length;
    console.log(
      `\nat the signal: ${inFlight.length} requests in flight; ${inFlight.filter((a) => a.result?.ok).length} answered ok, ` +
        `${inFlight.filter((a) => a.result && !a.result.ok).length} refused, ${cut.length} cut (${[...new Set(cut.map((a) => a.error))].join(", ") || "none"}); ` +
        `last answer ${lastAnswer} ms after the signal; ${sentAfter} sent after it`,
    );
    console.log(
      exit
        ? `the server exited ${exit.at - signalAt} ms after SIGTERM with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}`
        : `the server had not exited ${boundMs} ms after SIGTERM (killed)`,
    );
    for (const [i, stream] of streams.entries()) {
      const end = await stream.ended;
      console.log(`live stream ${i + 1}: ${end.how} ${end.at - signalAt} ms after the signal`);
    }
    console.log(await storedCounts(url));
    const { checks, storedUnacked } = await checkWrites(url, seeded, load.writes);
    console.log(`stored without an acknowledgement (allowed): ${storedUnacked}`);
    const stop: Check[] = [
      {
        name: "requests in flight at SIGTERM all answered normally",
        ok: inFlight.length > 0 && cut.length === 0,
        detail: `${inFlight.length} in flight, ${cut.length} cut`,
      },
      {
        name: `the server exits by itself with code 0 within ${boundMs / 1000} s (${streams.length} live streams open)`,
        ok: exit !== null && exit.code === 0,
        detail: exit ? `${exit.at - signalAt} ms, ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}` : "still running",
      },
    ];
    return printChecks([...stop, ...checks, ...(await checkInvariants(url))]);
  });
}

const ok = await main();
process.exit(ok ? 0 : 1);
