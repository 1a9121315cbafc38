"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { requireViewer } from "@/lib/auth/session";
import { requireMember } from "@/lib/membership/scope";
import { createNetwork, updateNetwork } from "./mutations";
import { createNetworkSchema, updateNetworkSchema } from "./schema";

export async function createNetworkAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const result = await runAction(createNetworkSchema, form, async (input) => {
    const viewer = await requireViewer();
    const network = await createNetwork(viewer.id, input);
    revalidatePath("/");
    return { slug: network.slug };
  });
  if (result.ok) redirect(`/n/${result.data.slug}`);
  return result;
}

export async function updateNetworkAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(updateNetworkSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "network.edit");
    await updateNetwork(scope, input);
    revalidatePath(`/n/${scope.slug}`, "layout");
    revalidatePath("/");
    return null;
  });
}
