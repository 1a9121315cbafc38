import { AppError } from "@/lib/errors";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";

/**
 * Who may do what in the dialogue. The role table lives in lib/membership/policy.ts
 * (thread.read, thread.create, reply.create, reaction.toggle, reply.read_revisions);
 * these are the rules that also depend on the thread or reply at hand.
 */

type ThreadState = { lockedAt: Date | null; hiddenAt: Date | null };
type ReplyState = { authorId: string | null; deletedAt: Date | null };

/** A locked or hidden thread takes no new replies, reactions or edits. */
export function assertThreadOpen(thread: ThreadState): void {
  if (thread.hiddenAt) throw new AppError("thread_hidden");
  if (thread.lockedAt) throw new AppError("thread_locked");
}

/** Only the author edits or deletes a reply, and only while it is not deleted. */
export function assertOwnReply(scope: NetworkScope, reply: ReplyState): void {
  if (reply.deletedAt) throw new AppError("reply_deleted");
  if (!reply.authorId || reply.authorId !== scope.userId) throw new AppError("forbidden");
}

/** Only the author edits a thread. */
export function assertOwnThread(scope: NetworkScope, thread: { authorId: string | null }): void {
  if (!thread.authorId || thread.authorId !== scope.userId) throw new AppError("forbidden");
}

export function isOwnThread(viewerId: string, thread: { authorId: string | null }): boolean {
  return thread.authorId !== null && thread.authorId === viewerId;
}

export function isOwnReply(viewerId: string, reply: ReplyState): boolean {
  return reply.authorId !== null && reply.authorId === viewerId && reply.deletedAt === null;
}

/** A hidden thread's title and text are seen by brokers and by its author; everyone else gets the notice. */
export function canSeeThread(scope: NetworkScope, thread: ThreadState & { authorId: string | null }): boolean {
  if (!thread.hiddenAt) return true;
  return scope.role === "broker" || (thread.authorId !== null && thread.authorId === scope.userId);
}

export function canReadRevisions(scope: NetworkScope): boolean {
  return can(scope.role, "reply.read_revisions");
}

/**
 * A visit is worth writing only when there is something new to have read: reopening a
 * thread with no activity since the last read changes neither the unread marker nor
 * "new since your last visit", so the page does not write on every view.
 */
export function visitChangesSomething(lastReadAt: Date | null, lastActivityAt: Date): boolean {
  return lastReadAt === null || lastReadAt < lastActivityAt;
}
