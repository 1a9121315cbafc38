"use client";

import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/action-types";

/** Turns a field message code (`too_long|80`) into a translated sentence. */
export function useValidationMessage() {
  const t = useTranslations("validation");
  return (code: string) => {
    const [key = "invalid", limit] = code.split("|");
    return t.has(key) ? t(key, { limit: Number(limit ?? 0) }) : t("invalid");
  };
}

/**
 * The form-level outcome of an action: an error code, translated, announced to screen readers;
 * with a message for the whole form (`_form`, such as a rate limit's wait) after it.
 */
export function FormMessage({ state, success }: { state: FormState<unknown>; success?: string }) {
  const t = useTranslations("errors");
  const translate = useValidationMessage();
  if (!state) return null;
  if (state.ok) {
    return success ? (
      <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
        {success}
      </p>
    ) : null;
  }
  if (!state.code || (state.code === "invalid_input" && state.fieldErrors)) {
    return (
      <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
        {t("invalid_input")}
      </p>
    );
  }
  const more = (state.fieldErrors?._form ?? []).map(translate);
  return (
    <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
      {[t.has(state.code) ? t(state.code) : t("unexpected"), ...more].join(" ")}
    </p>
  );
}
