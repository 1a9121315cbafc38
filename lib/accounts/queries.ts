import "server-only";
import { db } from "@/lib/db/client";
import type { AppLocale } from "@/lib/i18n/config";

export async function getViewerLocale(userId: string): Promise<AppLocale | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { locale: true } });
  return user?.locale ?? null;
}

export async function getProfile(userId: string) {
  return db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, bio: true, locale: true, createdAt: true },
  });
}

/** Sign-in links still valid for this address: each lives ten minutes, so this counts recent requests. */
export async function countLiveSignInLinks(email: string): Promise<number> {
  return db().verificationToken.count({
    where: { identifier: email.trim().toLowerCase(), expires: { gt: new Date() } },
  });
}

/** Everything Kring keeps about one person, for "download my data". */
export async function exportAccountData(userId: string) {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      bio: true,
      locale: true,
      createdAt: true,
      updatedAt: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: {
          role: true,
          status: true,
          requestMessage: true,
          principlesAcceptedAt: true,
          joinedAt: true,
          createdAt: true,
          updatedAt: true,
          network: { select: { slug: true, name: true } },
        },
      },
      sessions: { select: { expires: true, createdAt: true } },
    },
  });
  if (!user) return null;
  const { sessions, ...rest } = user;
  return {
    format: "kring-account-export",
    version: 1,
    exportedAt: new Date().toISOString(),
    account: { ...rest, activeSessions: sessions.filter((s) => s.expires > new Date()).length },
  };
}
