// The server under test: `next start` as a child process a fault script can stop or kill.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sleep, type FaultSettings } from "./settings";

export type Server = {
  child: ChildProcess;
  pid: number;
  /** Resolves when the process has exited, with its code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
};

let serverLog: NodeJS.WritableStream | null = null;
let serverLogPath = "";

/** Where the servers' output goes (one file per fault script run). */
export function serverLogFile(name: string): string {
  if (!serverLog) {
    serverLogPath = path.join(tmpdir(), `kring-${name}-${Date.now().toString(36)}.log`);
    serverLog = createWriteStream(serverLogPath);
  }
  return serverLogPath;
}

/**
 * `next start` on `databaseUrl` as a direct child (`node .../next start`: the process that
 * serves, so a signal reaches it and not a wrapper), ready when /api/health answers. The
 * rate limits are off: the scripts measure writes, not the limiter.
 */
export async function launchServer(s: FaultSettings, databaseUrl: string): Promise<Server> {
  if (await fetch(`${s.base}/api/health`).then(() => true, () => false)) throw new Error(`port ${s.port} is in use`);
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(s.port)], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KRING_ENV: "test",
      KRING_PUBLIC_URL: s.base,
      KRING_SEED_DEMO: "0",
      KRING_JOBS: "0",
      KRING_RATE_POSTS: "off",
      KRING_RATE_WRITES: "off",
      KRING_RATE_SIGNIN_PER_ADDRESS: "off",
      KRING_RATE_SIGNIN_PER_IP: "off",
      AUTH_SECRET: "kring-bench-secret-kring-bench-secret",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = serverLog;
  if (log) {
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  if (!child.pid) throw new Error("next start did not start");
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited early (see ${serverLogPath})`);
    const ok = await fetch(`${s.base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { child, pid: child.pid, exited };
    await sleep(250);
  }
  child.kill("SIGKILL");
  throw new Error(`${s.base} did not answer within a minute`);
}

/** Stops a server that is still running (SIGTERM, then SIGKILL after 10 s). */
export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
  await server.exited;
  clearTimeout(timer);
}
