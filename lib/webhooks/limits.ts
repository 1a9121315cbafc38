// Limits and choices of webhooks (decision 050), without zod: the endpoint form in the browser
// imports these, and anything that imports schema.ts brings zod into the page's JavaScript (decision 023).

/** The events an endpoint may subscribe to, as stored (the message `type` is the dotted form). */
export const WEBHOOK_EVENTS = ["reply_created", "cycle_closed", "milestone_status_changed", "pledge_released"] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/** The message `type` of an event: `reply.created`, `milestone.status_changed`, … */
export function eventType(event: WebhookEventName): string {
  const at = event.indexOf("_");
  return `${event.slice(0, at)}.${event.slice(at + 1)}`;
}

export const WEBHOOK_URL_MAX = 2000;
export const WEBHOOK_DESCRIPTION_MAX = 200;
/** Endpoints a network may hold (on or off). */
export const WEBHOOK_ENDPOINTS_MAX = 10;
/** Deliveries the log shows per page. */
export const WEBHOOK_LOG_PAGE = 20;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * When the attempts of one delivery happen, as the Standard Webhooks specification suggests:
 * immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after the attempt before. After the
 * last one the delivery is given up (a broker may send it again).
 */
export const RETRY_SCHEDULE_MS = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR] as const;

/** An endpoint failing without a single success for this long is turned off and its brokers are told. */
export const DISABLE_AFTER_MS = 5 * 24 * HOUR;
/** How long one attempt may take, connection and answer together. */
export const DELIVERY_TIMEOUT_MS = 10 * SECOND;
/** A claimed delivery stays with its worker this long; a crashed worker's claim then runs out. */
export const DELIVERY_CLAIM_MS = 2 * MINUTE;
