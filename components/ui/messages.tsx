"use client";

import type { FormState } from "@/lib/action-types";

/**
 * The messages of one field of a refused form, in the viewer's language: the server translated
 * them as the action answered (lib/action.ts), so no page sends the browser the message texts.
 */
export function fieldMessages(state: FormState<unknown>, name: string): string[] {
  return state && !state.ok ? (state.fieldMessages?.[name] ?? []) : [];
}

/**
 * The form-level outcome of an action, announced to screen readers: the success text given, or the
 * refusal's sentence as the server wrote it (with a message for the whole form, such as a rate
 * limit's wait, after it).
 */
export function FormMessage({ state, success }: { state: FormState<unknown>; success?: string }) {
  if (!state) return null;
  if (state.ok) {
    return success ? (
      <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
        {success}
      </p>
    ) : null;
  }
  return state.message ? (
    <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
      {state.message}
    </p>
  ) : null;
}
