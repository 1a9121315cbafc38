// `npm run bench:crash`: kill -9 under load, on PostgreSQL, against the production build.
//
// Seeds a fresh database, starts `next start` (rate limits off) and runs the writers of
// `bench:writes`; FAULT_CRASHES times (default 3), at a random moment, it kills the server
// process with SIGKILL (the node process that serves, not a wrapper), starts it again and
// goes on. A writer whose request got no answer sends the same request again (same
// idempotency key, same reflection text and version) once the server is back, as a person
// pressing the button again would. Afterwards, in SQL: every acknowledged write present
// exactly once, requests resent after a crash never stored twice, and nothing a cut write
// could leave half done (reply counts, search vectors, mentions and their notifications,
// notifications of missing replies, a pledge's audit entry both ways).
//
// Prints writes/s, latency, each crash's moment and downtime, how many writes were resent
// and how many of those the killed request had already stored, then one PASS/FAIL line per
// property; exits 1 if one fails. Settings: FAULT_WRITERS (20), FAULT_CRASHES (3),
// FAULT_SECONDS (between crashes at most, default 8), FAULT_PORT (3442), FAULT_TIMEOUT_MS,
// BENCH_DATABASE_URL.
import { execFileSync } from "node:child_process";
import { withFreshDatabase } from "../support";
import { actionIds } from "./harness/actions";
import { runLoad } from "./harness/load";
import { checkInvariants, checkWrites, printChecks, printLoad, storedCounts, type Check } from "./harness/report";
import { seed } from "./harness/seed";
import { launchServer, serverLogFile, stopServer, type Server } from "./harness/server";
import { faultSettings, sleep } from "./harness/settings";

const s = faultSettings({ port: 3442, seconds: 8 });
const crashes = Number(process.env.FAULT_CRASHES ?? 3);

function childProcesses(pid: number): string {
  try {
    return execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(pid)], { encoding: "utf8" }).trim();
  } catch {
    return ""; // ps exits 1 when there is none
  }
}

async function main(): Promise<boolean> {
  return withFreshDatabase(s.serverUrl, "kring_faults_crash", async (url) => {
    const seeded = await seed(url, s.writers);
    const ids = actionIds();
    console.log(`${s.writers} writers, ${crashes} crashes at most ${s.seconds} s apart; server log ${serverLogFile("crash")}`);
    let server: Server = await launchServer(s, url);
    const children = childProcesses(server.pid);
    console.log(`server pid ${server.pid} (node next start), child processes: ${children ? children.replace(/\s+/g, " ") : "none"}`);
    let running = true;
    let up: Promise<void> = Promise.resolve();
    const events: { at: number; killedPid: number; downMs: number }[] = [];
    let load;
    try {
      const loading = runLoad(s, seeded, ids, { resendAfterFailure: true, running: () => running, gate: () => up });
      const started = Date.now();
      for (let i = 0; i < crashes; i++) {
        await sleep(1500 + Math.random() * (s.seconds * 1000 - 1500));
        const at = Date.now();
        let restarted!: () => void;
        up = new Promise<void>((resolve) => (restarted = resolve));
        const killedPid = server.pid;
        process.kill(killedPid, "SIGKILL");
        const exit = await server.exited;
        if (exit.signal !== "SIGKILL") throw new Error(`the server ended with ${exit.signal ?? exit.code}, not SIGKILL`);
        server = await launchServer(s, url);
        restarted();
        events.push({ at: at - started, killedPid, downMs: Date.now() - at });
      }
      await sleep(3000); // the load goes on after the last restart
      running = false;
      load = await loading;
    } finally {
      await stopServer(server);
    }
    printLoad(load, "writes across the crashes");
    for (const [i, e] of events.entries()) {
      console.log(`crash ${i + 1}: kill -9 of pid ${e.killedPid} at ${(e.at / 1000).toFixed(1)} s, answering again after ${e.downMs} ms`);
    }
    console.log(await storedCounts(url));
    const { checks, storedUnacked, resent, storedByCutRequest } = await checkWrites(url, seeded, load.writes);
    console.log(
      `replies and pledges resent after a request without answer: ${resent}, of which already stored by the killed request: ${storedByCutRequest}; ` +
        `stored without an acknowledgement (allowed): ${storedUnacked}`,
    );
    const cut = load.writes.flatMap((w) => w.attempts).filter((a) => !a.result).length;
    const crashed: Check = {
      name: `the server was killed ${crashes} times under load and came back each time`,
      ok: events.length === crashes && cut > 0,
      detail: `${events.length} restarts, ${cut} requests cut or refused while it was down`,
    };
    const refusals = load.writes.flatMap((w) => w.attempts).filter((a) => a.result && !a.result.ok);
    const answered: Check = {
      name: "no write refused (a resent request is answered as the first would have been)",
      ok: refusals.length === 0,
      detail: `${refusals.length} refusals${refusals.length ? ` (${[...new Set(refusals.map((a) => (a.result && !a.result.ok ? a.result.code : "")))].join(", ")})` : ""}`,
    };
    return printChecks([crashed, answered, ...checks, ...(await checkInvariants(url))]);
  });
}

const ok = await main();
process.exit(ok ? 0 : 1);
