"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { requireMember } from "@/lib/membership/scope";
import { answerProposal, proposeForCommons, publishProposal, withdrawProposal } from "./mutations";
import { answerSchema, proposeSchema, publishSchema, withdrawSchema } from "./schema";

function revalidateSharing(slug: string, proposalId?: string) {
  revalidatePath(`/n/${slug}/sharing`);
  if (proposalId) revalidatePath(`/n/${slug}/sharing/${proposalId}`);
  // The home's "waits for you" counts the consents asked of the viewer.
  revalidatePath(`/n/${slug}`);
}

/** "Share with the commons" on a record: proposes it, then shows the proposal (who is asked, the text before and after). */
export async function proposeForCommonsAction(_prev: unknown, form: FormData): Promise<ActionResult<{ proposalId: string }>> {
  const result = await runAction(proposeSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "commons.propose");
    const proposal = await proposeForCommons(scope, input);
    revalidateSharing(scope.slug, proposal.id);
    return { proposalId: proposal.id, slug: scope.slug };
  });
  if (result.ok) redirect(`/n/${result.data.slug}/sharing/${result.data.proposalId}`);
  return result;
}

/** A person asked agrees (attribution, licence) or objects (a reason). */
export async function answerProposalAction(_prev: unknown, form: FormData): Promise<ActionResult<{ status: string }>> {
  return runAction(
    answerSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "commons.answer");
      const { status } = await answerProposal(scope, input);
      revalidateSharing(scope.slug, input.proposalId);
      return { status };
    },
    { rateLimit: { field: "note" } },
  );
}

/** A broker publishes a proposal everyone asked agreed to. */
export async function publishProposalAction(_prev: unknown, form: FormData): Promise<ActionResult<{ itemId: string }>> {
  return runAction(publishSchema, form, async ({ slug, proposalId }) => {
    const scope = await requireMember(slug, "commons.publish");
    const { itemId } = await publishProposal(scope, { proposalId });
    revalidateSharing(scope.slug, proposalId);
    revalidatePath("/commons");
    return { itemId };
  });
}

/** A consenter or a broker withdraws a published item; before publication, its proposer, a consenter or a broker cancels it. */
export async function withdrawProposalAction(_prev: unknown, form: FormData): Promise<ActionResult<{ status: string }>> {
  return runAction(withdrawSchema, form, async ({ slug, proposalId }) => {
    const scope = await requireMember(slug, "commons.answer");
    const { status } = await withdrawProposal(scope, { proposalId });
    revalidateSharing(scope.slug, proposalId);
    revalidatePath("/commons");
    return { status };
  });
}
