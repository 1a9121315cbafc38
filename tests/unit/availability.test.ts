import { describe, expect, it } from "vitest";
import {
  classifyDatabaseError,
  createAvailability,
  PROBE_EVERY_MS,
  QUEUE_PER_CONNECTION,
  REQUESTS_PER_CONNECTION,
  requestLocale,
  RETRY_AFTER_SECONDS,
  unavailableResponse,
  type AvailabilityClock,
  type DatabaseSource,
} from "@/lib/db/availability";
import en from "@/lib/i18n/messages/en.json";
import nl from "@/lib/i18n/messages/nl.json";

/** A clock the test moves by hand, with the timers it would have fired. */
function manualClock() {
  let now = 1_000_000;
  const timers = new Set<{ every: number; next: number; fn: () => void }>();
  const clock: AvailabilityClock = {
    now: () => now,
    every: (ms, fn) => {
      const timer = { every: ms, next: now + ms, fn };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  return {
    clock,
    timers,
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.every;
        due.fn();
        await new Promise((r) => setImmediate(r));
      }
      now = end;
      await new Promise((r) => setImmediate(r));
    },
  };
}

/** A database the test switches on and off, counting probes. */
function fakeDatabase() {
  const db = { reachable: true, probes: 0, waitMs: 0, waiting: 0 };
  const source: DatabaseSource = {
    probe: async () => {
      db.probes++;
      if (!db.reachable) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5499"), { code: "ECONNREFUSED" });
      return 1;
    },
    oldestWaitMs: () => db.waitMs,
    waiting: () => db.waiting,
    acquireTimeoutMs: 1_000,
    poolMax: 2,
  };
  return { db, source };
}

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", errno: -111, syscall: "connect" });

describe("classifyDatabaseError", () => {
  it.each([
    ["a refused connection", refused],
    ["a reset connection", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
    ["the server shutting down (57P01)", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01", severity: "FATAL" })],
    ["the server starting up (57P03)", Object.assign(new Error("the database system is starting up"), { code: "57P03" })],
    ["a connection exception (class 08)", Object.assign(new Error("connection failure"), { code: "08006" })],
    ["a connection terminated mid-query", new Error("Connection terminated unexpectedly")],
    ["a new connection timing out", new Error("Connection terminated due to connection timeout")],
    ["the driver adapter's unreachable", { name: "DriverAdapterError", message: "x", cause: { kind: "DatabaseNotReachable", host: "h" } }],
    ["the driver adapter's closed connection", { name: "DriverAdapterError", message: "x", cause: { kind: "ConnectionClosed" } }],
    ["Prisma's P1001", Object.assign(new Error("Can't reach database server at h:5432"), { code: "P1001" })],
    ["a wrapped refusal", new Error("query failed", { cause: new Error("wrapper", { cause: refused }) })],
  ])("%s is 'unavailable'", (_name, error) => {
    expect(classifyDatabaseError(error)).toBe("unavailable");
  });

  it.each([
    ["the pool's acquire timeout", new Error("timeout exceeded when trying to connect")],
    ["Prisma's P2024", Object.assign(new Error("Timed out fetching a new connection"), { code: "P2024" })],
  ])("%s is 'saturated'", (_name, error) => {
    expect(classifyDatabaseError(error)).toBe("saturated");
  });

  it.each([
    ["a unique violation", Object.assign(new Error("duplicate key"), { code: "23505", severity: "ERROR" })],
    ["Prisma's P2002", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["a syntax error", Object.assign(new Error("syntax error at or near"), { code: "42601" })],
    ["a plain bug", new TypeError("cannot read properties of undefined")],
    ["a string", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("%s is not a database outage", (_name, error) => {
    expect(classifyDatabaseError(error)).toBeNull();
  });

  it("stops following causes after a few levels (a cycle cannot loop)", () => {
    const a: { message: string; cause?: unknown } = { message: "a" };
    a.cause = a;
    expect(classifyDatabaseError(a)).toBeNull();
  });
});

describe("the availability state", () => {
  it("starts up, goes down on a connection-class failure and not on others", () => {
    const { clock } = manualClock();
    const state = createAvailability(clock);
    state.connect(fakeDatabase().source);
    expect(state.status()).toBe("up");
    expect(state.failed(Object.assign(new Error("dup"), { code: "23505", severity: "ERROR" }))).toBeNull();
    expect(state.failed(new Error("timeout exceeded when trying to connect"))).toBe("saturated");
    expect(state.status()).toBe("up");
    expect(state.failed(refused)).toBe("unavailable");
    expect(state.status()).toBe("down");
  });

  it("is cleared by the next successful query", () => {
    const { clock, timers } = manualClock();
    const state = createAvailability(clock);
    state.connect(fakeDatabase().source);
    state.failed(refused);
    expect(timers.size).toBe(1);
    state.succeeded();
    expect(state.status()).toBe("up");
    expect(timers.size).toBe(0);
  });

  it("probes every second while down and comes back up when a probe succeeds", async () => {
    const { clock, timers, advance } = manualClock();
    const { db, source } = fakeDatabase();
    const state = createAvailability(clock);
    state.connect(source);
    db.reachable = false;
    state.failed(refused);
    await advance(3 * PROBE_EVERY_MS);
    expect(db.probes).toBe(3);
    expect(state.status()).toBe("down");
    db.reachable = true;
    await advance(PROBE_EVERY_MS);
    expect(db.probes).toBe(4);
    expect(state.status()).toBe("up");
    expect(timers.size).toBe(0);
    await advance(5 * PROBE_EVERY_MS);
    expect(db.probes).toBe(4);
  });

  it("does not start a second probe loop when failures repeat", () => {
    const { clock, timers } = manualClock();
    const state = createAvailability(clock);
    state.connect(fakeDatabase().source);
    state.failed(refused);
    state.failed(refused);
    state.failed(new Error("Connection terminated unexpectedly"));
    expect(timers.size).toBe(1);
  });

  it("is busy while the oldest pool waiter has waited more than half the acquire bound", () => {
    const { clock } = manualClock();
    const { db, source } = fakeDatabase();
    const state = createAvailability(clock);
    state.connect(source);
    db.waitMs = 400;
    expect(state.status()).toBe("up");
    db.waitMs = 600;
    expect(state.status()).toBe("busy");
    db.waitMs = 0;
    expect(state.status()).toBe("up");
  });

  it("is busy while more statements wait than QUEUE_PER_CONNECTION per pool connection", () => {
    const { clock } = manualClock();
    const { db, source } = fakeDatabase();
    const state = createAvailability(clock);
    state.connect(source);
    db.waiting = QUEUE_PER_CONNECTION * source.poolMax;
    expect(state.status()).toBe("up");
    db.waiting++;
    expect(state.status()).toBe("busy");
    db.waiting = 0;
    expect(state.status()).toBe("up");
  });

  it("is busy while more requests are under way than REQUESTS_PER_CONNECTION per pool connection", () => {
    const { clock } = manualClock();
    const { source } = fakeDatabase();
    let inflight = 0;
    const state = createAvailability(clock, () => inflight);
    state.connect(source);
    inflight = REQUESTS_PER_CONNECTION * source.poolMax;
    expect(state.status()).toBe("up");
    inflight++;
    expect(state.status()).toBe("busy");
    inflight = 1;
    expect(state.status()).toBe("up");
  });

  it("a probe that waited out a full pool does not mark the database down", async () => {
    const { clock } = manualClock();
    const state = createAvailability(clock);
    state.connect({
      ...fakeDatabase().source,
      probe: () => Promise.reject(new Error("timeout exceeded when trying to connect")),
    });
    state.suspect();
    await new Promise((r) => setImmediate(r));
    expect(state.status()).toBe("up");
  });

  it("a suspicion probes at once: down when the database is gone, unchanged when it answers", async () => {
    const { clock, advance } = manualClock();
    const { db, source } = fakeDatabase();
    const state = createAvailability(clock);
    state.connect(source);
    state.suspect();
    await advance(0);
    expect(state.status()).toBe("up");
    db.reachable = false;
    state.suspect();
    await advance(0);
    expect(db.probes).toBe(2);
    expect(state.status()).toBe("down");
  });

  it("the health check trusts a success from the last second, else shares one probe", async () => {
    const { clock, advance } = manualClock();
    const { db, source } = fakeDatabase();
    const state = createAvailability(clock);
    state.connect(source);
    state.succeeded();
    expect(await state.check()).toBe(true);
    expect(db.probes).toBe(0);
    await advance(PROBE_EVERY_MS);
    const answers = await Promise.all([state.check(), state.check(), state.check()]);
    expect(answers).toEqual([true, true, true]);
    expect(db.probes).toBe(1);
    await advance(PROBE_EVERY_MS);
    db.reachable = false;
    expect(await state.check()).toBe(false);
    expect(state.status()).toBe("down");
    const probes = db.probes;
    expect(await state.check()).toBe(false);
    expect(db.probes).toBe(probes);
  });
});

describe("the 503 answer", () => {
  const request = (path: string, headers: Record<string, string>, method = "GET") =>
    new Request(`http://kring.test${path}`, { method, headers });

  it("picks the language from the cookie, else Accept-Language, else English", () => {
    expect(requestLocale(new Headers({ cookie: "a=1; kring-locale=nl", "accept-language": "en" }))).toBe("nl");
    expect(requestLocale(new Headers({ cookie: "kring-locale=fr", "accept-language": "nl-BE,en;q=0.5" }))).toBe("nl");
    expect(requestLocale(new Headers({}))).toBe("en");
  });

  it("is a translated page with Retry-After for a browser", async () => {
    const res = unavailableResponse(request("/n/siac?x=1", { accept: "text/html", cookie: "kring-locale=nl" }));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain(nl.unavailable.title);
    expect(html).toContain('href="/n/siac?x=1"');
    expect(html).not.toContain(en.unavailable.title);
  });

  it("escapes the path it links back to", async () => {
    const html = await unavailableResponse(request('/n/"><script>x</script>', { accept: "text/html" })).text();
    expect(html).not.toContain("<script>");
  });

  it("is JSON for route handlers and plain text for server actions", async () => {
    const api = unavailableResponse(request("/api/health", { accept: "text/html", "accept-language": "nl" }));
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({ error: "database_unavailable", message: nl.unavailable.body });
    const action = unavailableResponse(request("/n/siac", { accept: "text/x-component", "next-action": "abc" }, "POST"));
    expect(action.status).toBe(503);
    expect(action.headers.get("content-type")).toContain("text/plain");
    expect(await action.text()).toBe(en.unavailable.body);
  });
});
