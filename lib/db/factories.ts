import "server-only";
import type { Db } from "./client";
import type { Prisma } from "./generated/client";
import type {
  Area,
  GrowthStage,
  InitiativeStatus,
  JoinPolicy,
  Level,
  Locale,
  MembershipStatus,
  MilestoneStatus,
  Role,
  UpdateKind,
  Visibility,
} from "./generated/enums";

/**
 * Record builders shared by the demo seed and the tests, so both make rows the
 * way the app does. They write directly and skip the audit log; use the domain
 * mutations when a test is about behaviour.
 */
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function makeUser(
  prisma: Db,
  data: { email?: string; name?: string | null; bio?: string; locale?: Locale | null } = {},
) {
  return prisma.user.create({
    data: {
      email: data.email ?? `person-${unique()}@example.test`,
      name: data.name === undefined ? "Test Person" : data.name,
      bio: data.bio ?? "",
      locale: data.locale ?? null,
      emailVerified: new Date(),
    },
  });
}

export async function makeNetwork(
  prisma: Db,
  data: {
    slug?: string;
    name?: string;
    purpose?: string;
    workingQuestion?: string;
    principles?: string[];
    visibility?: Visibility;
    joinPolicy?: JoinPolicy;
    locale?: Locale;
    brokerId: string;
  },
) {
  const now = new Date();
  return prisma.network.create({
    data: {
      slug: data.slug ?? `network-${unique()}`,
      name: data.name ?? "Test network",
      purpose: data.purpose ?? "A network for tests.",
      workingQuestion: data.workingQuestion ?? "What are we working on?",
      principles: data.principles ?? ["No one has a monopoly on the truth."],
      visibility: data.visibility ?? "public",
      joinPolicy: data.joinPolicy ?? "open",
      locale: data.locale ?? "en",
      memberships: {
        create: { userId: data.brokerId, role: "broker", status: "active", principlesAcceptedAt: now, joinedAt: now },
      },
    },
  });
}

export async function makeMembership(
  prisma: Db,
  data: { networkId: string; userId: string; role?: Role; status?: MembershipStatus; requestMessage?: string },
) {
  const now = new Date();
  const status = data.status ?? "active";
  return prisma.membership.create({
    data: {
      networkId: data.networkId,
      userId: data.userId,
      role: data.role ?? "member",
      status,
      requestMessage: data.requestMessage ?? "",
      principlesAcceptedAt: now,
      joinedAt: status === "active" ? now : null,
    },
  });
}

/**
 * A thread, with its replies written in the same step and the counters the app keeps
 * (`replyCount`, `lastActivityAt` at the last reply) set to match. Other columns (locked,
 * pinned, hidden, times) pass through as given.
 */
export async function makeThread(
  prisma: Db,
  data: {
    networkId: string;
    authorId: string | null;
    title?: string;
    body?: string;
    level?: Level;
    area?: Area;
    createdAt?: Date;
    lastActivityAt?: Date;
    replies?: { authorId: string | null; body: string; createdAt?: Date }[];
  } & Partial<Pick<Prisma.ThreadUncheckedCreateInput, "lockedAt" | "lockReason" | "pinnedAt" | "hiddenAt" | "hiddenReason">>,
) {
  const { replies = [], title = "Test thread", ...rest } = data;
  const lastReplyAt = replies.at(-1)?.createdAt;
  return prisma.thread.create({
    data: {
      ...rest,
      title,
      body: data.body ?? `Body of ${title}`,
      level: data.level ?? "network",
      area: data.area ?? "means",
      replyCount: replies.length,
      lastActivityAt: data.lastActivityAt ?? lastReplyAt ?? data.createdAt,
      replies: {
        create: replies.map((r) => ({ networkId: data.networkId, authorId: r.authorId, body: r.body, createdAt: r.createdAt })),
      },
    },
    select: { id: true },
  });
}

/** A reply to an existing thread, counted on the thread as the app does (one more reply, later activity). */
export async function makeReply(
  prisma: Db,
  data: { networkId: string; threadId: string; authorId: string | null; body: string; createdAt?: Date } & Partial<
    Pick<Prisma.ReplyUncheckedCreateInput, "hiddenAt" | "hiddenReason" | "quotedReplyId">
  >,
) {
  const createdAt = data.createdAt ?? new Date();
  const reply = await prisma.reply.create({ data: { ...data, createdAt }, select: { id: true } });
  await prisma.thread.update({
    where: { id: data.threadId, networkId: data.networkId },
    data: { replyCount: { increment: 1 }, lastActivityAt: createdAt },
  });
  return reply;
}

/** A reflection cycle, open (in its I phase unless `advancedToWeAt` says otherwise). */
export async function makeCycle(
  prisma: Db,
  data: {
    networkId: string;
    openedById: string | null;
    title?: string;
    question?: string;
    iDeadline: Date;
    weDeadline: Date;
    createdAt?: Date;
  },
) {
  return prisma.cycle.create({
    data: { ...data, title: data.title ?? "Test cycle", question: data.question ?? "What are we working on?" },
    select: { id: true },
  });
}

/** A reflection, submitted at `submittedAt` (a draft when it is null). */
export async function makeReflection(
  prisma: Db,
  data: { networkId: string; cycleId: string; authorId: string; body: string; area?: Area; submittedAt?: Date | null; createdAt?: Date },
) {
  return prisma.reflection.create({ data: { ...data, area: data.area ?? "means" }, select: { id: true } });
}

/** An initiative with its team. */
export async function makeInitiative(
  prisma: Db,
  data: {
    networkId: string;
    createdById: string | null;
    name?: string;
    description?: string;
    systemChange?: string;
    status?: InitiativeStatus;
    team?: string[];
    createdAt?: Date;
  },
) {
  const { team = [], ...rest } = data;
  const initiative = await prisma.initiative.create({
    data: {
      ...rest,
      name: data.name ?? "Test initiative",
      description: data.description ?? "An initiative for tests.",
      systemChange: data.systemChange ?? "A change in the system.",
    },
    select: { id: true },
  });
  await prisma.initiativeMember.createMany({
    data: team.map((userId) => ({ networkId: data.networkId, initiativeId: initiative.id, userId })),
  });
  return initiative;
}

/** A milestone on an initiative's growth path, in EUR unless told otherwise; `targetDate` is a calendar day (UTC). */
export async function makeMilestone(
  prisma: Db,
  data: {
    networkId: string;
    initiativeId: string;
    position: number;
    title?: string;
    unlocks?: string;
    targetDate?: Date | null;
    amountNeeded: bigint;
    currency?: string;
    status?: MilestoneStatus;
    progress?: number;
    closingNote?: string;
    closedAt?: Date | null;
    stage?: GrowthStage | null;
  },
) {
  return prisma.milestone.create({
    data: { ...data, title: data.title ?? `Milestone ${data.position + 1}`, unlocks: data.unlocks ?? "" },
    select: { id: true },
  });
}

/** A progress update, evidence or lesson on a milestone. */
export async function makeMilestoneUpdate(
  prisma: Db,
  data: {
    networkId: string;
    initiativeId: string;
    milestoneId: string;
    authorId: string | null;
    kind: UpdateKind;
    body: string;
    progress?: number | null;
    area?: Area | null;
    createdAt?: Date;
  },
) {
  return prisma.milestoneUpdate.create({ data, select: { id: true } });
}

/** A funder's pledge to a milestone (the funding triggers keep the rollups). */
export async function makePledge(
  prisma: Db,
  data: {
    networkId: string;
    milestoneId: string;
    funderId: string | null;
    amount: bigint;
    currency?: string;
    condition?: string;
    idempotencyKey?: string;
    createdAt?: Date;
  },
) {
  return prisma.pledge.create({
    data: { ...data, currency: data.currency ?? "EUR", idempotencyKey: data.idempotencyKey ?? `pledge-${unique()}` },
    select: { id: true },
  });
}
