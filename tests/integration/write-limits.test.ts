import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unlimitedActionChannel } from "@/lib/action";
import { dbSystem } from "@/lib/db/client";
import { createReplyAction, toggleReactionAction } from "@/lib/dialogue/actions";
import { env, parseEnv } from "@/lib/env";
import { addMilestoneAction, createInitiativeAction, pledgeAction, postUpdateAction } from "@/lib/funding/actions";
import { timeZoneCookie } from "@/lib/i18n/config";
import { createInvitationAction, requestToJoinAction } from "@/lib/membership/actions";
import { invitationMailChecks, postingChecks, writeChecks, type RateCheck } from "@/lib/rate-limit/policy";
import { cookieJar, requestHeaders, resetRequest } from "../setup/session";
import { actionPersonas, expectedActions, insidePersonas, type Persona } from "./authorization-matrix.expected";
import { actionInputs, type Ctx } from "./authorization-matrix.inputs";
import {
  buildWorld,
  changedTables,
  discoverActions,
  dumpDatabase,
  invokeAction,
  key,
  outcomeOf,
  restoreDatabase,
  ZONE,
  type Objects,
  type RawResult,
  type World,
} from "./authorization-matrix.world";
import { asUser, call, formData, signInAs, snapshotDatabase, type Outcome, type User } from "./support";

/**
 * The writes budget (issue 15, decision 028): every server action, found on disk, counts
 * against the caller's budget (KRING_RATE_WRITES) unless it declares, with a written reason,
 * that it does not (`runAction(..., { rateLimit: { none } })` or `notRateLimited`). Each action
 * runs with valid input as a persona for whom it succeeds (per the authorization matrix), with
 * that persona's budget used up: it must answer `rate_limited` and write nothing, or have
 * declared its reason. A new action that does neither fails here.
 */

/**
 * The actions that are not counted, each with its reason in its own code. Listed here as well,
 * so that a new exemption shows up in review next to these.
 */
const NOT_COUNTED = [
  "lib/accounts/actions.ts#deleteAccountAction",
  "lib/accounts/actions.ts#signInAction",
  "lib/accounts/actions.ts#signOutAction",
  "lib/accounts/actions.ts#switchLocaleAction",
  "lib/home/actions.ts#recordVisitAction",
  "lib/membership/actions.ts#leaveAction",
  "lib/notifications/actions.ts#markAllNotificationsReadAction",
  "lib/notifications/actions.ts#markNotificationReadAction",
];

/**
 * Fields a form sends without showing them (the network, the record, the version, the key that makes
 * a double submit count once): a wait put on one of these would never be seen.
 */
const UNSHOWN_FIELD = /^(slug|[a-zA-Z]*Id|idempotencyKey|version|token|intent)$/;

/** A visitor's client address, for the per-IP budget of actions run by nobody signed in. */
const VISITOR_IP = "203.0.113.7";

const { actions } = await discoverActions();

let world: World;
let dump: Awaited<ReturnType<typeof dumpDatabase>>;
const declared: string[] = [];
const listen = (message: unknown) => declared.push(String((message as { reason?: unknown }).reason ?? ""));

function actorOf(persona: Persona): User | null {
  const actors: Record<Persona, User | null> = {
    anonymous: null,
    outsider: world.outsider,
    member: world.a.member,
    funder: world.a.funder,
    broker: world.a.broker,
    otherBroker: world.b.broker,
  };
  return actors[persona];
}

type Target = "own" | "foreignInOwnName" | "foreign";
const targets: Record<Target, (w: World) => { home: Objects; o: Objects }> = {
  own: (w) => ({ home: w.a, o: w.a }),
  foreignInOwnName: (w) => ({ home: w.a, o: w.b }),
  foreign: (w) => ({ home: w.b, o: w.b }),
};

/** The first persona and target for whom the matrix says the action succeeds. */
function succeeding(actionKey: string): { persona: Persona; target: Target } | undefined {
  const row = expectedActions[actionKey];
  if (!row) return undefined;
  const runs = [
    ...actionPersonas.map((persona) => ({ persona, target: "own" as const })),
    ...insidePersonas.map((persona) => ({ persona, target: "foreignInOwnName" as const })),
    ...insidePersonas.map((persona) => ({ persona, target: "foreign" as const })),
  ];
  return runs.find(({ persona, target }) => {
    const outcome = (row[target] as Record<string, string>)[persona];
    return outcome === "ok" || outcome === "redirect";
  });
}

/** Writes each counter as full: `limit` hits in a window that began now. */
async function useUp(checks: RateCheck[]) {
  expect(checks.length, "the budget is on in the tests (tests/setup/integration.ts)").toBeGreaterThan(0);
  const now = Date.now();
  for (const check of checks) {
    const row = { windowStart: new Date(now), expiresAt: new Date(now + check.windowMs), hits: check.limit };
    await dbSystem().rateLimitBucket.upsert({ where: { key: check.key }, create: { key: check.key, ...row }, update: row });
  }
}

/** The budget of whoever runs the action: the person's, or the visitor's address's. */
function budgetOf(actor: User | null): RateCheck[] {
  return actor ? writeChecks({ userId: actor.id }) : writeChecks({ ip: VISITOR_IP });
}

/**
 * A refusal by the writes budget: the code, and one wait message where the form shows it (above the
 * form, or at one of the fields the person typed into: each action says which, decision 028), with
 * what was typed kept.
 */
function expectOverBudget(result: Outcome | undefined, typed: Record<string, string>) {
  const writes = env().rateLimits.writes!;
  expect(result).toMatchObject({ ok: false, code: "rate_limited" });
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const waits = Object.entries(errors).filter(([, messages]) => messages.some((m) => m.startsWith("retry_after")));
  expect(waits.map(([field]) => field), "the wait is shown once").toHaveLength(1);
  const [field, messages] = waits[0]!;
  expect(["_form", ...Object.keys(typed).filter((key) => !UNSHOWN_FIELD.test(key))], `the wait at "${field}" is shown`).toContain(field);
  expect(messages).toHaveLength(1);
  const [name, minutes] = (messages[0] ?? "").split("|");
  expect(name).toBe("retry_after");
  expect(Number(minutes)).toBeGreaterThanOrEqual(1);
  expect(Number(minutes)).toBeLessThanOrEqual(Math.ceil(writes.windowMs / 60_000));
  expect(result && !result.ok ? result.values : undefined).toMatchObject(typed);
}

async function fresh(actor: User | null) {
  await restoreDatabase(dump);
  resetRequest();
  cookieJar.set(timeZoneCookie, encodeURIComponent(ZONE));
  requestHeaders.set("x-forwarded-for", VISITOR_IP);
  signInAs(actor);
}

beforeAll(async () => {
  world = await buildWorld();
  dump = await dumpDatabase();
  subscribe(unlimitedActionChannel.name, listen);
}, 120_000);

afterAll(() => {
  unsubscribe(unlimitedActionChannel.name, listen);
});

describe("the writes budget", () => {
  it("is 300 writes an hour by default, read as count/window, and can be turned off", () => {
    expect(parseEnv({}).rateLimits.writes).toEqual({ limit: 300, windowMs: 3_600_000 });
    expect(parseEnv({ KRING_RATE_WRITES: "120/10m" }).rateLimits.writes).toEqual({ limit: 120, windowMs: 600_000 });
    expect(parseEnv({ KRING_RATE_WRITES: "off" }).rateLimits.writes).toBeNull();
    expect(() => parseEnv({ KRING_RATE_WRITES: "lots" })).toThrow(/KRING_RATE_WRITES: expected count\/window/);
    expect(writeChecks({ userId: "someone" }, { ...env().rateLimits, writes: null })).toEqual([]);
  });

  it("finds the actions", () => {
    expect(actions.length).toBeGreaterThan(40);
  });

  it.each(actions.map((a) => [a.key, a] as const))("%s: refused once the caller's budget is used up, or says why not", async (actionKey, action) => {
    const input = actionInputs[actionKey];
    const run = succeeding(actionKey);
    expect(input, `no input for ${actionKey} in authorization-matrix.inputs.ts`).toBeDefined();
    expect(run, `no persona for whom ${actionKey} succeeds in authorization-matrix.expected.ts`).toBeDefined();
    if (!input || !run) return;
    const actor = actorOf(run.persona);
    await fresh(actor);
    if (input.prepare) await input.prepare(world);
    await useUp(budgetOf(actor));
    const fields = input.fields({ world, ...targets[run.target](world), actor } satisfies Ctx);
    const before = await snapshotDatabase();
    declared.length = 0;
    const raw: RawResult = await invokeAction(action.fn, formData(fields));
    const outcome = outcomeOf(raw);
    const reasons = [...declared];

    if (NOT_COUNTED.includes(actionKey)) {
      expect(reasons, `${actionKey} is listed as not counted, so it must say why in its code (rateLimit: { none } or notRateLimited)`).toHaveLength(1);
      expect(reasons[0]!.length, `${actionKey}: a reason, not a placeholder`).toBeGreaterThan(40);
      // Not counted means it still works for someone over the budget.
      expect(outcome).toBe((expectedActions[actionKey]![run.target] as Record<string, string>)[run.persona]);
      return;
    }
    expect(
      reasons,
      `${actionKey} declares it is not rate limited ("${reasons.join('", "')}"): add it to NOT_COUNTED in this file if that is right`,
    ).toEqual([]);
    expect(outcome, `${actionKey} as ${run.persona} (${run.target}) over the writes budget: it has no limit and no written reason`).toBe(
      "rate_limited",
    );
    expectOverBudget(raw.kind === "returned" ? (raw.value as Outcome) : undefined, fields);
    const after = await snapshotDatabase();
    expect(after === before ? [] : changedTables(before, after), `${actionKey}: refused, but wrote`).toEqual([]);
  });

  it("does not count refusals: at the last write left, a refused action leaves it for the next one", async () => {
    const { member } = world.a;
    await fresh(member);
    const [budget] = writeChecks({ userId: member.id });
    await useUp([{ ...budget!, limit: budget!.limit - 1 }]);
    const before = await snapshotDatabase();
    // Not the member's to do (a broker's), then not found: both refused, neither counted.
    expect(await call(createInvitationAction, { slug: "net-a", role: "member", expiresInDays: "7", note: "" })).toMatchObject({ code: "forbidden" });
    expect((await call(toggleReactionAction, { slug: "net-a", replyId: "c000000000000000000000000", kind: "agree" })).ok).toBe(false);
    expect(await snapshotDatabase()).toBe(before);
    expect((await call(toggleReactionAction, { slug: "net-a", replyId: world.a.otherReplyId, kind: "agree" })).ok).toBe(true);
    const refused = await call(toggleReactionAction, { slug: "net-a", replyId: world.a.otherReplyId, kind: "heart" });
    expectOverBudget(refused, { kind: "heart" });
  });

  it("counts a visitor by client address when nobody is signed in", async () => {
    await fresh(null);
    await useUp(writeChecks({ ip: VISITOR_IP }));
    const fields = { slug: "net-a", name: "A visitor's idea", description: "More.", systemChange: "More.", status: "exploring" };
    expectOverBudget(await call(createInitiativeAction, fields), fields);
    // Another address is not held back: it gets the usual answer for a visitor.
    requestHeaders.set("x-forwarded-for", "198.51.100.20");
    expect(await call(createInitiativeAction, fields)).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});

describe("a network that used up its invitation mail budget", () => {
  it("sends no more invitations by email, with the wait on the address and nothing typed lost; links and other networks go on", async () => {
    const { a, b } = world;
    await fresh(a.broker);
    const checks = invitationMailChecks(a.networkId);
    await useUp(checks);
    const before = await snapshotDatabase();
    const typed = { slug: "net-a", role: "member", expiresInDays: "7", note: "Spray", email: "someone@example.test" };
    const refused = await call(createInvitationAction, typed);
    expect(refused).toMatchObject({ ok: false, code: "rate_limited", fieldErrors: { email: [expect.stringMatching(/^retry_after\|\d+$/)] } });
    expect(refused.ok ? undefined : refused.values).toMatchObject(typed);
    expect(await snapshotDatabase()).toBe(before);
    // The budget is the network's: another broker of it is held back too.
    await dbSystem().membership.update({ where: { networkId_userId: { networkId: a.networkId, userId: a.other.id } }, data: { role: "broker" } });
    expect(await asUser(a.other, () => call(createInvitationAction, { ...typed, email: "another@example.test" }))).toMatchObject({ code: "rate_limited" });
    // A link without an address is not mail, and B's broker is not held back.
    expect(await call(createInvitationAction, { ...typed, email: "" })).toMatchObject({ ok: true });
    expect(await asUser(b.broker, () => call(createInvitationAction, { ...typed, slug: "net-b" }))).toMatchObject({ ok: true });
    expect(await dbSystem().mailMessage.count({ where: { to: "someone@example.test" } })).toBe(1);
  });
});

describe("a member who used up the posting limit", () => {
  it("goes on with other writes until the writes budget is used up, and then creates no initiatives, milestones, updates, pledges, reactions, invitations or join requests", async () => {
    const { a, b } = world;
    await fresh(a.member);
    await dbSystem().network.update({ where: { id: b.networkId }, data: { joinPolicy: "request" } });
    const posts = env().rateLimits.posts!;
    // Posting until the posting limit (KRING_RATE_POSTS) refuses.
    let refused: Outcome | undefined;
    for (let i = 0; i <= posts.limit && !refused; i++) {
      const result = await call(createReplyAction, { slug: "net-a", threadId: a.threadId, body: `Post ${i}`, idempotencyKey: key() });
      if (!result.ok) refused = result;
    }
    expect(refused).toMatchObject({ ok: false, code: "rate_limited", fieldErrors: { body: [expect.stringMatching(/^retry_after\|\d+$/)] } });
    const [postCounter] = postingChecks(a.member.id);
    expect((await dbSystem().rateLimitBucket.findUnique({ where: { key: postCounter!.key } }))?.hits).toBe(posts.limit);

    // The posting limit is for the dialogue; other writes draw on the writes budget, which the posts counted against too.
    const [writes] = writeChecks({ userId: a.member.id });
    expect((await dbSystem().rateLimitBucket.findUnique({ where: { key: writes!.key } }))?.hits).toBeGreaterThanOrEqual(posts.limit);
    expect(await call(toggleReactionAction, { slug: "net-a", replyId: a.otherReplyId, kind: "agree" })).toMatchObject({ ok: true });

    // Until the writes budget is used up too (a script at it for an hour): then every kind of write is refused.
    await useUp(writeChecks({ userId: a.member.id }));
    await useUp(writeChecks({ userId: a.funder.id }));
    await useUp(writeChecks({ userId: a.broker.id }));
    const before = await snapshotDatabase();
    const attempts: [string, User, () => Promise<Outcome>][] = [
      ["initiative", a.member, () => call(createInitiativeAction, { slug: "net-a", name: "Another", description: "More.", systemChange: "More.", status: "exploring" })],
      ["milestone", a.member, () => call(addMilestoneAction, { slug: "net-a", initiativeId: a.initiativeId, title: "Next", unlocks: "More.", targetDate: "", amount: "10", currency: "EUR" })],
      ["update", a.member, () => call(postUpdateAction, { slug: "net-a", milestoneId: a.milestoneId, kind: "progress", body: "News for the funders", progress: "50", area: "", idempotencyKey: key() })],
      ["reaction", a.member, () => call(toggleReactionAction, { slug: "net-a", replyId: a.otherReplyId, kind: "heart" })],
      ["join request", a.member, () => call(requestToJoinAction, { slug: "net-b", acceptPrinciples: "on", message: "May I?" })],
      ["pledge", a.funder, () => call(pledgeAction, { slug: "net-a", milestoneId: a.milestoneId, amount: "5", currency: "EUR", condition: "", idempotencyKey: key() })],
      ["invitation", a.broker, () => call(createInvitationAction, { slug: "net-a", role: "member", expiresInDays: "7", note: "" })],
    ];
    for (const [what, person, attempt] of attempts) {
      const result = await asUser(person, attempt);
      expect(result, what).toMatchObject({ ok: false, code: "rate_limited" });
      expect(Object.values(result.ok ? {} : (result.fieldErrors ?? {})).flat(), what).toEqual([expect.stringMatching(/^retry_after\|\d+$/)]);
    }
    expect(await snapshotDatabase()).toBe(before);

    // Someone else in the network is not held back.
    expect(await asUser(a.other, () => call(toggleReactionAction, { slug: "net-a", replyId: a.replyId, kind: "heart" }))).toMatchObject({ ok: true });
  });
});
