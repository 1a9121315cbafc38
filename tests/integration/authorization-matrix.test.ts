import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { handlers } from "@/lib/auth/config";
import { timeZoneCookie } from "@/lib/i18n/config";
import { loadCyclePage } from "@/lib/cycles/queries";
import { dbSystem } from "@/lib/db/client";
import { loadThreadPage } from "@/lib/dialogue/queries";
import { loadGatheringPage } from "@/lib/gatherings/queries";
import { loadHarvestSection } from "@/lib/harvests/queries";
import { can, permissions, type Permission } from "@/lib/membership/policy";
import { requireMember, requireMemberPage, type NetworkScope } from "@/lib/membership/scope";
import { loadWePhase } from "@/lib/synthesis/queries";
import { cookieJar, resetRequest } from "../setup/session";
import {
  actionPersonas,
  expectedActions,
  expectedPages,
  expectedReadPermissions,
  expectedRoutes,
  insidePersonas,
  type ActionRow,
  type PageRow,
  type Persona,
  type RouteRow,
} from "./authorization-matrix.expected";
import { actionInputs, actionVariants, routeInputs, type ActionInput, type Ctx } from "./authorization-matrix.inputs";
import {
  buildWorld,
  changedTables,
  discoverActions,
  discoverPageGuards,
  discoverRoutes,
  dumpDatabase,
  invokeAction,
  outcomeOf,
  pageGuardOutcome,
  permissionsNamedByActionsAndRoutes,
  restoreDatabase,
  routeHandlerRequest,
  routeRequest,
  ZONE,
  type DiscoveredAction,
  type Objects,
  type World,
} from "./authorization-matrix.world";
import { formData, signInAs, snapshotDatabase, type User } from "./support";

/**
 * The authorization matrix (issue 6): every server action and every route handler, found on
 * disk, run as each persona against network A's records ("own") and, for A's member, funder and
 * broker, against network B's records named under A's slug ("foreignInOwnName") or under B's
 * own ("foreign"). Outcomes are compared with authorization-matrix.expected.ts; a refusal must
 * leave the database exactly as it was. Actions that succeed change the world, which is then
 * put back from a dump before the next run. Then every page's guard (requireMemberPage with the
 * permission the page names), and lib/membership/policy.ts against it all: each permission is
 * checked by an action, route or page row, or (read only inside loaders) by a row of
 * expectedReadPermissions, whose loader runs as each persona too. The expected file is the one
 * specification of who may do what.
 */

/**
 * One case runs its action, route or page as six personas in three targets, restoring the world
 * after each success: measured at 30 s for the account export on a 2-core machine with five other
 * test runs and a build on it (load 16), so a case may take up to two minutes there.
 */
const CASE_TIMEOUT_MS = 120_000;

const { actions, inline } = await discoverActions();
const routes = await discoverRoutes();
const pages = discoverPageGuards();
/** Every run of the action table: each action with its input, then each variant of one. */
const actionRuns: { key: string; fn: DiscoveredAction["fn"] | undefined; input: ActionInput | undefined }[] = [
  ...actions.map((a) => ({ key: a.key, fn: a.fn, input: actionInputs[a.key] })),
  ...Object.entries(actionVariants).map(([key, variant]) => ({ key, fn: actions.find((a) => a.key === variant.action)?.fn, input: variant })),
];

let world: World;
let dump: Awaited<ReturnType<typeof dumpDatabase>>;
let worldSnapshot = "";
/** Whether the database may differ from the world (after a success, or at the start of a test). */
let dirty = true;
/** Each persona's Auth.js session cookie, for the Auth.js route. */
const sessionCookies = new Map<string, string>();

function actorOf(persona: Persona): User | null {
  switch (persona) {
    case "anonymous":
      return null;
    case "outsider":
      return world.outsider;
    case "member":
      return world.a.member;
    case "funder":
      return world.a.funder;
    case "broker":
      return world.a.broker;
    case "otherBroker":
      return world.b.broker;
  }
}

type Target = "own" | "foreignInOwnName" | "foreign";
const targets: Record<Target, (w: World) => { home: Objects; o: Objects }> = {
  own: (w) => ({ home: w.a, o: w.a }),
  foreignInOwnName: (w) => ({ home: w.a, o: w.b }),
  foreign: (w) => ({ home: w.b, o: w.b }),
};

/** Every run of one action or route: the persona and the target. */
function runs(): { persona: Persona; target: Target }[] {
  return [
    ...actionPersonas.map((persona) => ({ persona, target: "own" as const })),
    ...insidePersonas.map((persona) => ({ persona, target: "foreignInOwnName" as const })),
    ...insidePersonas.map((persona) => ({ persona, target: "foreign" as const })),
  ];
}

async function freshRequest(persona: Persona) {
  if (dirty) {
    await restoreDatabase(dump);
    dirty = false;
  }
  resetRequest();
  cookieJar.set(timeZoneCookie, encodeURIComponent(ZONE));
  signInAs(actorOf(persona));
}

beforeAll(async () => {
  world = await buildWorld();
  // Real database sessions, for the one route that reads the cookie itself (Auth.js).
  for (const persona of actionPersonas) {
    const actor = actorOf(persona);
    if (!actor) continue;
    const token = randomBytes(24).toString("hex");
    await dbSystem().session.create({ data: { sessionToken: token, userId: actor.id, expires: new Date(Date.now() + 86_400_000) } });
    sessionCookies.set(persona, `authjs.session-token=${token}`);
  }
  dump = await dumpDatabase();
  worldSnapshot = await snapshotDatabase();
}, 120_000);

beforeEach(() => {
  // The setup empties every table before each test.
  dirty = true;
});

function emptyRow<T>(): { own: Record<string, T>; foreignInOwnName: Record<string, T>; foreign: Record<string, T> } {
  return { own: {}, foreignInOwnName: {}, foreign: {} };
}

/** The row to paste into the expected file, with what this run observed. */
function suggestion(key: string, row: unknown) {
  return `\n  ${JSON.stringify(key)}: ${JSON.stringify(row)},\n`;
}

describe("the authorization matrix of server actions", () => {
  it("finds the actions, and no server action is declared inline where it cannot be run on its own", () => {
    expect(actions.length).toBeGreaterThan(40);
    expect(inline, "inline \"use server\" functions: move them into a lib/<domain>/actions.ts").toEqual([]);
  });

  it("has an expectation and an input for every action, and none for an action that no longer exists", () => {
    const found = new Set(actions.map((a) => a.key));
    const staleVariants = Object.entries(actionVariants).filter(([, v]) => !found.has(v.action)).map(([k]) => k);
    const runKeys = new Set(actionRuns.map((r) => r.key));
    const staleExpected = Object.keys(expectedActions).filter((k) => !runKeys.has(k));
    const staleInputs = Object.keys(actionInputs).filter((k) => !found.has(k));
    expect(staleExpected, "entries in authorization-matrix.expected.ts for actions that no longer exist: remove them").toEqual([]);
    expect(staleInputs, "input builders in authorization-matrix.inputs.ts for actions that no longer exist: remove them").toEqual([]);
    expect(staleVariants, "variants in authorization-matrix.inputs.ts of actions that no longer exist: remove them").toEqual([]);
  });

  it.each(actionRuns.map((r) => [r.key, r] as const))("%s", async (key, { fn, input }) => {
    expect(input, `no input builder for ${key}: add one to actionInputs in tests/integration/authorization-matrix.inputs.ts`).toBeDefined();
    if (!input || !fn) return;
    const observed = emptyRow<string>();
    const wrote: string[] = [];
    for (const { persona, target } of runs()) {
      await freshRequest(persona);
      let before = worldSnapshot;
      if (input.prepare) {
        await input.prepare(world);
        dirty = true;
        before = await snapshotDatabase();
      }
      const ctx: Ctx = { world, ...targets[target](world), actor: actorOf(persona) };
      const outcome = outcomeOf(await invokeAction(fn, formData(input.fields(ctx))));
      observed[target][persona] = outcome;
      if (outcome === "ok" || outcome === "redirect") {
        dirty = true;
      } else {
        const after = await snapshotDatabase();
        if (after !== before) {
          wrote.push(`${persona} on ${target}: refused (${outcome}) but changed ${changedTables(before, after).join(", ")}`);
          dirty = true;
        }
      }
    }
    const expected: ActionRow | undefined = expectedActions[key];
    expect(expected, `no expectation for ${key}: review this row and add it to expectedActions in authorization-matrix.expected.ts:${suggestion(key, observed)}`).toBeDefined();
    expect(observed, `${key}: observed outcomes differ from the expected row`).toEqual(expected);
    expect(wrote, `${key}: refusals that still wrote`).toEqual([]);
  }, CASE_TIMEOUT_MS);

  it("restores the world exactly after a change", async () => {
    await restoreDatabase(dump);
    expect(await snapshotDatabase()).toBe(worldSnapshot);
  });
});

// ---------------------------------------------------------------- route handlers

/** World ids in a redirect's location, as names: the expected table stays readable and stable. */
function named(location: string): string {
  let out = location;
  for (const [label, objects] of [["a", world.a], ["b", world.b]] as const) {
    for (const [field, value] of Object.entries(objects)) {
      if (typeof value === "string" && value.length >= 16) out = out.split(value).join(`{${label}.${field}}`);
    }
  }
  return out;
}

/** A route's answer as the table shows it: the status, and where a redirect leads. */
async function routeOutcome(response: unknown): Promise<string> {
  if (!(response instanceof Response)) return `invalid result: ${String(response)}`;
  const location = response.headers.get("location");
  const where = location ? ` ${named(new URL(location, "http://localhost").pathname + new URL(location, "http://localhost").hash)}` : "";
  return `${response.status}${where}`;
}

/** A route refused: an error status, or sent to sign in, or back to the notification centre for an unknown id. */
function routeRefused(outcome: string): boolean {
  const status = Number(outcome.split(" ")[0]);
  return status >= 400 || / \/signin/.test(outcome) || outcome === "303 /notifications";
}

describe("the authorization matrix of route handlers", () => {
  it("finds the route handlers", () => {
    expect(routes.length).toBeGreaterThan(5);
    const found = new Set(routes.map((r) => r.key));
    expect(Object.keys(expectedRoutes).filter((k) => !found.has(k)), "expectations for routes that no longer exist").toEqual([]);
    expect(Object.keys(routeInputs).filter((k) => !found.has(k)), "inputs for routes that no longer exist").toEqual([]);
  });

  it.each(routes.map((r) => [r.key, r] as const))("%s", async (key, route) => {
    const input = routeInputs[key];
    expect(input, `no input for ${key}: add one to routeInputs in tests/integration/authorization-matrix.inputs.ts`).toBeDefined();
    if (!input) return;
    // Auth.js runs for real here (the other tests mock it): it reads the session cookie itself.
    const actual = await vi.importActual<typeof import("@/lib/auth/config")>("@/lib/auth/config");
    vi.mocked(handlers.GET).mockImplementation(actual.handlers.GET);
    vi.mocked(handlers.POST).mockImplementation(actual.handlers.POST);
    const observed = emptyRow<string>();
    const wrote: string[] = [];
    for (const { persona, target } of runs()) {
      await freshRequest(persona);
      const ctx: Ctx = { world, ...targets[target](world), actor: actorOf(persona) };
      const { url, params } = routeRequest(route.pattern, input.params(ctx), input.query?.(ctx) ?? "");
      const abort = new AbortController();
      const cookie = sessionCookies.get(persona);
      const request = routeHandlerRequest(url, {
        method: route.method,
        signal: abort.signal,
        headers: { ...(cookie ? { cookie } : {}), ...input.headers?.(ctx) },
      });
      const response = await route.handler(request, { params: Promise.resolve(params) });
      const outcome = await routeOutcome(response);
      // A stream (the live route) is closed at once; other bodies are read to the end.
      abort.abort();
      if (response instanceof Response) await response.body?.cancel().catch(() => undefined);
      observed[target][persona] = outcome;
      if (!routeRefused(outcome)) dirty = true;
      else {
        const after = await snapshotDatabase();
        if (after !== worldSnapshot) {
          wrote.push(`${persona} on ${target}: refused (${outcome}) but changed ${changedTables(worldSnapshot, after).join(", ")}`);
          dirty = true;
        }
      }
    }
    const expected: RouteRow | undefined = expectedRoutes[key];
    expect(expected, `no expectation for ${key}: review this row and add it to expectedRoutes in authorization-matrix.expected.ts:${suggestion(key, observed)}`).toBeDefined();
    expect(observed, `${key}: observed outcomes differ from the expected row`).toEqual(expected);
    expect(wrote, `${key}: refusals that still wrote`).toEqual([]);
  }, CASE_TIMEOUT_MS);
});

// ---------------------------------------------------------------- pages

describe("the authorization matrix of pages", () => {
  it("finds the guarded pages, each with an expectation, and none for a page that no longer exists", () => {
    expect(pages.length).toBeGreaterThan(10);
    const found = new Set(pages.map((p) => p.key));
    expect(pages.filter((p) => !expectedPages[p.key]).map((p) => p.key), "pages without a row in expectedPages").toEqual([]);
    expect(Object.keys(expectedPages).filter((k) => !found.has(k)), "expectations for pages that no longer exist").toEqual([]);
  });

  it.each(pages.map((p) => [p.key, p] as const))("%s", async (key, page) => {
    const observed: { permission: string | undefined; own: Record<string, string>; foreign: Record<string, string> } = {
      permission: page.permission,
      own: {},
      foreign: {},
    };
    for (const { persona, target } of runs()) {
      if (target === "foreignInOwnName") continue;
      await freshRequest(persona);
      const home = targets[target](world).home;
      observed[target][persona] = await pageGuardOutcome(() =>
        requireMemberPage(home.slug, `/n/${home.slug}`, page.permission as Permission | undefined),
      );
    }
    const expected: PageRow | undefined = expectedPages[key];
    expect(expected, `no expectation for ${key}: review this row and add it to expectedPages in authorization-matrix.expected.ts:${suggestion(key, observed)}`).toBeDefined();
    expect(observed, `${key}: observed outcomes differ from the expected row`).toEqual(expected);
  }, CASE_TIMEOUT_MS);
});

// ---------------------------------------------------------------- permissions

/**
 * For each permission of expectedReadPermissions, the loader that reads it as its page calls it,
 * and whether what it returned holds the thing the permission guards (in `o`, the network whose
 * records are named). `prepare` adds what the world lacks for it (runs once; the world is restored after).
 */
const readers: Record<string, { prepare?: (w: World) => Promise<unknown>; read: (scope: NetworkScope, o: Objects) => Promise<boolean> }> = {
  // The member's reply, edited once: its earlier version, on the thread page.
  "reply.read_revisions": {
    prepare: async (w) => {
      for (const n of [w.a, w.b]) {
        await dbSystem().reply.update({ where: { id: n.replyId, networkId: n.networkId }, data: { editedAt: new Date() } });
        await dbSystem().replyRevision.create({ data: { networkId: n.networkId, replyId: n.replyId, body: "My first reply" } });
      }
    },
    read: async (scope, o) => {
      const page = await loadThreadPage(scope, o.threadId);
      return page?.visible === true && page.replies.some((r) => r.id === o.replyId && r.revisions.some((v) => v.body === "My first reply"));
    },
  },
  // The member going to the gathering, by name, on the gathering page.
  "gathering.names": {
    read: async (scope, o) => {
      const page = await loadGatheringPage(scope, o.gatheringId);
      return page?.people?.going.some((p) => p.userId === o.member.id) ?? false;
    },
  },
  // The other member's shared reflection, on the cycle page (its WE phase: revealed to those who read).
  "reflection.read": {
    read: async (scope, o) => {
      const page = await loadCyclePage(scope);
      return page?.reflections?.visible.reflections.some((r) => r.id === o.reflectionId) ?? false;
    },
  },
  // The world's published harvest, in its gathering page's harvest section.
  "harvest.read": {
    read: async (scope, o) => (await loadHarvestSection(scope, o.harvestGatheringId))?.harvest != null,
  },
  // The synthesis and the other member's concern, in the cycle page's WE phase.
  "synthesis.read": {
    read: async (scope, o) => {
      const we = await loadWePhase(scope, o.cycleId, null);
      const synthesis = we.synthesis !== null && we.revisions.length > 0;
      const answers = we.round?.answers?.some((a) => a.id === o.consentAnswerId) ?? false;
      // Both or neither: a half-shown WE phase is neither row.
      if (synthesis !== answers) throw new Error(`the synthesis ${synthesis ? "shown" : "withheld"}, the answers ${answers ? "shown" : "withheld"}`);
      return synthesis;
    },
  },
};

describe("lib/membership/policy.ts against the matrix", () => {
  const all = Object.keys(permissions) as Permission[];
  const byActionsAndRoutes = permissionsNamedByActionsAndRoutes(all);
  const byPages = new Set(pages.map((p) => p.permission));

  it("has no permission that no row of the matrix checks, and none specified twice", () => {
    const unchecked = all.filter((p) => !byActionsAndRoutes.has(p) && !byPages.has(p) && !(p in expectedReadPermissions));
    expect(unchecked, "permissions no action, route or page checks: remove them, or add the read to expectedReadPermissions").toEqual([]);
    const twice = Object.keys(expectedReadPermissions).filter((p) => byActionsAndRoutes.has(p) || byPages.has(p));
    expect(twice, "in expectedReadPermissions but already checked by an action, route or page row: remove them there").toEqual([]);
    expect(Object.keys(expectedReadPermissions).filter((p) => !(p in permissions)), "read permissions that policy.ts no longer has").toEqual([]);
  });

  it.each(Object.entries(expectedReadPermissions))("%s is held as specified", (permission, holders) => {
    for (const role of ["broker", "member", "funder"] as const) {
      expect(can(role, permission as Permission), `${permission} for ${role}`).toBe(holders[role] === "Y");
    }
    expect(can(null, permission as Permission)).toBe(false);
  });

  it.each(Object.entries(expectedReadPermissions))("%s: the page loader that reads it gives it to the holders only", async (permission, holders) => {
    const reader = readers[permission];
    expect(reader, `no loader read for ${permission}: add one to readers in authorization-matrix.test.ts`).toBeDefined();
    if (!reader) return;
    await freshRequest("anonymous");
    await reader.prepare?.(world);
    const observed = emptyRow<string>();
    for (const { persona, target } of runs()) {
      // The loaders only read: the world stays as prepared until the test ends.
      await freshRequest(persona);
      const { home, o } = targets[target](world);
      // Through the guard every page passes first: a persona it refuses gets nothing.
      const scope = await requireMember(home.slug).catch(() => null);
      observed[target][persona] = scope && (await reader.read(scope, o)) ? "Y" : "-";
    }
    // The holders in A, by role; nobody outside A, and nothing of B's records in A's name or in B.
    const none = { member: "-", funder: "-", broker: "-" };
    const expected = {
      own: { anonymous: "-", outsider: "-", member: holders.member, funder: holders.funder, broker: holders.broker, otherBroker: "-" },
      foreignInOwnName: none,
      foreign: none,
    };
    dirty = true;
    expect(observed, `${permission}: what the loader gave each persona differs from expectedReadPermissions`).toEqual(expected);
  });

  it("refuses a missing or unknown role", () => {
    expect(can(undefined, "members.view")).toBe(false);
    expect(can("admin" as never, "network.edit")).toBe(false);
  });
});
