import "server-only";
import type { CommonsAttribution, CommonsKind, CommonsLicence } from "./generated/enums";
import type { Db } from "./client";
import type { NetworkScope } from "./tenant-proof";
import { makeInitiative, makeMembership, makeMilestone, makeMilestoneUpdate, makeNetwork, makeUser } from "./factories";
import { answerProposal, proposeForCommons, publishProposal } from "@/lib/sharing/mutations";

/**
 * The demo's commons (issue 21, decision 044): the two demo networks share a few items, one
 * anonymously, and a third small network, the Sociale InnovatieFabriek (seed 002, Dutch), shares a
 * milestone that ended as learned, so that the pattern "idea-stage milestones ended as learned"
 * has three networks and shows on a fresh install. Everything goes through lib/sharing's mutations,
 * as the people themselves would: the broker proposes, everyone asked agrees, the broker publishes.
 */

const DAY = 24 * 60 * 60 * 1000;

/** Where each demo network works: an anonymous item names only this. */
const demoRegions: Record<string, string> = {
  siac: "Europe",
  "pathfinders-midden-brabant": "Noord-Brabant",
  "sociale-innovatiefabriek": "Vlaanderen",
};

type Share = { kind: CommonsKind; attribution: CommonsAttribution; licence: CommonsLicence };

/** What each demo network shares, by kind; its source is the network's first record of that kind. */
const shares: Record<string, Share[]> = {
  siac: [
    { kind: "milestone_outcome", attribution: "network", licence: "cc_by_4_0" },
    { kind: "lesson", attribution: "names", licence: "cc_by_4_0" },
    { kind: "synthesis", attribution: "network", licence: "cc_by_sa_4_0" },
  ],
  "pathfinders-midden-brabant": [
    { kind: "milestone_outcome", attribution: "anonymous", licence: "cc_by_4_0" },
    { kind: "lesson", attribution: "anonymous", licence: "cc0_1_0" },
  ],
  "sociale-innovatiefabriek": [
    { kind: "milestone_outcome", attribution: "network", licence: "cc_by_4_0" },
    { kind: "lesson", attribution: "network", licence: "cc_by_4_0" },
  ],
};

/**
 * The seed acts as its people, each through their active membership in the network (what
 * requireMember checks for a request): the seed is trusted code, and has no session to check.
 */
async function actAs(prisma: Db, networkId: string, userId: string): Promise<NetworkScope | null> {
  const m = await prisma.membership.findFirst({
    where: { networkId, userId, status: "active" },
    select: { id: true, role: true, network: { select: { slug: true } } },
  });
  return m ? ({ networkId, slug: m.network.slug, userId, membershipId: m.id, role: m.role } as NetworkScope) : null;
}

async function sourceOf(prisma: Db, networkId: string, kind: CommonsKind): Promise<string | null> {
  switch (kind) {
    case "milestone_outcome":
      return (await prisma.milestone.findFirst({ where: { networkId, status: "learned" }, select: { id: true } }))?.id ?? null;
    case "lesson":
      return (await prisma.milestoneUpdate.findFirst({ where: { networkId, kind: "lesson", hiddenAt: null }, select: { id: true } }))?.id ?? null;
    case "synthesis":
      return (await prisma.cycle.findFirst({ where: { networkId, closedAt: { not: null } }, select: { id: true } }))?.id ?? null;
    default:
      return null;
  }
}

/** Shares what `slug`'s network shares in the demo; nothing when it shares nothing or has no broker. */
export async function seedCommons(prisma: Db, networkId: string, slug: string): Promise<void> {
  await prisma.network.update({ where: { id: networkId }, data: { region: demoRegions[slug] ?? "", allowCommonsQuestions: true } });
  const broker = await prisma.membership.findFirst({ where: { networkId, role: "broker", status: "active" }, orderBy: { createdAt: "asc" }, select: { userId: true } });
  const brokerScope = broker ? await actAs(prisma, networkId, broker.userId) : null;
  if (!brokerScope) return;
  for (const [i, share] of (shares[slug] ?? []).entries()) {
    const sourceId = await sourceOf(prisma, networkId, share.kind);
    if (!sourceId) continue;
    const { id } = await proposeForCommons(brokerScope, { kind: share.kind, sourceId, idempotencyKey: `demo-commons-${slug}-${i}` });
    const asked = await prisma.commonsConsent.findMany({ where: { networkId, proposalId: id }, select: { userId: true } });
    let everyone = true;
    for (const { userId } of asked) {
      const scope = await actAs(prisma, networkId, userId);
      if (!scope || scope.role === "funder") {
        everyone = false;
        continue;
      }
      await answerProposal(scope, { proposalId: id, choice: "agree", attribution: share.attribution, licence: share.licence, note: "" });
    }
    if (everyone) await publishProposal(brokerScope, { proposalId: id });
  }
}

/**
 * The third demo network: the Sociale InnovatieFabriek (seed 002, Flemish), small, with one
 * initiative whose first milestone ended as learned (its lesson: the fifth of the seven, that
 * networks learn from each other's failures). Skipped when it exists. Returns its id when created.
 */
export async function seedThirdNetwork(prisma: Db): Promise<string | null> {
  const slug = "sociale-innovatiefabriek";
  if (await prisma.network.findUnique({ where: { slug }, select: { id: true } })) return null;
  const people = [
    { email: "lotte@sif.example", name: "Lotte Peeters", bio: "Broker van het lerend netwerk van de Sociale InnovatieFabriek." },
    { email: "ruben@sif.example", name: "Ruben Claes", bio: "Begeleidt sociaal innovatoren in hun groeitraject." },
    { email: "ines@sif.example", name: "Ines Maes", bio: "Werkt aan financiering voor mijlpalen in plaats van projecten." },
  ];
  const users = [];
  for (const p of people) {
    users.push((await prisma.user.findUnique({ where: { email: p.email } })) ?? (await makeUser(prisma, { ...p, locale: "nl" })));
  }
  const [broker, ruben, ines] = users as [(typeof users)[number], (typeof users)[number], (typeof users)[number]];
  const network = await makeNetwork(prisma, {
    slug,
    name: "Sociale InnovatieFabriek",
    purpose: "Een lerend netwerk dat sociale innovatie helpt groeien en bloeien: innovatoren, ondersteuners en financiers die leren van elkaars successen en mislukkingen.",
    workingQuestion: "Hoe creëren we een vruchtbare bodem waarin sociale innovaties vlotter kunnen groeien en bloeien?",
    principles: ["Niemand heeft het monopolie op de waarheid.", "We leren van elkaars mislukkingen."],
    visibility: "public",
    joinPolicy: "request",
    locale: "nl",
    brokerId: broker.id,
  });
  await makeMembership(prisma, { networkId: network.id, userId: ruben.id, role: "member" });
  await makeMembership(prisma, { networkId: network.id, userId: ines.id, role: "member" });
  await prisma.auditEntry.create({ data: { networkId: network.id, actorId: broker.id, action: "network.created" } });
  const now = Date.now();
  const initiative = await makeInitiative(prisma, {
    networkId: network.id,
    createdById: ines.id,
    name: "Financiering per mijlpaal",
    description: "Financiers steunen het groeipad van een sociale innovatie per mijlpaal, niet per project met vooraf vastgelegde output.",
    systemChange: "Financiers met een mindset gericht op systeemverandering, die samenwerken over de silo's heen.",
    status: "active",
    team: [ines.id, ruben.id],
    createdAt: new Date(now - 60 * DAY),
  });
  const lesson =
    "Een proefproject met één financier liep vast: die vroeg na drie maanden al meetbare resultaten. We leerden dat een mijlpaal pas werkt als de financier zelf het groeipad mee uittekent, en dat we veel kunnen leren van elkaars mislukkingen.";
  const milestone = await makeMilestone(prisma, {
    networkId: network.id,
    initiativeId: initiative.id,
    position: 0,
    title: "Een eerste financier die per mijlpaal steunt",
    unlocks: "Een voorbeeld dat andere financiers overtuigt om mee te stappen.",
    amountNeeded: 500000n,
    status: "learned",
    progress: 40,
    closingNote: lesson,
    closedAt: new Date(now - 14 * DAY),
    stage: "idea",
  });
  await makeMilestoneUpdate(prisma, {
    networkId: network.id,
    initiativeId: initiative.id,
    milestoneId: milestone.id,
    authorId: ines.id,
    kind: "lesson",
    body: lesson,
    area: "means",
    createdAt: new Date(now - 14 * DAY),
  });
  return network.id;
}
