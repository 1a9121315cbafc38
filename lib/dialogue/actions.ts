"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { AppError } from "@/lib/errors";
import type { Permission } from "@/lib/membership/policy";
import { requireMember, type NetworkScope } from "@/lib/membership/scope";
import { withinRateLimits } from "@/lib/rate-limit/mutations";
import { postingChecks } from "@/lib/rate-limit/policy";
import { createReply, createThread, deleteReply, editReply, editThread, toggleReaction } from "./mutations";
import {
  createReplySchema,
  createThreadSchema,
  deleteReplySchema,
  editReplySchema,
  editThreadSchema,
  toggleReactionSchema,
} from "./schema";

/**
 * The membership gate for the dialogue. Every active role may take part, so a
 * refusal here means the person is not (or no longer) an active member: say so.
 */
async function requireParticipant(slug: string, permission: Permission) {
  try {
    return await requireMember(slug, permission);
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") throw new AppError("not_member");
    throw error;
  }
}

function revalidateThread(slug: string, threadId: string) {
  revalidatePath(`/n/${slug}/dialogue/${threadId}`);
  revalidatePath(`/n/${slug}/dialogue`);
}

/**
 * Everything written in the dialogue counts against the person's posting limit
 * (KRING_RATE_POSTS, decision 018), across networks; a refusal names the wait on the form's
 * body field. A refused write is not counted; a new post's idempotency key makes a retried
 * submit count once.
 */
function asPost<T>(scope: NetworkScope, kind: "thread" | "reply" | "edit", write: () => Promise<T>, idempotencyKey?: string) {
  const once = idempotencyKey ? `${kind}:${scope.networkId}:${idempotencyKey}` : undefined;
  return withinRateLimits(postingChecks(scope.userId), { field: "body", once }, write);
}

/**
 * Posts also count against the writes budget (KRING_RATE_WRITES, decision 028), like every
 * action; a refusal by either shows the wait on the body field.
 */
const ON_BODY = { rateLimit: { field: "body" } };

/** A fresh key for the next post from the same form. */
function nextKey() {
  return randomUUID().replaceAll("-", "");
}

export async function createThreadAction(_prev: unknown, form: FormData): Promise<ActionResult<{ threadId: string }>> {
  const result = await runAction(createThreadSchema, form, async ({ slug, ...input }) => {
    const scope = await requireParticipant(slug, "thread.create");
    const thread = await asPost(scope, "thread", () => createThread(scope, input), input.idempotencyKey);
    revalidatePath(`/n/${scope.slug}/dialogue`);
    return { threadId: thread.id, slug: scope.slug };
  }, ON_BODY);
  if (result.ok) redirect(`/n/${result.data.slug}/dialogue/${result.data.threadId}`);
  return result;
}

export async function createReplyAction(
  _prev: unknown,
  form: FormData,
): Promise<ActionResult<{ replyId: string; nextKey: string }>> {
  return runAction(createReplySchema, form, async ({ slug, ...input }) => {
    const scope = await requireParticipant(slug, "reply.create");
    const reply = await asPost(scope, "reply", () => createReply(scope, input), input.idempotencyKey);
    revalidateThread(scope.slug, reply.threadId);
    return { replyId: reply.id, nextKey: nextKey() };
  }, ON_BODY);
}

export async function editReplyAction(_prev: unknown, form: FormData): Promise<ActionResult<{ replyId: string }>> {
  return runAction(editReplySchema, form, async ({ slug, replyId, body }) => {
    const scope = await requireParticipant(slug, "reply.create");
    const reply = await asPost(scope, "edit", () => editReply(scope, { replyId, body }));
    revalidateThread(scope.slug, reply.threadId);
    return { replyId: reply.id };
  }, ON_BODY);
}

export async function editThreadAction(_prev: unknown, form: FormData): Promise<ActionResult<{ threadId: string }>> {
  return runAction(editThreadSchema, form, async ({ slug, ...input }) => {
    const scope = await requireParticipant(slug, "thread.create");
    const thread = await asPost(scope, "edit", () => editThread(scope, input));
    revalidateThread(scope.slug, thread.id);
    return { threadId: thread.id };
  }, ON_BODY);
}

export async function deleteReplyAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(deleteReplySchema, form, async ({ slug, replyId }) => {
    const scope = await requireParticipant(slug, "reply.create");
    const reply = await deleteReply(scope, { replyId });
    revalidateThread(scope.slug, reply.threadId);
    return null;
  });
}

export async function toggleReactionAction(_prev: unknown, form: FormData): Promise<ActionResult<{ on: boolean }>> {
  return runAction(toggleReactionSchema, form, async ({ slug, replyId, kind }) => {
    const scope = await requireParticipant(slug, "reaction.toggle");
    const { on, threadId } = await toggleReaction(scope, { replyId, kind });
    revalidateThread(scope.slug, threadId);
    return { on };
  });
}
