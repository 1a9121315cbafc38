"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { requireMember } from "@/lib/membership/scope";
import { createWebhookEndpoint, deleteWebhookEndpoint, resendWebhookDelivery, rotateWebhookSecret, setWebhookEndpointState } from "./mutations";
import { createWebhookSchema, webhookDeliveryRefSchema, webhookRefSchema, webhookStateSchema } from "./schema";

function revalidateWebhooks(slug: string) {
  revalidatePath(`/n/${slug}/settings/webhooks`);
}

/** A broker registers an https endpoint for chosen events; the answer carries its secret, the one time it is shown. */
export async function createWebhookAction(_prev: unknown, form: FormData): Promise<ActionResult<{ url: string; secret: string }>> {
  return runAction(
    createWebhookSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "webhooks.manage");
      const { secret } = await createWebhookEndpoint(scope, input);
      revalidateWebhooks(scope.slug);
      return { url: input.url, secret };
    },
    { rateLimit: { field: "url" } },
  );
}

/** A broker gives an endpoint a new secret (the old one stops at once); the answer carries it, once. */
export async function rotateWebhookSecretAction(_prev: unknown, form: FormData): Promise<ActionResult<{ endpointId: string; secret: string }>> {
  return runAction(webhookRefSchema, form, async ({ slug, endpointId }) => {
    const scope = await requireMember(slug, "webhooks.manage");
    const { secret } = await rotateWebhookSecret(scope, endpointId);
    revalidateWebhooks(scope.slug);
    return { endpointId, secret };
  });
}

/** A broker turns an endpoint off, or on again (its address checked again). */
export async function setWebhookStateAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(webhookStateSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "webhooks.manage");
    await setWebhookEndpointState(scope, input);
    revalidateWebhooks(scope.slug);
    return null;
  });
}

/** A broker deletes an endpoint and its log. */
export async function deleteWebhookAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(webhookRefSchema, form, async ({ slug, endpointId }) => {
    const scope = await requireMember(slug, "webhooks.manage");
    await deleteWebhookEndpoint(scope, endpointId);
    revalidateWebhooks(scope.slug);
    return null;
  });
}

/** A broker sends a logged delivery again. */
export async function resendWebhookDeliveryAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(webhookDeliveryRefSchema, form, async ({ slug, deliveryId }) => {
    const scope = await requireMember(slug, "webhooks.manage");
    await resendWebhookDelivery(scope, deliveryId);
    revalidateWebhooks(scope.slug);
    return null;
  });
}
