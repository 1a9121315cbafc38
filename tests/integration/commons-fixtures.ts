// Commons items as lib/sharing's publication writes them (decision 043), for the tests of the commons'
// public side: a published CommonsProposal (the foreign key) and its CommonsItem, written directly.
// Not a test file itself.
import { randomUUID } from "node:crypto";
import { dbSystem } from "@/lib/db/client";
import type { Area, CommonsAttribution, CommonsKind, CommonsLicence, GrowthStage, Level, Locale, MilestoneStatus } from "@/lib/db/generated/enums";
import { renderMarkdown } from "@/lib/markdown/render";
import { emptiedCopy } from "@/lib/sharing/policy";

export type ItemFields = {
  kind?: CommonsKind;
  language?: Locale;
  title?: string;
  body?: string;
  attribution?: CommonsAttribution;
  licence?: CommonsLicence;
  sourceName?: string;
  region?: string;
  authorNames?: string[];
  level?: Level | null;
  area?: Area | null;
  stage?: GrowthStage | null;
  outcome?: MilestoneStatus | null;
  topic?: string;
  publishedAt?: Date;
};

/** A published item of `network`; returns its UUID. The search vector is the trigger's. */
export async function shareItem(network: { id: string; name?: string }, fields: ItemFields = {}): Promise<string> {
  const title = fields.title ?? "A lesson we learned";
  const body = fields.body ?? "What we learned, and why it matters.";
  const publishedAt = fields.publishedAt ?? new Date();
  const proposal = await dbSystem().commonsProposal.create({
    data: {
      networkId: network.id,
      kind: fields.kind ?? "lesson",
      sourceId: randomUUID(),
      title,
      body,
      status: "published",
      attribution: fields.attribution ?? "network",
      licence: fields.licence ?? "cc_by_4_0",
      publishedAt,
    },
    select: { id: true },
  });
  const item = await dbSystem().commonsItem.create({
    data: {
      sourceNetworkId: network.id,
      proposalId: proposal.id,
      kind: fields.kind ?? "lesson",
      language: fields.language ?? "en",
      title,
      body,
      bodyHtml: renderMarkdown(body),
      attribution: fields.attribution ?? "network",
      licence: fields.licence ?? "cc_by_4_0",
      sourceName: fields.attribution === "anonymous" ? "" : (fields.sourceName ?? network.name ?? "A network"),
      region: fields.region ?? "",
      authorNames: fields.authorNames ?? [],
      level: fields.level ?? null,
      area: fields.area ?? null,
      stage: fields.stage ?? null,
      outcome: fields.outcome ?? null,
      topic: fields.topic ?? "",
      publishedAt,
    },
    select: { id: true },
  });
  return item.id;
}

/** Withdrawal as decision 043 describes it, with the mutation's own emptying (lib/sharing/policy.ts). */
export async function withdrawItem(id: string, at = new Date()): Promise<void> {
  const item = await dbSystem().commonsItem.update({
    where: { id },
    data: emptiedCopy(at),
    select: { proposalId: true, sourceNetworkId: true },
  });
  await dbSystem().commonsProposal.update({
    where: { id: item.proposalId, networkId: item.sourceNetworkId },
    data: { status: "withdrawn", activeSlot: null, withdrawnAt: at },
  });
}
