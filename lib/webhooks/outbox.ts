import "server-only";
import type { Tx } from "@/lib/db/client";
import type { WebhookEventName } from "./limits";
import { webhookMessage, type WebhookData } from "./payloads";

/**
 * The webhook outbox (decision 050): an event is written in the transaction of the write that
 * causes it, one delivery row per enabled endpoint of the network subscribed to it, in one
 * statement (none when no endpoint listens). If the write rolls back, so does its event; the worker
 * (lib/webhooks/mutations.ts) sends what was committed. What a message may carry: ./payloads.ts.
 */
export async function emitWebhookEvent<E extends WebhookEventName>(tx: Tx, networkId: string, event: E, data: WebhookData[E], now: Date = new Date()) {
  const payload = webhookMessage(event, data, now);
  await tx.$executeRaw`
    INSERT INTO "WebhookDelivery" (id, "networkId", "endpointId", "eventType", payload, "nextAttemptAt", "createdAt")
    SELECT replace(gen_random_uuid()::text, '-', ''), e."networkId", e.id, ${event}::"WebhookEvent", ${payload}::jsonb, ${now}, ${now}
    FROM "WebhookEndpoint" e
    WHERE e."networkId" = ${networkId} AND e."disabledAt" IS NULL AND ${event}::"WebhookEvent" = ANY (e.events)`;
}
