import { AppError } from "@/lib/errors";

/**
 * Who may moderate. The role table lives in lib/membership/policy.ts (post.report for
 * every active role; moderation.review, moderation.hide, moderation.lock, moderation.pin
 * and moderation.move for brokers); these are the rules that depend on the post at hand.
 */

type PostState = { hiddenAt: Date | null; deletedAt?: Date | null };

/** A post can be reported while it is visible: not hidden by a broker, not deleted by its author. */
export function assertReportable(post: PostState): void {
  if (post.deletedAt) throw new AppError("reply_deleted");
  if (post.hiddenAt) throw new AppError("post_hidden");
}

/** A report is decided once: dismissing a report that was already resolved or dismissed is refused. */
export function assertReportOpen(report: { status: string }): void {
  if (report.status !== "open") throw new AppError("report_closed");
}

/** Hidden posts stay readable to brokers (to review and restore) and to their own author, with the notice. */
export function canSeeHiddenText(viewer: { userId: string; role: string }, post: { authorId: string | null }): boolean {
  return viewer.role === "broker" || (post.authorId !== null && post.authorId === viewer.userId);
}
