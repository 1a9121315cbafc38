import { z } from "zod";
import { idField as id, slugField as slug } from "@/lib/form-fields";
import { WEBHOOK_DESCRIPTION_MAX, WEBHOOK_EVENTS, WEBHOOK_URL_MAX } from "./limits";
export * from "./limits";

// ---------- the endpoint forms (broker actions, decision 050) ----------

/** The address as typed, trimmed; whether it may be reached is checked by lib/webhooks/address.ts. */
const url = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "required").max(WEBHOOK_URL_MAX, `too_long|${WEBHOOK_URL_MAX}`));

const description = z
  .string()
  .optional()
  .transform((s) => (s ?? "").normalize("NFC").trim())
  .pipe(z.string().max(WEBHOOK_DESCRIPTION_MAX, `too_long|${WEBHOOK_DESCRIPTION_MAX}`));

/** Checkboxes arrive as `event.<name>` = "on"; at least one must be ticked. */
const eventBoxes = Object.fromEntries(WEBHOOK_EVENTS.map((e) => [`event.${e}`, z.literal("on").optional()])) as Record<
  `event.${(typeof WEBHOOK_EVENTS)[number]}`,
  z.ZodOptional<z.ZodLiteral<"on">>
>;

export const createWebhookSchema = z
  .object({ slug, url, description, ...eventBoxes })
  .transform(({ slug, url, description, ...boxes }) => ({
    slug,
    url,
    description,
    events: WEBHOOK_EVENTS.filter((e) => boxes[`event.${e}`] === "on"),
  }))
  .refine((v) => v.events.length > 0, { message: "events_required", path: ["events"] });

export const webhookRefSchema = z.object({ slug, endpointId: id });

export const webhookStateSchema = z.object({ slug, endpointId: id, state: z.enum(["enabled", "disabled"], "invalid") });

export const webhookDeliveryRefSchema = z.object({ slug, deliveryId: id });
