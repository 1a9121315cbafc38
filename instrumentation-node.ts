// The Node.js server's start and stop, loaded by instrumentation.ts in the Node.js runtime only.

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
type Signal = (typeof SIGNALS)[number];
/** Exit codes Next's signal handler ends with (128 + the signal's number). */
const SIGNAL_EXIT_CODES = new Set([130, 143]);
/** Requests that never end (live-update streams) must not hold a stopping server for ever. */
const DRAIN_LIMIT_MS = 10_000;
/** Closing the database waits for its connections; a stuck one must not keep the process either. */
const CLOSE_LIMIT_MS = 5_000;

/** Fixes the client address header, refuses TRACE, brings the database up to date, arranges the graceful stop and starts the background jobs. */
export async function startNodeServer(): Promise<void> {
  // First: the rate limits read the client's IP from X-Forwarded-For (decision 018).
  const { env } = await import("./lib/env");
  const { forwardSocketAddress } = await import("./lib/rate-limit/peer-address");
  forwardSocketAddress(env().trustedProxies);
  // TRACE and TRACK: 405 before Next, which cannot carry them to proxy.ts (issue 15).
  const { refuseFetchForbiddenMethods } = await import("./lib/security/forbidden-methods");
  refuseFetchForbiddenMethods();
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { prepareDatabase } = await import("./lib/db/bootstrap");
  await prepareDatabase();
  // The server's lifecycle owns closing the database (closeDatabase only: no queries here).
  const { closeDatabase } = await import("./lib/db/client");
  stopGracefully(before, closeDatabase);
  const { startJobs } = await import("./lib/jobs");
  startJobs();
}

/**
 * A graceful stop on SIGTERM (and Ctrl-C). Next's own handler
 * (next/dist/server/lib/start-server.js) stops accepting connections, lets the
 * requests under way finish (`server.close`), closes the app and then calls
 * `process.exit(143)` (130 for SIGINT). The database must stay open until
 * then: a handler that closed it at the signal would fail every request still
 * running. So the signal handlers registered while the database was opened
 * (lib/db/client.ts closes it and exits at once) are removed, and once a signal
 * came, that final `process.exit` closes the database first (a PGlite folder
 * must be closed cleanly) and exits with 0: the stop was asked for and went as
 * planned. Streams that never end (live updates; browsers reconnect by
 * themselves) would keep `server.close` waiting, so after DRAIN_LIMIT_MS the
 * process stops anyway.
 */
function stopGracefully(before: Map<Signal, NodeJS.SignalsListener[]>, closeDatabase: () => Promise<void>) {
  for (const signal of SIGNALS) {
    const known = before.get(signal) ?? [];
    for (const listener of process.listeners(signal)) {
      if (!known.includes(listener)) process.removeListener(signal, listener);
    }
  }
  let stopping = false;
  let exiting = false;
  const exit = process.exit.bind(process);
  const finish = (code: number) => {
    if (exiting) return;
    exiting = true;
    setTimeout(() => {
      console.warn(`[kring] the database did not close within ${CLOSE_LIMIT_MS} ms: stopping anyway`);
      exit(code);
    }, CLOSE_LIMIT_MS).unref();
    void closeDatabase()
      .catch((error: unknown) => console.error("[kring] closing the database failed", error))
      .finally(() => exit(code));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[kring] ${signal}: finishing the requests under way, then stopping`);
    // Live-update streams never end by themselves; browsers reconnect on their own.
    void import("./lib/db/live-listener").then(({ endLiveStreams }) => endLiveStreams());
    process.exit = ((code?: number | string | null) => {
      const n = typeof code === "number" ? code : Number(code ?? process.exitCode ?? 0);
      finish(SIGNAL_EXIT_CODES.has(n) ? 0 : n);
    }) as typeof process.exit;
    setTimeout(() => {
      console.warn(`[kring] requests still open ${DRAIN_LIMIT_MS} ms after ${signal}: stopping anyway`);
      finish(0);
    }, DRAIN_LIMIT_MS).unref();
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}
