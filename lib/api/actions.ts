"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { requireMember } from "@/lib/membership/scope";
import { createApiToken, revokeApiToken, rotateApiToken } from "./mutations";
import { apiTokenRefSchema, createApiTokenSchema } from "./schema";

function revalidateTokens(slug: string) {
  revalidatePath(`/n/${slug}/settings/api`);
}

/** A broker makes a token for the network's read API; the answer carries the token, the one time it is shown. */
export async function createApiTokenAction(_prev: unknown, form: FormData): Promise<ActionResult<{ name: string; token: string }>> {
  return runAction(
    createApiTokenSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "api.tokens");
      const { token } = await createApiToken(scope, input);
      revalidateTokens(scope.slug);
      return { name: input.name, token };
    },
    { rateLimit: { field: "name" } },
  );
}

/** A broker gives a token a new secret (the old one stops at once); the answer carries the new token, once. */
export async function rotateApiTokenAction(_prev: unknown, form: FormData): Promise<ActionResult<{ tokenId: string; token: string }>> {
  return runAction(apiTokenRefSchema, form, async ({ slug, tokenId }) => {
    const scope = await requireMember(slug, "api.tokens");
    const { token } = await rotateApiToken(scope, tokenId);
    revalidateTokens(scope.slug);
    return { tokenId, token };
  });
}

/** A broker revokes a token: it stops working at once. */
export async function revokeApiTokenAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(apiTokenRefSchema, form, async ({ slug, tokenId }) => {
    const scope = await requireMember(slug, "api.tokens");
    await revokeApiToken(scope, tokenId);
    revalidateTokens(scope.slug);
    return null;
  });
}
