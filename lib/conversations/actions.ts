"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { requireMember, type NetworkScope } from "@/lib/membership/scope";
import { withinRateLimits } from "@/lib/rate-limit/mutations";
import { postingChecks } from "@/lib/rate-limit/policy";
import { sendMessage, startConversation } from "./mutations";
import { sendMessageSchema, startConversationSchema } from "./schema";

/**
 * A message is written text to another person, so it counts against the posting limit
 * (KRING_RATE_POSTS, decision 018) as the dialogue's posts do, and against the writes budget
 * like every action; a refusal by either shows the wait on the message box. A refused write is
 * not counted, and the idempotency key makes a retried submit count once.
 */
function asMessage<T>(scope: NetworkScope, idempotencyKey: string, write: () => Promise<T>) {
  return withinRateLimits(postingChecks(scope.userId), { field: "body", once: `message:${scope.networkId}:${idempotencyKey}` }, write);
}

const ON_BODY = { rateLimit: { field: "body" } };

function revalidateConversation(slug: string, postId: string, conversationId: string) {
  revalidatePath(`/n/${slug}/exchange/${postId}/conversations/${conversationId}`);
  revalidatePath(`/n/${slug}/exchange/${postId}`);
  revalidatePath(`/n/${slug}/exchange/conversations`);
}

/**
 * "I can help" (on a request) or "I'm interested" (on an offer): opens the conversation with the
 * post's author, with a first message, and goes there. Starting again opens the same conversation.
 */
export async function startConversationAction(_prev: unknown, form: FormData): Promise<ActionResult<{ conversationId: string }>> {
  const result = await runAction(
    startConversationSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "exchange.converse");
      const sent = await asMessage(scope, input.idempotencyKey, () => startConversation(scope, input));
      revalidateConversation(scope.slug, input.postId, sent.conversationId);
      return { conversationId: sent.conversationId, postId: input.postId, slug: scope.slug };
    },
    ON_BODY,
  );
  if (result.ok) redirect(`/n/${result.data.slug}/exchange/${result.data.postId}/conversations/${result.data.conversationId}`);
  return result;
}

/** A message in one's own conversation; the form empties with a fresh key for the next one. */
export async function sendMessageAction(_prev: unknown, form: FormData): Promise<ActionResult<{ messageId: string; nextKey: string }>> {
  return runAction(
    sendMessageSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "exchange.converse");
      const sent = await asMessage(scope, input.idempotencyKey, () => sendMessage(scope, input));
      revalidateConversation(scope.slug, sent.postId, sent.conversationId);
      return { messageId: sent.messageId, nextKey: randomUUID().replaceAll("-", "") };
    },
    ON_BODY,
  );
}
