// Webhooks (issue 22 item 7, decision 050) on real PostgreSQL, with local receivers on 127.0.0.1
// (allowed by KRING_WEBHOOK_TEST_HOSTS, which tests/vitest.config.ts sets): signatures checked with
// the specification's own library, the retry schedule driven with a controlled clock (no sleeps),
// address refusals at registration and at delivery, and the endpoint turned off after five days.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import Ajv2020 from "ajv/dist/2020";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { dbSystem } from "@/lib/db/client";
import { createReplyAction, createThreadAction } from "@/lib/dialogue/actions";
import { GET as followNotification } from "@/app/notifications/[id]/route";
import { sendDueNotificationMail } from "@/lib/digests/mutations";
import { env } from "@/lib/env";
import { listNotifications } from "@/lib/notifications/queries";
import { addMilestoneAction, createInitiativeAction, pledgeAction, releasePledgeAction, setMilestoneStatusAction } from "@/lib/funding/actions";
import { requireMember } from "@/lib/membership/scope";
import { checkWebhookUrl, isPublicAddress } from "@/lib/webhooks/address";
import {
  createWebhookAction,
  deleteWebhookAction,
  resendWebhookDeliveryAction,
  rotateWebhookSecretAction,
  setWebhookStateAction,
} from "@/lib/webhooks/actions";
import { DISABLE_AFTER_MS, RETRY_SCHEDULE_MS } from "@/lib/webhooks/limits";
import { deliverDueWebhooks } from "@/lib/webhooks/mutations";
import { loadWebhooksPage } from "@/lib/webhooks/queries";
import { sendWebhook } from "@/lib/webhooks/send";
import { asUser, call, makeNetwork, member, outcomeOf, signInAs, user, type User } from "./support";

type Received = { headers: IncomingHttpHeaders; body: string };

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

/** A receiver on 127.0.0.1 that answers the n-th request (1-based) with `status(n)`. */
async function receiver(status: (n: number) => number = () => 204) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = status(received.length);
      res.end(res.statusCode >= 300 ? "not now" : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  open.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${port}/hook`, port, received };
}

let seq = 0;
const key = () => `webhooks-${Date.now().toString(36)}-${(seq++).toString(36).padStart(6, "0")}`;

/** A network with a broker, a member and a thread; the broker registers `url` for `events`. */
async function setup(url: string, events: string[] = ["reply_created"]) {
  const broker = await user("Broker");
  const plain = await user("Member");
  const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: `hooks-${seq++}` });
  await member(net, plain);
  signInAs(broker);
  const made = await call(createWebhookAction, { slug: net.slug, url, description: "Receiver", ...Object.fromEntries(events.map((e) => [`event.${e}`, "on"])) });
  expect(made.ok, JSON.stringify(made)).toBe(true);
  const secret = made.ok ? made.data.secret : "";
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const endpoint = await dbSystem().webhookEndpoint.findFirstOrThrow({ where: { networkId: net.id }, select: { id: true } });
  signInAs(plain);
  const opened = await call(createThreadAction, { slug: net.slug, title: "Compost", body: "Where does it go?", level: "network", area: "means", idempotencyKey: key() });
  expect(opened.redirect, JSON.stringify(opened)).toMatch(/\/dialogue\//);
  const thread = await dbSystem().thread.findFirstOrThrow({ where: { networkId: net.id }, select: { id: true } });
  return { broker, plain, net, secret, endpointId: endpoint.id, threadId: thread.id };
}

async function reply(person: User, slug: string, threadId: string, body = "In the bin by the shed.") {
  signInAs(person);
  const result = await call(createReplyAction, { slug, threadId, body, idempotencyKey: key() });
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return (result as { data: { replyId: string } }).data.replyId;
}

function deliveries(networkId: string) {
  return dbSystem().webhookDelivery.findMany({ where: { networkId }, orderBy: { createdAt: "asc" } });
}

describe("a local receiver", () => {
  it("gets each event signed as Standard Webhooks describes, and verifies it with the library", async () => {
    expect(env().webhookTestHosts).toEqual(["127.0.0.1"]);
    const r = await receiver();
    const w = await setup(r.url);
    const replyId = await reply(w.plain, w.net.slug, w.threadId);
    // The outbox row was written with the reply, before any worker ran.
    const [queued] = await deliveries(w.net.id);
    expect(queued).toMatchObject({ status: "pending", attempts: 0, eventType: "reply_created", endpointId: w.endpointId });

    expect(await deliverDueWebhooks()).toEqual({ delivered: 1, retry: 0, failed: 0 });
    expect(r.received).toHaveLength(1);
    const got = r.received[0]!;
    const headers = Object.fromEntries(Object.entries(got.headers).map(([k, v]) => [k, String(v)]));
    const payload = new Webhook(w.secret).verify(got.body, headers) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(payload).toMatchObject({
      type: "reply.created",
      data: { network: w.net.slug, reply: { id: replyId, threadId: w.threadId, quotedReplyId: null } },
    });
    expect(got.headers["webhook-id"]).toBe(`msg_${queued!.id}`);
    expect(got.headers["content-type"]).toBe("application/json");
    // Small: the reply's text is not in it (a tool reads it through the read API).
    expect(got.body).not.toContain("shed");
    // Another key, or a changed body, does not verify.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(got.body, headers)).toThrow();
    expect(() => new Webhook(w.secret).verify(got.body.replace(replyId, "someone-else"), headers)).toThrow();

    const [done] = await deliveries(w.net.id);
    expect(done).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 204, lastError: null, nextAttemptAt: null });
    expect(done!.deliveredAt).toBeInstanceOf(Date);
    // Nothing is due any more.
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, retry: 0, failed: 0 });
    expect(r.received).toHaveLength(1);
  });

  it("that fails five times then succeeds gets the event once in the log, delivered after six attempts on the schedule", async () => {
    const r = await receiver((n) => (n <= 5 ? 500 : 200));
    const w = await setup(r.url);
    await reply(w.plain, w.net.slug, w.threadId);
    let now = new Date();
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      // Just before the attempt is due, nothing is sent.
      if (attempt > 1) {
        expect(await deliverDueWebhooks({ now: new Date(now.getTime() - 1) })).toEqual({ delivered: 0, retry: 0, failed: 0 });
      }
      const report = await deliverDueWebhooks({ now });
      expect(report, `attempt ${attempt}`).toEqual(attempt <= 5 ? { delivered: 0, retry: 1, failed: 0 } : { delivered: 1, retry: 0, failed: 0 });
      const [row] = await deliveries(w.net.id);
      expect(row!.attempts).toBe(attempt);
      if (attempt <= 5) {
        expect(row).toMatchObject({ status: "pending", lastStatus: 500 });
        expect(row!.lastError).toMatch(/^http_500/);
        expect(row!.nextAttemptAt!.getTime() - now.getTime(), `wait after attempt ${attempt}`).toBe(RETRY_SCHEDULE_MS[attempt]);
        now = row!.nextAttemptAt!;
      }
    }
    expect(r.received).toHaveLength(6);
    // The same message every time: one webhook-id for the six attempts.
    expect(new Set(r.received.map((x) => x.headers["webhook-id"])).size).toBe(1);
    const log = await deliveries(w.net.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: "delivered", attempts: 6, lastStatus: 200, lastError: null });
    // The endpoint's run of failures ended with the success.
    expect(await dbSystem().webhookEndpoint.findFirstOrThrow({ where: { networkId: w.net.id, id: w.endpointId }, select: { failingSince: true, disabledAt: true } })).toEqual({
      failingSince: null,
      disabledAt: null,
    });
    // Page: the log shows it once, delivered, with the endpoint's list never carrying the secret.
    signInAs(w.broker);
    const page = await loadWebhooksPage(await requireMember(w.net.slug, "webhooks.manage"));
    expect(page.deliveries.map((d) => d.status)).toEqual(["delivered"]);
    expect(JSON.stringify(page)).not.toContain(w.secret);
  });

  it("is given up after the eighth failed attempt; send again tries once more with the same message id", async () => {
    let healthy = false;
    const r = await receiver(() => (healthy ? 204 : 503));
    const w = await setup(r.url);
    await reply(w.plain, w.net.slug, w.threadId);
    let now = new Date();
    for (let attempt = 1; attempt <= RETRY_SCHEDULE_MS.length; attempt += 1) {
      await deliverDueWebhooks({ now });
      const [row] = await deliveries(w.net.id);
      if (row!.nextAttemptAt) now = row!.nextAttemptAt;
    }
    const [given] = await deliveries(w.net.id);
    expect(given).toMatchObject({ status: "failed", attempts: RETRY_SCHEDULE_MS.length, nextAttemptAt: null, lastStatus: 503 });
    expect(r.received).toHaveLength(RETRY_SCHEDULE_MS.length);

    healthy = true;
    signInAs(w.plain);
    expect(outcomeOf(await call(resendWebhookDeliveryAction, { slug: w.net.slug, deliveryId: given!.id }))).toBe("forbidden");
    signInAs(w.broker);
    expect(outcomeOf(await call(resendWebhookDeliveryAction, { slug: w.net.slug, deliveryId: given!.id }))).toBe("ok");
    expect(await deliverDueWebhooks()).toEqual({ delivered: 1, retry: 0, failed: 0 });
    expect(r.received.at(-1)!.headers["webhook-id"]).toBe(`msg_${given!.id}`);
    expect(await deliveries(w.net.id)).toMatchObject([{ status: "delivered", attempts: 1 }]);
    expect(await dbSystem().auditEntry.count({ where: { networkId: w.net.id, action: "webhook.resent" } })).toBe(1);
  });

  it("signs with the new secret after a rotation, and an endpoint turned off gets nothing new", async () => {
    const r = await receiver();
    const w = await setup(r.url);
    signInAs(w.broker);
    const rotated = await call(rotateWebhookSecretAction, { slug: w.net.slug, endpointId: w.endpointId });
    const secret = rotated.ok ? (rotated.data as { secret: string }).secret : "";
    expect(secret).not.toBe(w.secret);
    await reply(w.plain, w.net.slug, w.threadId);
    await deliverDueWebhooks();
    const got = r.received[0]!;
    const headers = Object.fromEntries(Object.entries(got.headers).map(([k, v]) => [k, String(v)]));
    expect(() => new Webhook(secret).verify(got.body, headers)).not.toThrow();
    expect(() => new Webhook(w.secret).verify(got.body, headers)).toThrow();

    signInAs(w.broker);
    expect(outcomeOf(await call(setWebhookStateAction, { slug: w.net.slug, endpointId: w.endpointId, state: "disabled" }))).toBe("ok");
    await reply(w.plain, w.net.slug, w.threadId, "Another.");
    expect(await deliveries(w.net.id)).toHaveLength(1);
    signInAs(w.broker);
    expect(outcomeOf(await call(setWebhookStateAction, { slug: w.net.slug, endpointId: w.endpointId, state: "enabled" }))).toBe("ok");
    await reply(w.plain, w.net.slug, w.threadId, "And another.");
    expect(await deliveries(w.net.id)).toHaveLength(2);
    signInAs(w.broker);
    expect(outcomeOf(await call(deleteWebhookAction, { slug: w.net.slug, endpointId: w.endpointId }))).toBe("ok");
    expect(await deliveries(w.net.id)).toHaveLength(0);
  });
});

describe("addresses (no server-side request forgery)", () => {
  const strict = { testHosts: [] as string[] };

  it("refuses private, loopback, link-local, unique-local, CGNAT, multicast and unspecified addresses, IPv4 and IPv6", async () => {
    for (const address of [
      "127.0.0.1",
      "127.9.9.9",
      "10.0.0.1",
      "10.255.1.2",
      "172.16.5.4",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::",
      "::1",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "0:0:0:0:0:ffff:a9fe:a9fe",
      "2001:db8::1",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.215.14"]) expect(isPublicAddress(address), address).toBe(true);
  });

  it("checks the address's form and every address its host resolves to", async () => {
    const refused = async (url: string, code: string) => expect(await checkWebhookUrl(url, strict), url).toEqual({ ok: false, code });
    await refused("http://example.org/hook", "url_https");
    await refused("https://127.0.0.1/hook", "url_private_address");
    await refused("https://10.1.2.3/hook", "url_private_address");
    await refused("https://169.254.169.254/latest/meta-data", "url_private_address");
    await refused("https://[::1]/hook", "url_private_address");
    await refused("https://[fc00::1]/hook", "url_private_address");
    await refused("https://[::ffff:127.0.0.1]/hook", "url_private_address");
    // Numeric forms the URL parser turns into 127.0.0.1.
    await refused("https://2130706433/hook", "url_private_address");
    await refused("https://0x7f.1/hook", "url_private_address");
    // A host name that resolves to loopback (the system resolver, /etc/hosts).
    await refused("https://localhost/hook", "url_private_address");
    await refused("https://user:pass@example.org/hook", "url_credentials");
    await refused("not a url", "url_invalid");
    // A name with one public and one private address is refused; all public passes, pinned to the first.
    const resolveTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    expect(await checkWebhookUrl("https://hooks.example/x", { testHosts: [], resolve: resolveTo("93.184.215.14", "10.0.0.5") })).toEqual({
      ok: false,
      code: "url_private_address",
    });
    expect(await checkWebhookUrl("https://hooks.example/x", { testHosts: [], resolve: resolveTo("93.184.215.14", "2606:4700::1") })).toMatchObject({
      ok: true,
      address: "93.184.215.14",
      family: 4,
    });
    // The test setting names a literal host: only that host, not a name resolving to it, not in production.
    expect(await checkWebhookUrl("http://127.0.0.1:8080/x", { testHosts: ["127.0.0.1"] })).toMatchObject({ ok: true, address: "127.0.0.1" });
    expect(await checkWebhookUrl("https://localhost/x", { testHosts: ["127.0.0.1"] })).toEqual({ ok: false, code: "url_private_address" });
    const { parseEnv } = await import("@/lib/env");
    expect(parseEnv({}).webhookTestHosts).toEqual([]);
    expect(() => parseEnv({ KRING_ENV: "production", AUTH_SECRET: "x".repeat(32), KRING_PUBLIC_URL: "https://kring.example", SMTP_URL: "smtp://mail.example", KRING_WEBHOOK_TEST_HOSTS: "127.0.0.1" })).toThrow(
      /KRING_WEBHOOK_TEST_HOSTS/,
    );
  });

  it("refuses them at registration, with the reason at the address field", async () => {
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "ssrf" });
    signInAs(broker);
    for (const [url, code] of [
      ["https://10.0.0.1/hook", "url_private_address"],
      ["https://169.254.169.254/", "url_private_address"],
      ["https://[::1]:8443/hook", "url_private_address"],
      ["https://[fc00::1]/hook", "url_private_address"],
      ["https://localhost:3000/hook", "url_private_address"],
      ["http://example.org/hook", "url_https"],
    ] as const) {
      const result = await call(createWebhookAction, { slug: net.slug, url, "event.reply_created": "on" });
      expect(result, url).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { url: [code] } });
    }
    expect(await dbSystem().webhookEndpoint.count({ where: { networkId: net.id } })).toBe(0);
  });

  it("checks again before every attempt: an address that turned private is not contacted", async () => {
    const r = await receiver();
    const w = await setup(r.url);
    // As if the address had changed since registration (or its name now resolved inside).
    await dbSystem().webhookEndpoint.updateMany({ where: { networkId: w.net.id, id: w.endpointId }, data: { url: `https://10.0.0.1:${r.port}/hook` } });
    await reply(w.plain, w.net.slug, w.threadId);
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, retry: 1, failed: 0 });
    expect(r.received).toHaveLength(0);
    expect(await deliveries(w.net.id)).toMatchObject([{ status: "pending", lastError: "url_private_address", lastStatus: null }]);
  });

  it("connects to the address that was checked, whatever the name resolves to now (no DNS rebinding)", async () => {
    const r = await receiver();
    // A name nobody resolves: the request still reaches the pinned address, with the name as Host.
    const result = await sendWebhook(new URL(`http://hooks.rebind.invalid:${r.port}/x?y=1`), { address: "127.0.0.1", family: 4 }, { "webhook-id": "msg_1" }, "{}");
    expect(result).toEqual({ ok: true, status: 204, error: null });
    expect(r.received[0]!.headers.host).toBe(`hooks.rebind.invalid:${r.port}`);
  });

  it("does not follow redirects", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(307, { location: "http://127.0.0.1:1/elsewhere" });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    open.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    const result = await sendWebhook(new URL(`http://127.0.0.1:${port}/x`), { address: "127.0.0.1", family: 4 }, {}, "{}");
    expect(result).toMatchObject({ ok: false, status: 307 });
  });
});

describe("an endpoint failing for days", () => {
  it("is turned off after five days without a success, its brokers told once, and nothing more queued for it", async () => {
    const r = await receiver(() => 503);
    const w = await setup(r.url);
    const second = await user("Second broker");
    await member(w.net, second, "broker");
    await reply(w.plain, w.net.slug, w.threadId);
    const start = new Date();
    expect(await deliverDueWebhooks({ now: start })).toEqual({ delivered: 0, retry: 1, failed: 0 });
    expect((await dbSystem().webhookEndpoint.findFirstOrThrow({ where: { networkId: w.net.id, id: w.endpointId } })).failingSince).toEqual(start);
    // A later event, still failing, a little under five days on: still on.
    await reply(w.plain, w.net.slug, w.threadId, "Later.");
    await deliverDueWebhooks({ now: new Date(start.getTime() + DISABLE_AFTER_MS - 60_000) });
    expect((await dbSystem().webhookEndpoint.findFirstOrThrow({ where: { networkId: w.net.id, id: w.endpointId } })).disabledAt).toBeNull();
    // Five days after the first failure: off, for failing.
    await reply(w.plain, w.net.slug, w.threadId, "Even later.");
    const late = new Date(start.getTime() + DISABLE_AFTER_MS);
    await deliverDueWebhooks({ now: late });
    const endpoint = await dbSystem().webhookEndpoint.findFirstOrThrow({ where: { networkId: w.net.id, id: w.endpointId } });
    expect(endpoint).toMatchObject({ disabledAt: late, disabledReason: "failing" });
    // What waited is given up; nothing is due for an endpoint that is off.
    expect((await deliveries(w.net.id)).map((d) => d.status)).toEqual(["failed", "failed", "failed"]);
    const notices = await dbSystem().notification.findMany({ where: { networkId: w.net.id, kind: "webhook_disabled" }, select: { userId: true } });
    expect(notices.map((n) => n.userId).sort()).toEqual([w.broker.id, second.id].sort());
    // Later sweeps and events change nothing: no new delivery, no second notice.
    await reply(w.plain, w.net.slug, w.threadId, "Still talking.");
    expect(await deliverDueWebhooks({ now: new Date(late.getTime() + DISABLE_AFTER_MS) })).toEqual({ delivered: 0, retry: 0, failed: 0 });
    expect(await deliveries(w.net.id)).toHaveLength(3);
    expect(await dbSystem().notification.count({ where: { networkId: w.net.id, kind: "webhook_disabled" } })).toBe(2);
    // In the brokers' centre, leading to the webhooks page; and by mail, through the one mail path.
    const centre = await listNotifications(w.broker.id);
    const item = centre.items.find((i) => i.kind === "webhook_disabled");
    expect(item).toMatchObject({ networkSlug: w.net.slug });
    const followed = await asUser(w.broker, () => followNotification(new Request(`http://localhost/notifications/${item!.id}`), { params: Promise.resolve({ id: item!.id }) }));
    expect(followed.headers.get("location")).toBe(`/n/${w.net.slug}/settings/webhooks`);
    expect((await listNotifications(w.plain.id)).items.filter((i) => i.kind === "webhook_disabled")).toEqual([]);
    await dbSystem().user.update({ where: { id: second.id }, data: { emailFrequency: "immediate" } });
    expect(await sendDueNotificationMail(new Date(Date.now() + 60 * 60_000))).toBeGreaterThan(0);
    const mail = await dbSystem().mailMessage.findFirstOrThrow({ where: { userId: second.id }, select: { text: true } });
    expect(mail.text).toContain("failed for five days and was turned off");
    expect(mail.text).toContain(`${env().publicUrl}/notifications/`);
    // Sending again waits until a broker turns it back on.
    signInAs(w.broker);
    const first = (await deliveries(w.net.id))[0]!;
    expect(outcomeOf(await call(resendWebhookDeliveryAction, { slug: w.net.slug, deliveryId: first.id }))).toBe("webhook_off");
  });
});

describe("the outbox", () => {
  it("queues milestone status changes and pledge releases with the read API's facts, never the funder", async () => {
    const r = await receiver();
    const w = await setup(r.url, ["milestone_status_changed", "pledge_released"]);
    const funder = await user("Funder");
    await member(w.net, funder, "funder");
    signInAs(w.broker);
    expect((await call(createInitiativeAction, { slug: w.net.slug, name: "Compost club", description: "Together.", systemChange: "Less waste.", status: "active", [`team_${w.broker.id}`]: "on" })).ok).toBe(true);
    const initiative = await dbSystem().initiative.findFirstOrThrow({ where: { networkId: w.net.id }, select: { id: true } });
    const added = await call(addMilestoneAction, { slug: w.net.slug, initiativeId: initiative.id, title: "First bins", unlocks: "A street composts.", targetDate: "2030-06-30", amount: "100", currency: "EUR" });
    const milestoneId = (added as { data: { milestoneId: string } }).data.milestoneId;
    signInAs(funder);
    expect(outcomeOf(await call(pledgeAction, { slug: w.net.slug, milestoneId, amount: "40", currency: "EUR", condition: "", idempotencyKey: key() }))).toBe("ok");
    // A reply is not subscribed to: nothing queued for it.
    await reply(w.plain, w.net.slug, w.threadId);
    expect(await deliveries(w.net.id)).toHaveLength(0);
    signInAs(w.broker);
    expect(outcomeOf(await call(setMilestoneStatusAction, { slug: w.net.slug, milestoneId, status: "reached", note: "", area: "" }))).toBe("ok");
    const pledge = await dbSystem().pledge.findFirstOrThrow({ where: { networkId: w.net.id }, select: { id: true } });
    signInAs(funder);
    expect(outcomeOf(await call(releasePledgeAction, { slug: w.net.slug, pledgeId: pledge.id }))).toBe("ok");
    const queued = await deliveries(w.net.id);
    expect(queued.map((d) => d.eventType)).toEqual(["milestone_status_changed", "pledge_released"]);
    expect(queued[0]!.payload).toMatchObject({
      type: "milestone.status_changed",
      data: { network: w.net.slug, milestone: { id: milestoneId, initiativeId: initiative.id, title: "First bins", status: "reached", previousStatus: "planned" } },
    });
    expect(queued[1]!.payload).toMatchObject({
      type: "pledge.released",
      data: { network: w.net.slug, pledge: { id: pledge.id, milestoneId, initiativeId: initiative.id, amount: 4000, currency: "EUR" } },
    });
    expect(JSON.stringify(queued.map((d) => d.payload))).not.toContain(funder.id);
    // Each message is what the read API's OpenAPI document says of it, under `webhooks`.
    const doc = JSON.parse(JSON.stringify(openApiDocument())) as { webhooks: Record<string, unknown> };
    expect(Object.keys(doc.webhooks).sort()).toEqual(["cycle.closed", "milestone.status_changed", "pledge.released", "reply.created"]);
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(doc, "openapi.json");
    for (const d of queued) {
      const validate = ajv.compile({ $ref: `openapi.json#/components/schemas/Webhook_${d.eventType}` });
      expect(validate(d.payload), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(ajv.compile({ $ref: "openapi.json#/components/schemas/Webhook_pledge_released" })({ ...(queued[1]!.payload as object), type: "reply.created" })).toBe(false);
    expect(await deliverDueWebhooks()).toEqual({ delivered: 2, retry: 0, failed: 0 });
    expect(r.received.map((x) => (JSON.parse(x.body) as { type: string }).type).sort()).toEqual(["milestone.status_changed", "pledge.released"]);
  });

  it("writes nothing when the write that would cause the event is refused", async () => {
    const r = await receiver();
    const w = await setup(r.url);
    signInAs(w.plain);
    const refused = await call(createReplyAction, { slug: w.net.slug, threadId: "no-such-thread", body: "Hello", idempotencyKey: key() });
    expect(refused.ok).toBe(false);
    expect(await deliveries(w.net.id)).toHaveLength(0);
  });
});

describe("the demo", () => {
  it("shows SIAC's webhook with a short past log, turned off, so a fresh install sends nothing", async () => {
    const { seedDemo } = await import("@/lib/db/demo");
    await seedDemo(dbSystem());
    const siac = await dbSystem().network.findUniqueOrThrow({ where: { slug: "siac" }, select: { id: true } });
    const endpoints = await dbSystem().webhookEndpoint.findMany({ where: { networkId: siac.id }, select: { disabledAt: true, disabledReason: true } });
    expect(endpoints).toEqual([{ disabledAt: expect.any(Date), disabledReason: "broker" }]);
    const log = await deliveries(siac.id);
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(log.map((d) => d.status)).not.toContain("pending");
    expect(log.map((d) => d.status)).toContain("delivered");
    // Only SIAC has one, and the worker finds nothing to send.
    const others = await dbSystem().network.findMany({ where: { slug: { not: "siac" } }, select: { id: true } });
    for (const n of others) expect(await dbSystem().webhookEndpoint.count({ where: { networkId: n.id } })).toBe(0);
    expect(await deliverDueWebhooks()).toEqual({ delivered: 0, retry: 0, failed: 0 });
  });
});
