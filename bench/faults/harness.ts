// Shared by the fault scripts (`npm run bench:writes`, `bench:crash`, `bench:stop`): a seeded
// PostgreSQL database, `next start` as a process we can kill, writers that call the real server
// actions over HTTP the way the browser does, and the SQL checks afterwards. Figures and one
// PASS/FAIL line per property; a fault script exits 1 when a property fails.
//
// A server action is called as React's client calls it (next/dist/client/.../server-action-reducer):
// POST to the page's URL with `Next-Action: <id>` and `Accept: text/x-component`, the arguments
// encoded by react-server-dom-webpack's `encodeReply` (for a `useActionState` form:
// `[previousState, formData]`, a multipart body). The id comes from the build's
// server-reference-manifest.json, found by exported name and file. The answer is a Flight stream
// whose root row `{"a": "$@<row>", ...}` names the row holding the action's result.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createWriteStream, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

const require = createRequire(import.meta.url);

type FlightClient = { encodeReply: (args: unknown[]) => Promise<FormData | string> };
type ReferenceInfo = {
  extractInfoFromServerReferenceId: (id: string) => unknown;
  omitUnusedArgs: (args: unknown[], info: unknown) => unknown[];
};
const flight = require("next/dist/compiled/react-server-dom-webpack/client.node") as FlightClient;
const referenceInfo = require("next/dist/shared/lib/server-reference-info") as ReferenceInfo;

export const distDir = () => process.env.KRING_DIST_DIR || ".next";

// ---------------------------------------------------------------- settings

export type FaultSettings = {
  writers: number;
  seconds: number;
  port: number;
  base: string;
  serverUrl: string;
  timeoutMs: number;
};

/** FAULT_WRITERS (20), FAULT_SECONDS (20), FAULT_PORT, FAULT_TIMEOUT_MS (30,000), BENCH_DATABASE_URL. */
export function faultSettings(defaults: { port: number; seconds?: number; writers?: number }): FaultSettings {
  const writers = Number(process.env.FAULT_WRITERS ?? defaults.writers ?? 20);
  const seconds = Number(process.env.FAULT_SECONDS ?? defaults.seconds ?? 20);
  const port = Number(process.env.FAULT_PORT ?? defaults.port);
  const timeoutMs = Number(process.env.FAULT_TIMEOUT_MS ?? 30_000);
  for (const [name, value] of Object.entries({ writers, seconds, port, timeoutMs })) {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  }
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  return { writers, seconds, port, base: `http://localhost:${port}`, serverUrl, timeoutMs };
}

// ---------------------------------------------------------------- actions

export type ActionIds = { reply: string; pledge: string; reflection: string };

/** The ids of the three write actions in this build, by exported name and source file. */
export function actionIds(): ActionIds {
  const file = path.join(distDir(), "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const find = (exportedName: string, filename: string) => {
    const ids = Object.entries(manifest.node)
      .filter(([, entry]) => entry.exportedName === exportedName && entry.filename === filename)
      .map(([id]) => id);
    if (ids.length !== 1) throw new Error(`${exportedName} in ${filename}: ${ids.length} entries in ${file}`);
    return ids[0]!;
  };
  return {
    reply: find("createReplyAction", "lib/dialogue/actions.ts"),
    pledge: find("pledgeAction", "lib/funding/actions.ts"),
    reflection: find("saveReflectionAction", "lib/cycles/actions.ts"),
  };
}

export type ActionResult =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; code: string; fieldErrors?: Record<string, string[]> };

/** What one HTTP call of an action came to. `result` is set when the Flight answer carried it. */
export type CallOutcome = {
  status: number | null;
  result: ActionResult | null;
  /** A transport failure (reset, refused, timeout) or an answer that was not a Flight stream. */
  error: string | null;
  ms: number;
  sentAt: number;
  doneAt: number;
};

const LENGTH_TAGS = new Set("TAOoUSsLlGgMmVb".split(""));

/**
 * The rows of a Flight stream by id (JSON rows parsed; other rows skipped). Text and binary
 * rows carry their length (`<id>:T<hex length>,<bytes>`), JSON rows end at a newline.
 */
export function flightRows(buf: Buffer): Map<string, unknown> {
  const rows = new Map<string, unknown>();
  let pos = 0;
  while (pos < buf.length) {
    const colon = buf.indexOf(0x3a, pos);
    if (colon < 0) break;
    const id = buf.subarray(pos, colon).toString("latin1");
    if (!/^[0-9a-f]*$/.test(id)) break;
    const tag = String.fromCharCode(buf[colon + 1] ?? 0);
    if (LENGTH_TAGS.has(tag)) {
      const comma = buf.indexOf(0x2c, colon + 2);
      const hex = comma > 0 ? buf.subarray(colon + 2, comma).toString("latin1") : "";
      if (/^[0-9a-f]+$/.test(hex)) {
        pos = comma + 1 + parseInt(hex, 16);
        continue;
      }
    }
    const newline = buf.indexOf(0x0a, colon);
    if (newline < 0) break; // a cut-off row
    const text = buf.subarray(colon + 1, newline).toString("utf8");
    if (text.startsWith("{") || text.startsWith("[") || text.startsWith('"')) {
      try {
        rows.set(id, JSON.parse(text));
      } catch {
        // not JSON: a row type this reader does not need
      }
    }
    pos = newline + 1;
  }
  return rows;
}

/** The action's result from a Flight answer: the root row's `a` names its row ("$@<hex id>"). */
export function actionResultOf(buf: Buffer): ActionResult | null {
  const rows = flightRows(buf);
  const root = rows.get("0") as { a?: unknown } | undefined;
  if (!root || typeof root.a !== "string" || !root.a.startsWith("$@")) return null;
  const value = rows.get(root.a.slice(2));
  if (!value || typeof value !== "object" || !("ok" in value)) return null;
  return value as ActionResult;
}

/**
 * Calls a `useActionState` action as the browser does: `[previousState, formData]` through
 * `encodeReply`, POSTed to the page with the `Next-Action` header.
 */
export async function callAction(
  base: string,
  page: string,
  actionId: string,
  cookie: string,
  previous: unknown,
  fields: Record<string, string>,
  timeoutMs: number,
): Promise<CallOutcome> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const args = referenceInfo.omitUnusedArgs([previous, form], referenceInfo.extractInfoFromServerReferenceId(actionId));
  const body = await flight.encodeReply(args);
  const sentAt = Date.now();
  let status: number | null = null;
  const chunks: Buffer[] = [];
  let error: string | null = null;
  try {
    const res = await fetch(base + page, {
      method: "POST",
      headers: { accept: "text/x-component", "next-action": actionId, cookie, origin: base },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.status;
    if (!(res.headers.get("content-type") ?? "").startsWith("text/x-component")) {
      error = `HTTP ${res.status} ${res.headers.get("content-type") ?? "no content type"}`;
      await res.arrayBuffer().catch(() => undefined);
    } else if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(Buffer.from(value));
      }
    }
  } catch (e) {
    error = describeError(e);
  }
  const doneAt = Date.now();
  // A result row that arrived is an answer even if the stream broke later (the browser resolves on it).
  const result = chunks.length ? actionResultOf(Buffer.concat(chunks)) : null;
  if (!result && !error) error = `HTTP ${status}: no action result in the answer`;
  return { status, result, error: result ? null : error, ms: doneAt - sentAt, sentAt, doneAt };
}

export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
  if (e.name === "TimeoutError") return "timeout";
  return cause?.code ?? cause?.message ?? e.message;
}

// ---------------------------------------------------------------- seed

export const NETWORKS = 4;
export const THREADS_PER_NETWORK = 5;
export const MILESTONES = 4;
export const FUND = "ff";
const FUND_SLUG = "faults-fund";
const INITIATIVE = "fi";

export type Writer = {
  index: number;
  userId: string;
  name: string;
  cookie: string;
  /** Sends every request twice with the same key, as a browser retry after a timeout would. */
  retries: boolean;
};

export type Seeded = { writers: Writer[] };

const networkSlug = (k: number) => `faults-${k}`;
const threadId = (k: number, t: number) => `f${k}-t${t}`;
const cycleId = (k: number) => `f${k}-c`;
const milestoneId = (m: number) => `${INITIATIVE}-m${m}`;

/**
 * The writers: members of NETWORKS networks (each with threads by a broker and an open
 * cycle in its I phase) and funders of one more (an active initiative with open
 * milestones), each with a database session as after signing in. One in ten retries.
 */
export async function seed(url: string, writers: number): Promise<Seeded> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const people: Writer[] = [];
  try {
    await c.query("BEGIN");
    await c.query(
      `INSERT INTO "User" (id, email, name, bio, locale, "updatedAt")
       SELECT 'w' || lpad(g::text, 4, '0'), 'writer' || g || '@faults.test', 'Writer' || g, '', 'en'::"Locale", now()
       FROM generate_series(0, $1 - 1) g
       UNION ALL SELECT 'broker', 'broker@faults.test', 'Broker', '', 'en'::"Locale", now()`,
      [writers],
    );
    await c.query(
      `INSERT INTO "Network" (id, slug, name, purpose, "workingQuestion", principles, visibility, "joinPolicy", locale, "updatedAt")
       SELECT 'f' || k, 'faults-' || k, 'Faults ' || k, 'Writing under faults.', 'Is every write kept?', ARRAY['Stay open.'],
              'public'::"Visibility", 'open'::"JoinPolicy", 'en'::"Locale", now()
       FROM generate_series(0, $1 - 1) k
       UNION ALL SELECT '${FUND}', '${FUND_SLUG}', 'Faults fund', 'Pledging under faults.', 'Is every pledge kept?', ARRAY['Stay open.'],
              'public'::"Visibility", 'open'::"JoinPolicy", 'en'::"Locale", now()`,
      [NETWORKS],
    );
    await c.query(
      `INSERT INTO "Membership" (id, "networkId", "userId", role, status, "principlesAcceptedAt", "joinedAt", "updatedAt")
       SELECT 'm-' || n.id || '-' || u.id, n.id, u.id,
              (CASE WHEN u.id = 'broker' THEN 'broker' WHEN n.id = '${FUND}' THEN 'funder' ELSE 'member' END)::"Role",
              'active', now(), now(), now()
       FROM "Network" n, "User" u`,
    );
    await c.query(
      `INSERT INTO "Thread" (id, "networkId", "authorId", title, body, level, area, "lastActivityAt", "updatedAt")
       SELECT 'f' || k || '-t' || t, 'f' || k, 'broker', 'Thread ' || t || ' of network ' || k, 'What are we working on?',
              'network', 'means', now(), now()
       FROM generate_series(0, $1 - 1) k, generate_series(0, $2 - 1) t`,
      [NETWORKS, THREADS_PER_NETWORK],
    );
    await c.query(
      `INSERT INTO "Cycle" (id, "networkId", title, question, "iDeadline", "weDeadline", "openedById", "updatedAt")
       SELECT 'f' || k || '-c', 'f' || k, 'Cycle of network ' || k, 'What are we working on?',
              now() + interval '7 days', now() + interval '14 days', 'broker', now()
       FROM generate_series(0, $1 - 1) k`,
      [NETWORKS],
    );
    await c.query(
      `INSERT INTO "Initiative" (id, "networkId", name, description, "systemChange", status, "createdById", "updatedAt")
       VALUES ('${INITIATIVE}', '${FUND}', 'Faults initiative', 'What it does.', 'What it changes.', 'active', 'broker', now())`,
    );
    await c.query(
      `INSERT INTO "Milestone" (id, "networkId", "initiativeId", position, title, unlocks, "amountNeeded", currency, status, "updatedAt")
       SELECT '${INITIATIVE}-m' || p, '${FUND}', '${INITIATIVE}', p, 'Milestone ' || p, 'What it unlocks.', 1000000, 'EUR', 'active', now()
       FROM generate_series(0, $1 - 1) p`,
      [MILESTONES],
    );
    for (let i = 0; i < writers; i++) {
      const token = randomBytes(32).toString("hex");
      const userId = `w${String(i).padStart(4, "0")}`;
      await c.query(
        `INSERT INTO "Session" ("sessionToken", "userId", expires, "updatedAt") VALUES ($1, $2, now() + interval '1 day', now())`,
        [token, userId],
      );
      people.push({ index: i, userId, name: `Writer${i}`, cookie: `authjs.session-token=${token}`, retries: i % 10 === 0 });
    }
    await c.query("COMMIT");
    await c.query("ANALYZE");
  } finally {
    await c.end();
  }
  return { writers: people };
}

// ---------------------------------------------------------------- the server

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

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- writers

export type Kind = "reply" | "pledge" | "reflection";
export const KINDS: Kind[] = ["reply", "pledge", "reflection"];

/** One logical write: one idempotency key (a reply or pledge) or one reflection save. */
export type Write = {
  kind: Kind;
  writer: number;
  /** The idempotency key; for a reflection, the marker its body carries. */
  key: string;
  /** Reflections: the cycle, and the save's place among that writer's saves to it. */
  cycleId?: string;
  seq: number;
  body?: string;
  amountMinor?: number;
  attempts: CallOutcome[];
  acked: boolean;
  /** The record id the acknowledging answer named (reply and pledge). */
  ackedId?: string;
  /** Ids named by every ok answer (a retry must name the same record). */
  okIds: string[];
  refused?: string;
};

export type LoadOptions = {
  /** After a transport failure, send the same request again (same key) once the server answers. */
  resendAfterFailure: boolean;
  /** Writers send no new request once this turns false (a request under way still completes). */
  running: () => boolean;
  /** Called before every request; a fault script can hold writers back while the server is down. */
  gate?: () => Promise<void>;
};

export type Load = { writes: Write[]; startedAt: number; endedAt: number };

function key(): string {
  return randomUUID().replaceAll("-", "");
}

/** The version the cycle page's reflection form shows (the browser reloads after `reflection_changed`). */
async function reloadVersion(s: FaultSettings, w: Writer, slug: string): Promise<string | null> {
  try {
    const res = await fetch(`${s.base}/n/${slug}/cycles`, { headers: { cookie: w.cookie }, signal: AbortSignal.timeout(s.timeoutMs) });
    const html = await res.text();
    const match = /name="version" value="(\d*)"/.exec(html);
    return match ? match[1]! : null;
  } catch {
    return null;
  }
}

/**
 * N writers, each a signed-in person in a loop until `until`: a reply (with a mention of the
 * next writer), a pledge, a reflection save, in turn. A write is acknowledged when an answer
 * carries the action's `ok: true`. Retrying writers send every request a second time with the
 * same key. Returns every write with every attempt.
 */
export async function runLoad(s: FaultSettings, seeded: Seeded, ids: ActionIds, options: LoadOptions): Promise<Load> {
  const writes: Write[] = [];
  const startedAt = Date.now();
  await Promise.all(seeded.writers.map((w) => writerLoop(s, seeded, w, ids, options, writes)));
  return { writes, startedAt, endedAt: Date.now() };
}

async function writerLoop(s: FaultSettings, seeded: Seeded, w: Writer, ids: ActionIds, options: LoadOptions, writes: Write[]) {
  const previous: Record<Kind, unknown> = { reply: null, pledge: null, reflection: null };
  const versions = new Map<number, string>(); // per network: the reflection version the form shows
  const seqs = new Map<number, number>();
  const next = seeded.writers[(w.index + 1) % seeded.writers.length]!;
  for (let n = 0; options.running(); n++) {
    const kind = KINDS[(n + w.index) % KINDS.length]!;
    const k = Math.floor(Math.random() * NETWORKS);
    let page: string;
    let actionId: string;
    let fields: Record<string, string>;
    const write: Write = { kind, writer: w.index, key: key(), seq: 0, attempts: [], acked: false, okIds: [] };
    if (kind === "reply") {
      const t = Math.floor(Math.random() * THREADS_PER_NETWORK);
      write.body = `Reply ${n} by ${w.name} (${write.key}), with a word for @${next.name}.`;
      page = `/n/${networkSlug(k)}/dialogue/${threadId(k, t)}`;
      actionId = ids.reply;
      fields = {
        slug: networkSlug(k),
        threadId: threadId(k, t),
        idempotencyKey: write.key,
        quotedReplyId: "",
        mentions: next.userId,
        body: write.body,
      };
    } else if (kind === "pledge") {
      write.amountMinor = 100 + Math.floor(Math.random() * 100_000);
      page = `/n/${FUND_SLUG}/initiatives/${INITIATIVE}`;
      actionId = ids.pledge;
      fields = {
        slug: FUND_SLUG,
        milestoneId: milestoneId(Math.floor(Math.random() * MILESTONES)),
        idempotencyKey: write.key,
        amount: (write.amountMinor / 100).toFixed(2),
        currency: "EUR",
        condition: "",
      };
    } else {
      const seq = (seqs.get(k) ?? 0) + 1;
      seqs.set(k, seq);
      write.cycleId = cycleId(k);
      write.seq = seq;
      write.body = `Save ${seq} of ${w.name}'s reflection [${write.key}]: what I see in network ${k}.`;
      page = `/n/${networkSlug(k)}/cycles`;
      actionId = ids.reflection;
      fields = {
        slug: networkSlug(k),
        cycleId: cycleId(k),
        version: versions.get(k) ?? "",
        body: write.body,
        area: "observations_facts",
        intent: "draft",
      };
    }
    const sends = w.retries ? 2 : 1;
    for (let i = 0; i < sends; i++) {
      let outcome: CallOutcome | null = null;
      for (;;) {
        if (options.gate) await options.gate();
        if (!options.running()) break;
        outcome = await callAction(s.base, page, actionId, w.cookie, previous[kind], fields, s.timeoutMs);
        write.attempts.push(outcome);
        // The form keeps its key until an answer comes: the person presses the button again.
        if (outcome.result || !options.resendAfterFailure) break;
        await sleep(100);
      }
      const result = outcome?.result;
      if (!result) continue;
      previous[kind] = result;
      if (result.ok) {
        write.acked = true;
        const data = result.data;
        const id = typeof data.replyId === "string" ? data.replyId : typeof data.pledgeId === "string" ? data.pledgeId : undefined;
        if (id) {
          write.ackedId ??= id;
          write.okIds.push(id);
        }
        if (kind === "reflection" && typeof data.version === "string") versions.set(k, data.version);
      } else {
        write.refused ??= result.code;
        if (kind === "reflection" && result.code === "reflection_changed") {
          const version = await reloadVersion(s, w, networkSlug(k));
          if (version !== null) versions.set(k, version);
        }
      }
    }
    if (write.attempts.length) writes.push(write);
  }
}

// ---------------------------------------------------------------- figures and checks

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export type Check = { name: string; ok: boolean; detail: string };

export function printChecks(checks: Check[]): boolean {
  console.log("");
  for (const c of checks) console.log(`${c.ok ? "PASS" : "FAIL"}  ${c.name}: ${c.detail}`);
  const failed = checks.filter((c) => !c.ok).length;
  console.log(failed ? `\n${failed} of ${checks.length} properties FAILED` : `\nall ${checks.length} properties hold`);
  return failed === 0;
}

/** Writes/s, latency and counts of a load, per kind and in all. */
export function printLoad(load: Load, label = "load"): void {
  const seconds = (load.endedAt - load.startedAt) / 1000;
  console.log(`\n${label}: ${seconds.toFixed(1)} s, ${new Date(load.startedAt).toISOString()}`);
  console.log("kind          writes  acked  refused  unanswered  requests  acked/s   p50 ms   p95 ms   p99 ms");
  const rows: [string, Write[]][] = [...KINDS.map((k) => [k, load.writes.filter((w) => w.kind === k)] as [string, Write[]]), ["all", load.writes]];
  for (const [name, ws] of rows) {
    const answered = ws.flatMap((w) => w.attempts.filter((a) => a.result)).map((a) => a.ms).sort((a, b) => a - b);
    const acked = ws.filter((w) => w.acked).length;
    const refused = ws.filter((w) => !w.acked && w.refused).length;
    const unanswered = ws.filter((w) => !w.acked && !w.refused).length;
    const requests = ws.reduce((n, w) => n + w.attempts.length, 0);
    console.log(
      `${name.padEnd(12)} ${String(ws.length).padStart(7)} ${String(acked).padStart(6)} ${String(refused).padStart(8)} ${String(unanswered).padStart(11)} ${String(requests).padStart(9)} ${(acked / seconds).toFixed(1).padStart(8)} ${String(percentile(answered, 50)).padStart(8)} ${String(percentile(answered, 95)).padStart(8)} ${String(percentile(answered, 99)).padStart(8)}`,
    );
  }
  const codes = new Map<string, number>();
  for (const w of load.writes) for (const a of w.attempts) {
    const label = a.result ? (a.result.ok ? "ok" : `refused: ${a.result.code}`) : `failed: ${a.error}`;
    codes.set(label, (codes.get(label) ?? 0) + 1);
  }
  console.log(`answers: ${[...codes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")}`);
}

type StoredRow = { owner: string; key: string; n: number; id: string; body: string | null; amount: string | null; created: number };

/**
 * Every acknowledged write stored exactly once (by its unique key), as sent, with the id its
 * answer named; retries named the same record; no stored row that no writer sent; and the
 * count of writes stored without an acknowledgement (allowed: the answer was lost).
 */
export async function checkWrites(
  url: string,
  seeded: Seeded,
  writes: Write[],
): Promise<{ checks: Check[]; storedUnacked: number; resent: number; storedByCutRequest: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const writerId = (i: number) => seeded.writers[i]!.userId;
    const replies = await c.query<StoredRow>(
      `SELECT "authorId" AS owner, "idempotencyKey" AS key, count(*)::int AS n, min(id) AS id, min(body) AS body, NULL AS amount,
              (extract(epoch FROM min("createdAt")) * 1000)::float8 AS created
       FROM "Reply" WHERE "networkId" LIKE 'f%' GROUP BY 1, 2`,
    );
    const pledges = await c.query<StoredRow>(
      `SELECT "funderId" AS owner, "idempotencyKey" AS key, count(*)::int AS n, min(id) AS id, NULL AS body, min(amount)::text AS amount,
              (extract(epoch FROM min("createdAt")) * 1000)::float8 AS created
       FROM "Pledge" WHERE "networkId" = '${FUND}' GROUP BY 1, 2`,
    );
    const reflections = await c.query<{ owner: string; cycle: string; n: number; body: string }>(
      `SELECT "authorId" AS owner, "cycleId" AS cycle, count(*)::int AS n, min(body) AS body FROM "Reflection" GROUP BY 1, 2`,
    );
    const checks: Check[] = [];
    let storedUnacked = 0;
    // Replies and pledges sent again after a failed request, and those the failed request had already stored.
    let resent = 0;
    let storedByCutRequest = 0;
    const keyed = (kind: "reply" | "pledge", rows: StoredRow[]) => {
      const stored = new Map(rows.map((r) => [`${r.owner}/${r.key}`, r]));
      const sent = new Set<string>();
      let lost = 0;
      let duplicated = 0;
      let wrongId = 0;
      let altered = 0;
      let retryMismatch = 0;
      let acked = 0;
      for (const w of writes.filter((x) => x.kind === kind)) {
        const k = `${writerId(w.writer)}/${w.key}`;
        sent.add(k);
        const row = stored.get(k);
        if (row && row.n > 1) duplicated++;
        if (new Set(w.okIds).size > 1) retryMismatch++;
        if (!w.acked) {
          if (row) storedUnacked++;
          continue;
        }
        acked++;
        if (!row) {
          lost++;
          continue;
        }
        if (w.ackedId && row.id !== w.ackedId) wrongId++;
        const firstOk = w.attempts.findIndex((a) => a.result?.ok);
        if (firstOk > 0 && !w.attempts[firstOk - 1]!.result) {
          resent++;
          if (row.created < w.attempts[firstOk]!.sentAt) storedByCutRequest++;
        }
        if (kind === "reply" && row.body !== w.body) altered++;
        if (kind === "pledge" && row.amount !== String(w.amountMinor)) altered++;
      }
      const strangers = rows.filter((r) => !sent.has(`${r.owner}/${r.key}`)).length;
      const plural = `${kind === "reply" ? "replies" : "pledges"}`;
      checks.push({
        name: `every acknowledged ${kind} stored exactly once`,
        ok: lost === 0 && duplicated === 0 && wrongId === 0 && altered === 0 && acked > 0,
        detail: `${acked} acknowledged, ${lost} missing, ${duplicated} keys stored twice, ${wrongId} under another id, ${altered} altered`,
      });
      checks.push({
        name: `retries of ${plural} made no duplicates`,
        ok: retryMismatch === 0 && duplicated === 0 && strangers === 0,
        detail: `${writes.filter((x) => x.kind === kind && x.attempts.length > 1).length} writes sent more than once, ${retryMismatch} answered with two different records, ${strangers} stored rows with a key no writer sent`,
      });
    };
    keyed("reply", replies.rows);
    keyed("pledge", pledges.rows);

    // Reflections: one row per person and cycle, holding the last acknowledged save or a later one.
    const stored = new Map(reflections.rows.map((r) => [`${r.owner}/${r.cycle}`, r]));
    const chains = new Map<string, Write[]>();
    for (const w of writes.filter((x) => x.kind === "reflection")) {
      const k = `${writerId(w.writer)}/${w.cycleId}`;
      chains.set(k, [...(chains.get(k) ?? []), w]);
    }
    let lost = 0;
    let duplicated = 0;
    let acked = 0;
    let strangers = 0;
    for (const r of reflections.rows) {
      if (r.n > 1) duplicated++;
      if (!chains.has(`${r.owner}/${r.cycle}`)) strangers++;
    }
    for (const [k, chain] of chains) {
      acked += chain.filter((w) => w.acked).length;
      const lastAcked = chain.reduce((i, w, j) => (w.acked ? j : i), -1);
      const row = stored.get(k);
      const holding = row ? chain.findIndex((w) => row.body === w.body) : -1;
      if (lastAcked >= 0 && holding < lastAcked) lost++;
      if (holding >= 0 && !chain[holding]!.acked) storedUnacked++;
    }
    checks.push({
      name: "every acknowledged reflection save kept (the latest, once per person and cycle)",
      ok: lost === 0 && duplicated === 0 && strangers === 0 && acked > 0,
      detail: `${acked} saves acknowledged over ${chains.size} reflections, ${lost} holding an older text than acknowledged, ${duplicated} stored twice, ${strangers} nobody wrote`,
    });
    return { checks, storedUnacked, resent, storedByCutRequest };
  } finally {
    await c.end();
  }
}

/**
 * What a cut-off write could leave behind in this schema, checked in SQL: the rows a reply's
 * transaction writes together (search vector, rendered body, reply count, mentions and their
 * notifications, the thread author's notification), notifications pointing at missing replies
 * (no foreign key), and a pledge's audit entry (written in the pledge's transaction) both ways.
 */
export async function checkInvariants(url: string): Promise<Check[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const count = async (sql: string) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) q`)).rows[0]!.n;
  try {
    const checks: Check[] = [];
    const add = async (name: string, sql: string) => {
      const n = await count(sql);
      checks.push({ name, ok: n === 0, detail: `${n} rows` });
    };
    await add(
      "thread reply counts match their replies",
      `SELECT t.id FROM "Thread" t LEFT JOIN "Reply" r ON r."threadId" = t.id AND r."networkId" = t."networkId"
       GROUP BY t.id, t."replyCount" HAVING t."replyCount" <> count(r.id)`,
    );
    await add("every reply indexed for search and rendered", `SELECT id FROM "Reply" WHERE "searchVector" IS NULL OR "bodyHtml" IS NULL`);
    await add(
      "every reply's mention has its notification",
      `SELECT m."replyId" FROM "Mention" m JOIN "Reply" r ON r.id = m."replyId"
       WHERE m."userId" <> r."authorId" AND NOT EXISTS (
         SELECT 1 FROM "Notification" n WHERE n."userId" = m."userId" AND n."dedupeKey" = 'mention:' || m."replyId")`,
    );
    await add(
      "every reply mentioning a writer has its mention row",
      `SELECT r.id FROM "Reply" r WHERE r.body LIKE '%with a word for @Writer%' AND NOT EXISTS (SELECT 1 FROM "Mention" m WHERE m."replyId" = r.id)`,
    );
    await add(
      "every reply notifies the thread's author",
      `SELECT r.id FROM "Reply" r JOIN "Thread" t ON t.id = r."threadId"
       WHERE t."authorId" IS NOT NULL AND t."authorId" <> r."authorId" AND NOT EXISTS (
         SELECT 1 FROM "Notification" n WHERE n."userId" = t."authorId" AND n."dedupeKey" = 'reply:' || r.id)`,
    );
    await add(
      "no notification, mention or reaction points at a missing reply",
      `SELECT "replyId" FROM "Notification" WHERE "replyId" IS NOT NULL AND "replyId" NOT IN (SELECT id FROM "Reply")
       UNION ALL SELECT "replyId" FROM "Mention" WHERE "replyId" NOT IN (SELECT id FROM "Reply")
       UNION ALL SELECT "replyId" FROM "Reaction" WHERE "replyId" NOT IN (SELECT id FROM "Reply")`,
    );
    await add(
      "every pledge has exactly one pledge.created audit entry",
      `SELECT p.id FROM "Pledge" p LEFT JOIN "AuditEntry" a
         ON a."networkId" = p."networkId" AND a.action = 'pledge.created' AND a.detail->>'pledgeId' = p.id
       GROUP BY p.id HAVING count(a.id) <> 1`,
    );
    await add(
      "every pledge.created audit entry has its pledge",
      `SELECT a.id FROM "AuditEntry" a WHERE a.action = 'pledge.created'
       AND NOT EXISTS (SELECT 1 FROM "Pledge" p WHERE p.id = a.detail->>'pledgeId' AND p."networkId" = a."networkId")`,
    );
    await add(
      "every reflection belongs to a cycle of its network",
      `SELECT r.id FROM "Reflection" r WHERE NOT EXISTS (SELECT 1 FROM "Cycle" c WHERE c.id = r."cycleId" AND c."networkId" = r."networkId")`,
    );
    return checks;
  } finally {
    await c.end();
  }
}

/** Counts of what the load stored, for the figures. */
export async function storedCounts(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ replies: number; pledges: number; reflections: number; notifications: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM "Reply") AS replies, (SELECT count(*)::int FROM "Pledge") AS pledges,
              (SELECT count(*)::int FROM "Reflection") AS reflections, (SELECT count(*)::int FROM "Notification") AS notifications,
              (SELECT count(*)::int FROM "AuditEntry") AS audit`,
    );
    const r = rows[0]!;
    return `stored: ${r.replies} replies, ${r.pledges} pledges, ${r.reflections} reflections, ${r.notifications} notifications, ${r.audit} audit entries`;
  } finally {
    await c.end();
  }
}
