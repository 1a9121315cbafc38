import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import type { EmailConfig } from "next-auth/providers/email";
import { authAdapter } from "@/lib/db/auth-adapter";
import { env } from "@/lib/env";
import { localeCookie, isLocale, negotiateLocale, type AppLocale } from "@/lib/i18n/config";
import { sendMail } from "@/lib/mail/transport";
import { magicLinkEmail } from "./magic-link-email";

/** Sign-in links expire after ten minutes and are deleted when used. */
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
    await sendMail(await magicLinkEmail(identifier, url, requestLocale(request)));
  },
};

function secret(): string | undefined {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  // Outside production a fixed secret keeps `npm run dev` a one-command start.
  return e.appEnv === "production" ? undefined : "kring-development-secret-do-not-use-in-production";
}

const nextAuth = NextAuth(() => ({
  adapter: authAdapter(),
  secret: secret(),
  trustHost: true,
  session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
  providers: [emailProvider],
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
  callbacks: {
    session({ session, user }) {
      session.user.id = user.id;
      // The profile's language, read with the session (lib/db/auth-adapter.ts), for lib/i18n/locale.ts.
      const locale = (user as { locale?: unknown }).locale;
      if (typeof locale === "string" || locale === null) Object.assign(session.user, { locale });
      return session;
    },
  },
}));

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
