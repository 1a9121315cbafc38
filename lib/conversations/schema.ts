import { z } from "zod";
import { idField as id, markdownField, slugField as slug } from "@/lib/form-fields";
import { MESSAGE_MAX } from "./limits";
export * from "./limits";

/** A form's key for one submit: a double submit (or a retry) sends one message. */
const idempotencyKey = z.string({ error: "invalid" }).regex(/^[A-Za-z0-9_-]{16,64}$/, "invalid");

/** "I can help" / "I'm interested": a conversation on a post, with its first message. */
export const startConversationSchema = z.object({ slug, postId: id, body: markdownField(MESSAGE_MAX), idempotencyKey });

/** A message in a conversation one takes part in. */
export const sendMessageSchema = z.object({ slug, conversationId: id, body: markdownField(MESSAGE_MAX), idempotencyKey });
