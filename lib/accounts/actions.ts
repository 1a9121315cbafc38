"use server";

import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { notRateLimited, runAction, type ActionResult } from "@/lib/action";
import { signIn, signOut } from "@/lib/auth/config";
import { getViewer, requireViewer } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { localeCookie } from "@/lib/i18n/config";
import { withinRateLimits } from "@/lib/rate-limit/mutations";
import { clientAddress, signInChecks } from "@/lib/rate-limit/policy";
import { safeReturnPath } from "@/lib/safe-return-path";
import { requireMember } from "@/lib/membership/scope";
import { verifyUnsubscribeToken } from "@/lib/mail/token";
import { AppError } from "@/lib/errors";
import { deleteAccount, setExportEmail, setLocale, setNetworkEmail, undoUnsubscribe, updateEmailSettings, updateProfile } from "./mutations";
import {
  deleteAccountSchema,
  emailSettingsSchema,
  exportEmailSchema,
  localeSchema,
  networkEmailSchema,
  profileSchema,
  signInSchema,
  undoUnsubscribeSchema,
} from "./schema";

export async function updateProfileAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(profileSchema, form, async (input) => {
    const viewer = await requireViewer();
    await updateProfile(viewer.id, input);
    (await cookies()).set(localeCookie, input.locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
    revalidatePath("/", "layout");
    return null;
  });
}

/** The person's email settings (profile, issue 17). */
export async function updateEmailSettingsAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(emailSettingsSchema, form, async (input) => {
    const viewer = await requireViewer();
    await updateEmailSettings(viewer.id, input);
    revalidatePath("/profile");
    return null;
  });
}

/** One network's own email frequency for the caller; only their own membership changes. */
export async function setNetworkEmailAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(networkEmailSchema, form, async (input) => {
    const scope = await requireMember(input.slug);
    await setNetworkEmail(scope, input.frequency);
    revalidatePath("/profile");
    return null;
  });
}

/** The person allows (or no longer allows) their email address in one network's export. */
export async function setExportEmailAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(exportEmailSchema, form, async (input) => {
    const scope = await requireMember(input.slug);
    await setExportEmail(scope, input.allow === "on");
    revalidatePath("/profile");
    return null;
  });
}

/**
 * Turns email back on after an unsubscribe link, as it was before. No session: the link's
 * signed token is the authority, as for the one-click unsubscribe it undoes.
 */
export async function undoUnsubscribeAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(undoUnsubscribeSchema, form, async (input) => {
    const scope = verifyUnsubscribeToken(input.token);
    if (!scope || "expired" in scope) throw new AppError("not_found");
    await undoUnsubscribe(scope, input.frequency);
    return null;
  });
}

/** Switches the language: remembered in a cookie, and in the profile when signed in. */
export async function switchLocaleAction(form: FormData): Promise<void> {
  // A server action is a public endpoint: a client can send anything, not only the form.
  if (!(form instanceof FormData)) return;
  notRateLimited("writes only the caller's own language (a cookie, and the profile when signed in); refusing it would leave the page in a language the person may not read");
  const parsed = localeSchema.safeParse({ locale: form.get("locale"), returnTo: form.get("returnTo") ?? "/" });
  if (!parsed.success) return;
  (await cookies()).set(localeCookie, parsed.data.locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  const viewer = await getViewer();
  if (viewer) await setLocale(viewer.id, parsed.data.locale);
  revalidatePath("/", "layout");
  redirect(safeReturnPath(parsed.data.returnTo));
}

/** Sends a sign-in link; Auth.js redirects to the "check your email" page. */
export async function signInAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const result = await runAction(signInSchema, form, async ({ email, callbackUrl }) => {
    // Per address (someone flooding an inbox) and per client IP (someone spraying addresses):
    // KRING_RATE_SIGNIN_PER_ADDRESS / _PER_IP, decision 018. Auth.js's own sign-in POST is
    // closed (lib/auth/config.ts), so this is the only way to ask for a link.
    const ip = clientAddress((await headers()).get("x-forwarded-for"), env().trustedProxies);
    await withinRateLimits(signInChecks(email, ip), { field: "email" }, () =>
      signIn("email", { email, redirectTo: safeReturnPath(callbackUrl), redirect: false }),
    );
    return null;
  }, { rateLimit: { none: "sign-in links have their own limits, per address and per client IP (KRING_RATE_SIGNIN_*), and a visitor asking for one has no person to count against" } });
  if (result.ok) redirect("/signin/check-email");
  return result;
}

export async function signOutAction(): Promise<void> {
  notRateLimited("ends the caller's own session: signing out must always work, also for someone over their budget on a shared computer");
  await signOut({ redirectTo: "/" });
}

/** Deletes the signed-in person's account after they typed their address. */
export async function deleteAccountAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const result = await runAction(deleteAccountSchema, form, async ({ confirmEmail }) => {
    const viewer = await requireViewer();
    // Sessions go with the account (cascade), so the browser's cookie no longer signs anyone in.
    await deleteAccount(viewer.id, confirmEmail);
    revalidatePath("/", "layout");
    return null;
  }, { rateLimit: { none: "deletes the caller's own account, which happens once: leaving Kring must always be possible" } });
  if (result.ok) redirect("/?deleted=1");
  return result;
}
