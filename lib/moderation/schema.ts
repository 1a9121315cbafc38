import { z } from "zod";
import { idField as id, slugField as slug, textField as text } from "@/lib/form-fields";
import { areaSchema, levelSchema } from "@/lib/dialogue/schema";
import { MODERATION_REASON_MAX, REPORT_REASON_MAX } from "./limits";
export * from "./limits";

/** A reply id, or empty for the thread itself. */
const optionalReplyId = z
  .string()
  .max(64)
  .default("")
  .transform((s) => s || null);

/** A post: the thread itself (no replyId) or one of its replies. */
export const reportSchema = z.object({ slug, threadId: id, replyId: optionalReplyId, reason: text(REPORT_REASON_MAX) });
export const hidePostSchema = z.object({ slug, threadId: id, replyId: optionalReplyId, reason: text(MODERATION_REASON_MAX) });
export const restorePostSchema = z.object({ slug, threadId: id, replyId: optionalReplyId });
export const dismissReportSchema = z.object({ slug, reportId: id });
export const lockThreadSchema = z.object({ slug, threadId: id, reason: text(MODERATION_REASON_MAX) });
export const threadOnlySchema = z.object({ slug, threadId: id });
export const moveThreadSchema = z.object({ slug, threadId: id, level: levelSchema, area: areaSchema });

export type PostRef = { threadId: string; replyId: string | null };
