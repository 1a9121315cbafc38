import { z } from "zod";
import "zod-openapi";
import { eventType, WEBHOOK_EVENTS, type WebhookEventName } from "./limits";

/**
 * What each webhook message carries (decision 050): `{ type, timestamp, data }`, the data small and
 * no more than the read API tells a token of the network (decision 047): ids, titles, statuses and
 * times; never a text a member could not read, never a reflection, never who funded what. The outbox
 * parses every message with these schemas before it is queued, and the read API's OpenAPI document
 * lists them under `webhooks`, so the documentation and the messages cannot drift apart.
 */

const instant = z.iso.datetime().meta({ description: "An instant, UTC (ISO 8601)." });
const network = z.string().meta({ description: "The network's slug: its read API lives under /api/v1/networks/{slug}." });

const dataSchemas = {
  reply_created: z.object({
    network,
    reply: z
      .object({ id: z.string(), threadId: z.string(), quotedReplyId: z.string().nullable(), createdAt: instant })
      .meta({ description: "The new reply; read its text through the read API (`threads` scope)." }),
  }),
  cycle_closed: z.object({
    network,
    cycle: z
      .object({ id: z.string(), title: z.string(), question: z.string(), closedAt: instant })
      .meta({ description: "The closed cycle; its synthesis and counts are in the read API (`cycles` scope). Reflections never are." }),
  }),
  milestone_status_changed: z.object({
    network,
    milestone: z.object({
      id: z.string(),
      initiativeId: z.string(),
      title: z.string(),
      status: z.enum(["planned", "active", "reached", "learned", "dropped"]),
      previousStatus: z.enum(["planned", "active", "reached", "learned", "dropped"]),
      closedAt: instant.nullable(),
    }),
  }),
  pledge_released: z.object({
    network,
    pledge: z
      .object({
        id: z.string(),
        initiativeId: z.string(),
        milestoneId: z.string(),
        amount: z.number().int().meta({ description: "Money in integer minor units of `currency` (cents for EUR)." }),
        currency: z.string().length(3),
        releasedAt: instant,
      })
      .meta({ description: "A released pledge, without who made it (the read API gives totals, never funders)." }),
  }),
} satisfies Record<WebhookEventName, z.ZodObject>;

export type WebhookData = { [E in WebhookEventName]: z.input<(typeof dataSchemas)[E]> };

/** The whole message of an event, as the receiver gets it (made once: its id names it in the OpenAPI document). */
function messageSchema<E extends WebhookEventName>(event: E) {
  return z
    .object({
      type: z.literal(eventType(event)),
      timestamp: instant.meta({ description: "When the event happened." }),
      data: dataSchemas[event],
    })
    .meta({ id: `Webhook_${event}` });
}

const messageSchemas = {
  reply_created: messageSchema("reply_created"),
  cycle_closed: messageSchema("cycle_closed"),
  milestone_status_changed: messageSchema("milestone_status_changed"),
  pledge_released: messageSchema("pledge_released"),
} satisfies Record<WebhookEventName, z.ZodObject>;

/** The message of an event, checked against its schema (a mismatch is a bug, and throws). */
export function webhookMessage<E extends WebhookEventName>(event: E, data: WebhookData[E], at: Date): string {
  return JSON.stringify(messageSchemas[event].parse({ type: eventType(event), timestamp: at.toISOString(), data }));
}

export const WEBHOOK_MESSAGES = WEBHOOK_EVENTS.map((event) => ({ event, type: eventType(event), schema: messageSchemas[event] }));
