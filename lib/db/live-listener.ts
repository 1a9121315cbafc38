import "server-only";
import pg from "pg";
import { env } from "../env";
import { LIVE_CHANNEL, parseThreadEvent, type ThreadEvent } from "../live/events";
import { embeddedDatabase } from "./client";

type Listener = (event: ThreadEvent) => void;

/**
 * One LISTEN per process, fanned out to the thread pages this instance serves.
 * The subscriber list is only about this process's open connections; the events
 * themselves go through PostgreSQL, so a reply written on one instance reaches
 * readers on every other. On PostgreSQL the listening connection reconnects after
 * a failure; meanwhile browsers fall back to polling.
 */
type State = {
  listeners: Map<string, Set<Listener>>;
  /** How each open stream ends itself, for a stopping server (`endLiveStreams`). */
  closers: Set<() => void>;
  started?: Promise<void>;
  client?: pg.Client;
};
const store = globalThis as typeof globalThis & { __kringLive?: State };
const state: State = (store.__kringLive ??= { listeners: new Map(), closers: new Set() });

function dispatch(payload: string | undefined) {
  const event = payload ? parseThreadEvent(payload) : null;
  if (!event) return;
  for (const listener of state.listeners.get(event.threadId) ?? []) listener(event);
}

async function listenOnPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on("notification", (message) => {
    if (message.channel === LIVE_CHANNEL) dispatch(message.payload);
  });
  client.on("error", () => {
    // Drop this connection and listen again on the next subscription.
    state.client = undefined;
    state.started = undefined;
    void client.end().catch(() => undefined);
  });
  await client.connect();
  await client.query(`LISTEN ${LIVE_CHANNEL}`);
  state.client = client;
}

function start(): Promise<void> {
  state.started ??= (async () => {
    const url = env().DATABASE_URL;
    if (url) return listenOnPostgres(url);
    const pglite = embeddedDatabase();
    if (pglite) await pglite.listen(LIVE_CHANNEL, (payload) => dispatch(payload));
  })().catch((error: unknown) => {
    state.started = undefined;
    throw error;
  });
  return state.started;
}

/**
 * Calls `listener` for every event of one thread until the returned function is called.
 * `end` closes the subscriber's stream: `endLiveStreams` calls it when the server stops.
 */
export async function subscribeToThread(threadId: string, listener: Listener, end?: () => void): Promise<() => void> {
  await start();
  const set = state.listeners.get(threadId) ?? new Set<Listener>();
  set.add(listener);
  state.listeners.set(threadId, set);
  if (end) state.closers.add(end);
  return () => {
    set.delete(listener);
    if (set.size === 0) state.listeners.delete(threadId);
    if (end) state.closers.delete(end);
  };
}

/**
 * Ends every open live stream of this process. A stopping server calls it: the streams
 * never end by themselves, so they would hold the graceful stop until its time limit,
 * and browsers reconnect (to another instance) on their own.
 */
export function endLiveStreams(): number {
  const closers = [...state.closers];
  for (const end of closers) end();
  return closers.length;
}
