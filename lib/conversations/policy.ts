import type { ExchangeStatus, Role } from "@/lib/db/generated/enums";
import type { ErrorCode } from "@/lib/errors";
import { can } from "@/lib/membership/policy";

/**
 * Who may take part in the exchange's private conversations (decision 039), beyond the role table
 * in lib/membership/policy.ts (`exchange.converse`: brokers and members, never funders).
 *
 * A conversation is between exactly two people: the post's author and the member who answered it
 * (`starterId`). Nobody else reads it: not a broker, not another member, not a funder.
 */

/** A post takes new conversations while it is open or in progress; fulfilled, withdrawn and expired ones do not. */
const ANSWERABLE: readonly ExchangeStatus[] = ["open", "in_progress"];

/** Open or in progress, and not past its expiry (the sweep that marks it expired may not have run yet). */
export function isAnswerable(post: { status: ExchangeStatus; expiresAt: Date }, now: Date): boolean {
  return ANSWERABLE.includes(post.status) && post.expiresAt.getTime() > now.getTime();
}

/**
 * Why this person may not answer this post, or null. One's own post is a field error (the form's
 * message box says a conversation with oneself is not possible); a closed post is a code.
 */
export function startRefusal(
  role: Role,
  post: { authorId: string | null; status: ExchangeStatus; expiresAt: Date },
  userId: string,
  now: Date,
): { code: ErrorCode; field?: string } | null {
  if (!can(role, "exchange.converse")) return { code: "forbidden" };
  if (post.authorId === userId) return { code: "invalid_input", field: "conversation_with_self" };
  if (!isAnswerable(post, now)) return { code: "conversation_post_closed" };
  return null;
}

/** Whether `userId` is one of the conversation's two people (and still may converse). */
export function isParty(role: Role, conversation: { starterId: string | null; authorId: string | null }, userId: string): boolean {
  if (!can(role, "exchange.converse")) return false;
  return conversation.starterId === userId || conversation.authorId === userId;
}

/** The other of the two people, seen from `userId` (null when that account is gone). */
export function otherParty(conversation: { starterId: string | null; authorId: string | null }, userId: string): string | null {
  return conversation.starterId === userId ? conversation.authorId : conversation.starterId;
}
