import "server-only";
import type { Db } from "./client";
import type { JoinPolicy, Locale, MembershipStatus, Role, Visibility } from "./generated/enums";

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
