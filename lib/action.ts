import "server-only";
import { channel } from "node:diagnostics_channel";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { getViewer } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { negotiateLocale } from "@/lib/i18n/config";
import { resolveLocale } from "@/lib/i18n/locale";
import { loadMessages } from "@/lib/i18n/messages";
import { withinRateLimits } from "@/lib/rate-limit/mutations";
import { clientAddress, writeChecks, type RateCheck } from "@/lib/rate-limit/policy";
import type { ActionResult } from "./action-types";
import { isAppError } from "./errors";

export type { ActionResult } from "./action-types";

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
 * How an action counts against the writes budget (KRING_RATE_WRITES, decision 028).
 * - Counted, the default: `field` names the form's main field, where the wait is shown
 *   (otherwise the form shows the `rate_limited` message with the wait, under `_form`).
 * - `none`: not counted, with the reason written out (`notRateLimited`).
 */
type RateLimitOption = { field?: string } | { none: string };

export type ActionOptions = { rateLimit?: RateLimitOption };

/**
 * Published each time an action runs outside the writes budget, with its reason. Nothing in
 * the app listens; the tests do, and fail every action that is neither counted nor declared.
 */
export const unlimitedActionChannel = channel("kring:action:not-rate-limited");

/**
 * Declares that the running action is not counted against the writes budget, and why (for
 * an action that does not go through `runAction`; inside it, `{ rateLimit: { none } }`).
 */
export function notRateLimited(reason: string): void {
  if (unlimitedActionChannel.hasSubscribers) unlimitedActionChannel.publish({ reason });
}

/** The caller's writes budget: the signed-in person's, else the client IP's (none when unknown). */
async function writeBudget(): Promise<RateCheck[]> {
  const viewer = await getViewer();
  if (viewer) return writeChecks({ userId: viewer.id });
  const ip = clientAddress((await headers()).get("x-forwarded-for"), env().trustedProxies);
  return ip ? writeChecks({ ip }) : [];
}

type Refusal = Extract<ActionResult<never>, { ok: false }>;

/**
 * A refusal with its sentences in the viewer's language (see ActionResult): the form's message is
 * the code's sentence followed by the form-wide field messages (a rate limit's wait), or, when the
 * input was invalid field by field, the general "check the fields" with each field's own message.
 */
async function explained(refusal: Refusal): Promise<Refusal> {
  // The profile's language needs the database, which may be what failed: then the browser's.
  const locale = await resolveLocale().catch(async () => negotiateLocale((await headers()).get("accept-language")));
  const messages = await loadMessages(locale);
  const errors = createTranslator({ locale, messages, namespace: "errors" });
  const validation = createTranslator({ locale, messages, namespace: "validation" });
  type ValidationKey = Parameters<typeof validation>[0];
  type ErrorKey = Parameters<typeof errors>[0];
  const field = (code: string) => {
    const [key = "invalid", limit] = code.split("|");
    return validation.has(key as ValidationKey) ? validation(key as ValidationKey, { limit: Number(limit ?? 0) }) : validation("invalid");
  };
  const fieldMessages = refusal.fieldErrors
    ? Object.fromEntries(Object.entries(refusal.fieldErrors).map(([name, codes]) => [name, codes.map(field)]))
    : undefined;
  const { code } = refusal;
  const message =
    !code || (code === "invalid_input" && refusal.fieldErrors)
      ? errors("invalid_input")
      : [errors.has(code as ErrorKey) ? errors(code as ErrorKey) : errors("unexpected"), ...(fieldMessages?._form ?? [])].join(" ");
  return fieldMessages ? { ...refusal, message, fieldMessages } : { ...refusal, message };
}

/**
 * The action pipeline's frame: parse with zod, then run `body`, which loads the
 * session and membership, checks the policy, writes and revalidates. AppErrors
 * become codes; anything else is logged and reported as `unexpected`.
 * Redirects and notFound() pass through.
 *
 * Every action counts against the caller's writes budget (decision 028) unless its options
 * say `rateLimit: { none: "<why>" }`: a hit is counted before `body` and refunded when `body`
 * fails, so refusals and invalid input cost nothing, and over the budget the action answers
 * `rate_limited` (the wait in minutes as a field message) without running `body`.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  body: (data: z.output<S>) => Promise<T>,
  options: ActionOptions = {},
): Promise<ActionResult<T>> {
  const values = formValues(input);
  // PostgreSQL text cannot hold U+0000: refuse it here, as a field error, for every form
  // (and for a plain object, which a client can send to a server action just as well).
  const strings = values ?? plainStrings(input);
  const withNul = Object.keys(strings).filter((key) => strings[key]?.includes("\u0000"));
  if (withNul.length) {
    return explained({ ok: false, code: "invalid_input", fieldErrors: Object.fromEntries(withNul.map((k) => [k, ["invalid"]])), values });
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
    return explained({ ok: false, code: "invalid_input", fieldErrors, values });
  }
  try {
    const limit = options.rateLimit ?? {};
    if ("none" in limit) {
      notRateLimited(limit.none);
      return { ok: true, data: await body(parsed.data) };
    }
    const data = await withinRateLimits(await writeBudget(), { field: limit.field ?? "_form" }, () => body(parsed.data));
    return { ok: true, data };
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error)) {
      return explained(error.fieldErrors ? { ok: false, code: error.code, fieldErrors: error.fieldErrors, values } : { ok: false, code: error.code, values });
    }
    console.error("[kring] action failed", error);
    return explained({ ok: false, code: "unexpected", values });
  }
}
