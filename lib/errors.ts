/**
 * Errors travel as codes. Inside the server a typed AppError is thrown; at the
 * edge (actions, pages) it becomes `{ ok: false, code }` or a 404, and the code
 * is translated under `errors.<code>`. Exception text never reaches a client.
 */
export const errorCodes = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "slug_taken",
  "already_member",
  "already_requested",
  "join_closed",
  "principles_not_accepted",
  "last_broker",
  "sole_broker",
  "invitation_invalid",
  "invitation_expired",
  "invitation_revoked",
  "invitation_used",
  "rate_limited",
  "not_member",
  "thread_locked",
  "thread_hidden",
  "reply_deleted",
  "post_hidden",
  "already_reported",
  "report_closed",
  "cycle_already_open",
  "cycle_not_open",
  "reflect_phase_over",
  "reflection_changed",
  "milestone_closed",
  "initiative_ended",
  "milestone_not_reached",
  "invalid_transition",
  "pledge_released",
  "pledge_withdrawn",
  "currency_mismatch",
  "we_phase_only",
  "synthesis_conflict",
  "synthesis_missing",
  "consent_outdated",
  "consent_missing",
  "objection_unhandled",
  "gathering_cancelled",
  "gathering_past",
  "harvest_too_early",
  "harvest_gathering_cancelled",
  "harvest_not_written",
  "exchange_closed",
  "conversation_post_closed",
  "conversation_closed",
  "commons_withdrawn",
  "commons_questions_closed",
  "export_running",
  "export_limit",
  "commons_already_shared",
  "commons_not_shareable",
  "commons_not_asked",
  "commons_already_answered",
  "commons_not_ready",
  "commons_closed",
  "webhook_off",
  "invalid_input",
  "unexpected",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Optional field-level messages, for errors that belong to one field (a taken slug). */
  readonly fieldErrors?: Record<string, string[]>;
  constructor(code: ErrorCode, fieldErrors?: Record<string, string[]>) {
    super(code);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
