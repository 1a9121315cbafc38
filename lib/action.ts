import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { ActionResult } from "./action-types";
import { isAppError } from "./errors";

export type { ActionResult, FormState } from "./action-types";

function formValues(input: unknown): Record<string, string> | undefined {
  if (!(input instanceof FormData)) return undefined;
  const values: Record<string, string> = {};
  for (const [key, value] of input.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}

function formObject(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const object: Record<string, string> = {};
  for (const [key, value] of input.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) object[key] = value;
  }
  return object;
}

/** A field message code: `required`, `too_long|80`. */
const FIELD_CODE = /^[a-z_]+(\|\d+)?$/;

/** The string values of a plain object an action was called with (not FormData). */
function plainStrings(input: unknown): Record<string, string> {
  if (typeof input !== "object" || input === null || input instanceof FormData) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) if (typeof value === "string") out[key] = value;
  return out;
}

/**
 * The action pipeline's frame: parse with zod, then run `body`, which loads the
 * session and membership, checks the policy, writes and revalidates. AppErrors
 * become codes; anything else is logged and reported as `unexpected`.
 * Redirects and notFound() pass through.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  body: (data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const values = formValues(input);
  // PostgreSQL text cannot hold U+0000: refuse it here, as a field error, for every form
  // (and for a plain object, which a client can send to a server action just as well).
  const strings = values ?? plainStrings(input);
  const withNul = Object.keys(strings).filter((key) => strings[key]?.includes("\u0000"));
  if (withNul.length) {
    return { ok: false, code: "invalid_input", fieldErrors: Object.fromEntries(withNul.map((k) => [k, ["invalid"]])), values };
  }
  const parsed = schema.safeParse(formObject(input));
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join(".") || "_form";
      // Messages are codes the forms translate; zod's own sentences (a value of the wrong type
      // sent by hand) are not, and never reach a client: they become `invalid`.
      (fieldErrors[key] ??= []).push(FIELD_CODE.test(issue.message) ? issue.message : "invalid");
    }
    return { ok: false, code: "invalid_input", fieldErrors, values };
  }
  try {
    return { ok: true, data: await body(parsed.data) };
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error)) {
      return error.fieldErrors
        ? { ok: false, code: error.code, fieldErrors: error.fieldErrors, values }
        : { ok: false, code: error.code, values };
    }
    console.error("[kring] action failed", error);
    return { ok: false, code: "unexpected", values };
  }
}
