import NextAuth from "next-auth";
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

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: authAdapter(),
  secret: secret(),
  trustHost: true,
  session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
  providers: [emailProvider],
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
  callbacks: {
    session({ session, user }) {
      session.user.id = user.id;
      return session;
    },
  },
}));
