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
    select: { id: true, email: true, name: true, bio: true, locale: true, emailReminders: true, createdAt: true },
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
      // What the person wrote and was told, in every network (their own words, also where they left).
      threads: {
        orderBy: { createdAt: "asc" },
        select: { id: true, title: true, body: true, level: true, area: true, createdAt: true, network: { select: { slug: true } } },
      },
      replies: {
        orderBy: { createdAt: "asc" },
        select: { id: true, threadId: true, body: true, createdAt: true, editedAt: true, deletedAt: true, network: { select: { slug: true } } },
      },
      // Their own reflections only (drafts and "only for me" included: they are theirs).
      reflections: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          body: true,
          area: true,
          private: true,
          submittedAt: true,
          createdAt: true,
          updatedAt: true,
          network: { select: { slug: true } },
          cycle: { select: { title: true, question: true } },
        },
      },
      notifications: {
        orderBy: { createdAt: "asc" },
        select: { kind: true, threadId: true, replyId: true, readAt: true, createdAt: true, network: { select: { slug: true } } },
      },
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
