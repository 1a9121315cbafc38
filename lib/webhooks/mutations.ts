import "server-only";
import { notifyBrokers } from "@/lib/notifications/mutations";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { recordAudit } from "@/lib/audit/mutations";
import { db, dbAcross, dbSystem, type Tx } from "@/lib/db/client";
import type { NetworkScope } from "@/lib/db/tenant-proof";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { checkWebhookUrl } from "./address";
import { DELIVERY_CLAIM_MS, DISABLE_AFTER_MS, RETRY_SCHEDULE_MS, WEBHOOK_ENDPOINTS_MAX, type WebhookEventName } from "./limits";
import { webhookMessage, type WebhookData } from "./payloads";
import { sendWebhook, type SendResult } from "./send";

/**
 * Webhooks (issue 22 item 7, decision 050). Brokers register https endpoints for chosen events;
 * the events are queued in the transaction of the write that causes them (`emitWebhookEvent`), and
 * `deliverDueWebhooks` (lib/jobs.ts) sends them signed as the Standard Webhooks specification
 * describes, retrying on the specification's schedule, and turns off an endpoint that failed for
 * DISABLE_AFTER_MS without a single success, telling the network's brokers.
 */

/**
 * The outbox: an event is written in the transaction of the write that causes it, one delivery row
 * per enabled endpoint of the network subscribed to it, in one statement (none when no endpoint
 * listens). If the write rolls back, so does its event; the worker below sends what was committed.
 * What a message may carry: ./payloads.ts.
 */
export async function emitWebhookEvent<E extends WebhookEventName>(tx: Tx, networkId: string, event: E, data: WebhookData[E], now: Date = new Date()) {
  const payload = webhookMessage(event, data, now);
  await tx.$executeRaw`
    INSERT INTO "WebhookDelivery" (id, "networkId", "endpointId", "eventType", payload, "nextAttemptAt", "createdAt")
    SELECT replace(gen_random_uuid()::text, '-', ''), e."networkId", e.id, ${event}::"WebhookEvent", ${payload}::jsonb, ${now}, ${now}
    FROM "WebhookEndpoint" e
    WHERE e."networkId" = ${networkId} AND e."disabledAt" IS NULL AND ${event}::"WebhookEvent" = ANY (e.events)`;
}

/** A new signing secret: `whsec_` and 32 random bytes in base64, as the specification's libraries read it. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The address, checked now (registration, turning on); a refusal belongs to the `url` field. */
async function assertReachable(url: string) {
  const checked = await checkWebhookUrl(url, { testHosts: env().webhookTestHosts });
  if (!checked.ok) throw new AppError("invalid_input", { url: [checked.code] });
}

/** A broker registers an endpoint; returns its secret, the one time it is shown. */
export async function createWebhookEndpoint(
  scope: NetworkScope,
  input: { url: string; description: string; events: WebhookEventName[] },
): Promise<{ id: string; secret: string }> {
  await assertReachable(input.url);
  const secret = newSecret();
  return db(scope).$transaction(async (tx) => {
    // One registration at a time per network, so two clicks cannot both pass the count.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`webhooks:${scope.networkId}`}))`;
    const count = await tx.webhookEndpoint.count({ where: { networkId: scope.networkId } });
    if (count >= WEBHOOK_ENDPOINTS_MAX) throw new AppError("conflict", { url: [`endpoints_max|${WEBHOOK_ENDPOINTS_MAX}`] });
    const row = await tx.webhookEndpoint.create({
      data: { networkId: scope.networkId, url: input.url, description: input.description, events: input.events, secret, createdById: scope.userId },
      select: { id: true },
    });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "webhook.created",
      detail: { endpointId: row.id, title: input.url, events: input.events },
    });
    return { id: row.id, secret };
  });
}

/** A new secret for an endpoint (the old one stops signing at once); returns it, once. */
export async function rotateWebhookSecret(scope: NetworkScope, endpointId: string, now: Date = new Date()): Promise<{ secret: string }> {
  const secret = newSecret();
  return db(scope).$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.findFirst({ where: { networkId: scope.networkId, id: endpointId }, select: { url: true } });
    if (!row) throw new AppError("not_found");
    await tx.webhookEndpoint.updateMany({ where: { networkId: scope.networkId, id: endpointId }, data: { secret, rotatedAt: now } });
    await recordAudit(tx, { networkId: scope.networkId, actorId: scope.userId, action: "webhook.rotated", detail: { endpointId, title: row.url } });
    return { secret };
  });
}

/**
 * A broker turns an endpoint off (nothing more is queued for it; what waits stays waiting) or on
 * again (its address checked again, its run of failures forgotten: it has five new days).
 */
export async function setWebhookEndpointState(scope: NetworkScope, input: { endpointId: string; state: "enabled" | "disabled" }, now: Date = new Date()) {
  const row = await db(scope).webhookEndpoint.findFirst({ where: { networkId: scope.networkId, id: input.endpointId }, select: { url: true } });
  if (!row) throw new AppError("not_found");
  if (input.state === "enabled") await assertReachable(row.url);
  await db(scope).$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { networkId: scope.networkId, id: input.endpointId, disabledAt: input.state === "enabled" ? { not: null } : null },
      data:
        input.state === "enabled"
          ? { disabledAt: null, disabledReason: null, failingSince: null }
          : { disabledAt: now, disabledReason: "broker" },
    });
    if (count === 0) return; // already so: nothing to record
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: input.state === "enabled" ? "webhook.enabled" : "webhook.disabled",
      detail: { endpointId: input.endpointId, title: row.url },
    });
  });
}

/** A broker deletes an endpoint with its log. */
export async function deleteWebhookEndpoint(scope: NetworkScope, endpointId: string) {
  await db(scope).$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.findFirst({ where: { networkId: scope.networkId, id: endpointId }, select: { url: true } });
    if (!row) throw new AppError("not_found");
    await tx.webhookEndpoint.deleteMany({ where: { networkId: scope.networkId, id: endpointId } });
    await recordAudit(tx, { networkId: scope.networkId, actorId: scope.userId, action: "webhook.deleted", detail: { endpointId, title: row.url } });
  });
}

/**
 * "Send again": the delivery waits for an attempt right away, its attempts counted from the start
 * of the schedule, with the same message id (a receiver that has it already may drop it). Only to an
 * endpoint that is on.
 */
export async function resendWebhookDelivery(scope: NetworkScope, deliveryId: string, now: Date = new Date()) {
  await db(scope).$transaction(async (tx) => {
    const row = await tx.webhookDelivery.findFirst({
      where: { networkId: scope.networkId, id: deliveryId },
      select: { id: true, eventType: true, endpoint: { select: { id: true, url: true, disabledAt: true } } },
    });
    if (!row) throw new AppError("not_found");
    if (row.endpoint.disabledAt) throw new AppError("webhook_off");
    await tx.webhookDelivery.updateMany({
      where: { networkId: scope.networkId, id: deliveryId },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null, deliveredAt: null },
    });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "webhook.resent",
      detail: { endpointId: row.endpoint.id, deliveryId, title: row.endpoint.url, event: row.eventType },
    });
  });
}

// ---------- the worker ----------

type Claimed = { id: string; networkId: string; endpointId: string; payload: string; attempts: number; url: string; secret: string };

/**
 * Claims up to `limit` due deliveries of endpoints that are on, raising their attempt count and
 * holding them for DELIVERY_CLAIM_MS (`FOR UPDATE SKIP LOCKED`: several instances share the work,
 * none sends what another holds). The system path (decision 022): the queue holds every network's.
 */
async function claim(now: Date, limit: number): Promise<Claimed[]> {
  const until = new Date(now.getTime() + DELIVERY_CLAIM_MS);
  return dbSystem().$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM "WebhookDelivery" d
      JOIN "WebhookEndpoint" e ON e.id = d."endpointId" AND e."networkId" = d."networkId"
      WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${now}
        AND (d."lockedUntil" IS NULL OR d."lockedUntil" <= ${now})
        AND e."disabledAt" IS NULL
      ORDER BY d."nextAttemptAt", d.id
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE "WebhookDelivery" d SET "lockedUntil" = ${until}, attempts = d.attempts + 1
    FROM due, "WebhookEndpoint" e
    WHERE d.id = due.id AND e.id = d."endpointId"
    RETURNING d.id, d."networkId", d."endpointId", d.payload::text AS payload, d.attempts, e.url, e.secret`;
}

/** One attempt: the address checked again (and pinned), the message signed and POSTed. */
async function attempt(delivery: Claimed, now: Date): Promise<SendResult> {
  const checked = await checkWebhookUrl(delivery.url, { testHosts: env().webhookTestHosts });
  if (!checked.ok) return { ok: false, status: null, error: checked.code };
  const messageId = `msg_${delivery.id}`;
  let signature: string;
  try {
    signature = new Webhook(delivery.secret).sign(messageId, now, delivery.payload);
  } catch {
    return { ok: false, status: null, error: "secret_unreadable" };
  }
  const headers = { "webhook-id": messageId, "webhook-timestamp": String(Math.floor(now.getTime() / 1000)), "webhook-signature": signature };
  return sendWebhook(checked.url, checked, headers, delivery.payload);
}

/**
 * Writes an attempt's outcome. A success ends the endpoint's run of failures; a failure waits for
 * the next attempt of the schedule (or gives up after the last), and an endpoint failing for
 * DISABLE_AFTER_MS is turned off, its waiting deliveries given up and its brokers told once.
 */
async function settle(delivery: Claimed, result: SendResult, now: Date): Promise<"delivered" | "retry" | "failed"> {
  const own = dbAcross([delivery.networkId]);
  return own.$transaction(async (tx) => {
    // The endpoint's row first, then deliveries: every settling transaction of one endpoint takes
    // the locks in this order, so two of them (and turning it off) never wait on each other in a circle.
    const endpointWhere = { networkId: delivery.networkId, id: delivery.endpointId };
    const where = { networkId: delivery.networkId, id: delivery.id };
    const logged = { lastAttemptAt: now, lastStatus: result.status, lastError: result.error, lockedUntil: null };
    if (result.ok) {
      await tx.webhookEndpoint.updateMany({ where: endpointWhere, data: { failingSince: null } });
      await tx.webhookDelivery.updateMany({ where, data: { ...logged, status: "delivered", deliveredAt: now, nextAttemptAt: null } });
      return "delivered";
    }
    const [endpoint] = await tx.$queryRaw<{ failingSince: Date; disabledAt: Date | null }[]>`
      UPDATE "WebhookEndpoint" SET "failingSince" = COALESCE("failingSince", ${now})
      WHERE id = ${delivery.endpointId} AND "networkId" = ${delivery.networkId}
      RETURNING "failingSince", "disabledAt"`;
    const giveUp = delivery.attempts >= RETRY_SCHEDULE_MS.length;
    // Still waiting: an endpoint turned off meanwhile has given it up already, and that stays so.
    await tx.webhookDelivery.updateMany({
      where: { ...where, status: "pending" },
      data: giveUp
        ? { ...logged, status: "failed", nextAttemptAt: null }
        : { ...logged, nextAttemptAt: new Date(now.getTime() + RETRY_SCHEDULE_MS[delivery.attempts]!) },
    });
    if (endpoint && !endpoint.disabledAt && now.getTime() - endpoint.failingSince.getTime() >= DISABLE_AFTER_MS) {
      await disableFailing(tx, delivery, now);
    }
    return giveUp ? "failed" : "retry";
  });
}

/** Turns a failing endpoint off (once: the first to do so wins) and tells the network's active brokers. */
async function disableFailing(tx: Tx, delivery: Claimed, now: Date) {
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { networkId: delivery.networkId, id: delivery.endpointId, disabledAt: null },
    data: { disabledAt: now, disabledReason: "failing" },
  });
  if (count === 0) return;
  await tx.webhookDelivery.updateMany({
    where: { networkId: delivery.networkId, endpointId: delivery.endpointId, status: "pending" },
    data: { status: "failed", nextAttemptAt: null, lockedUntil: null },
  });
  await notifyBrokers(tx, delivery.networkId, { kind: "webhook_disabled", dedupeKey: `webhook-disabled:${delivery.endpointId}:${now.getTime()}` });
}

type WebhookReport = { delivered: number; retry: number; failed: number };

/**
 * Sends due deliveries, ten at a time, until none is due or `limit` were tried. Safe to run on
 * every instance at once and again after a crash (a claim runs out). `now` is the clock of the
 * attempt: its signature's timestamp and the base of the next attempt's time.
 */
export async function deliverDueWebhooks(options: { now?: Date; limit?: number } = {}): Promise<WebhookReport> {
  const report: WebhookReport = { delivered: 0, retry: 0, failed: 0 };
  const limit = options.limit ?? 100;
  let tried = 0;
  while (tried < limit) {
    const now = options.now ?? new Date();
    const batch = await claim(now, Math.min(10, limit - tried));
    if (batch.length === 0) break;
    tried += batch.length;
    const outcomes = await Promise.all(batch.map(async (delivery) => settle(delivery, await attempt(delivery, now), now)));
    for (const outcome of outcomes) report[outcome] += 1;
  }
  return report;
}
