import { z } from "zod";

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** What a moderation notification says happened; kept in its dedupe key. */
const moderationActs = ["hide", "restore", "lock"] as const;
export type ModerationAct = (typeof moderationActs)[number];

export const notificationIdSchema = z.object({ id: z.string().min(1).max(64) });
export const markAllSchema = z.object({});

/** Reads the moderation act back from a dedupe key `moderation:<act>:<postId>:<stamp>`. */
export function moderationActOf(dedupeKey: string): ModerationAct | null {
  const act = dedupeKey.split(":")[1];
  return (moderationActs as readonly string[]).includes(act ?? "") ? (act as ModerationAct) : null;
}
