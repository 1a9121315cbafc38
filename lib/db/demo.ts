import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./client";
import type { Prisma } from "./generated/client";
import { demoConversations, demoExchange, demoHarvests, demoHelpTags, demoNetworks, type DemoNetwork, type DemoThread } from "./demo-content";
import {
  makeCycle,
  makeInitiative,
  makeMembership,
  makeMilestone,
  makeMilestoneUpdate,
  makeNetwork,
  makePledge,
  makeReflection,
  makeReply,
  makeThread,
  makeUser,
} from "./factories";
import { seedCommons, seedThirdNetwork } from "./demo-commons";
import { renderMissingTexts } from "./render-backfill";
import { parseLocal, toLocal } from "@/lib/gatherings/recurrence";
import { renderMarkdown } from "@/lib/markdown/render";
import { backfillSearchVectors } from "@/lib/search/mutations";

// Tests that check the seeded content read it here too.
export { demoNetworks } from "./demo-content";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/**
 * Creates the demo networks (lib/db/demo-content.ts) that do not exist yet, through the
 * factories the tests use. Safe to run any number of times: a network whose slug exists is
 * skipped, and a person whose address exists is reused.
 */
export async function seedDemo(prisma: Db): Promise<string[]> {
  const created: string[] = [];
  for (const demo of demoNetworks) {
    if (await prisma.network.findUnique({ where: { slug: demo.slug }, select: { id: true } })) continue;
    const users = [];
    for (const person of demo.people) {
      const existing = await prisma.user.findUnique({ where: { email: person.email } });
      users.push({
        person,
        user:
          existing ??
          (await makeUser(prisma, { email: person.email, name: person.name, bio: person.bio, locale: person.locale })),
      });
    }
    const [broker, ...others] = users;
    if (!broker) continue;
    const network = await makeNetwork(prisma, {
      slug: demo.slug,
      name: demo.name,
      purpose: demo.purpose,
      workingQuestion: demo.workingQuestion,
      principles: demo.principles,
      visibility: "public",
      joinPolicy: demo.joinPolicy,
      locale: demo.locale,
      brokerId: broker.user.id,
    });
    for (const { person, user } of others) {
      await makeMembership(prisma, { networkId: network.id, userId: user.id, role: person.role });
    }
    await seedHelpTags(prisma, network.id, demo.slug, users);
    await prisma.auditEntry.create({
      data: { networkId: network.id, actorId: broker.user.id, action: "network.created" },
    });
    const userIds = users.map((u) => u.user.id);
    const threadIds = await seedThreads(prisma, network.id, demo.threads, userIds);
    await seedPastCycle(prisma, network.id, demo, userIds);
    const cycle = await seedCycle(prisma, network.id, demo, userIds);
    await seedNotifications(prisma, network.id, demo, userIds, { threadId: threadIds[0], ...cycle });
    await seedJoinRequest(prisma, network.id, demo, broker.user.id);
    await seedInitiative(prisma, network.id, demo, userIds);
    // seedGatherings returns the ids of the past gatherings (oldest first: the Pathfinders series)
    // and of the upcoming one; the demo's harvests belong on those past gatherings.
    const gatherings = await seedGatherings(prisma, network.id, demo, userIds, threadIds);
    await seedHarvests(prisma, network.id, demo.slug, userIds, threadIds, gatherings.past, cycle.cycleId);
    await seedSupportMap(prisma, network.id, demo, userIds);
    await seedExchange(prisma, network.id, demo.slug, userIds);
    await seedConversations(prisma, network.id, demo.slug, userIds);
    await seedApiToken(prisma, network.id, demo, broker.user.id);
    if (demo.slug === "siac") await seedWebhook(prisma, network.id, demo, broker.user.id);
    // Last: what the network shares with the commons is a snapshot of what the seed wrote above.
    await seedCommons(prisma, network.id, demo.slug);
    // The seed writes rows directly, so it indexes them for search and renders their HTML here.
    await backfillSearchVectors(prisma, network.id);
    await renderMissingTexts(prisma, network.id);
    created.push(demo.slug);
  }
  // A third, small network shares a milestone that ended as learned, so a pattern of three
  // networks shows in the commons on a fresh install (decision 044).
  const third = await seedThirdNetwork(prisma);
  if (third) {
    await seedCommons(prisma, third, "sociale-innovatiefabriek");
    await backfillSearchVectors(prisma, third);
    await renderMissingTexts(prisma, third);
    created.push("sociale-innovatiefabriek");
  }
  return created;
}

/**
 * A read API token of the network's website (decision 047), used yesterday, so the broker's token
 * page shows one. Its secret is random and shown to nobody: a broker who wants to try the API
 * rotates it (or makes another) and gets a token that works.
 */
async function seedApiToken(prisma: Db, networkId: string, demo: DemoNetwork, brokerId: string) {
  const prefix = randomBytes(4).toString("hex");
  const token = `kring_${prefix}_${randomBytes(32).toString("base64url")}`;
  const name = demo.locale === "nl" ? "Website van het netwerk" : "The network's website";
  const row = await prisma.apiToken.create({
    data: {
      networkId,
      name,
      prefix,
      tokenHash: createHash("sha256").update(token).digest("hex"),
      scopes: ["threads", "initiatives", "gatherings"],
      expiresAt: new Date(Date.now() + 300 * DAY),
      lastUsedAt: new Date(Date.now() - DAY),
      createdById: brokerId,
      createdAt: new Date(Date.now() - 30 * DAY),
    },
    select: { id: true },
  });
  await prisma.auditEntry.create({
    data: { networkId, actorId: brokerId, action: "api_token.created", detail: { tokenId: row.id, title: name, prefix, scopes: ["threads", "initiatives", "gatherings"] } },
  });
}

/**
 * A webhook of the SIAC network (decision 050) with a short delivery log, so a newcomer sees the
 * feature: turned off by the broker, so a fresh install never sends anything to the internet,
 * whatever happens in the demo. Its log holds only past attempts: two delivered, one given up.
 */
async function seedWebhook(prisma: Db, networkId: string, demo: DemoNetwork, brokerId: string) {
  const now = Date.now();
  const endpoint = await prisma.webhookEndpoint.create({
    data: {
      networkId,
      url: "https://example.org/siac/kring-webhook",
      description: demo.locale === "nl" ? "Nieuwsbrief-automatisering" : "Newsletter automation",
      events: ["reply_created", "cycle_closed", "milestone_status_changed"],
      secret: `whsec_${randomBytes(32).toString("base64")}`,
      createdById: brokerId,
      createdAt: new Date(now - 20 * DAY),
      disabledAt: new Date(now - 2 * DAY),
      disabledReason: "broker",
    },
    select: { id: true, url: true },
  });
  const replies = await prisma.reply.findMany({ where: { networkId }, select: { id: true, threadId: true, createdAt: true }, orderBy: { createdAt: "asc" }, take: 2 });
  const milestone = await prisma.milestone.findFirst({ where: { networkId }, select: { id: true, initiativeId: true, title: true, status: true }, orderBy: { position: "asc" } });
  const log: { at: number; event: "reply_created" | "milestone_status_changed"; data: object; ok: boolean }[] = [
    ...replies.map((r, i) => ({
      at: now - (6 - i) * DAY,
      event: "reply_created" as const,
      data: { network: demo.slug, reply: { id: r.id, threadId: r.threadId, quotedReplyId: null, createdAt: r.createdAt.toISOString() } },
      ok: i === 0,
    })),
    ...(milestone
      ? [
          {
            at: now - 3 * DAY,
            event: "milestone_status_changed" as const,
            data: { network: demo.slug, milestone: { ...milestone, previousStatus: "planned", closedAt: null } },
            ok: true,
          },
        ]
      : []),
  ];
  for (const entry of log) {
    const at = new Date(entry.at);
    const type = entry.event === "reply_created" ? "reply.created" : "milestone.status_changed";
    await prisma.webhookDelivery.create({
      data: {
        id: randomBytes(16).toString("hex"),
        networkId,
        endpointId: endpoint.id,
        eventType: entry.event,
        // Through JSON: the ids and dates as the worker would have sent them.
        payload: JSON.parse(JSON.stringify({ type, timestamp: at.toISOString(), data: entry.data })) as Prisma.InputJsonObject,
        status: entry.ok ? "delivered" : "failed",
        attempts: entry.ok ? 1 : 8,
        lastAttemptAt: entry.ok ? at : new Date(entry.at + 28 * 60 * 60 * 1000),
        lastStatus: entry.ok ? 204 : 503,
        lastError: entry.ok ? null : "http_503",
        deliveredAt: entry.ok ? at : null,
        createdAt: at,
      },
    });
  }
  await prisma.auditEntry.create({
    data: { networkId, actorId: brokerId, action: "webhook.created", detail: { endpointId: endpoint.id, title: endpoint.url }, createdAt: new Date(now - 20 * DAY) },
  });
}

/**
 * The demo support map (issue 20): the broker's entries, each checked some days ago (one over a
 * year ago, so the map flags it), and a member's suggestion waiting for the broker, who has its
 * notification. The descriptions are rendered here, as the app renders them when written.
 */
async function seedSupportMap(prisma: Db, networkId: string, demo: DemoNetwork, userIds: string[]) {
  const brokerId = userIds[0]!;
  const now = Date.now();
  for (const [i, e] of (demo.supportMap ?? []).entries()) {
    const suggester = e.suggestedBy === undefined ? null : userIds[e.suggestedBy]!;
    const listed = suggester === null;
    const createdAt = new Date(now - (listed ? (e.checkedDaysAgo ?? 0) + 10 : 2) * DAY);
    const entry = await prisma.supportEntry.create({
      data: {
        networkId,
        provider: e.provider,
        name: e.name,
        description: e.description,
        descriptionHtml: renderMarkdown(e.description),
        kinds: e.kinds,
        stages: e.stages,
        eligibility: e.eligibility,
        region: e.region,
        url: e.url ?? "",
        email: e.email ?? "",
        phone: e.phone ?? "",
        sourceUrl: e.sourceUrl ?? "",
        status: listed ? "listed" : "suggested",
        checkedAt: listed ? new Date(now - (e.checkedDaysAgo ?? 0) * DAY) : null,
        suggestedById: suggester ?? brokerId,
        reviewedById: listed ? brokerId : null,
        reviewedAt: listed ? createdAt : null,
        idempotencyKey: `demo-support-${i}`,
        createdAt,
      },
      select: { id: true },
    });
    if (!listed) {
      await prisma.notification.create({
        data: { networkId, userId: brokerId, kind: "support_suggested", actorId: suggester, supportEntryId: entry.id, dedupeKey: `support-suggested:${entry.id}` },
      });
    }
  }
}

/** The demo dialogue: threads an hour apart, replies a few minutes apart, counters as the app keeps them. */
async function seedThreads(prisma: Db, networkId: string, threads: DemoThread[], userIds: string[]) {
  const start = Date.now() - threads.length * 60 * 60 * 1000;
  const ids: string[] = [];
  for (const [i, t] of threads.entries()) {
    const createdAt = new Date(start + i * 60 * 60 * 1000);
    const thread = await makeThread(prisma, {
      networkId,
      authorId: userIds[t.by] ?? null,
      title: t.title,
      body: t.body,
      level: t.level,
      area: t.area,
      createdAt,
      replies: t.replies.map((r, j) => ({
        authorId: userIds[r.by] ?? null,
        body: r.body,
        createdAt: new Date(createdAt.getTime() + (j + 1) * 7 * 60 * 1000),
      })),
    });
    ids.push(thread.id);
  }
  return ids;
}

/**
 * What the demo's members find in their notification centre, and in their first email digest
 * the next morning (issue 17): the broker opened the cycle ("your turn to reflect") or, in a
 * cycle in its WE phase, asked for consent on the synthesis (as callConsent writes it), and the
 * broker mentioned the first member in the first thread. Unread and not yet emailed.
 */
async function seedNotifications(
  prisma: Db,
  networkId: string,
  demo: DemoNetwork,
  userIds: string[],
  about: { threadId: string | undefined; cycleId: string; roundId: string | null },
) {
  const brokerId = userIds[0];
  if (!brokerId) return;
  const members = demo.people.flatMap((p, i) => (p.role === "member" && userIds[i] ? [userIds[i]] : []));
  const now = Date.now();
  await prisma.notification.createMany({
    data: members.map((userId) => ({
      networkId,
      userId,
      actorId: brokerId,
      ...(about.roundId
        ? { kind: "consent_requested" as const, dedupeKey: `consent:${about.roundId}` }
        : { kind: "cycle_opened" as const, dedupeKey: `cycle-opened:${about.cycleId}` }),
      createdAt: new Date(now - 2 * 60 * 60 * 1000),
    })),
    skipDuplicates: true,
  });
  const mentioned = members[0];
  if (!about.threadId || !mentioned) return;
  const person = demo.people[userIds.indexOf(mentioned)];
  const reply = await makeReply(prisma, {
    networkId,
    threadId: about.threadId,
    authorId: brokerId,
    body: demo.mentionReply.replace("{name}", person?.name ?? ""),
    createdAt: new Date(now - 60 * 60 * 1000),
  });
  await prisma.mention.create({ data: { networkId, replyId: reply.id, userId: mentioned } });
  await prisma.notification.create({
    data: {
      networkId,
      userId: mentioned,
      kind: "mention",
      actorId: brokerId,
      threadId: about.threadId,
      replyId: reply.id,
      dedupeKey: `mention:${reply.id}`,
      createdAt: new Date(now - 60 * 60 * 1000),
    },
  });
}

/**
 * A request to join that waits for the broker (issue 18): the Requests tab counts it, and the
 * broker has the notification requestToJoin would have written, unread.
 */
async function seedJoinRequest(prisma: Db, networkId: string, demo: DemoNetwork, brokerId: string) {
  const applicant = demo.applicant;
  if (!applicant || demo.joinPolicy !== "request") return;
  const user =
    (await prisma.user.findUnique({ where: { email: applicant.email } })) ??
    (await makeUser(prisma, { email: applicant.email, name: applicant.name, bio: applicant.bio, locale: applicant.locale }));
  const request = await makeMembership(prisma, { networkId, userId: user.id, status: "pending", requestMessage: applicant.message });
  await prisma.auditEntry.create({
    data: { networkId, actorId: user.id, action: "member.requested", subjectUserId: user.id, createdAt: request.updatedAt },
  });
  await prisma.notification.create({
    data: {
      networkId,
      userId: brokerId,
      kind: "join_requested",
      actorId: user.id,
      dedupeKey: `join-requested:${request.id}:${request.updatedAt.getTime()}`,
      createdAt: request.updatedAt,
    },
  });
}

/**
 * The demo's earlier cycle, closed (when the network has one): reflections, the synthesis, a
 * consent round everyone answered (one concern), closed by the broker. The journey starts here.
 */
async function seedPastCycle(prisma: Db, networkId: string, demo: DemoNetwork, userIds: string[]) {
  const past = demo.pastCycle;
  const brokerId = userIds[0];
  if (!past || !brokerId) return;
  const closedAt = Date.now() - past.closedDaysAgo * DAY;
  const cycle = await prisma.cycle.create({
    data: {
      networkId,
      title: past.title,
      question: past.question,
      openedById: brokerId,
      createdAt: new Date(closedAt - 21 * DAY),
      iDeadline: new Date(closedAt - 14 * DAY),
      weDeadline: new Date(closedAt + DAY),
      closedAt: new Date(closedAt),
      closedById: brokerId,
      openSlot: null,
    },
    select: { id: true },
  });
  const reflectionIds: string[] = [];
  for (const [i, r] of past.reflections.entries()) {
    const authorId = userIds[r.by];
    if (!authorId) continue;
    const at = new Date(closedAt - 18 * DAY + i * DAY);
    const reflection = await makeReflection(prisma, { networkId, cycleId: cycle.id, authorId, body: r.body, area: r.area, submittedAt: at, createdAt: at });
    reflectionIds.push(reflection.id);
  }
  const revision = await prisma.synthesisRevision.create({
    data: { networkId, cycleId: cycle.id, number: 1, body: past.synthesis, authorId: brokerId, createdAt: new Date(closedAt - 7 * DAY) },
    select: { id: true },
  });
  await prisma.synthesisCitation.createMany({ data: reflectionIds.map((reflectionId) => ({ networkId, revisionId: revision.id, reflectionId })) });
  const round = await prisma.consentRound.create({
    data: { networkId, cycleId: cycle.id, revisionNumber: 1, calledById: brokerId, openedAt: new Date(closedAt - 5 * DAY), closedAt: new Date(closedAt) },
    select: { id: true },
  });
  const answerers = demo.people.flatMap((p, i) => (p.role !== "funder" && i !== 0 && userIds[i] ? [{ i, userId: userIds[i] }] : []));
  await prisma.consentAnswer.createMany({
    data: answerers.map(({ i, userId }) => ({
      networkId,
      roundId: round.id,
      userId,
      ...(i === past.concern.by ? { answer: "concern" as const, text: past.concern.text } : { answer: "agree" as const }),
      createdAt: new Date(closedAt - 3 * DAY),
    })),
  });
  await prisma.auditEntry.create({
    data: { networkId, actorId: brokerId, action: "cycle.closed", detail: { cycleId: cycle.id, title: past.title, revision: 1, objectionsHandled: 0 }, createdAt: new Date(closedAt) },
  });
}

/**
 * The demo's open cycle on the network's working question, with a few submitted reflections.
 * Without a synthesis it is in its I phase (five days left) and the broker has not reflected
 * yet, so the reveal rule shows. With one it is in its WE phase (the I phase ended yesterday):
 * the broker's synthesis cites the reflections and a consent round on it is open.
 */
async function seedCycle(prisma: Db, networkId: string, demo: DemoNetwork, userIds: string[]) {
  const now = Date.now();
  const synthesis = demo.cycle.synthesis;
  const brokerId = userIds[0] ?? null;
  const cycle = await makeCycle(prisma, {
    networkId,
    title: demo.cycle.title,
    question: demo.workingQuestion,
    openedById: brokerId,
    iDeadline: new Date(now + (synthesis ? -1 : 5) * DAY),
    weDeadline: new Date(now + (synthesis ? 6 : 12) * DAY),
    createdAt: new Date(now - (synthesis ? 8 : 2) * DAY),
  });
  const reflectionIds: string[] = [];
  for (const [i, r] of demo.cycle.reflections.entries()) {
    const authorId = userIds[r.by];
    if (!authorId) continue;
    const at = new Date(now - (synthesis ? 4 : 1) * DAY + i * 60 * 60 * 1000);
    const reflection = await makeReflection(prisma, { networkId, cycleId: cycle.id, authorId, body: r.body, area: r.area, submittedAt: at, createdAt: at });
    reflectionIds.push(reflection.id);
  }
  if (!synthesis) return { cycleId: cycle.id, roundId: null };
  const revision = await prisma.synthesisRevision.create({
    data: { networkId, cycleId: cycle.id, number: 1, body: synthesis, authorId: brokerId, createdAt: new Date(now - 3 * 60 * 60 * 1000) },
    select: { id: true },
  });
  await prisma.synthesisCitation.createMany({
    data: reflectionIds.map((reflectionId) => ({ networkId, revisionId: revision.id, reflectionId })),
  });
  const round = await prisma.consentRound.create({
    data: { networkId, cycleId: cycle.id, revisionNumber: 1, calledById: brokerId, openedAt: new Date(now - 2 * 60 * 60 * 1000) },
    select: { id: true },
  });
  await prisma.auditEntry.create({
    data: {
      networkId,
      actorId: brokerId,
      action: "consent.called",
      detail: { cycleId: cycle.id, title: demo.cycle.title, revision: 1 },
      createdAt: new Date(now - 2 * 60 * 60 * 1000),
    },
  });
  return { cycleId: cycle.id, roundId: round.id };
}

/**
 * The demo's initiative: a growth path of four EUR milestones (one learned, with its lesson
 * in the lessons log; one active with the demo funder's pledge and a progress update; two
 * planned), its team drawn from the brokers and members.
 */
async function seedInitiative(prisma: Db, networkId: string, demo: DemoNetwork, userIds: string[]) {
  const now = Date.now();
  const spec = demo.initiative;
  const funderIndex = demo.people.findIndex((p) => p.role === "funder");
  const funderId = userIds[funderIndex] ?? null;
  const authorId = userIds[spec.team[0] ?? 0] ?? null;
  const initiative = await makeInitiative(prisma, {
    networkId,
    name: spec.name,
    description: spec.description,
    systemChange: spec.systemChange,
    status: "active",
    createdById: authorId,
    createdAt: new Date(now - 40 * DAY),
    team: spec.team.map((i) => userIds[i]).filter((id): id is string => Boolean(id)),
  });
  const on = { networkId, initiativeId: initiative.id };
  const milestoneIds: string[] = [];
  for (const [position, m] of spec.milestones.entries()) {
    const target = new Date(now + m.targetInDays * DAY);
    const milestone = await makeMilestone(prisma, {
      ...on,
      position,
      title: m.title,
      unlocks: m.unlocks,
      targetDate: new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), target.getUTCDate())),
      amountNeeded: m.amountNeeded,
      status: m.status,
      progress: m.progress,
      closingNote: m.lesson?.body ?? "",
      closedAt: m.status === "learned" ? new Date(now - 10 * DAY) : null,
      stage: m.stage,
    });
    milestoneIds.push(milestone.id);
    if (m.lesson) {
      await makeMilestoneUpdate(prisma, {
        ...on,
        milestoneId: milestone.id,
        authorId,
        kind: "lesson",
        body: m.lesson.body,
        area: m.lesson.area,
        createdAt: new Date(now - 10 * DAY),
      });
    }
  }
  const updated = milestoneIds[spec.update.milestone];
  if (updated) {
    await makeMilestoneUpdate(prisma, {
      ...on,
      milestoneId: updated,
      authorId,
      kind: "progress",
      body: spec.update.body,
      progress: spec.update.progress,
      createdAt: new Date(now - 3 * DAY),
    });
  }
  const pledged = milestoneIds[spec.pledge.milestone];
  if (pledged && funderId) {
    await makePledge(prisma, {
      networkId,
      milestoneId: pledged,
      funderId,
      amount: spec.pledge.amount,
      condition: spec.pledge.condition,
      idempotencyKey: `demo-${demo.slug}-pledge`,
      createdAt: new Date(now - 7 * DAY),
    });
  }
  const co = spec.coPledge;
  const coFunderId = co ? userIds[co.by] : undefined;
  const coMilestone = co ? milestoneIds[co.milestone] : undefined;
  if (co && coFunderId && coMilestone) {
    await makePledge(prisma, {
      networkId,
      milestoneId: coMilestone,
      funderId: coFunderId,
      amount: co.amount,
      condition: co.condition,
      idempotencyKey: `demo-${demo.slug}-co-pledge`,
      createdAt: new Date(now - 5 * DAY),
    });
  }
}

/**
 * The demo gatherings (issue 19): a series of past gatherings every four weeks at 19:30 in the
 * network's zone (the last one four weeks ago), each with its agenda, hosts and who came; and one
 * upcoming public gathering with answers. Returns their ids: the past ones oldest first.
 */
async function seedGatherings(prisma: Db, networkId: string, demo: DemoNetwork, userIds: string[], threadIds: string[]) {
  const plan = demo.gatherings;
  const past: string[] = [];
  if (!plan) return { past, upcoming: null };
  const zone = plan.timeZone;
  const broker = userIds[0]!;
  /** 19:30 local, `days` from now (negative: ago), and two hours later. */
  const evening = (days: number) => {
    const startsAt = parseLocal(`${toLocal(new Date(Date.now() + days * DAY), zone).slice(0, 10)}T19:30`, zone)!;
    return { startsAt, endsAt: new Date(startsAt.getTime() + 2 * 60 * 60 * 1000) };
  };
  const agendaRows = (gatheringId: string, items: NonNullable<NonNullable<DemoNetwork["gatherings"]>["kickoff"]>["agenda"]) =>
    items.map((item, position) => ({
      networkId,
      gatheringId,
      position,
      title: item.title,
      minutes: item.minutes,
      hostId: item.host === undefined ? null : (userIds[item.host] ?? null),
      threadId: item.thread === undefined ? null : (threadIds[item.thread] ?? null),
    }));
  const hostRows = (gatheringId: string, items: { host?: number }[]) =>
    [...new Set([broker, ...items.map((i) => (i.host === undefined ? null : userIds[i.host])).filter((id): id is string => !!id)])].map(
      (userId) => ({ networkId, gatheringId, userId }),
    );

  if (plan.kickoff) {
    const k = plan.kickoff;
    const { startsAt } = evening(-k.daysAgo);
    const g = await prisma.gathering.create({
      data: {
        networkId,
        title: k.title,
        purpose: k.purpose,
        purposeHtml: renderMarkdown(k.purpose),
        startsAt,
        endsAt: new Date(startsAt.getTime() + k.hours * 60 * 60 * 1000),
        timeZone: zone,
        placeName: k.place.name,
        address: k.place.address,
        accessibility: k.place.accessibility,
        createdById: broker,
        remindedAt: new Date(startsAt.getTime() - DAY),
      },
    });
    await prisma.agendaItem.createMany({ data: agendaRows(g.id, k.agenda) });
    await prisma.gatheringHost.createMany({ data: hostRows(g.id, k.agenda) });
    await prisma.rsvp.createMany({ data: k.going.map((p) => ({ networkId, gatheringId: g.id, userId: userIds[p]!, status: "going" as const })) });
    past.push(g.id);
  }
  if (plan.series) {
    const s = plan.series;
    const count = s.occurrences.length;
    const series = await prisma.gatheringSeries.create({
      data: { networkId, rule: `FREQ=WEEKLY;INTERVAL=4;COUNT=${count}`, timeZone: zone, createdById: broker },
    });
    for (const [i, o] of s.occurrences.entries()) {
      const { startsAt, endsAt } = evening(-28 * (count - i));
      const g = await prisma.gathering.create({
        data: {
          networkId,
          seriesId: series.id,
          title: o.title,
          purpose: o.purpose,
          purposeHtml: renderMarkdown(o.purpose),
          startsAt,
          endsAt,
          timeZone: zone,
          placeName: s.place.name,
          address: s.place.address,
          accessibility: s.place.accessibility,
          createdById: broker,
          remindedAt: new Date(startsAt.getTime() - DAY),
        },
      });
      await prisma.agendaItem.createMany({ data: agendaRows(g.id, o.agenda) });
      await prisma.gatheringHost.createMany({ data: hostRows(g.id, o.agenda) });
      const came = o.came.map((p) => userIds[p]).filter((id): id is string => !!id);
      await prisma.rsvp.createMany({ data: came.map((userId) => ({ networkId, gatheringId: g.id, userId, status: "going" as const })) });
      await prisma.attendance.createMany({
        data: [
          ...came.map((userId) => ({ networkId, gatheringId: g.id, userId, recordedById: broker })),
          ...o.guests.map((guestName) => ({ networkId, gatheringId: g.id, guestName, recordedById: broker })),
        ],
      });
      past.push(g.id);
    }
  }

  const u = plan.upcoming;
  if (!u) return { past, upcoming: null };
  const { startsAt, endsAt } = evening(u.inDays);
  const upcoming = await prisma.gathering.create({
    data: {
      networkId,
      title: u.title,
      purpose: u.purpose,
      purposeHtml: renderMarkdown(u.purpose),
      startsAt,
      endsAt,
      timeZone: zone,
      mode: u.onlineUrl ? "online" : "in_person",
      onlineUrl: u.onlineUrl ?? "",
      placeName: u.place?.name ?? "",
      address: u.place?.address ?? "",
      accessibility: u.place?.accessibility ?? "",
      // An online meeting's link is for members who go: it stays off the public page.
      visibility: u.onlineUrl ? "members" : "public",
      capacity: u.capacity ?? null,
      createdById: broker,
    },
  });
  await prisma.agendaItem.createMany({ data: agendaRows(upcoming.id, u.agenda) });
  await prisma.gatheringHost.createMany({ data: hostRows(upcoming.id, u.agenda) });
  await prisma.rsvp.createMany({
    data: [
      ...u.going.map((p) => ({ networkId, gatheringId: upcoming.id, userId: userIds[p]!, status: "going" as const })),
      ...u.maybe.map((p) => ({ networkId, gatheringId: upcoming.id, userId: userIds[p]!, status: "maybe" as const })),
    ],
  });
  return { past, upcoming: upcoming.id };
}

/**
 * The demo harvests (issue 19 item 8, decision 038): published on the network's past gatherings,
 * written by one of their hosts a day after each, rendered as the app renders them, with their
 * insights and links to the network's threads, its open cycle and a milestone. No notification:
 * they were published before anyone's first visit.
 */
async function seedHarvests(
  prisma: Db,
  networkId: string,
  slug: string,
  userIds: string[],
  threadIds: string[],
  past: string[],
  cycleId: string,
) {
  for (const h of demoHarvests[slug] ?? []) {
    const gatheringId = past[h.gathering];
    if (!gatheringId) continue;
    const gathering = await prisma.gathering.findFirstOrThrow({ where: { networkId, id: gatheringId }, select: { endsAt: true } });
    const publishedAt = new Date(gathering.endsAt.getTime() + DAY);
    const authorId = userIds[h.by] ?? null;
    if (authorId) await prisma.gatheringHost.createMany({ data: [{ networkId, gatheringId, userId: authorId }], skipDuplicates: true });
    const harvest = await prisma.harvest.create({
      data: {
        networkId,
        gatheringId,
        summary: h.summary,
        summaryHtml: renderMarkdown(h.summary),
        agreements: h.agreements,
        agreementsHtml: h.agreements ? renderMarkdown(h.agreements) : null,
        nextSteps: h.nextSteps,
        nextStepsHtml: h.nextSteps ? renderMarkdown(h.nextSteps) : null,
        cycleId: h.cycle ? cycleId : null,
        authorId,
        publishedAt,
        createdAt: publishedAt,
      },
      select: { id: true },
    });
    await prisma.harvestInsight.createMany({ data: h.insights.map((insight, position) => ({ networkId, harvestId: harvest.id, position, ...insight })) });
    const threads = h.threads.map((i) => threadIds[i]).filter((id): id is string => !!id);
    await prisma.harvestThread.createMany({ data: threads.map((threadId) => ({ networkId, harvestId: harvest.id, threadId })) });
    if (h.milestone !== undefined) {
      const milestone = await prisma.milestone.findFirst({ where: { networkId }, orderBy: { position: "asc" }, skip: h.milestone, select: { id: true } });
      if (milestone) await prisma.harvestMilestone.create({ data: { networkId, harvestId: harvest.id, milestoneId: milestone.id } });
    }
  }
}

/** The demo members' "I can help with" (decision 041), on their memberships of this network. */
async function seedHelpTags(prisma: Db, networkId: string, slug: string, users: { person: { email: string }; user: { id: string } }[]) {
  for (const { person, user } of users) {
    const helpTags = demoHelpTags[slug]?.[person.email];
    if (!helpTags) continue;
    await prisma.membership.update({ where: { networkId_userId: { networkId, userId: user.id } }, data: { helpTags } });
  }
}

/**
 * The demo's offers and requests (decision 039): the network's tag vocabulary, and posts by its
 * members, some for the network's funders too, some for a milestone of its initiative; one fulfilled,
 * with the helper's thank-you and a lesson for the lessons log. The search
 * vectors and HTML are filled by the backfills that follow.
 */
async function seedExchange(prisma: Db, networkId: string, slug: string, userIds: string[]) {
  const spec = demoExchange[slug];
  if (!spec) return;
  const now = Date.now();
  await prisma.exchangeTag.createMany({ data: spec.tags.map((t) => ({ networkId, slug: t.slug, labelEn: t.en, labelNl: t.nl })) });
  const milestones = await prisma.milestone.findMany({ where: { networkId }, orderBy: [{ createdAt: "asc" }, { position: "asc" }], select: { id: true, initiativeId: true } });
  for (const [i, p] of spec.posts.entries()) {
    const milestone = p.milestone === undefined ? undefined : milestones[p.milestone];
    const createdAt = new Date(now - p.daysAgo * DAY);
    const helperId = p.fulfilled ? (userIds[p.fulfilled.helper] ?? null) : null;
    await prisma.exchangePost.create({
      data: {
        networkId,
        authorId: userIds[p.by] ?? null,
        direction: p.direction,
        capital: p.capital,
        title: p.title,
        body: p.body,
        bodyHtml: renderMarkdown(p.body),
        tags: p.tags,
        town: p.town,
        address: p.address ?? "",
        initiativeId: milestone?.initiativeId ?? null,
        milestoneId: milestone?.id ?? null,
        visibility: p.funders ? "network_and_funders" : "network",
        status: p.fulfilled ? "fulfilled" : "open",
        expiresAt: new Date(now + p.expiresInDays * DAY),
        closedAt: p.fulfilled ? new Date(now - 2 * DAY) : null,
        helperId,
        thanks: p.fulfilled?.thanks ?? "",
        thanksHtml: p.fulfilled ? renderMarkdown(p.fulfilled.thanks) : null,
        lesson: p.fulfilled?.lesson ?? "",
        lessonHtml: p.fulfilled ? renderMarkdown(p.fulfilled.lesson) : null,
        idempotencyKey: `demo-${slug}-post-${i}`,
        createdAt,
      },
    });
  }
}

/**
 * The demo's private conversations (decision 039), on the posts seedExchange made: each with its
 * messages (rendered), the author told of its start (read), and the person the last message went to
 * told of it (unread), as the conversation's own writes would have left them.
 */
async function seedConversations(prisma: Db, networkId: string, slug: string, userIds: string[]) {
  const specs = demoConversations[slug] ?? [];
  const now = Date.now();
  for (const [i, c] of specs.entries()) {
    const post = await prisma.exchangePost.findFirstOrThrow({ where: { networkId, idempotencyKey: `demo-${slug}-post-${c.post}` }, select: { id: true, authorId: true } });
    const starterId = userIds[c.by]!;
    const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
    const conversation = await prisma.exchangeConversation.create({
      data: { networkId, postId: post.id, starterId, createdAt: at(c.messages[0]!.hoursAgo), lastMessageAt: at(c.messages.at(-1)!.hoursAgo) },
      select: { id: true },
    });
    let lastId = "";
    for (const [j, m] of c.messages.entries()) {
      const message = await prisma.exchangeMessage.create({
        data: {
          networkId,
          conversationId: conversation.id,
          senderId: userIds[m.by]!,
          body: m.body,
          bodyHtml: renderMarkdown(m.body),
          idempotencyKey: `demo-${slug}-conversation-${i}-${j}`,
          createdAt: at(m.hoursAgo),
        },
        select: { id: true },
      });
      lastId = message.id;
    }
    const last = c.messages.at(-1)!;
    const lastFrom = userIds[last.by]!;
    const lastTo = lastFrom === starterId ? post.authorId : starterId;
    const about = { networkId, exchangePostId: post.id, conversationId: conversation.id };
    await prisma.notification.createMany({
      data: [
        ...(post.authorId
          ? [{ ...about, userId: post.authorId, kind: "exchange_answered" as const, actorId: starterId, dedupeKey: `exchange-answered:${conversation.id}`, createdAt: at(c.messages[0]!.hoursAgo), readAt: at(c.messages[0]!.hoursAgo - 1) }]
          : []),
        ...(lastTo ? [{ ...about, userId: lastTo, kind: "exchange_message" as const, actorId: lastFrom, dedupeKey: `exchange-message:${lastId}`, createdAt: at(last.hoursAgo) }] : []),
      ],
      skipDuplicates: true,
    });
  }
}
