import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { GET as networkRoute } from "@/app/api/v1/networks/[slug]/route";
import { GET as cyclesRoute } from "@/app/api/v1/networks/[slug]/cycles/route";
import { GET as exchangeRoute } from "@/app/api/v1/networks/[slug]/exchange/route";
import { GET as fundingRoute } from "@/app/api/v1/networks/[slug]/funding/route";
import { GET as gatheringsRoute } from "@/app/api/v1/networks/[slug]/gatherings/route";
import { GET as initiativesRoute } from "@/app/api/v1/networks/[slug]/initiatives/route";
import { GET as membersRoute } from "@/app/api/v1/networks/[slug]/members/route";
import { GET as milestonesRoute } from "@/app/api/v1/networks/[slug]/milestones/route";
import { GET as supportRoute } from "@/app/api/v1/networks/[slug]/support/route";
import { GET as repliesRoute } from "@/app/api/v1/networks/[slug]/threads/[threadId]/replies/route";
import { GET as threadsRoute } from "@/app/api/v1/networks/[slug]/threads/route";
import { GET as updatesRoute } from "@/app/api/v1/networks/[slug]/updates/route";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { createApiTokenAction, revokeApiTokenAction, rotateApiTokenAction } from "@/lib/api/actions";
import { API_SCOPES, type ApiScopeName } from "@/lib/api/limits";
import { tokenState } from "@/lib/api/policy";
import { dbSystem } from "@/lib/db/client";
import { onQuery } from "@/lib/db/query-log";
import { makeCycle, makeInitiative, makeMilestone, makeMilestoneUpdate, makePledge, makeReflection, makeReply, makeThread } from "@/lib/db/factories";
import { env } from "@/lib/env";
import { hashToken } from "@/lib/membership/invitations";
import { hitRateLimits } from "@/lib/rate-limit/mutations";
import { apiChecks } from "@/lib/rate-limit/policy";
import { listThreadsAndMilestones } from "../../scripts/api-example";
import { call, expectRefused, makeNetwork, member, signInAs, user, type User } from "./support";

/**
 * The read API (issue 22 items 4–6, decision 047), called through its route handlers as a client
 * would: every endpoint with no token, another network's token, a token without the scope, an
 * expired, a revoked and an idle one; pages over more than one page; bad parameters; what must
 * never be in an answer; and every answer checked against the published OpenAPI document.
 */

const DAY = 86_400_000;
const SECRET_REFLECTION = "PRIVATE-REFLECTION-TEXT";
const SHARED_REFLECTION = "SHARED-REFLECTION-TEXT";
const HIDDEN_THREAD = "HIDDEN-THREAD-TITLE";
const HIDDEN_REPLY = "HIDDEN-REPLY-TEXT";
const HIDDEN_UPDATE = "HIDDEN-UPDATE-TEXT";
const ONLINE = "https://meet.example/secret-room";
const FOREIGN = "FOREIGN-NETWORK-ROW";

type Ctx = { slug: string; threadId: string };
type Route = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Every endpoint: its path, the scope it needs (null: any token) and its handler. */
const ENDPOINTS: { name: string; scope: ApiScopeName | null; path: (c: Ctx) => string; route: Route; params: (c: Ctx) => Record<string, string> }[] = [
  { name: "network", scope: null, path: (c) => `/networks/${c.slug}`, route: networkRoute as Route, params: (c) => ({ slug: c.slug }) },
  { name: "threads", scope: "threads", path: (c) => `/networks/${c.slug}/threads`, route: threadsRoute as Route, params: (c) => ({ slug: c.slug }) },
  {
    name: "replies",
    scope: "threads",
    path: (c) => `/networks/${c.slug}/threads/${c.threadId}/replies`,
    route: repliesRoute as Route,
    params: (c) => ({ slug: c.slug, threadId: c.threadId }),
  },
  { name: "cycles", scope: "cycles", path: (c) => `/networks/${c.slug}/cycles`, route: cyclesRoute as Route, params: (c) => ({ slug: c.slug }) },
  { name: "initiatives", scope: "initiatives", path: (c) => `/networks/${c.slug}/initiatives`, route: initiativesRoute as Route, params: (c) => ({ slug: c.slug }) },
  { name: "milestones", scope: "initiatives", path: (c) => `/networks/${c.slug}/milestones`, route: milestonesRoute as Route, params: (c) => ({ slug: c.slug }) },
  { name: "updates", scope: "initiatives", path: (c) => `/networks/${c.slug}/updates`, route: updatesRoute as Route, params: (c) => ({ slug: c.slug }) },
  { name: "funding", scope: "funding", path: (c) => `/networks/${c.slug}/funding`, route: fundingRoute as Route, params: (c) => ({ slug: c.slug }) },
  { name: "members", scope: "members", path: (c) => `/networks/${c.slug}/members`, route: membersRoute as Route, params: (c) => ({ slug: c.slug }) },
  { name: "gatherings", scope: "gatherings", path: (c) => `/networks/${c.slug}/gatherings`, route: gatheringsRoute as Route, params: (c) => ({ slug: c.slug }) },
  { name: "exchange", scope: "exchange", path: (c) => `/networks/${c.slug}/exchange`, route: exchangeRoute as Route, params: (c) => ({ slug: c.slug }) },
  { name: "support", scope: "support", path: (c) => `/networks/${c.slug}/support`, route: supportRoute as Route, params: (c) => ({ slug: c.slug }) },
];

/** The OpenAPI path key of a concrete path (`/networks/{slug}/threads/{threadId}/replies`). */
function templateOf(name: string): string {
  const e = ENDPOINTS.find((x) => x.name === name)!;
  return e.path({ slug: "{slug}", threadId: "{threadId}" });
}

async function request(name: string, ctx: Ctx, opts: { token?: string; query?: string; headers?: Record<string, string> } = {}) {
  const e = ENDPOINTS.find((x) => x.name === name)!;
  const headers: Record<string, string> = { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
  const url = `http://localhost/api/v1${e.path(ctx)}${opts.query ? `?${opts.query}` : ""}`;
  return e.route(new Request(url, { headers }), { params: Promise.resolve(e.params(ctx)) });
}

/** A token made through the broker's action, as the page makes it. */
async function makeToken(broker: User, slug: string, scopes: readonly ApiScopeName[], name = "website"): Promise<{ token: string; id: string }> {
  signInAs(broker);
  const fields: Record<string, string> = { slug, name, expiresInDays: "365" };
  for (const s of scopes) fields[`scope.${s}`] = "on";
  const result = await call(createApiTokenAction, fields);
  expect(result.ok, JSON.stringify(result)).toBe(true);
  const token = result.ok ? result.data.token : "";
  const network = await dbSystem().network.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const row = await dbSystem().apiToken.findFirstOrThrow({ where: { networkId: network.id, tokenHash: hashToken(token) }, select: { id: true } });
  return { token, id: row.id };
}

let documentCache: Record<string, unknown> | undefined;
async function published(): Promise<Record<string, unknown>> {
  documentCache ??= (await (await openApiRoute()).json()) as Record<string, unknown>;
  return documentCache;
}

/** Validates a response body against the published document's schema for that path, status and type. */
async function expectConforms(name: string, response: Response, body: unknown) {
  const doc = await published();
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc, "openapi.json");
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!;
  const pointer = ["paths", templateOf(name), "get", "responses", String(response.status), "content", type, "schema"]
    .map((s) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1")))
    .join("/");
  const validate = ajv.compile({ $ref: `openapi.json#/${pointer}` });
  const ok = validate(body);
  expect(ok, `${name} ${response.status} ${type}: ${JSON.stringify(validate.errors)}`).toBe(true);
}

async function world() {
  const broker = await user("Bea Broker");
  const plain = await user("Mo Member");
  const network = await makeNetwork(dbSystem(), { brokerId: broker.id, visibility: "private" });
  await member(network, plain);
  const otherBroker = await user("Olga Other");
  const other = await makeNetwork(dbSystem(), { brokerId: otherBroker.id });
  const db = dbSystem();
  const n = network.id;

  // Threads: 23 visible (three pages of ten), one hidden, and one in the other network.
  const base = Date.now() - 30 * DAY;
  for (let i = 0; i < 23; i++) {
    await makeThread(db, { networkId: n, authorId: plain.id, title: `Thread ${i}`, body: `Body **${i}**`, createdAt: new Date(base + i * 60_000), lastActivityAt: new Date(base + i * 60_000) });
  }
  await makeThread(db, { networkId: n, authorId: plain.id, title: HIDDEN_THREAD, hiddenAt: new Date(), hiddenReason: "spam", lastActivityAt: new Date() });
  await makeThread(db, { networkId: other.id, authorId: otherBroker.id, title: FOREIGN, lastActivityAt: new Date() });
  const thread = await makeThread(db, { networkId: n, authorId: broker.id, title: "With replies", lastActivityAt: new Date(base - DAY) });
  await makeReply(db, { networkId: n, threadId: thread.id, authorId: plain.id, body: "A visible reply" });
  await makeReply(db, { networkId: n, threadId: thread.id, authorId: plain.id, body: HIDDEN_REPLY, hiddenAt: new Date(), hiddenReason: "off-topic" });
  const hiddenThread = await db.thread.findFirstOrThrow({ where: { networkId: n, title: HIDDEN_THREAD }, select: { id: true } });

  // A closed cycle with a synthesis, a shared and a private reflection; an open one.
  const cycle = await makeCycle(db, { networkId: n, openedById: broker.id, title: "Spring", question: "What did we learn?", iDeadline: new Date(base), weDeadline: new Date(base + DAY) });
  await makeReflection(db, { networkId: n, cycleId: cycle.id, authorId: broker.id, body: SHARED_REFLECTION, submittedAt: new Date(base) });
  await db.reflection.create({ data: { networkId: n, cycleId: cycle.id, authorId: plain.id, body: SECRET_REFLECTION, area: "means", private: true, submittedAt: new Date(base) } });
  await db.synthesisRevision.create({ data: { networkId: n, cycleId: cycle.id, number: 1, body: "We learned to listen." } });
  await db.cycle.update({ where: { id: cycle.id, networkId: n }, data: { closedAt: new Date(base + 2 * DAY), openSlot: null } });
  await makeCycle(db, { networkId: n, openedById: broker.id, title: "Open one", iDeadline: new Date(Date.now() + DAY), weDeadline: new Date(Date.now() + 2 * DAY) });

  // An initiative with two milestones, updates (one hidden) and a pledge.
  const initiative = await makeInitiative(db, { networkId: n, createdById: plain.id, name: "Repair café", team: [plain.id] });
  const milestone = await makeMilestone(db, { networkId: n, initiativeId: initiative.id, position: 0, title: "First step", amountNeeded: 250000n, targetDate: new Date("2027-03-01T00:00:00Z") });
  await makeMilestone(db, { networkId: n, initiativeId: initiative.id, position: 1, title: "Second step", amountNeeded: 100000n });
  await makeMilestoneUpdate(db, { networkId: n, initiativeId: initiative.id, milestoneId: milestone.id, authorId: plain.id, kind: "lesson", body: "We learned **this**." });
  await makeMilestoneUpdate(db, { networkId: n, initiativeId: initiative.id, milestoneId: milestone.id, authorId: plain.id, kind: "progress", body: "Halfway", progress: 50 });
  const hiddenUpdate = await makeMilestoneUpdate(db, { networkId: n, initiativeId: initiative.id, milestoneId: milestone.id, authorId: plain.id, kind: "progress", body: HIDDEN_UPDATE });
  await db.milestoneUpdate.update({ where: { id: hiddenUpdate.id, networkId: n }, data: { hiddenAt: new Date(), hiddenReason: "wrong" } });
  const funder = await user("Fien Funder");
  await member(network, funder, "funder");
  await makePledge(db, { networkId: n, milestoneId: milestone.id, funderId: funder.id, amount: 50000n });

  // A planned gathering with an online link, a proposed one; offers and requests; the support map.
  const gathering = (title: string, status: "planned" | "proposed") =>
    db.gathering.create({
      data: { networkId: n, title, purpose: "We meet.", startsAt: new Date(Date.now() + 7 * DAY), endsAt: new Date(Date.now() + 7 * DAY + 7_200_000), timeZone: "Europe/Amsterdam", mode: "hybrid", onlineUrl: ONLINE, status },
    });
  await gathering("Neighbourhood evening", "planned");
  await gathering("PROPOSED-GATHERING", "proposed");
  await db.exchangePost.create({ data: { networkId: n, authorId: plain.id, direction: "offer", capital: "place", title: "A room", town: "Tilburg", address: "Stationsstraat 1", expiresAt: new Date(Date.now() + 30 * DAY) } });
  await db.supportEntry.create({ data: { networkId: n, provider: "Provincie", name: "Fund", kinds: ["grant"], stages: ["pilot"], checkedAt: new Date() } });
  await db.supportEntry.create({ data: { networkId: n, provider: "Bibliotheek", name: "SUGGESTED-ENTRY", kinds: ["space"], status: "suggested", suggestedById: plain.id } });

  const all = await makeToken(broker, network.slug, API_SCOPES);
  const foreign = await makeToken(otherBroker, other.slug, API_SCOPES, "other network");
  return { broker, plain, funder, network, other, otherBroker, all, foreign, ctx: { slug: network.slug, threadId: thread.id }, hiddenThreadId: hiddenThread.id };
}

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as { status: number; code: string; detail: string; title: string; type: string };
  expect(body.type).toBe(`${env().publicUrl}/api/docs#problem-${body.code}`);
  // A message that failed to format falls back to its key: every problem must read as a sentence.
  expect(body.detail).not.toMatch(/^(text|api)\./);
  expect(body.title).not.toMatch(/^(text|api)\./);
  return body;
}

describe("the read API's tokens", () => {
  it("are made, rotated and revoked by brokers only, shown once, stored as a hash and a prefix, audit-logged", async () => {
    const w = await world();
    const row = await dbSystem().apiToken.findFirstOrThrow({ where: { networkId: w.network.id, id: w.all.id } });
    expect(w.all.token).toMatch(/^kring_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(row.tokenHash).toBe(hashToken(w.all.token));
    expect(w.all.token.startsWith(`kring_${row.prefix}_`)).toBe(true);
    // The secret is everything after the prefix: it may itself hold "_" (base64url), so it is not split on it.
    const secret = w.all.token.slice(`kring_${row.prefix}_`.length);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(365 * DAY + 5_000);

    // Members cannot make, rotate or revoke tokens; nor can a broker of another network.
    signInAs(w.plain);
    expectRefused(await call(createApiTokenAction, { slug: w.network.slug, name: "x", expiresInDays: "30", "scope.threads": "on" }), "forbidden");
    expectRefused(await call(rotateApiTokenAction, { slug: w.network.slug, tokenId: w.all.id }), "forbidden");
    expectRefused(await call(revokeApiTokenAction, { slug: w.network.slug, tokenId: w.all.id }), "forbidden");
    signInAs(w.otherBroker);
    expectRefused(await call(revokeApiTokenAction, { slug: w.other.slug, tokenId: w.all.id }), "not_found");

    // No scope, or an expiry beyond the choices (more than a year): refused.
    signInAs(w.broker);
    const none = await call(createApiTokenAction, { slug: w.network.slug, name: "x", expiresInDays: "30" });
    expect(none).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { scopes: ["scopes_required"] } });
    expectRefused(await call(createApiTokenAction, { slug: w.network.slug, name: "x", expiresInDays: "400", "scope.threads": "on" }), "invalid_input");

    // Rotation: the old secret stops at once, the new one works, the name and scopes stay.
    const rotated = await call(rotateApiTokenAction, { slug: w.network.slug, tokenId: w.all.id });
    expect(rotated.ok).toBe(true);
    const fresh = rotated.ok ? rotated.data.token : "";
    expect((await request("network", w.ctx, { token: w.all.token })).status).toBe(401);
    expect((await request("network", w.ctx, { token: fresh })).status).toBe(200);
    expect((await dbSystem().apiToken.findFirstOrThrow({ where: { networkId: w.network.id, id: w.all.id } })).lastUsedAt).not.toBeNull();

    expect((await call(revokeApiTokenAction, { slug: w.network.slug, tokenId: w.all.id })).ok).toBe(true);
    const revoked = await problemOf(await request("network", w.ctx, { token: fresh }));
    expect(revoked).toMatchObject({ status: 401, code: "token_revoked" });
    const audit = await dbSystem().auditEntry.findMany({ where: { networkId: w.network.id, action: { startsWith: "api_token." } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["api_token.created", "api_token.rotated", "api_token.revoked"]);
    expect(JSON.stringify(audit)).not.toContain(fresh);
  });

  it("stop working after 180 days unused, and at their expiry", () => {
    const now = new Date("2027-06-01T00:00:00Z");
    const made = new Date(now.getTime() - 200 * DAY);
    const base = { expiresAt: new Date(now.getTime() + DAY), revokedAt: null, rotatedAt: null, createdAt: made };
    expect(tokenState({ ...base, lastUsedAt: null }, now)).toBe("idle");
    expect(tokenState({ ...base, lastUsedAt: new Date(now.getTime() - 179 * DAY) }, now)).toBe("active");
    expect(tokenState({ ...base, lastUsedAt: new Date(now.getTime() - 180 * DAY) }, now)).toBe("idle");
    expect(tokenState({ ...base, lastUsedAt: null, rotatedAt: new Date(now.getTime() - DAY) }, now)).toBe("active");
    expect(tokenState({ ...base, lastUsedAt: now, expiresAt: now }, now)).toBe("expired");
  });
});

describe("every endpoint", () => {
  it("refuses a missing, foreign, scope-less, expired, revoked and idle token with a problem document, and answers a good one", async () => {
    const w = await world();
    const expired = await makeToken(w.broker, w.network.slug, API_SCOPES, "expired");
    await dbSystem().apiToken.update({ where: { id: expired.id, networkId: w.network.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const idle = await makeToken(w.broker, w.network.slug, API_SCOPES, "idle");
    await dbSystem().apiToken.update({ where: { id: idle.id, networkId: w.network.id }, data: { createdAt: new Date(Date.now() - 200 * DAY), lastUsedAt: new Date(Date.now() - 181 * DAY) } });
    const revoked = await makeToken(w.broker, w.network.slug, API_SCOPES, "revoked");
    signInAs(w.broker);
    expect((await call(revokeApiTokenAction, { slug: w.network.slug, tokenId: revoked.id })).ok).toBe(true);

    for (const e of ENDPOINTS) {
      const cases: [string, Response, number, string][] = [
        ["no token", await request(e.name, w.ctx), 401, "unauthenticated"],
        ["no token (Dutch)", await request(e.name, w.ctx, { headers: { "accept-language": "nl" } }), 401, "unauthenticated"],
        ["malformed token", await request(e.name, w.ctx, { token: "not-a-token" }), 401, "token_invalid"],
        ["foreign token", await request(e.name, w.ctx, { token: w.foreign.token }), 401, "token_invalid"],
        ["expired", await request(e.name, w.ctx, { token: expired.token }), 401, "token_expired"],
        ["revoked", await request(e.name, w.ctx, { token: revoked.token }), 401, "token_revoked"],
        ["idle", await request(e.name, w.ctx, { token: idle.token }), 401, "token_idle"],
      ];
      if (e.scope) {
        const others = API_SCOPES.filter((s) => s !== e.scope && !(e.scope === "initiatives" && s === "funding"));
        const without = await makeToken(w.broker, w.network.slug, others, `without ${e.scope}`);
        cases.push(["without the scope", await request(e.name, w.ctx, { token: without.token }), 403, "scope_missing"]);
      }
      // A foreign network's own token on its own network's address is fine; on ours, refused above.
      for (const [label, response, status, code] of cases) {
        const body = await problemOf(response.clone());
        expect(body, `${e.name}: ${label}`).toMatchObject({ status, code });
        expect(response.status, `${e.name}: ${label}`).toBe(status);
        if (status === 401) expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
        await expectConforms(e.name, response, body);
      }
      const ok = await request(e.name, w.ctx, { token: w.all.token });
      expect(ok.status, e.name).toBe(200);
      const body = await ok.json();
      await expectConforms(e.name, ok, body);
      expect(JSON.stringify(body), e.name).not.toContain(FOREIGN);
    }
  });

  it("never says another network's rows, whatever the address", async () => {
    const w = await world();
    // The other network's token on its own address reads its own network only.
    const own = await request("threads", { slug: w.other.slug, threadId: "" }, { token: w.foreign.token });
    const titles = ((await own.json()) as { data: { title: string }[] }).data.map((t) => t.title);
    expect(titles).toEqual([FOREIGN]);
    // Our token on the other network's address, or on one that does not exist: the same 401.
    const there = await problemOf(await request("threads", { slug: w.other.slug, threadId: "" }, { token: w.all.token }));
    const nowhere = await problemOf(await request("threads", { slug: "no-such-network", threadId: "" }, { token: w.all.token }));
    expect(there).toEqual(nowhere);
    expect(there.detail).toBe("This token is not one of this network's tokens, or it is not written correctly.");
    expect(there.status).toBe(401);
  });
});

describe("what the answers hold", () => {
  it("is what a member sees: no hidden thread or update, no hidden reply's text, no reflection, no online link, no address", async () => {
    const w = await world();
    const text = async (name: string, query?: string) => JSON.stringify(await (await request(name, w.ctx, { token: w.all.token, query })).json());
    const threads = await text("threads", "limit=100");
    expect(threads).not.toContain(HIDDEN_THREAD);
    expect(threads).toContain("Thread 22");
    const replies = JSON.parse(await text("replies")) as { data: { state: string; body: string | null }[] };
    expect(replies.data.map((r) => [r.state, r.body])).toEqual([
      ["visible", "A visible reply"],
      ["hidden", null],
    ]);
    expect(JSON.stringify(replies)).not.toContain(HIDDEN_REPLY);
    expect((await request("replies", { ...w.ctx, threadId: w.hiddenThreadId }, { token: w.all.token })).status).toBe(404);
    expect((await request("replies", { ...w.ctx, threadId: "nope" }, { token: w.all.token })).status).toBe(404);

    const cycles = JSON.parse(await text("cycles")) as { data: { title: string; synthesis: string; participation: { reflections: number } }[] };
    expect(cycles.data).toHaveLength(1);
    expect(cycles.data[0]).toMatchObject({ title: "Spring", synthesis: "We learned to listen.", participation: { reflections: 2 } });
    const cyclesText = JSON.stringify(cycles);
    expect(cyclesText).not.toContain(SECRET_REFLECTION);
    expect(cyclesText).not.toContain(SHARED_REFLECTION);

    const updates = await text("updates");
    expect(updates).not.toContain(HIDDEN_UPDATE);
    const lessons = JSON.parse(await text("updates", "kind=lesson")) as { data: { kind: string }[] };
    expect(lessons.data.map((u) => u.kind)).toEqual(["lesson"]);
    const milestones = JSON.parse(await text("milestones")) as { data: { title: string; amountNeeded: number; targetDate: string | null }[] };
    expect(milestones.data.map((m) => [m.title, m.amountNeeded, m.targetDate])).toEqual([
      ["First step", 250000, "2027-03-01"],
      ["Second step", 100000, null],
    ]);
    const funding = JSON.parse(await text("funding")) as { initiatives: { totals: unknown[] }[] };
    expect(funding.initiatives[0]!.totals).toEqual([{ currency: "EUR", needed: 350000, pledged: 50000, released: 0 }]);
    expect(JSON.stringify(funding)).not.toContain(w.funder.id);

    const members = await text("members");
    expect(members).toContain("Mo Member");
    expect(members).not.toContain("@example.test");
    const gatherings = await text("gatherings");
    expect(gatherings).toContain("Neighbourhood evening");
    expect(gatherings).not.toContain(ONLINE);
    expect(gatherings).not.toContain("PROPOSED-GATHERING");
    const exchange = await text("exchange");
    expect(exchange).toContain("A room");
    expect(exchange).not.toContain("Stationsstraat");
    const support = await text("support");
    expect(support).toContain("Provincie");
    expect(support).not.toContain("SUGGESTED-ENTRY");
  });
});

describe("pages", () => {
  it("walk every thread once over several pages by the cursor and the Link header", async () => {
    const w = await world();
    const seen: string[] = [];
    let query = "limit=10";
    let pages = 0;
    for (;;) {
      const response = await request("threads", w.ctx, { token: w.all.token, query });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { id: string }[]; next: string | null };
      await expectConforms("threads", response, body);
      seen.push(...body.data.map((t) => t.id));
      pages++;
      const link = response.headers.get("link");
      if (!body.next) {
        expect(link).toBeNull();
        break;
      }
      expect(body.data).toHaveLength(10);
      expect(link).toBe(`</api/v1/networks/${w.network.slug}/threads?limit=10&cursor=${body.next}>; rel="next"`);
      query = new URL(`http://x${/^<([^>]+)>/.exec(link!)![1]!}`).search.slice(1);
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(24); // 23 + the thread with replies; not the hidden one
    expect(new Set(seen).size).toBe(24);
  });

  it("refuse a malformed cursor and a limit out of range with a 400 problem, in the language asked for", async () => {
    const w = await world();
    for (const query of ["cursor=%%%garbage", "cursor=bm90LWEtY3Vyc29y", `cursor=${"x".repeat(300)}`]) {
      const response = await request("threads", w.ctx, { token: w.all.token, query });
      expect(response.status, query).toBe(400);
      expect(await problemOf(response)).toMatchObject({ code: "invalid_cursor" });
    }
    for (const query of ["limit=100000", "limit=0", "limit=-5", "limit=abc", "limit=1.5"]) {
      const response = await request("members", w.ctx, { token: w.all.token, query, headers: { "accept-language": "nl-NL,nl;q=0.9" } });
      expect(response.status, query).toBe(400);
      expect(response.headers.get("content-language")).toBe("nl");
      const body = await problemOf(response.clone());
      expect(body).toMatchObject({ code: "invalid_limit", status: 400 });
      expect(body.detail).toContain("1 tot en met 100");
      await expectConforms("members", response, body);
    }
    expect((await request("members", w.ctx, { token: w.all.token, query: "limit=100" })).status).toBe(200);
    const english = await problemOf(await request("updates", w.ctx, { token: w.all.token, query: "kind=gossip" }));
    expect(english).toMatchObject({ code: "invalid_query", status: 400 });
    expect(english.detail).toMatch(/^A query parameter/);
  });
});

describe("the statements a request costs", () => {
  it("are at most 10 for every endpoint, whatever the page size", async () => {
    const w = await world();
    for (const e of ENDPOINTS) {
      for (const query of ["limit=1", "limit=100"]) {
        let statements = 0;
        const stop = onQuery(() => statements++);
        const response = await request(e.name, w.ctx, { token: w.all.token, query });
        stop();
        expect(response.status, e.name).toBe(200);
        expect(statements, `${e.name} ?${query}`).toBeLessThanOrEqual(10);
        expect(statements, `${e.name}: the counter hears the token check`).toBeGreaterThanOrEqual(3);
      }
    }
  });
});

describe("the rate limit", () => {
  it("answers 429 with Retry-After per token, past KRING_RATE_API", async () => {
    const w = await world();
    const limit = env().rateLimits.api!.limit;
    const checks = apiChecks(w.all.id);
    await dbSystem().rateLimitBucket.create({
      data: { key: checks[0]!.key, windowStart: new Date(), expiresAt: new Date(Date.now() + 3_600_000), hits: limit },
    });
    const refused = await request("threads", w.ctx, { token: w.all.token });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await problemOf(refused.clone());
    expect(body).toMatchObject({ code: "rate_limited", status: 429 });
    await expectConforms("threads", refused, body);
    // Another token of the network has its own count.
    const second = await makeToken(w.broker, w.network.slug, ["threads"], "second");
    expect((await request("threads", w.ctx, { token: second.token })).status).toBe(200);
    expect((await hitRateLimits(apiChecks(second.id))).allowed).toBe(true);
  });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1, describes every endpoint, and is itself valid JSON Schema where it holds schemas", async () => {
    const doc = (await published()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(ENDPOINTS.map((e) => templateOf(e.name)).sort());
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(doc, "openapi.json");
    for (const name of Object.keys(doc.components.schemas)) expect(() => ajv.compile({ $ref: `openapi.json#/components/schemas/${name}` })).not.toThrow();
  });
});

describe("the example script", () => {
  it("lists a network's threads and milestones with nothing but the OpenAPI document and a token", async () => {
    const w = await world();
    // The script's requests go to the route handlers, as a server would route them.
    const routed = async (input: string, init?: { headers?: Record<string, string> }) => {
      const url = new URL(input);
      if (url.pathname === "/api/v1/openapi.json") return openApiRoute();
      for (const e of ENDPOINTS) {
        const pattern = new RegExp(`^/api/v1${e.path({ slug: "(?<slug>[^/]+)", threadId: "(?<threadId>[^/]+)" })}$`);
        const match = pattern.exec(url.pathname);
        if (match) return e.route(new Request(url, { headers: init?.headers }), { params: Promise.resolve({ ...match.groups }) });
      }
      return new Response("not found", { status: 404 });
    };
    const listed = await listThreadsAndMilestones({ baseUrl: "http://kring.test", slug: w.network.slug, token: w.all.token, fetch: routed });
    expect(listed.threads).toHaveLength(24);
    expect(listed.threads.map((t) => t.title)).toContain("With replies");
    expect(listed.threads.find((t) => t.title === "With replies")?.replies).toBe(2);
    expect(listed.milestones).toEqual([
      { title: "First step", status: "planned" },
      { title: "Second step", status: "planned" },
    ]);
    // A token without the scope: the script says the problem's detail.
    const narrow = await makeToken(w.broker, w.network.slug, ["support"], "narrow");
    await expect(listThreadsAndMilestones({ baseUrl: "http://kring.test", slug: w.network.slug, token: narrow.token, fetch: routed })).rejects.toThrow(
      /^403 Scope missing: This token may not read this part of the network/,
    );
  });
});
