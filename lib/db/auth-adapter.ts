import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter, AdapterSession, AdapterUser } from "next-auth/adapters";
import { db } from "./client";

type SessionWithUser = {
  sessionToken: string;
  userId: string;
  expires: Date;
  id: string;
  email: string;
  emailVerified: Date | null;
  name: string | null;
  image: string | null;
  locale: string | null;
};

/**
 * Auth.js's Prisma adapter over Kring's client. Its declared parameter is the
 * classic `@prisma/client` type; the generated `prisma-client` has the same
 * delegates (user, account, session, verificationToken) at run time.
 *
 * Two changes: reading a session and its person, which every signed-in request does,
 * is one statement (a join) instead of the adapter's two; the person's language comes
 * along, so the page need not ask for it again (lib/i18n/locale.ts). And a new account
 * hears of the invitations sent to its address before it existed, as an existing account
 * would have at the time (decision 034).
 */
export function authAdapter(): Adapter {
  const base = PrismaAdapter(db() as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    ...base,
    async createUser(user: AdapterUser): Promise<AdapterUser> {
      const created = await base.createUser!(user);
      await db().$queryRaw`SELECT kring_notify_open_invitations(${created.id})`;
      return created;
    },
    async getSessionAndUser(sessionToken: string): Promise<{ session: AdapterSession; user: AdapterUser } | null> {
      const [row] = await db().$queryRaw<SessionWithUser[]>`
        SELECT s."sessionToken", s."userId", s.expires, u.id, u.email, u."emailVerified", u.name, u.image, u.locale::text AS locale
        FROM "Session" s JOIN "User" u ON u.id = s."userId"
        WHERE s."sessionToken" = ${sessionToken}`;
      if (!row) return null;
      const { sessionToken: token, userId, expires, ...user } = row;
      return { session: { sessionToken: token, userId, expires }, user: user as AdapterUser };
    },
  };
}
