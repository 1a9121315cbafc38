"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { requireMember } from "@/lib/membership/scope";
import {
  dismissReport,
  hidePost,
  lockThread,
  moveThread,
  pinThread,
  reportPost,
  restorePost,
  unlockThread,
  unpinThread,
} from "./mutations";
import {
  dismissReportSchema,
  hidePostSchema,
  lockThreadSchema,
  moveThreadSchema,
  reportSchema,
  restorePostSchema,
  threadOnlySchema,
} from "./schema";

/** After any moderation change: the thread, the list (pins, levels) and the queue with its count. */
function revalidateModeration(slug: string, threadId: string) {
  revalidatePath(`/n/${slug}/dialogue/${threadId}`);
  revalidatePath(`/n/${slug}/dialogue`);
  revalidatePath(`/n/${slug}/moderation`);
}

/** Reporting is taking part in the dialogue: someone who is not an active member is told so. */
async function requireReporter(slug: string) {
  try {
    return await requireMember(slug, "post.report");
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") throw new AppError("not_member");
    throw error;
  }
}

export async function reportPostAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(reportSchema, form, async ({ slug, ...input }) => {
    const scope = await requireReporter(slug);
    const report = await reportPost(scope, input);
    revalidatePath(`/n/${scope.slug}/moderation`);
    revalidatePath(`/n/${scope.slug}/dialogue/${report.threadId}`);
    return null;
  });
}

export async function hidePostAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(hidePostSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "moderation.hide");
    const { threadId } = await hidePost(scope, input);
    revalidateModeration(scope.slug, threadId);
    return null;
  });
}

export async function restorePostAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(restorePostSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "moderation.hide");
    const { threadId } = await restorePost(scope, input);
    revalidateModeration(scope.slug, threadId);
    return null;
  });
}

export async function dismissReportAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(dismissReportSchema, form, async ({ slug, reportId }) => {
    const scope = await requireMember(slug, "moderation.review");
    const { threadId } = await dismissReport(scope, { reportId });
    revalidateModeration(scope.slug, threadId);
    return null;
  });
}

export async function lockThreadAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(lockThreadSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "moderation.lock");
    const { threadId } = await lockThread(scope, input);
    revalidateModeration(scope.slug, threadId);
    return null;
  });
}

export async function unlockThreadAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(threadOnlySchema, form, async ({ slug, threadId }) => {
    const scope = await requireMember(slug, "moderation.lock");
    await unlockThread(scope, { threadId });
    revalidateModeration(scope.slug, threadId);
    return null;
  });
}

export async function pinThreadAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(threadOnlySchema, form, async ({ slug, threadId }) => {
    const scope = await requireMember(slug, "moderation.pin");
    await pinThread(scope, { threadId });
    revalidateModeration(scope.slug, threadId);
    return null;
  });
}

export async function unpinThreadAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(threadOnlySchema, form, async ({ slug, threadId }) => {
    const scope = await requireMember(slug, "moderation.pin");
    await unpinThread(scope, { threadId });
    revalidateModeration(scope.slug, threadId);
    return null;
  });
}

export async function moveThreadAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(moveThreadSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "moderation.move");
    await moveThread(scope, input);
    revalidateModeration(scope.slug, input.threadId);
    return null;
  });
}
