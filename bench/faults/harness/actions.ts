// Calling the app's server actions over HTTP as the browser does, and reading their answers.
//
// A server action is called as React's client calls it (next/dist/client/.../server-action-reducer):
// POST to the page's URL with `Next-Action: <id>` and `Accept: text/x-component`, the arguments
// encoded by react-server-dom-webpack's `encodeReply` (for a `useActionState` form:
// `[previousState, formData]`, a multipart body). The id comes from the build's
// server-reference-manifest.json, found by exported name and file. The answer is a Flight stream
// whose root row `{"a": "$@<row>", ...}` names the row holding the action's result.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { distDir } from "./settings";

const require = createRequire(import.meta.url);

type FlightClient = { encodeReply: (args: unknown[]) => Promise<FormData | string> };
type ReferenceInfo = {
  extractInfoFromServerReferenceId: (id: string) => unknown;
  omitUnusedArgs: (args: unknown[], info: unknown) => unknown[];
};
const flight = require("next/dist/compiled/react-server-dom-webpack/client.node") as FlightClient;
const referenceInfo = require("next/dist/shared/lib/server-reference-info") as ReferenceInfo;

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

type ActionResult =
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
function flightRows(buf: Buffer): Map<string, unknown> {
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
function actionResultOf(buf: Buffer): ActionResult | null {
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
