import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { handlers } from "@/lib/auth/config";
import { errorCodes } from "@/lib/errors";
import { timeZoneCookie } from "@/lib/i18n/config";
import en from "@/lib/i18n/messages/en.json";
import nl from "@/lib/i18n/messages/nl.json";
import { dbSystem } from "@/lib/db/client";
import { UNRENDERABLE_HTML } from "@/lib/markdown/render";
import { deepMarkdownPayloads } from "../fixtures/deep-markdown";
import { cookieJar, resetRequest } from "../setup/session";
import { actionInputs, routeInputs, type Ctx } from "./authorization-matrix.inputs";
import {
  buildWorld,
  discoverActions,
  discoverRoutes,
  dumpDatabase,
  invokeAction,
  restoreDatabase,
  routeHandlerRequest,
  routeRequest,
  ZONE,
  type World,
} from "./authorization-matrix.world";
import { signInAs, snapshotDatabase } from "./support";

/**
 * Hostile input (issue 6): every server action gets generated and malformed input (fields
 * missing, of the wrong type, oversized, with NUL and other control characters, naughty
 * Unicode, odd numbers, unknown extra fields; as FormData and as a plain object, which a
 * client can send to a server action just as well) as a member of a real network, and as a
 * broker for brokers' actions. Nothing may throw (but Next's redirect and notFound signals),
 * nothing may answer `unexpected`, every refusal carries a known code, every field message is
 * translated in English and Dutch, and a refusal writes nothing. Route handlers get malformed
 * params and query strings and never answer 500.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

const naughty: string[] = JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/blns.json"), "utf8"));
const known = new Set<string>(errorCodes);
const translated = (code: string) => {
  const key = code.split("|")[0] ?? "";
  return key in en.validation && key in nl.validation;
};

const { actions } = await discoverActions();
const routes = await discoverRoutes();

let world: World;
let dump: Awaited<ReturnType<typeof dumpDatabase>>;
let dirty = true;

beforeAll(async () => {
  world = await buildWorld();
  dump = await dumpDatabase();
}, 120_000);

beforeEach(() => {
  dirty = true;
});

/** The world as built, once per test (the setup empties every table before each one). */
async function fresh() {
  if (dirty) {
    await restoreDatabase(dump);
    dirty = false;
  }
  resetRequest();
  cookieJar.set(timeZoneCookie, encodeURIComponent(ZONE));
}

// ---------------------------------------------------------------- generators

const controls = fc.constantFrom("\u0000", "a\u0000b", "\u0001\u0002\u0003", "\u001b[31m", "\u007f", "\r\n\r\n", "\t", "\u2028\u2029", "\ud800", "\udfff", "\ufeff", "\u202e");
const numbers = fc.constantFrom(
  "0",
  "-1",
  "-0.01",
  "1e309",
  "1e-7",
  "NaN",
  "Infinity",
  "0x10",
  "1.000000000000000000001",
  "99999999999999999999999999999999",
  "9007199254740993",
  "1,234,567.891",
  "1.234.567,89",
  " 12 ",
  "١٢٣",
  "12.5.3",
  "",
);
const oversized = fc.constantFrom(50, 201, 1_001, 20_001, 100_001).map((n) => "x".repeat(n));
const textValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(...naughty),
  controls,
  numbers,
  oversized,
  fc.constantFrom(...Object.values(deepMarkdownPayloads)),
);
/** Wrong types, for a plain-object input (FormData holds only strings and files). */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

type Change = { kind: "keep" } | { kind: "drop" } | { kind: "text"; value: string } | { kind: "typed"; value: unknown };
const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "keep" } as Change) },
  { weight: 1, arbitrary: fc.constant({ kind: "drop" } as Change) },
  { weight: 3, arbitrary: textValue.map((value) => ({ kind: "text", value }) as Change) },
  { weight: 1, arbitrary: wrongType.map((value) => ({ kind: "typed", value }) as Change) },
);

type Case = {
  asBroker: boolean;
  asObject: boolean;
  changes: Change[];
  extra: [string, string][];
};

function cases(fieldCount: number, broker: boolean): fc.Arbitrary<Case> {
  return fc.record({
    asBroker: broker ? fc.boolean() : fc.constant(false),
    asObject: fc.boolean(),
    changes: fc.array(change, { minLength: fieldCount, maxLength: fieldCount }),
    extra: fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "$ACTION_ID_x", "cite.x", "team_x", "handled.x")), textValue), {
      maxLength: 3,
    }),
  });
}

function build(base: Record<string, string>, c: Case): FormData | Record<string, unknown> {
  const entries: [string, unknown][] = [];
  Object.entries(base).forEach(([name, value], i) => {
    const ch = c.changes[i] ?? { kind: "keep" };
    if (ch.kind === "drop") return;
    if (ch.kind === "keep") entries.push([name, value]);
    else if (ch.kind === "text") entries.push([name, ch.value]);
    else entries.push([name, c.asObject ? ch.value : JSON.stringify(ch.value)]);
  });
  for (const [name, value] of c.extra) entries.push([name, value]);
  if (c.asObject) {
    const object: Record<string, unknown> = {};
    for (const [name, value] of entries) Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
    return object;
  }
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, String(value));
  return form;
}

// ---------------------------------------------------------------- the properties

function problems(result: Awaited<ReturnType<typeof invokeAction>>): string[] {
  if (result.kind === "signal") return [];
  if (result.kind === "threw") {
    const error = result.error as { stack?: string };
    return [`threw: ${error?.stack?.split("\n").slice(0, 3).join(" | ") ?? String(result.error)}`];
  }
  const value = result.value as { ok?: boolean; code?: string; fieldErrors?: Record<string, unknown> } | undefined;
  if (value === undefined || value === null || value.ok === true) return [];
  const out: string[] = [];
  if (value.ok !== false) out.push(`not an action result: ${JSON.stringify(value)}`);
  if (value.code === "unexpected") out.push("answered `unexpected`");
  if (value.code !== undefined && !known.has(value.code)) out.push(`unknown code ${JSON.stringify(value.code)}`);
  if (value.code === undefined && !value.fieldErrors) out.push("a refusal without a code");
  for (const [field, codes] of Object.entries(value.fieldErrors ?? {})) {
    if (!Array.isArray(codes)) {
      out.push(`field ${field}: not a list of codes`);
      continue;
    }
    for (const code of codes) {
      if (typeof code !== "string" || !translated(code)) out.push(`field ${field}: message ${JSON.stringify(code)} has no translation under validation.*`);
    }
  }
  return out;
}

describe("hostile input to every server action", () => {
  it.each(actions.map((a) => [a.key, a] as const))("%s", { timeout: 120_000 }, async (key, action) => {
    const input = actionInputs[key];
    expect(input, `no input builder for ${key}: add one to actionInputs in tests/integration/authorization-matrix.inputs.ts`).toBeDefined();
    if (!input) return;
    const fieldNames = Object.keys(input.fields({ world, home: world.a, o: world.a, actor: null })).length;
    await fresh();
    // The world drifts as generated inputs succeed; that is fine here (nothing compares
    // outcomes), and restoring it after every run would cost most of the time.
    await input.prepare?.(world);
    await fc.assert(
      fc.asyncProperty(cases(Math.max(fieldNames, 1), input.broker === true), async (c) => {
        resetRequest();
        cookieJar.set(timeZoneCookie, encodeURIComponent(ZONE));
        const actor = c.asBroker ? world.a.broker : world.a.member;
        signInAs(actor);
        const ctx: Ctx = { world, home: world.a, o: world.a, actor };
        const before = await snapshotDatabase();
        const result = await invokeAction(action.fn, build(input.fields(ctx), c));
        const found = problems(result);
        const refused = result.kind === "returned" && (result.value as { ok?: boolean } | undefined)?.ok === false;
        if (refused && (await snapshotDatabase()) !== before) found.push("refused, but the database changed");
        if (found.length) throw new Error(`${key}: ${found.join("; ")}`);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});

/** Fields that carry no typed text (which network, which record, a form's key). */
const notText = (name: string) => name === "slug" || /Id$/.test(name) || ["idempotencyKey", "token", "base", "version"].includes(name);

describe("deeply nested Markdown in every text field of every server action (issue 15)", () => {
  it.each(actions.map((a) => [a.key, a] as const))("%s", { timeout: 300_000 }, async (key, action) => {
    const input = actionInputs[key];
    if (!input) return; // the test above names the missing input builder
    await fresh();
    await input.prepare?.(world);
    const actor = input.broker ? world.a.broker : world.a.member;
    const base = input.fields({ world, home: world.a, o: world.a, actor });
    const found: string[] = [];
    for (const field of Object.keys(base).filter((name) => !notText(name))) {
      for (const [name, text] of Object.entries(deepMarkdownPayloads)) {
        resetRequest();
        cookieJar.set(timeZoneCookie, encodeURIComponent(ZONE));
        signInAs(actor);
        // Fresh fields each time: a key or a token may be single-use.
        const fields = { ...input.fields({ world, home: world.a, o: world.a, actor }), [field]: text };
        const result = await invokeAction(action.fn, fields);
        found.push(...problems(result).map((p) => `${field} ← ${name}: ${p}`));
      }
    }
    // Whatever was accepted was stored with HTML that renders, never the notice marker.
    for (const table of ["Thread", "Reply", "Reflection", "SynthesisRevision", "MilestoneUpdate", "ExchangeMessage"]) {
      const [row] = await dbSystem().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE "bodyHtml" = $1`, UNRENDERABLE_HTML);
      if (row && row.n > 0) found.push(`${table}: ${row.n} stored text(s) that cannot be rendered`);
    }
    // A harvest keeps three rendered texts (decision 038).
    const [harvests] = await dbSystem().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "Harvest" WHERE $1 IN ("summaryHtml", "agreementsHtml", "nextStepsHtml")`,
      UNRENDERABLE_HTML,
    );
    if (harvests && harvests.n > 0) found.push(`Harvest: ${harvests.n} stored text(s) that cannot be rendered`);
    // An offer or request keeps its description, thanks and lesson rendered (decision 039).
    const [posts] = await dbSystem().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "ExchangePost" WHERE $1 IN ("bodyHtml", "thanksHtml", "lessonHtml")`,
      UNRENDERABLE_HTML,
    );
    if (posts && posts.n > 0) found.push(`ExchangePost: ${posts.n} stored text(s) that cannot be rendered`);
    dirty = true;
    expect(found, key).toEqual([]);
  });
});

// ---------------------------------------------------------------- route handlers

const segment = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(...naughty),
  fc.constantFrom("%", "%00", "..", "../../etc/passwd", "a/b", "x".repeat(5_000), "\u0000", "null", "undefined", "[object Object]"),
);
const query = fc.oneof(
  fc.constant(""),
  fc.string({ maxLength: 40 }).map((s) => `?${s}`),
  fc.constantFrom("?format=", "?format=xml", "?format=csv&format=json", "?%", "?a=%zz", "?format[]=json", `?${"x".repeat(10_000)}`, "?format=%00"),
);

describe("malformed params and query strings to every route handler", () => {
  it.each(routes.map((r) => [r.key, r] as const))("%s never answers 500", { timeout: 120_000 }, async (key, route) => {
    const input = routeInputs[key];
    expect(input, `no input for ${key}: add one to routeInputs in tests/integration/authorization-matrix.inputs.ts`).toBeDefined();
    if (!input) return;
    // Auth.js runs for real here (the other tests mock it).
    const actual = await vi.importActual<typeof import("@/lib/auth/config")>("@/lib/auth/config");
    vi.mocked(handlers.GET).mockImplementation(actual.handlers.GET);
    vi.mocked(handlers.POST).mockImplementation(actual.handlers.POST);
    const names = [...route.pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
    await fresh();
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: names.length, maxLength: names.length }), query, fc.boolean(), async (values, q, signedIn) => {
        resetRequest();
        signInAs(signedIn ? world.a.member : null);
        const params = Object.fromEntries(names.map((n, i) => [n, values[i]!]));
        let url: string;
        let routeParams: Record<string, string | string[]>;
        try {
          ({ url, params: routeParams } = routeRequest(route.pattern, params, q));
          new URL(url);
        } catch {
          return; // not a URL a request could carry
        }
        const abort = new AbortController();
        let response: unknown;
        try {
          // A route that reads a token from a header (the read API) gets network A's valid one, so the
          // malformed params and queries reach past the token check.
          const headers = input.headers?.({ world, home: world.a, o: world.a, actor: null }) ?? {};
          response = await route.handler(routeHandlerRequest(url, { method: route.method, signal: abort.signal, headers }), { params: Promise.resolve(routeParams) });
        } catch (error) {
          throw new Error(`${key} threw for ${url}: ${(error as Error)?.stack ?? String(error)}`);
        } finally {
          abort.abort();
        }
        if (!(response instanceof Response)) throw new Error(`${key} did not answer a Response for ${url}`);
        {
          await response.body?.cancel().catch(() => undefined);
          if (response.status >= 500) throw new Error(`${key} answered ${response.status} for ${url}`);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
