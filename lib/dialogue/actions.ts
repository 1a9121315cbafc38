"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { AppError } from "@/lib/errors";
import type { Permission } from "@/lib/membership/policy";
import { requireMember } from "@/lib/membership/scope";
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

/** A fresh key for the next post from the same form. */
function nextKey() {
  return randomUUID().replaceAll("-", "");
}

export async function createThreadAction(_prev: unknown, form: FormData): Promise<ActionResult<{ threadId: string }>> {
  const result = await runAction(createThreadSchema, form, async ({ slug, ...input }) => {
    const scope = await requireParticipant(slug, "thread.create");
    const thread = await createThread(scope, input);
    revalidatePath(`/n/${scope.slug}/dialogue`);
    return { threadId: thread.id, slug: scope.slug };
  });
  if (result.ok) redirect(`/n/${result.data.slug}/dialogue/${result.data.threadId}`);
  return result;
}

export async function createReplyAction(
  _prev: unknown,
  form: FormData,
): Promise<ActionResult<{ replyId: string; nextKey: string }>> {
  return runAction(createReplySchema, form, async ({ slug, ...input }) => {
    const scope = await requireParticipant(slug, "reply.create");
    const reply = await createReply(scope, input);
    revalidateThread(scope.slug, reply.threadId);
    return { replyId: reply.id, nextKey: nextKey() };
  });
}

export async function editReplyAction(_prev: unknown, form: FormData): Promise<ActionResult<{ replyId: string }>> {
  return runAction(editReplySchema, form, async ({ slug, replyId, body }) => {
    const scope = await requireParticipant(slug, "reply.create");
    const reply = await editReply(scope, { replyId, body });
    revalidateThread(scope.slug, reply.threadId);
    return { replyId: reply.id };
  });
}

export async function editThreadAction(_prev: unknown, form: FormData): Promise<ActionResult<{ threadId: string }>> {
  return runAction(editThreadSchema, form, async ({ slug, ...input }) => {
    const scope = await requireParticipant(slug, "thread.create");
    const thread = await editThread(scope, input);
    revalidateThread(scope.slug, thread.id);
    return { threadId: thread.id };
  });
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
