import "server-only";
import { db, dbAcross } from "@/lib/db/client";
import { questionNetworkIds } from "@/lib/commons/queries";
import type { AppLocale } from "@/lib/i18n/config";
import { memberNetworkIds } from "@/lib/networks/queries";
import { notificationNetworkIds } from "@/lib/notifications/queries";

export async function getViewerLocale(userId: string): Promise<AppLocale | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { locale: true } });
  return user?.locale ?? null;
}

/**
 * The names of people by id, in one query: rows keep ids (authors, answers, revisions) and
 * people may have left or have no name (null). Users are not tenant rows.
 */
export async function displayNames(ids: (string | null)[]): Promise<Map<string, string | null>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db().user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** What the person set about themselves: the profile page shows it, the data export holds it. */
const PROFILE_FIELDS = {
  id: true,
  email: true,
  name: true,
  bio: true,
  locale: true,
  emailFrequency: true,
  digestHour: true,
  digestWeekday: true,
  timeZone: true,
  emailRefusedAt: true,
  createdAt: true,
} as const;

export async function getProfile(userId: string) {
  return db().user.findUnique({
    where: { id: userId },
    select: {
      ...PROFILE_FIELDS,
    },
  });
}

/** A synthesis revision the person wrote, with its cycle's title and network's slug. */
type OwnSynthesisRevisionRow = { number: number; body: string; createdAt: Date; cycleId: string; cycle: string; networkId: string; network: string };
/** A consent answer the person gave, with its cycle's title and network's slug. */
/** A gathering the person answered, hosted or came to, with their answer and note. */
type OwnGatheringRow = {
  gatheringId: string;
  gathering: string;
  startsAt: Date;
  answer: string | null;
  note: string | null;
  came: boolean;
  hosted: boolean;
  networkId: string;
  network: string;
};

type OwnExchangeMessageRow = { id: string; conversationId: string; postId: string; body: string; createdAt: Date; network: string };

type OwnConsentAnswerRow = {
  answer: string;
  text: string;
  createdAt: Date;
  updatedAt: Date;
  cycleId: string;
  cycle: string;
  networkId: string;
  network: string;
};

/** Everything Kring keeps about one person, for "download my data". */
export async function exportAccountData(userId: string) {
  // A reviewed cross-network read (decision 022): every network the person ever belonged to, and
  // those with an open invitation to their address (its news is theirs, decision 034).
  // And those where they asked about an item the network shared (decision 045), member or not.
  const [ever, invitedTo, asked] = await Promise.all([
    memberNetworkIds(userId, { everStatus: true }),
    notificationNetworkIds(userId),
    questionNetworkIds(userId),
  ]);
  const own = dbAcross([...new Set([...ever, ...invitedTo, ...asked])]);
  const user = await own.user.findUnique({
    where: { id: userId },
    select: {
      ...PROFILE_FIELDS,
      updatedAt: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: {
          role: true,
          status: true,
          requestMessage: true,
          principlesAcceptedAt: true,
          joinedAt: true,
          emailFrequency: true,
          // "I can help with" (decision 041): what they said about themselves in that network.
          helpTags: true,
          createdAt: true,
          updatedAt: true,
          networkId: true,
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
          networkId: true,
          cycleId: true,
          network: { select: { slug: true } },
          cycle: { select: { title: true, question: true } },
        },
      },
      notifications: {
        orderBy: { createdAt: "asc" },
        select: {
          kind: true,
          threadId: true,
          replyId: true,
          milestoneId: true,
          gatheringId: true,
          exchangePostId: true,
          conversationId: true,
          supportEntryId: true,
          commonsProposalId: true,
          role: true,
          note: true,
          readAt: true,
          createdAt: true,
          network: { select: { slug: true } },
        },
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
          networkId: true,
          milestoneId: true,
          network: { select: { slug: true } },
          milestone: { select: { title: true } },
        },
      },
    },
  });
  if (!user) return null;
  // What they wrote in syntheses and answered in consent rounds, in every network: the
  // person's own rows, found by their id (these tables keep the id, not a relation).
  const [synthesisRevisions, consentAnswers, gatherings, exchangeMessages, commonsQuestions] = await Promise.all([
    own.$queryRaw<OwnSynthesisRevisionRow[]>`
      SELECT s.number, s.body, s."createdAt", s."cycleId", c.title AS cycle, s."networkId", n.slug AS network
      FROM "SynthesisRevision" s
      JOIN "Cycle" c ON c.id = s."cycleId" AND c."networkId" = s."networkId"
      JOIN "Network" n ON n.id = s."networkId"
      WHERE s."authorId" = ${userId}
      ORDER BY s."createdAt"`,
    own.$queryRaw<OwnConsentAnswerRow[]>`
      SELECT a.answer::text AS answer, a.text, a."createdAt", a."updatedAt", r."cycleId", c.title AS cycle, a."networkId", n.slug AS network
      FROM "ConsentAnswer" a
      JOIN "ConsentRound" r ON r.id = a."roundId" AND r."networkId" = a."networkId"
      JOIN "Cycle" c ON c.id = r."cycleId" AND c."networkId" = r."networkId"
      JOIN "Network" n ON n.id = a."networkId"
      WHERE a."userId" = ${userId}
      ORDER BY a."createdAt"`,
    // Gatherings (decision 036): their answers and notes, whether they came, whether they hosted.
    own.$queryRaw<OwnGatheringRow[]>`
      SELECT g.id AS "gatheringId", g.title AS gathering, g."startsAt", r.status::text AS answer, r.note,
             EXISTS (SELECT 1 FROM "Attendance" a WHERE a."networkId" = g."networkId" AND a."gatheringId" = g.id AND a."userId" = ${userId}) AS came,
             EXISTS (SELECT 1 FROM "GatheringHost" h WHERE h."networkId" = g."networkId" AND h."gatheringId" = g.id AND h."userId" = ${userId}) AS hosted,
             g."networkId", n.slug AS network
      FROM "Gathering" g
      JOIN "Network" n ON n.id = g."networkId"
      LEFT JOIN "Rsvp" r ON r."networkId" = g."networkId" AND r."gatheringId" = g.id AND r."userId" = ${userId}
      WHERE r.id IS NOT NULL
         OR EXISTS (SELECT 1 FROM "Attendance" a WHERE a."networkId" = g."networkId" AND a."gatheringId" = g.id AND a."userId" = ${userId})
         OR EXISTS (SELECT 1 FROM "GatheringHost" h WHERE h."networkId" = g."networkId" AND h."gatheringId" = g.id AND h."userId" = ${userId})
      ORDER BY g."startsAt", g.id`,
    // The messages they sent in the exchange's private conversations (decision 039): their own
    // words only; the other person's stay theirs.
    own.$queryRaw<OwnExchangeMessageRow[]>`
      SELECT x.id, x."conversationId", c."postId", x.body, x."createdAt", n.slug AS network
      FROM "ExchangeMessage" x
      JOIN "ExchangeConversation" c ON c.id = x."conversationId" AND c."networkId" = x."networkId"
      JOIN "Network" n ON n.id = x."networkId"
      WHERE x."senderId" = ${userId}
      ORDER BY x."createdAt", x.id`,
    // Their questions to the networks whose shared items they read (decision 045), with the commons item asked about.
    asked.length
      ? own.commonsQuestion.findMany({
          where: { networkId: { in: asked }, askerId: userId },
          select: { itemId: true, body: true, replyEmail: true, createdAt: true },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        })
      : Promise.resolve([]),
  ]);
  // Where the person is no longer an active member (they left, or were removed or refused),
  // their download holds their own records only: what the network wrote (its name, a cycle's
  // title and question, a milestone's title) can change after they left, and they may no
  // longer see it. Such rows name the network by slug and the cycle or milestone by id.
  const active = new Set(await memberNetworkIds(userId));
  const { sessions, pledges, memberships, reflections, ...rest } = user;
  return {
    format: "kring-account-export",
    version: 2,
    exportedAt: new Date().toISOString(),
    account: {
      ...rest,
      memberships: memberships.map(({ networkId, network, ...m }) => ({
        ...m,
        network: active.has(networkId) ? network : { slug: network.slug },
      })),
      reflections: reflections.map(({ networkId, cycle, ...r }) => (active.has(networkId) ? { ...r, cycle } : r)),
      // Money is integer minor units: as a string, exact (JSON numbers are not).
      pledges: pledges.map(({ networkId, milestone, ...p }) => ({
        ...p,
        amount: p.amount.toString(),
        ...(active.has(networkId) ? { milestone } : {}),
      })),
      synthesisRevisions: synthesisRevisions.map(({ networkId, cycle, ...r }) => (active.has(networkId) ? { ...r, cycle } : r)),
      consentAnswers: consentAnswers.map(({ networkId, cycle, ...a }) => (active.has(networkId) ? { ...a, cycle } : a)),
      gatherings: gatherings.map(({ networkId, gathering, ...g }) => (active.has(networkId) ? { ...g, gathering } : g)),
      exchangeMessages,
      commonsQuestions,
      activeSessions: sessions.filter((s) => s.expires > new Date()).length,
    },
  };
}

/** The person's active networks with their own email frequency there and whether their address may be in its export (the profile). */
export async function listNetworkEmailSettings(userId: string) {
  // A reviewed cross-network read (decision 022): the person's own active networks.
  const networkIds = await memberNetworkIds(userId);
  const memberships = await dbAcross(networkIds).membership.findMany({
    where: { networkId: { in: networkIds }, userId, status: "active" },
    orderBy: { network: { name: "asc" } },
    select: { emailFrequency: true, emailInExport: true, network: { select: { slug: true, name: true } } },
  });
  return memberships.map((m) => ({ slug: m.network.slug, name: m.network.name, frequency: m.emailFrequency, emailInExport: m.emailInExport }));
}

/** What an unsubscribe link's page shows: the network's name and the frequency there now. */
export async function findUnsubscribeState(scope: { userId: string; networkId: string | null }) {
  if (!scope.networkId) {
    const user = await db().user.findUnique({ where: { id: scope.userId }, select: { emailFrequency: true } });
    return user ? { network: null, frequency: user.emailFrequency } : null;
  }
  // The one network a verified token names (decision 022).
  const membership = await dbAcross([scope.networkId]).membership.findFirst({
    where: { networkId: scope.networkId, userId: scope.userId },
    select: { emailFrequency: true, network: { select: { name: true } } },
  });
  return membership ? { network: membership.network.name, frequency: membership.emailFrequency } : null;
}
