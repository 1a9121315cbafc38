import { z } from "zod";

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** What a moderation notification says happened; kept in its dedupe key. */
const moderationActs = ["hide", "restore", "lock"] as const;
export type ModerationAct = (typeof moderationActs)[number];

/**
 * News of a person's own membership, told by a broker's act: the person reads it whatever their
 * membership is now (declined and removed people are not active members any more).
 */
export const MEMBERSHIP_NEWS_FOR_THE_PERSON = ["membership_approved", "membership_declined", "membership_invited", "role_changed", "membership_removed"] as const;

export const notificationIdSchema = z.object({ id: z.string().min(1).max(64) });
export const markAllSchema = z.object({});

/** Reads the moderation act back from a dedupe key `moderation:<act>:<postId>:<stamp>`. */
export function moderationActOf(dedupeKey: string): ModerationAct | null {
  const act = dedupeKey.split(":")[1];
  return (moderationActs as readonly string[]).includes(act ?? "") ? (act as ModerationAct) : null;
}

/** The message (in the "notifications" namespace) that says what a notification reports. */
export function notificationMessageKey(item: { kind: string; act: string | null; replyId: string | null }) {
  switch (item.kind) {
    case "mention":
      return "mention";
    case "reply_to_thread":
      return "reply";
    case "cycle_opened":
    case "cycle_reminder":
    case "consent_requested":
    case "milestone_reached":
    case "milestone_learned":
    case "milestone_dropped":
    case "pledge_released":
    case "join_requested":
    case "membership_approved":
    case "membership_declined":
    case "membership_invited":
    case "role_changed":
    case "membership_removed":
    case "gathering_planned":
    case "gathering_changed":
    case "gathering_cancelled":
    case "gathering_reminder":
    case "gathering_promoted":
    case "harvest_published":
    case "exchange_answered":
    case "exchange_message":
    case "exchange_matched":
    case "exchange_expiring":
    case "exchange_thanked":
    case "support_suggested":
    case "support_reviewed":
    case "gathering_proposed":
    case "commons_question":
    case "network_export_ready":
    case "webhook_disabled":
    case "commons_consent_asked":
    case "commons_blocked":
    case "commons_ready":
    case "commons_published":
    case "commons_withdrawn":
      return item.kind;
    default: {
      const act = item.act ?? "hide";
      return act === "lock" ? "lock_thread" : (`${act === "restore" ? "restore" : "hide"}_${item.replyId ? "reply" : "thread"}` as const);
    }
  }
}
