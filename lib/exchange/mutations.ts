import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { ExchangeStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { parseLocal } from "@/lib/gatherings/recurrence";
import { renderMarkdown } from "@/lib/markdown/render";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { indexExchangePost } from "@/lib/search/mutations";
import { VOCABULARY_MAX } from "./limits";
import { addressError, expiryError, isLive, mayEdit, mayFulfil, mayRenew, mayStart, mayWithdraw } from "./policy";
import type { CreatePostInput, UpdatePostInput } from "./schema";

/**
 * Writes of offers and requests (decision 039). Every change to one post locks its row first
 * (`lockPost`, SELECT ... FOR UPDATE), so a renewal and the expiry sweep, or two tabs marking it
 * fulfilled, take turns. Every write of a title, body or tags recomputes the search vector in the
 * network's language (lib/search/mutations.ts) in the same transaction.
 */

type LockedPost = {
  id: string;
  authorId: string | null;
  title: string;
  status: ExchangeStatus;
  expiresAt: Date;
};

async function lockPost(tx: Tx, scope: NetworkScope, postId: string): Promise<LockedPost> {
  const rows = await tx.$queryRaw<LockedPost[]>`
    SELECT id, "authorId", title, status::text AS status, "expiresAt"
    FROM "ExchangePost" WHERE id = ${postId} AND "networkId" = ${scope.networkId} FOR UPDATE`;
  const post = rows[0];
  if (!post) throw new AppError("not_found");
  return post;
}

/** A running post past its expiry is expired, whether or not the sweep has come by. */
function effectiveStatus(post: LockedPost, now: Date): ExchangeStatus {
  return isLive(post.status) && post.expiresAt.getTime() <= now.getTime() ? "expired" : post.status;
}

/** The end of the chosen day in the author's zone (the one their browser told, as for digests). */
async function expiryOf(tx: Tx, scope: NetworkScope, day: string): Promise<Date | null> {
  const author = await tx.user.findUnique({ where: { id: scope.userId }, select: { timeZone: true } });
  return parseLocal(`${day}T23:59`, author?.timeZone ?? "Europe/Amsterdam");
}

// ---------------------------------------------------------------- reading the form

type Resolved = {
  tags: string[];
  initiativeId: string | null;
  milestoneId: string | null;
  expiresAt: Date;
  bodyHtml: string | null;
};

/**
 * Checks what the form sent against the network: vocabulary tags it knows, an initiative or a
 * milestone of its own (the schema refused a street address as the town), an address only on a
 * place offer that shows it, an expiry within a year. Throws every field error at once.
 */
async function resolve(tx: Tx, scope: NetworkScope, input: Omit<UpdatePostInput, "postId">, now: Date): Promise<Resolved> {
  const errors: Record<string, string[]> = {};
  const [known, milestone, initiative, expiresAt] = await Promise.all([
    input.tags.length
      ? tx.exchangeTag.findMany({ where: { networkId: scope.networkId, slug: { in: input.tags } }, select: { slug: true } })
      : [],
    input.unlocks?.kind === "milestone"
      ? tx.milestone.findFirst({ where: { networkId: scope.networkId, id: input.unlocks.id }, select: { id: true, initiativeId: true } })
      : null,
    input.unlocks?.kind === "initiative"
      ? tx.initiative.findFirst({ where: { networkId: scope.networkId, id: input.unlocks.id }, select: { id: true } })
      : null,
    expiryOf(tx, scope, input.expiresOn),
  ]);
  if (known.length !== input.tags.length) errors.tags = ["exchange_tag_unknown"];
  if (input.unlocks && !milestone && !initiative) errors.unlocks = ["link_unknown"];
  const address = addressError(input);
  if (address) errors.address = [address];
  const expiry = expiryError(expiresAt, now);
  if (expiry) errors.expiresOn = [expiry];
  const tags = [...new Set([...input.tags, ...input.freeTags])];
  if (Object.keys(errors).length || !expiresAt) throw new AppError("invalid_input", errors);
  return {
    tags,
    initiativeId: milestone?.initiativeId ?? initiative?.id ?? null,
    milestoneId: milestone?.id ?? null,
    expiresAt,
    bodyHtml: input.body ? renderMarkdown(input.body) : null,
  };
}

function postData(input: Omit<UpdatePostInput, "postId">, resolved: Resolved) {
  const placeOffer = input.direction === "offer" && input.capital === "place";
  return {
    direction: input.direction,
    capital: input.capital,
    title: input.title,
    body: input.body,
    bodyHtml: resolved.bodyHtml,
    tags: resolved.tags,
    initiativeId: resolved.initiativeId,
    milestoneId: resolved.milestoneId,
    town: input.town,
    address: placeOffer && input.showAddress ? input.address : "",
    visibility: input.visibility,
    expiresAt: resolved.expiresAt,
  };
}

// ---------------------------------------------------------------- create and edit

/**
 * A member posts an offer or a request. A double submit (the same idempotency key) makes one post:
 * the second finds the first, or loses the race on the unique key and finds the winner.
 */
export async function createPost(scope: NetworkScope, input: CreatePostInput, now = new Date()): Promise<{ id: string }> {
  if (!can(scope.role, "exchange.post")) throw new AppError("forbidden");
  const key = { networkId: scope.networkId, authorId: scope.userId, idempotencyKey: input.idempotencyKey };
  const existing = () => db(scope).exchangePost.findFirst({ where: key, select: { id: true } });
  const found = await existing();
  if (found) return found;
  try {
    return await db(scope).$transaction(async (tx) => {
      const resolved = await resolve(tx, scope, input, now);
      const post = await tx.exchangePost.create({
        data: { ...postData(input, resolved), networkId: scope.networkId, authorId: scope.userId, idempotencyKey: input.idempotencyKey },
        select: { id: true },
      });
      await indexExchangePost(tx, scope.networkId, post.id);
      return post;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await existing();
      if (winner) return winner;
    }
    throw error;
  }
}

/** The author edits a running post. A new expiry is a renewal: the reminder may go out again. */
export async function updatePost(scope: NetworkScope, input: UpdatePostInput, now = new Date()): Promise<{ id: string }> {
  return db(scope).$transaction(async (tx) => {
    const post = await lockPost(tx, scope, input.postId);
    if (!mayEdit(scope.role, { ...post, status: effectiveStatus(post, now) }, scope.userId)) {
      throw new AppError(post.authorId === scope.userId ? "exchange_closed" : "forbidden");
    }
    const resolved = await resolve(tx, scope, input, now);
    const moved = resolved.expiresAt.getTime() !== post.expiresAt.getTime();
    await tx.exchangePost.update({
      where: { id: post.id, networkId: scope.networkId },
      data: { ...postData(input, resolved), ...(moved ? { remindedAt: null } : {}) },
    });
    await indexExchangePost(tx, scope.networkId, post.id);
    return { id: post.id };
  });
}

// ---------------------------------------------------------------- the life of a post

/** The author says someone is on it: open → in progress. */
export async function startPost(scope: NetworkScope, input: { postId: string }, now = new Date()) {
  await db(scope).$transaction(async (tx) => {
    const post = await lockPost(tx, scope, input.postId);
    const status = effectiveStatus(post, now);
    if (status === "in_progress" && post.authorId === scope.userId) return;
    if (!mayStart(scope.role, { ...post, status }, scope.userId)) throw new AppError(post.authorId === scope.userId ? "exchange_closed" : "forbidden");
    await tx.exchangePost.update({ where: { id: post.id, networkId: scope.networkId }, data: { status: "in_progress" } });
  });
}

/**
 * The author renews a post until a new day (within a year): a running one keeps its status, an
 * expired one is open again. The reminder a week before the new expiry may go out again.
 */
export async function renewPost(scope: NetworkScope, input: { postId: string; expiresOn: string }, now = new Date()) {
  await db(scope).$transaction(async (tx) => {
    const post = await lockPost(tx, scope, input.postId);
    const status = effectiveStatus(post, now);
    if (!mayRenew(scope.role, { ...post, status }, scope.userId)) throw new AppError(post.authorId === scope.userId ? "exchange_closed" : "forbidden");
    const expiresAt = await expiryOf(tx, scope, input.expiresOn);
    const error = expiryError(expiresAt, now);
    if (error || !expiresAt) throw new AppError("invalid_input", { expiresOn: [error ?? "date_invalid"] });
    await tx.exchangePost.update({
      where: { id: post.id, networkId: scope.networkId },
      data: { expiresAt, remindedAt: null, ...(status === "expired" ? { status: "open", closedAt: null } : {}) },
    });
  });
}

/**
 * The author marks a running post fulfilled: who helped (an active broker or member of the
 * network, not the author), a public thanks and a lesson for the network's lessons log, both
 * optional Markdown. The helper hears of a thanks once.
 */
export async function fulfilPost(
  scope: NetworkScope,
  input: { postId: string; helperId: string | null; thanks: string; lesson: string },
  now = new Date(),
) {
  await db(scope).$transaction(async (tx) => {
    const post = await lockPost(tx, scope, input.postId);
    const status = effectiveStatus(post, now);
    if (!mayFulfil(scope.role, { ...post, status }, scope.userId)) throw new AppError(post.authorId === scope.userId ? "exchange_closed" : "forbidden");
    if (input.helperId) {
      const helper =
        input.helperId === scope.userId
          ? null
          : await tx.membership.findFirst({
              where: { networkId: scope.networkId, userId: input.helperId, status: "active", role: { in: ["broker", "member"] } },
              select: { userId: true },
            });
      if (!helper) throw new AppError("invalid_input", { helperId: ["invalid_choice"] });
    }
    if (input.thanks && !input.helperId) throw new AppError("invalid_input", { helperId: ["exchange_thanks_helper"] });
    await tx.exchangePost.update({
      where: { id: post.id, networkId: scope.networkId },
      data: {
        status: "fulfilled",
        closedAt: now,
        helperId: input.helperId,
        thanks: input.thanks,
        thanksHtml: input.thanks ? renderMarkdown(input.thanks) : null,
        lesson: input.lesson,
        lessonHtml: input.lesson ? renderMarkdown(input.lesson) : null,
      },
    });
    if (input.helperId && input.thanks) {
      await tx.notification.createMany({
        data: [
          {
            networkId: scope.networkId,
            userId: input.helperId,
            kind: "exchange_thanked",
            actorId: scope.userId,
            exchangePostId: post.id,
            dedupeKey: `exchange-thanked:${post.id}`,
          },
        ],
        skipDuplicates: true,
      });
    }
  });
}

/** The author withdraws a post, or a broker does (moderation: recorded in the audit log with the reason). */
export async function withdrawPost(scope: NetworkScope, input: { postId: string; reason: string }, now = new Date()) {
  await db(scope).$transaction(async (tx) => {
    const post = await lockPost(tx, scope, input.postId);
    if (post.status === "withdrawn") return;
    if (!mayWithdraw(scope.role, { ...post, status: effectiveStatus(post, now) }, scope.userId)) {
      throw new AppError(post.authorId === scope.userId ? "exchange_closed" : "forbidden");
    }
    await tx.exchangePost.update({ where: { id: post.id, networkId: scope.networkId }, data: { status: "withdrawn", closedAt: now } });
    if (post.authorId !== scope.userId) {
      await recordAudit(tx, {
        networkId: scope.networkId,
        actorId: scope.userId,
        action: "exchange.withdrawn",
        subjectUserId: post.authorId,
        detail: { postId: post.id, title: post.title, reason: input.reason },
      });
    }
  });
}

// ---------------------------------------------------------------- the vocabulary

/** A broker adds a tag to the vocabulary (its slug normalised, unique in the network). */
export async function addTag(scope: NetworkScope, input: { tag: string; labelEn: string; labelNl: string }) {
  if (!can(scope.role, "exchange.tags")) throw new AppError("forbidden");
  try {
    await db(scope).$transaction(async (tx) => {
      const count = await tx.exchangeTag.count({ where: { networkId: scope.networkId } });
      if (count >= VOCABULARY_MAX) throw new AppError("invalid_input", { tag: [`too_many|${VOCABULARY_MAX}`] });
      await tx.exchangeTag.create({ data: { networkId: scope.networkId, slug: input.tag, labelEn: input.labelEn, labelNl: input.labelNl } });
      await recordAudit(tx, { networkId: scope.networkId, actorId: scope.userId, action: "exchange.tag_added", detail: { title: input.tag } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("invalid_input", { tag: ["exchange_tag_taken"] });
    throw error;
  }
}

/** A broker renames a tag: its labels. Its slug stays, so the posts and profiles that carry it keep it. */
export async function renameTag(scope: NetworkScope, input: { tagId: string; labelEn: string; labelNl: string }) {
  if (!can(scope.role, "exchange.tags")) throw new AppError("forbidden");
  await db(scope).$transaction(async (tx) => {
    const tag = await tx.exchangeTag.findFirst({ where: { networkId: scope.networkId, id: input.tagId }, select: { slug: true } });
    if (!tag) throw new AppError("not_found");
    await tx.exchangeTag.update({ where: { id: input.tagId, networkId: scope.networkId }, data: { labelEn: input.labelEn, labelNl: input.labelNl } });
    await recordAudit(tx, { networkId: scope.networkId, actorId: scope.userId, action: "exchange.tag_renamed", detail: { title: tag.slug } });
  });
}

/** A broker removes a tag from the vocabulary; posts that carry it keep it as a free tag. */
export async function removeTag(scope: NetworkScope, input: { tagId: string }) {
  if (!can(scope.role, "exchange.tags")) throw new AppError("forbidden");
  await db(scope).$transaction(async (tx) => {
    const tag = await tx.exchangeTag.findFirst({ where: { networkId: scope.networkId, id: input.tagId }, select: { slug: true } });
    if (!tag) throw new AppError("not_found");
    await tx.exchangeTag.delete({ where: { id: input.tagId, networkId: scope.networkId } });
    await recordAudit(tx, { networkId: scope.networkId, actorId: scope.userId, action: "exchange.tag_removed", detail: { title: tag.slug } });
  });
}

/**
 * A member removed from the network (or leaving it, or deleting their account) can no longer be
 * answered: their running posts in those networks are withdrawn, in the caller's transaction. Closed
 * posts stay as they were, readable.
 */
export async function closePostsOf(tx: Tx, networkIds: string[], userId: string, now = new Date()) {
  await tx.exchangePost.updateMany({
    where: { networkId: { in: networkIds }, authorId: userId, status: { in: ["open", "in_progress"] } },
    data: { status: "withdrawn", closedAt: now },
  });
}

/**
 * A deleted account (lib/accounts/mutations.ts, in its transaction across the person's networks,
 * after `releaseHeldBy` withdrew their running posts): their posts and the posts they helped stay
 * without them (posts name people by id without a foreign key, as gatherings do).
 */
export async function forgetPersonInPosts(tx: Tx, networkIds: string[], userId: string) {
  const inTheirNetworks = { networkId: { in: networkIds } };
  await tx.exchangePost.updateMany({ where: { ...inTheirNetworks, authorId: userId }, data: { authorId: null } });
  await tx.exchangePost.updateMany({ where: { ...inTheirNetworks, helperId: userId }, data: { helperId: null } });
}
