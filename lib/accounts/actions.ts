"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { signIn, signOut } from "@/lib/auth/config";
import { getViewer, requireViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { localeCookie } from "@/lib/i18n/config";
import { safeReturnPath } from "@/lib/safe-return-path";
import { deleteAccount, setLocale, updateProfile } from "./mutations";
import { countLiveSignInLinks } from "./queries";
import { deleteAccountSchema, localeSchema, MAX_LIVE_SIGN_IN_LINKS, profileSchema, signInSchema } from "./schema";

export async function updateProfileAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(profileSchema, form, async (input) => {
    const viewer = await requireViewer();
    await updateProfile(viewer.id, input);
    (await cookies()).set(localeCookie, input.locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
    revalidatePath("/", "layout");
    return null;
  });
}

/** Switches the language: remembered in a cookie, and in the profile when signed in. */
export async function switchLocaleAction(form: FormData): Promise<void> {
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
    // A handful of links per address per ten minutes; more is someone flooding an inbox.
    if ((await countLiveSignInLinks(email)) >= MAX_LIVE_SIGN_IN_LINKS) throw new AppError("rate_limited");
    await signIn("email", { email, redirectTo: safeReturnPath(callbackUrl), redirect: false });
    return null;
  });
  if (result.ok) redirect("/signin/check-email");
  return result;
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

/** Deletes the signed-in person's account after they typed their address. */
export async function deleteAccountAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const result = await runAction(deleteAccountSchema, form, async ({ confirmEmail }) => {
    const viewer = await requireViewer();
    if (confirmEmail.toLowerCase() !== viewer.email.toLowerCase()) {
      throw new AppError("invalid_input", { confirmEmail: ["confirm_mismatch"] });
    }
    // Sessions go with the account (cascade), so the browser's cookie no longer signs anyone in.
    await deleteAccount(viewer.id);
    revalidatePath("/", "layout");
    return null;
  });
  if (result.ok) redirect("/?deleted=1");
  return result;
}
