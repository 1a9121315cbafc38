import "server-only";
import { db, dbAcross } from "@/lib/db/client";
import type { AppLocale } from "@/lib/i18n/config";
import { memberNetworkIds } from "@/lib/networks/queries";

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

/** Everything Kring keeps about one person, for "download my data". */
export async function exportAccountData(userId: string) {
  // A reviewed cross-network read (decision 022): every network the person ever belonged to.
  const own = dbAcross(await memberNetworkIds(userId, { everStatus: true }));
  const user = await own.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      bio: true,
      locale: true,
      emailReminders: true,
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
      // Growth paths: their updates on milestones, and (as a funder) their pledges.
      updates: {
        orderBy: { createdAt: "asc" },
        select: { id: true, kind: true, body: true, progress: true, area: true, createdAt: true, network: { select: { slug: true } } },
      },
      pledges: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          amount: true,
          currency: true,
          condition: true,
          status: true,
          createdAt: true,
          network: { select: { slug: true } },
          milestone: { select: { title: true } },
        },
      },
    },
  });
  if (!user) return null;
  // What they wrote in syntheses and answered in consent rounds, in every network: the
  // person's own rows, found by their id (these tables keep the id, not a relation).
  const [synthesisRevisions, consentAnswers] = await Promise.all([
    own.$queryRaw<{ number: number; body: string; createdAt: Date; cycle: string; network: string }[]>`
      SELECT s.number, s.body, s."createdAt", c.title AS cycle, n.slug AS network
      FROM "SynthesisRevision" s
      JOIN "Cycle" c ON c.id = s."cycleId" AND c."networkId" = s."networkId"
      JOIN "Network" n ON n.id = s."networkId"
      WHERE s."authorId" = ${userId}
      ORDER BY s."createdAt"`,
    own.$queryRaw<{ answer: string; text: string; createdAt: Date; updatedAt: Date; cycle: string; network: string }[]>`
      SELECT a.answer::text AS answer, a.text, a."createdAt", a."updatedAt", c.title AS cycle, n.slug AS network
      FROM "ConsentAnswer" a
      JOIN "ConsentRound" r ON r.id = a."roundId" AND r."networkId" = a."networkId"
      JOIN "Cycle" c ON c.id = r."cycleId" AND c."networkId" = r."networkId"
      JOIN "Network" n ON n.id = a."networkId"
      WHERE a."userId" = ${userId}
      ORDER BY a."createdAt"`,
  ]);
  const { sessions, pledges, ...rest } = user;
  return {
    format: "kring-account-export",
    version: 1,
    exportedAt: new Date().toISOString(),
    account: {
      ...rest,
      // Money is integer minor units: as a string, exact (JSON numbers are not).
      pledges: pledges.map((p) => ({ ...p, amount: p.amount.toString() })),
      synthesisRevisions,
      consentAnswers,
      activeSessions: sessions.filter((s) => s.expires > new Date()).length,
    },
  };
}
