"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { requireMember, type NetworkScope } from "@/lib/membership/scope";
import { notifyMatches } from "./matching/mutations";
import { addTag, createPost, fulfilPost, removeTag, renameTag, renewPost, startPost, updatePost, withdrawPost } from "./mutations";
import {
  addTagSchema,
  createPostSchema,
  fulfilPostSchema,
  postRefSchema,
  removeTagSchema,
  renameTagSchema,
  renewPostSchema,
  updatePostSchema,
  withdrawPostSchema,
} from "./schema";

function revalidateExchange(slug: string, postId?: string) {
  revalidatePath(`/n/${slug}/exchange`);
  if (postId) revalidatePath(`/n/${slug}/exchange/${postId}`);
}

/**
 * After a post is saved: the people it matches hear of it, once per post (decision 041). The post
 * is already written; a failure here is logged and does not turn its save into an error.
 */
async function tellMatches(scope: NetworkScope, postId: string) {
  try {
    await notifyMatches(scope, postId);
  } catch (error) {
    console.error("[kring] matching a saved post failed", error);
  }
}

/** A member posts an offer or a request; the people it matches are told. */
export async function createPostAction(_prev: unknown, form: FormData): Promise<ActionResult<{ postId: string }>> {
  const result = await runAction(
    createPostSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "exchange.post");
      const post = await createPost(scope, input);
      await tellMatches(scope, post.id);
      revalidateExchange(scope.slug);
      return { postId: post.id, slug: scope.slug };
    },
    { rateLimit: { field: "title" } },
  );
  if (result.ok) redirect(`/n/${result.data.slug}/exchange/${result.data.postId}`);
  return result;
}

/** The author edits a running post; people it newly matches are told. */
export async function updatePostAction(_prev: unknown, form: FormData): Promise<ActionResult<{ postId: string }>> {
  const result = await runAction(
    updatePostSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "exchange.post");
      const post = await updatePost(scope, input);
      await tellMatches(scope, post.id);
      revalidateExchange(scope.slug, post.id);
      return { postId: post.id, slug: scope.slug };
    },
    { rateLimit: { field: "title" } },
  );
  if (result.ok) redirect(`/n/${result.data.slug}/exchange/${result.data.postId}`);
  return result;
}

/** The author says someone is on it. */
export async function startPostAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(postRefSchema, form, async ({ slug, postId }) => {
    const scope = await requireMember(slug, "exchange.post");
    await startPost(scope, { postId });
    revalidateExchange(scope.slug, postId);
    return null;
  });
}

/** The author renews a post (an expired one opens again). */
export async function renewPostAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(
    renewPostSchema,
    form,
    async ({ slug, postId, expiresOn }) => {
      const scope = await requireMember(slug, "exchange.post");
      await renewPost(scope, { postId, expiresOn });
      revalidateExchange(scope.slug, postId);
      return null;
    },
    { rateLimit: { field: "expiresOn" } },
  );
}

/** The author marks a post fulfilled: who helped, a thanks, a lesson. */
export async function fulfilPostAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(
    fulfilPostSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "exchange.post");
      await fulfilPost(scope, input);
      revalidateExchange(scope.slug, input.postId);
      revalidatePath(`/n/${scope.slug}/initiatives/lessons`);
      return null;
    },
    { rateLimit: { field: "thanks" } },
  );
}

/** The author withdraws a post; a broker may too (moderation). */
export async function withdrawPostAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(withdrawPostSchema, form, async ({ slug, postId, reason }) => {
    const scope = await requireMember(slug, "exchange.post");
    await withdrawPost(scope, { postId, reason });
    revalidateExchange(scope.slug, postId);
    return null;
  });
}

/** A broker adds a tag to the network's vocabulary. */
export async function addTagAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(
    addTagSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "exchange.tags");
      await addTag(scope, input);
      revalidatePath(`/n/${scope.slug}/exchange/tags`);
      return null;
    },
    { rateLimit: { field: "tag" } },
  );
}

/** A broker changes a tag's labels. */
export async function renameTagAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(
    renameTagSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "exchange.tags");
      await renameTag(scope, input);
      revalidatePath(`/n/${scope.slug}/exchange/tags`);
      return null;
    },
    { rateLimit: { field: "labelEn" } },
  );
}

/** A broker removes a tag from the vocabulary. */
export async function removeTagAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(removeTagSchema, form, async ({ slug, tagId }) => {
    const scope = await requireMember(slug, "exchange.tags");
    await removeTag(scope, { tagId });
    revalidatePath(`/n/${scope.slug}/exchange/tags`);
    return null;
  });
}
