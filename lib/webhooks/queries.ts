import "server-only";
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { db } from "@/lib/db/client";
import type { NetworkScope } from "@/lib/db/tenant-proof";
import { WEBHOOK_LOG_PAGE } from "./limits";

/** The network's endpoints for the settings page, newest first: never their secret (decision 050). */
async function listWebhookEndpoints(scope: NetworkScope) {
  return db(scope).webhookEndpoint.findMany({
    where: { networkId: scope.networkId },
    select: {
      id: true,
      url: true,
      description: true,
      events: true,
      disabledAt: true,
      disabledReason: true,
      failingSince: true,
      rotatedAt: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/**
 * The delivery log of the network's endpoints, newest first, WEBHOOK_LOG_PAGE at a time: keyset
 * pages on (createdAt, id), `before` the cursor of the previous page's last row (a bad cursor is
 * the first page). The payload is not read: the log says what was sent, not its body.
 */
async function listWebhookDeliveries(scope: NetworkScope, before?: string) {
  const after = decodeCursor(before);
  const rows = await db(scope).webhookDelivery.findMany({
    where: {
      networkId: scope.networkId,
      ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
    },
    select: {
      id: true,
      endpointId: true,
      eventType: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastAttemptAt: true,
      lastStatus: true,
      lastError: true,
      deliveredAt: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: WEBHOOK_LOG_PAGE + 1,
  });
  const page = rows.slice(0, WEBHOOK_LOG_PAGE);
  const last = page.at(-1);
  return { deliveries: page, next: rows.length > WEBHOOK_LOG_PAGE && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
}

/** The webhooks page's one loader: the endpoints and a page of the log. */
export async function loadWebhooksPage(scope: NetworkScope, before?: string) {
  const [endpoints, log] = await Promise.all([listWebhookEndpoints(scope), listWebhookDeliveries(scope, before)]);
  return { endpoints, ...log };
}
