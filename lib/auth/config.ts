import NextAuth, { type Session } from "next-auth";
import type { AdapterUser } from "next-auth/adapters";
import type { NextRequest } from "next/server";
import type { EmailConfig } from "next-auth/providers/email";
import { authAdapter } from "@/lib/db/auth-adapter";
import { env } from "@/lib/env";
import { localeCookie, isLocale, negotiateLocale, type AppLocale } from "@/lib/i18n/config";
import { isEmailLink } from "@/lib/mail/links";
import { deliverQueuedMail, enqueueMail } from "@/lib/mail/mutations";
import { magicLinkEmail } from "./magic-link-email";

/**
 * Sign-in links expire after ten minutes and are deleted when used.
 * @public tests/integration/auth.test.ts reads it through `vi.importActual`, which knip cannot follow.
 */
export const MAGIC_LINK_MAX_AGE_SECONDS = 10 * 60;
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

function requestLocale(request: Request): AppLocale {
  const cookie = request.headers
    .get("cookie")
    ?.split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === localeCookie)?.[1];
  return isLocale(cookie) ? cookie : negotiateLocale(request.headers.get("accept-language"));
}

const emailProvider: EmailConfig = {
  id: "email",
  type: "email",
  name: "Email",
  from: "Kring",
  maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
  options: {},
  async sendVerificationRequest({ identifier, url, request }) {
    // Auth.js builds the link from AUTH_URL, which `pinAuthUrl` sets; a link anywhere else is a bug.
    if (!isEmailLink(url)) throw new Error("A sign-in link must point at KRING_PUBLIC_URL");
    // Through the durable queue like every mail, then handed over at once: if the mail server
    // is away, the worker sends it when it is back (decision 032).
    const id = await enqueueMail({ kind: "sign_in", userId: null, ...(await magicLinkEmail(identifier, url, requestLocale(request))) });
    await deliverQueuedMail({ id });
  },
};

/**
 * Auth.js takes the address of its links and callbacks from AUTH_URL, and without it from the
 * request's Host / X-Forwarded-Host, which anyone can forge: a sign-in link for a victim's
 * address would then point at the attacker's host. So AUTH_URL is always set, from Kring's one
 * public address, before Auth.js reads it (the config function runs before every sign-in,
 * session read and route handler). Decision 029.
 */
function pinAuthUrl(): void {
  process.env.AUTH_URL = `${env().publicUrl}/api/auth`;
  delete process.env.NEXTAUTH_URL;
}

/**
 * What a session tells its reader, `GET /api/auth/session` included: the person's id, name and
 * language, and the expiry. Never the session token (Auth.js passes the whole database row,
 * and returning it would hand the HttpOnly cookie's value to any script on the page), nor
 * anything else of the account.
 */
function sessionPayload({ session, user }: { session: { expires: Date | string }; user: AdapterUser }): Session {
  const locale = (user as { locale?: unknown }).locale;
  const expires = session.expires instanceof Date ? session.expires.toISOString() : session.expires;
  return {
    user: { id: user.id, name: user.name ?? null, locale: typeof locale === "string" ? locale : null },
    expires,
  } as Session;
}

const nextAuth = NextAuth(() => {
  pinAuthUrl();
  return {
    adapter: authAdapter(),
    secret: env().signingSecret,
    // Auth.js checks the host only when AUTH_URL is unset; it is always set (`pinAuthUrl`).
    trustHost: true,
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    providers: [emailProvider],
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
    callbacks: { session: sessionPayload },
  };
});

export const { auth, signIn, signOut } = nextAuth;

/** Auth.js's POST /api/auth/signin and /api/auth/signin/<provider>. */
function isSignInPost(req: NextRequest): boolean {
  return /\/api\/auth\/signin(\/|$)/.test(req.nextUrl.pathname);
}

/**
 * Auth.js's route handlers, less one: a sign-in link is asked for through the sign-in form's
 * server action (`signInAction`), where the rate limits per address and per IP apply
 * (decision 018). Auth.js's own sign-in POST would send a link past them, and nothing in
 * Kring uses it, so it answers 404. The server action calls Auth.js directly, not over HTTP.
 */
export const handlers = {
  GET: nextAuth.handlers.GET,
  POST: (req: NextRequest): Promise<Response> =>
    isSignInPost(req) ? Promise.resolve(new Response(null, { status: 404 })) : nextAuth.handlers.POST(req),
};
