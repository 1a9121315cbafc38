import "server-only";
import { db } from "@/lib/db/client";
import type { NetworkScope } from "@/lib/membership/scope";
import { matchesForPost, type Matches } from "./queries";

/**
 * After an offer or request is saved (created or edited): each person it matches hears of it
 * once (decision 041). That is the members whose "I can help with" meets a request, and the
 * authors of the open posts of the other direction that match it (when they are still active
 * members or brokers). Never the author or the person saving, never a funder (matching leaves
 * funders out), never someone who cannot read the post (members and brokers read every post).
 * The key `exchange_matched:<postId>` with the unique (userId, dedupeKey) makes a second save of
 * the same post tell only people it newly matches. Returns the matches, for the page to show.
 */
export async function notifyMatches(scope: NetworkScope, postId: string): Promise<Matches & { notified: number }> {
  const post = await db(scope).exchangePost.findFirst({
    where: { networkId: scope.networkId, id: postId, status: "open" },
    select: { authorId: true },
  });
  if (!post) return { posts: [], people: [], notified: 0 };
  const matches = await matchesForPost(scope, postId);
  const skip = new Set([post.authorId, scope.userId]);
  const people = new Set<string>();
  for (const person of matches.people) if (!skip.has(person.userId)) people.add(person.userId);
  for (const match of matches.posts) if (match.authorId && match.authorMayHear && !skip.has(match.authorId)) people.add(match.authorId);
  if (people.size === 0) return { ...matches, notified: 0 };
  const { count } = await db(scope).notification.createMany({
    data: [...people].map((userId) => ({
      networkId: scope.networkId,
      userId,
      kind: "exchange_matched" as const,
      actorId: post.authorId,
      exchangePostId: postId,
      dedupeKey: `exchange_matched:${postId}`,
    })),
    skipDuplicates: true,
  });
  return { ...matches, notified: count };
}
