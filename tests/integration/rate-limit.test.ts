import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { signInAction } from "@/lib/accounts/actions";
import { signIn } from "@/lib/auth/config";
import { dbSystem } from "@/lib/db/client";
import { createReplyAction, createThreadAction, editReplyAction } from "@/lib/dialogue/actions";
import { env, parseEnv } from "@/lib/env";
import { deleteExpiredRateLimits, hitRateLimits } from "@/lib/rate-limit/mutations";
import { forwardSocketAddress } from "@/lib/rate-limit/peer-address";
import { apiChecks, clientAddress, postingChecks, rateCheck, signInChecks, writeChecks } from "@/lib/rate-limit/policy";
import { requestHeaders } from "../setup/session";
import { asUser, call, makeNetwork, member, outcomeOf, signInAs, snapshotDatabase, user, type Outcome } from "./support";

const key = () => randomBytes(12).toString("hex");
const MINUTE = 60_000;

function limits() {
  const { signInPerAddress, signInPerIp, posts } = env().rateLimits;
  if (!signInPerAddress || !signInPerIp || !posts) throw new Error("the default limits are on");
  return { signInPerAddress, signInPerIp, posts };
}

/** A refusal by a rate limit: the code, the wait in minutes on `field`, what was typed kept. */
function expectRateLimited(result: Outcome, field: string, maxMinutes: number, typed?: Record<string, string>) {
  expect(result).toMatchObject({ ok: false, code: "rate_limited" });
  const messages = result.ok ? [] : (result.fieldErrors?.[field] ?? []);
  expect(messages).toHaveLength(1);
  const [name, minutes] = (messages[0] ?? "").split("|");
  expect(name).toBe("retry_after");
  expect(Number(minutes)).toBeGreaterThanOrEqual(1);
  expect(Number(minutes)).toBeLessThanOrEqual(maxMinutes);
  if (typed) expect(result.ok ? undefined : result.values).toMatchObject(typed);
}

async function counters(prefix: string) {
  const rows = await dbSystem().rateLimitBucket.findMany({ where: { key: { startsWith: prefix } }, orderBy: { key: "asc" } });
  return rows.filter((r) => !r.key.includes("#"));
}

async function dialogue() {
  const broker = await user("Broker");
  const writer = await user("Writer");
  const other = await user("Other");
  const network = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "limits", name: "Limits" });
  await member(network, writer);
  await member(network, other);
  const thread = await dbSystem().thread.create({
    data: { networkId: network.id, authorId: broker.id, title: "Open", body: "Say something", level: "network", area: "means", lastActivityAt: new Date() },
    select: { id: true },
  });
  return { network, writer, other, thread };
}

describe("sign-in limits", () => {
  it("refuse the next link for an address at its limit, say when to try again, and keep serving other addresses", async () => {
    const { signInPerAddress } = limits();
    for (let i = 0; i < signInPerAddress.limit; i++) {
      expect(outcomeOf(await call(signInAction, { email: "ada@example.test" }))).toBe("ok");
    }
    // The same address in other capitals is the same inbox.
    const refused = await call(signInAction, { email: " ADA@example.test" });
    expectRateLimited(refused, "email", signInPerAddress.windowMs / MINUTE, { email: " ADA@example.test" });
    expect(vi.mocked(signIn)).toHaveBeenCalledTimes(signInPerAddress.limit);
    expect(outcomeOf(await call(signInAction, { email: "grace@example.test" }))).toBe("ok");
    expect(vi.mocked(signIn)).toHaveBeenCalledTimes(signInPerAddress.limit + 1);
  });

  it("refuse the next link from a client IP at its limit, whatever the address; other IPs go on", async () => {
    const { signInPerIp } = limits();
    requestHeaders.set("x-forwarded-for", "203.0.113.9");
    for (let i = 0; i < signInPerIp.limit; i++) {
      expect(outcomeOf(await call(signInAction, { email: `person-${i}@example.test` }))).toBe("ok");
    }
    expectRateLimited(await call(signInAction, { email: "one-more@example.test" }), "email", signInPerIp.windowMs / MINUTE);
    requestHeaders.set("x-forwarded-for", "198.51.100.20");
    expect(outcomeOf(await call(signInAction, { email: "one-more@example.test" }))).toBe("ok");
  });

  it("count by address only when the client's address is unknown", async () => {
    await call(signInAction, { email: "ada@example.test" });
    requestHeaders.set("x-forwarded-for", "unknown");
    await call(signInAction, { email: "grace@example.test" });
    requestHeaders.set("x-forwarded-for", "192.0.2.1");
    await call(signInAction, { email: "grace@example.test" });
    expect((await counters("signin-address:")).map((r) => r.hits).sort()).toEqual([1, 2]);
    expect((await counters("signin-ip:")).map((r) => r.hits)).toEqual([1]);
  });

  it("store no readable address or IP", async () => {
    requestHeaders.set("x-forwarded-for", "192.0.2.1");
    await call(signInAction, { email: "ada@example.test" });
    const keys = (await dbSystem().rateLimitBucket.findMany()).map((r) => r.key).join(" ");
    expect(keys).not.toContain("ada");
    expect(keys).not.toContain("192.0.2");
  });

  it("start over in the next window", async () => {
    const { signInPerAddress } = limits();
    // The previous window is full: it no longer matters.
    const earlier = new Date(Date.now() - signInPerAddress.windowMs);
    for (let i = 0; i < signInPerAddress.limit; i++) {
      expect((await hitRateLimits(signInChecks("ada@example.test", null), { now: earlier })).allowed).toBe(true);
    }
    expect((await hitRateLimits(signInChecks("ada@example.test", null), { now: earlier })).allowed).toBe(false);
    expect(outcomeOf(await call(signInAction, { email: "ada@example.test" }))).toBe("ok");
  });

  it("close Auth.js's own sign-in POST, which would send a link past the limits", async () => {
    const actual = await vi.importActual<typeof import("@/lib/auth/config")>("@/lib/auth/config");
    const body = new URLSearchParams({ email: "ada@example.test", csrfToken: "x" });
    for (const path of ["/api/auth/signin/email", "/api/auth/signin"]) {
      const response = await actual.handlers.POST(
        new NextRequest(`http://localhost:3000${path}`, {
          method: "POST",
          body,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
      );
      expect(response.status, path).toBe(404);
    }
    expect(await dbSystem().verificationToken.count()).toBe(0);
    expect(await dbSystem().outboxEmail.count()).toBe(0);
  });
});

describe("the posting limit", () => {
  it("counts threads, replies and edits per person, refuses past the limit with the text kept, and leaves others alone", async () => {
    const { posts } = limits();
    const w = await dialogue();
    signInAs(w.writer);
    const thread = await call(createThreadAction, { slug: "limits", title: "Mine", body: "A thread", level: "network", area: "means", idempotencyKey: key() });
    expect(outcomeOf(thread)).toBe("ok");
    const first = await call(createReplyAction, { slug: "limits", threadId: w.thread.id, body: "Reply", idempotencyKey: key() });
    expect(outcomeOf(first)).toBe("ok");
    const replyId = first.ok ? first.data.replyId : "";
    expect(outcomeOf(await call(editReplyAction, { slug: "limits", replyId, body: "Reply, edited" }))).toBe("ok");
    for (let i = 3; i < posts.limit; i++) {
      expect(outcomeOf(await call(createReplyAction, { slug: "limits", threadId: w.thread.id, body: `Reply ${i}`, idempotencyKey: key() }))).toBe("ok");
    }
    const refused = await call(createReplyAction, { slug: "limits", threadId: w.thread.id, body: "One too many", idempotencyKey: key() });
    expectRateLimited(refused, "body", posts.windowMs / MINUTE, { body: "One too many" });
    expectRateLimited(await call(editReplyAction, { slug: "limits", replyId, body: "Again" }), "body", posts.windowMs / MINUTE);
    expect(await dbSystem().reply.count({ where: { networkId: w.network.id, authorId: w.writer.id } })).toBe(posts.limit - 2);

    const other = await asUser(w.other, () =>
      call(createReplyAction, { slug: "limits", threadId: w.thread.id, body: "Still possible for me", idempotencyKey: key() }),
    );
    expect(outcomeOf(other)).toBe("ok");
  });

  it("count a retried post (same idempotency key) once, also when the retries race", async () => {
    const w = await dialogue();
    signInAs(w.writer);
    const fields = { slug: "limits", threadId: w.thread.id, body: "Once", idempotencyKey: key() };
    const results = await Promise.all([call(createReplyAction, fields), call(createReplyAction, fields), call(createReplyAction, fields)]);
    const again = await call(createReplyAction, fields);
    const ids = new Set([...results, again].map((r) => (r.ok ? r.data.replyId : r.code)));
    expect(ids.size).toBe(1);
    expect((await counters("posts:")).map((r) => r.hits)).toEqual([1]);
  });

  it("do not count a refused write, so a refusal leaves the database as it was", async () => {
    const w = await dialogue();
    signInAs(w.writer);
    const before = await snapshotDatabase();
    const missing = await call(createReplyAction, { slug: "limits", threadId: "c000000000000000000000000", body: "Lost", idempotencyKey: key() });
    expect(outcomeOf(missing)).toBe("not_found");
    expect(await snapshotDatabase()).toBe(before);
  });

  it("refuse a post at the limit without writing anything, also its retry", async () => {
    const { posts } = limits();
    const w = await dialogue();
    for (let i = 0; i < posts.limit; i++) expect((await hitRateLimits(postingChecks(w.writer.id))).allowed).toBe(true);
    signInAs(w.writer);
    const fields = { slug: "limits", threadId: w.thread.id, body: "Too much", idempotencyKey: key() };
    const before = await snapshotDatabase();
    expectRateLimited(await call(createReplyAction, fields), "body", posts.windowMs / MINUTE);
    expectRateLimited(await call(createReplyAction, fields), "body", posts.windowMs / MINUTE);
    expect(await snapshotDatabase()).toBe(before);
  });
});

describe("the counters", () => {
  const check = (limit: number, windowMs = MINUTE) => rateCheck("posts", { limit, windowMs }, `subject-${key()}`)!;

  it("let exactly the limit through when hits race: 20 at once against 10", async () => {
    const c = check(10);
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => hitRateLimits([c])));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(10);
    expect((await counters(c.key)).map((r) => r.hits)).toEqual([10]);
  });

  it("count racing hits with one idempotency key once", async () => {
    const c = check(10);
    const verdicts = await Promise.all(Array.from({ length: 8 }, () => hitRateLimits([c], { once: "same-post" })));
    expect(verdicts.every((v) => v.allowed)).toBe(true);
    expect((await counters(c.key)).map((r) => r.hits)).toEqual([1]);
  });

  it("refuse until the window that began with the first hit ends, say how long that is, then count afresh", async () => {
    const c = check(3, 10 * MINUTE);
    const start = Date.now();
    const at = (ms: number) => new Date(start + ms);
    for (let i = 0; i < 3; i++) expect((await hitRateLimits([c], { now: at(i * MINUTE) })).allowed).toBe(true);
    expect(await hitRateLimits([c], { now: at(4 * MINUTE) })).toEqual({ allowed: false, retryAfterMs: 6 * MINUTE });
    expect(await hitRateLimits([c], { now: at(10 * MINUTE - 1) })).toEqual({ allowed: false, retryAfterMs: 1 });
    expect((await hitRateLimits([c], { now: at(10 * MINUTE) })).allowed).toBe(true);
    expect((await counters(c.key)).map((r) => [r.hits, r.windowStart.getTime()])).toEqual([[1, start + 10 * MINUTE]]);
  });

  it("with several limits, refuse when one is reached and count on none of them", async () => {
    const roomy = check(10);
    const full = check(1);
    expect((await hitRateLimits([full])).allowed).toBe(true);
    expect((await hitRateLimits([roomy, full])).allowed).toBe(false);
    expect((await counters(roomy.key)).map((r) => r.hits)).toEqual([]);
    expect((await hitRateLimits([roomy])).allowed).toBe(true);
  });

  it("are deleted by the sweep once their window has ended, and only then", async () => {
    const ended = check(5, 15 * MINUTE);
    const live = check(5, 15 * MINUTE);
    const now = new Date();
    await hitRateLimits([ended], { now: new Date(now.getTime() - 15 * MINUTE) });
    await hitRateLimits([live], { now });
    // Stored as the instants they are (UTC), whatever the database's or the test's time zone.
    const [row] = await dbSystem().rateLimitBucket.findMany({ where: { key: live.key } });
    expect(row?.windowStart.getTime()).toBe(now.getTime());
    expect(row?.expiresAt.getTime()).toBe(now.getTime() + 15 * MINUTE);
    expect(await deleteExpiredRateLimits(now)).toBe(1);
    expect((await dbSystem().rateLimitBucket.findMany()).map((r) => r.key)).toEqual([live.key]);
  });
});

describe("the settings", () => {
  it("default to generous limits and read count/window", () => {
    expect(parseEnv({}).rateLimits).toEqual({
      signInPerAddress: { limit: 5, windowMs: 15 * MINUTE },
      signInPerIp: { limit: 100, windowMs: 15 * MINUTE },
      posts: { limit: 30, windowMs: 5 * MINUTE },
      writes: { limit: 300, windowMs: 60 * MINUTE },
      feeds: { limit: 120, windowMs: 60 * MINUTE },
      api: { limit: 1000, windowMs: 60 * MINUTE },
      invitationMail: { limit: 50, windowMs: 24 * 60 * MINUTE },
    });
    expect(parseEnv({ KRING_RATE_POSTS: "12/30s" }).rateLimits.posts).toEqual({ limit: 12, windowMs: 30_000 });
    expect(parseEnv({ KRING_RATE_POSTS: "1000/2h" }).rateLimits.posts).toEqual({ limit: 1000, windowMs: 7_200_000 });
    expect(parseEnv({}).trustedProxies).toBe(0);
    expect(parseEnv({ KRING_TRUST_PROXY: "1" }).trustedProxies).toBe(1);
  });

  it.each(["5", "5/", "/15m", "0/15m", "5/0m", "5/15", "5/15 minutes", "5/8d", "-1/5m", "five/5m"])("refuse %j", (value) => {
    expect(() => parseEnv({ KRING_RATE_SIGNIN_PER_ADDRESS: value })).toThrow(/KRING_RATE_SIGNIN_PER_ADDRESS: expected count\/window/);
  });

  it("refuse a KRING_TRUST_PROXY that is not a number of proxies", () => {
    expect(() => parseEnv({ KRING_TRUST_PROXY: "yes" })).toThrow(/KRING_TRUST_PROXY/);
  });

  it("turn a limit off with 0 or off: nothing is counted or refused", async () => {
    const off = parseEnv({ KRING_RATE_POSTS: "off", KRING_RATE_SIGNIN_PER_IP: "0", KRING_RATE_SIGNIN_PER_ADDRESS: "OFF", KRING_RATE_WRITES: "off", KRING_RATE_FEEDS: "off", KRING_RATE_API: "off", KRING_RATE_INVITATION_MAIL: "off" }).rateLimits;
    expect(off).toEqual({ signInPerAddress: null, signInPerIp: null, posts: null, writes: null, feeds: null, api: null, invitationMail: null });
    expect(apiChecks("a-token", off)).toEqual([]);
    expect(writeChecks({ userId: "someone" }, off)).toEqual([]);
    expect(postingChecks("someone", off)).toEqual([]);
    expect(signInChecks("ada@example.test", "192.0.2.1", off)).toEqual([]);
    for (let i = 0; i < 50; i++) expect((await hitRateLimits(postingChecks("someone", off))).allowed).toBe(true);
    expect(await dbSystem().rateLimitBucket.count()).toBe(0);
  });
});

describe("the client's address", () => {
  it("is the last X-Forwarded-For entry with no trusted proxy, the n-th from the right behind n proxies", () => {
    expect(clientAddress("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress(null, 0)).toBeNull();
    expect(clientAddress("", 1)).toBeNull();
    // Behind one proxy, what the client wrote itself comes first and is ignored.
    expect(clientAddress("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6,203.0.113.9 , 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", 2)).toBeNull();
  });

  it("is normalised: IPv4 without port or IPv6 mapping, IPv6 as its /64, anything else unknown", () => {
    expect(clientAddress("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddress("198.51.100.7:5555", 0)).toBe("198.51.100.7");
    expect(clientAddress("[2001:db8::1]:443", 0)).toBe("2001:db8:0:0::/64");
    expect(clientAddress("2001:DB8:1:2:3:4:5:6", 0)).toBe("2001:db8:1:2::/64");
    expect(clientAddress("2001:db8:1:2::9", 0)).toBe(clientAddress("2001:db8:1:2:ffff::1", 0));
    expect(clientAddress("::1", 0)).toBe("0:0:0:0::/64");
    expect(clientAddress("unknown", 0)).toBeNull();
    expect(clientAddress("999.1.1.1", 0)).toBeNull();
  });

  it("comes from the socket, not from a header the client sent, when no proxy is trusted", async () => {
    const seen: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers["x-forwarded-for"] as string | undefined);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const ask = () => fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6" } }).then((r) => r.arrayBuffer());
    try {
      const undo = forwardSocketAddress(0);
      await ask();
      undo();
      const undoTrusting = forwardSocketAddress(1);
      await ask();
      undoTrusting();
      await ask();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(["127.0.0.1", "6.6.6.6", "6.6.6.6"]);
  });
});
