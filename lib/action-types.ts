import type { ErrorCode } from "./errors";

/**
 * What every server action returns to its form. `values` echoes what was typed so
 * a refused form keeps it; field errors are message codes translated at the form.
 */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code?: ErrorCode; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

export type FormState<T = null> = ActionResult<T> | null;
