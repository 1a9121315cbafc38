import type { ErrorCode } from "./errors";

/**
 * What every server action returns to its form. `values` echoes what was typed so a refused form
 * keeps it. A refusal says why twice: as codes (`code`, and `fieldErrors` such as `too_long|80`)
 * for tests and code that acts on them, and as sentences in the viewer's language (`message` for
 * the whole form, `fieldMessages` per field, in the same order as the codes), translated on the
 * server as the action answers, so no page sends the browser every error text it might need.
 */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | {
      ok: false;
      code?: ErrorCode;
      fieldErrors?: Record<string, string[]>;
      values?: Record<string, string>;
      message?: string;
      fieldMessages?: Record<string, string[]>;
    };

export type FormState<T = null> = ActionResult<T> | null;
