import "server-only";
import { notifyBrokers } from "@/lib/notifications/mutations";
import { recordAudit } from "@/lib/audit/mutations";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { SupportEntryStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { renderMarkdown } from "@/lib/markdown/render";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { hitRateLimits, type RateVerdict } from "@/lib/rate-limit/mutations";
import { feedChecks } from "@/lib/rate-limit/policy";
import { mayAdd } from "./policy";
import type { CreateSupportEntryInput, UpdateSupportEntryInput } from "./schema";

/**
 * Writes of the support map (decision 040). Brokers keep the map: they add, edit, mark checked
 * and remove entries, and list or decline what members suggest. Links are checked for their form
 * only: nothing is fetched when an entry is written. The suggester hears of the decision once
 * (`support_reviewed`), every broker of a new suggestion once (`support_suggested`).
 */

type EntryData = Omit<UpdateSupportEntryInput, "entryId">;

function entryData(input: EntryData) {
  return {
    provider: input.provider,
    name: input.name,
    description: input.description,
    descriptionHtml: input.description ? renderMarkdown(input.description) : null,
    kinds: input.kinds,
    stages: input.stages,
    eligibility: input.eligibility,
    region: input.region,
    url: input.url,
    email: input.email,
    phone: input.phone,
    sourceUrl: input.sourceUrl,
  };
}

function assertManage(scope: NetworkScope) {
  if (!can(scope.role, "support.manage")) throw new AppError("forbidden");
}

/** Locks one entry of this network (SELECT ... FOR UPDATE), so a review and an edit take turns. */
async function lockEntry(tx: Tx, scope: NetworkScope, entryId: string) {
  const rows = await tx.$queryRaw<{ id: string; name: string; status: SupportEntryStatus; suggestedById: string | null }[]>`
    SELECT id, name, status::text AS status, "suggestedById"
    FROM "SupportEntry" WHERE id = ${entryId} AND "networkId" = ${scope.networkId} FOR UPDATE`;
  const entry = rows[0];
  if (!entry) throw new AppError("not_found");
  return entry;
}

/**
 * A broker adds an entry (listed, checked today); a member suggests one, which waits for a
 * broker, and every other active broker hears of it. `suggestedById` names whoever added it. A
 * double submit (the same idempotency key) makes one entry.
 */
export async function createSupportEntry(scope: NetworkScope, input: CreateSupportEntryInput, now = new Date()): Promise<{ id: string; status: SupportEntryStatus }> {
  const status = mayAdd(scope.role);
  if (!status) throw new AppError("forbidden");
  const key = { networkId: scope.networkId, suggestedById: scope.userId, idempotencyKey: input.idempotencyKey };
  const existing = () => db(scope).supportEntry.findFirst({ where: key, select: { id: true, status: true } });
  const found = await existing();
  if (found) return found;
  try {
    return await db(scope).$transaction(async (tx) => {
      const listed = status === "listed";
      const entry = await tx.supportEntry.create({
        data: {
          ...entryData(input),
          networkId: scope.networkId,
          status,
          suggestedById: scope.userId,
          idempotencyKey: input.idempotencyKey,
          ...(listed ? { checkedAt: now, reviewedById: scope.userId, reviewedAt: now } : {}),
        },
        select: { id: true, status: true },
      });
      if (listed) {
        await recordAudit(tx, {
          networkId: scope.networkId,
          actorId: scope.userId,
          action: "support.listed",
          detail: { entryId: entry.id, title: input.name },
        });
      } else {
        await notifyBrokersOfSuggestion(tx, scope, entry.id);
      }
      return entry;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await existing();
      if (winner) return winner;
    }
    throw error;
  }
}

/** Every active broker but the one suggesting hears of a suggestion, once. */
async function notifyBrokersOfSuggestion(tx: Tx, scope: NetworkScope, entryId: string) {
  await notifyBrokers(
    tx,
    scope.networkId,
    { kind: "support_suggested", actorId: scope.userId, supportEntryId: entryId, dedupeKey: `support-suggested:${entryId}` },
    scope.userId,
  );
}

/** A broker edits an entry (a suggestion too, before listing it). Editing is not checking: "mark checked" is. */
export async function updateSupportEntry(scope: NetworkScope, input: UpdateSupportEntryInput) {
  assertManage(scope);
  return db(scope).$transaction(async (tx) => {
    const entry = await lockEntry(tx, scope, input.entryId);
    await tx.supportEntry.update({ where: { id: entry.id, networkId: scope.networkId }, data: entryData(input) });
    return { id: entry.id };
  });
}

/** A broker says the entry is still right today ("checked today"). */
export async function markSupportEntryChecked(scope: NetworkScope, input: { entryId: string }, now = new Date()) {
  assertManage(scope);
  const { count } = await db(scope).supportEntry.updateMany({
    where: { id: input.entryId, networkId: scope.networkId, status: "listed" },
    data: { checkedAt: now },
  });
  if (count === 0) throw new AppError("not_found");
}

/** A broker removes an entry from the map for good (with its notifications, which would lead nowhere). */
export async function removeSupportEntry(scope: NetworkScope, input: { entryId: string }) {
  assertManage(scope);
  await db(scope).$transaction(async (tx) => {
    const entry = await lockEntry(tx, scope, input.entryId);
    await tx.notification.deleteMany({ where: { networkId: scope.networkId, supportEntryId: entry.id } });
    await tx.supportEntry.delete({ where: { id: entry.id, networkId: scope.networkId } });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "support.removed",
      detail: { entryId: entry.id, title: entry.name },
    });
  });
}

/**
 * A broker lists a suggestion (it joins the map, checked today) or declines it with a note the
 * suggester reads. Only a waiting suggestion can be reviewed, once: the second of two brokers
 * deciding at once is told it changed (`invalid_transition`).
 */
export async function reviewSupportEntry(
  scope: NetworkScope,
  input: { entryId: string; decision: "list" | "decline"; note: string },
  now = new Date(),
) {
  assertManage(scope);
  await db(scope).$transaction(async (tx) => {
    const entry = await lockEntry(tx, scope, input.entryId);
    if (entry.status !== "suggested") throw new AppError("invalid_transition");
    const listed = input.decision === "list";
    await tx.supportEntry.update({
      where: { id: entry.id, networkId: scope.networkId },
      data: {
        status: listed ? "listed" : "declined",
        reviewedById: scope.userId,
        reviewedAt: now,
        reviewNote: input.note,
        ...(listed ? { checkedAt: now } : {}),
      },
    });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: listed ? "support.listed" : "support.declined",
      detail: { entryId: entry.id, title: entry.name, ...(listed ? {} : { reason: input.note }) },
    });
    // The suggester, while still an active member, hears of the decision (never the reviewer themselves).
    const suggester = entry.suggestedById;
    if (!suggester || suggester === scope.userId) return;
    const active = await tx.membership.findFirst({
      where: { networkId: scope.networkId, userId: suggester, status: "active" },
      select: { userId: true },
    });
    if (!active) return;
    await tx.notification.createMany({
      data: [
        {
          networkId: scope.networkId,
          userId: suggester,
          kind: "support_reviewed",
          actorId: scope.userId,
          supportEntryId: entry.id,
          note: input.note || null,
          dedupeKey: `support-reviewed:${entry.id}`,
        },
      ],
      skipDuplicates: true,
    });
  });
}

/** Counts one download of the map's export against KRING_RATE_FEEDS, per person (decision 040). */
export function countSupportExport(userId: string): Promise<RateVerdict> {
  return hitRateLimits(feedChecks(`support-export:user:${userId}`));
}
