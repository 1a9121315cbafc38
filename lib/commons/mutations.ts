import "server-only";
import { notifyBrokers } from "@/lib/notifications/mutations";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { renderMarkdown } from "@/lib/markdown/render";
import type { NetworkRef } from "@/lib/membership/scope";
import { hitRateLimits, type RateVerdict } from "@/lib/rate-limit/mutations";
import { feedChecks } from "@/lib/rate-limit/policy";
import type { AskCommonsQuestionInput } from "./schema";

/**
 * Writes of the commons' public side (decision 045). The in-network side (proposals, consent,
 * publication, withdrawal) is lib/sharing's.
 */

/**
 * "Ask the source network": a signed-in person asks the brokers of the network that shared an item,
 * if that network allows it. The network is the item's own, read from the shared copy on the
 * server, never taken from the form: the question and the brokers' notifications are written in
 * that one network (its tenant setting), as createNetwork writes in a network it just made. A
 * withdrawn item takes no questions. A double submit (the same key) asks once, and notifies once.
 */
export async function askSourceNetwork(askerId: string, input: AskCommonsQuestionInput): Promise<{ questionId: string }> {
  const rows = await db().$queryRaw<{ networkId: string; slug: string; withdrawn: boolean; allow: boolean }[]>`
    SELECT i."sourceNetworkId" AS "networkId", n.slug, i."withdrawnAt" IS NOT NULL AS withdrawn, n."allowCommonsQuestions" AS allow
    FROM "CommonsItem" i JOIN "Network" n ON n.id = i."sourceNetworkId"
    WHERE i.id = ${input.itemId}::uuid`;
  const item = rows[0];
  if (!item) throw new AppError("not_found");
  if (item.withdrawn) throw new AppError("commons_withdrawn");
  if (!item.allow) throw new AppError("commons_questions_closed");
  const source = { networkId: item.networkId, slug: item.slug } as NetworkRef;
  const existing = () =>
    db(source).commonsQuestion.findFirst({
      where: { networkId: source.networkId, askerId, idempotencyKey: input.idempotencyKey },
      select: { id: true },
    });
  const earlier = await existing();
  if (earlier) return { questionId: earlier.id };
  try {
    return await db(source).$transaction(async (tx) => {
      const question = await tx.commonsQuestion.create({
        data: {
          networkId: source.networkId,
          itemId: input.itemId,
          askerId,
          body: input.body,
          bodyHtml: renderMarkdown(input.body),
          replyEmail: input.replyEmail,
          idempotencyKey: input.idempotencyKey,
        },
        select: { id: true },
      });
      // Every active broker of the source network hears of it once (a broker asking their own network too: it is a question all brokers share).
      await notifyBrokers(tx, source.networkId, {
        kind: "commons_question",
        actorId: askerId,
        commonsQuestionId: question.id,
        dedupeKey: `commons-question:${question.id}`,
      });
      return { questionId: question.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await existing();
      if (winner) return { questionId: winner.id };
    }
    throw error;
  }
}

/** Counts one read of a commons feed against KRING_RATE_FEEDS, per client address (decision 045). */
export function countCommonsFeedRead(ip: string): Promise<RateVerdict> {
  return hitRateLimits(feedChecks(`commons-feed:${ip}`));
}
