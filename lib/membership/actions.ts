"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { requireViewer } from "@/lib/auth/session";
import { emailLink } from "@/lib/mail/links";
import { withinRateLimits } from "@/lib/rate-limit/mutations";
import { invitationMailChecks } from "@/lib/rate-limit/policy";
import {
  acceptAddressedInvitation,
  acceptInvitation,
  changeRole,
  createInvitation,
  joinOpenNetwork,
  leaveNetwork,
  removeMember,
  requestToJoin,
  revokeInvitation,
  reviewRequest,
  setHelpTags,
} from "./mutations";
import {
  acceptAddressedInvitationSchema,
  acceptInvitationSchema,
  changeRoleSchema,
  createInvitationSchema,
  helpTagsSchema,
  joinSchema,
  leaveSchema,
  removeMemberSchema,
  requestSchema,
  reviewRequestSchema,
  revokeInvitationSchema,
} from "./schema";
import { hideUnlessVisible, requireInvitedNetworkRef, requireMember, requireNetworkRef } from "./scope";

function revalidateNetwork(slug: string) {
  revalidatePath(`/n/${slug}`, "layout");
  revalidatePath("/", "layout");
}

export async function joinAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const result = await runAction(joinSchema, form, async ({ slug }) => {
    const viewer = await requireViewer();
    const ref = await requireNetworkRef(slug);
    await joinOpenNetwork(ref, viewer.id);
    revalidateNetwork(ref.slug);
    return null;
  });
  if (result.ok) redirect(`/n/${encodeURIComponent(String(form.get("slug")))}?joined=1`);
  return result;
}

export async function requestToJoinAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(requestSchema, form, async ({ slug, message }) => {
    const viewer = await requireViewer();
    const ref = await requireNetworkRef(slug);
    await requestToJoin(ref, viewer.id, message);
    revalidateNetwork(ref.slug);
    return null;
  });
}

export async function reviewRequestAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(reviewRequestSchema, form, async ({ slug, membershipId, decision, note }) => {
    const scope = await requireMember(slug, "requests.review");
    await reviewRequest(scope, membershipId, decision, note);
    revalidateNetwork(scope.slug);
    return null;
  });
}

export async function createInvitationAction(
  _prev: unknown,
  form: FormData,
): Promise<ActionResult<{ token: string; slug: string; link: string; expiresAt: string; sentTo: string | null }>> {
  return runAction(createInvitationSchema, form, async ({ slug, role, expiresInDays, note, email }) => {
    const scope = await requireMember(slug, "invitations.manage");
    const create = () => createInvitation(scope, { role, expiresInDays, note, email });
    // Sent by email, an invitation also counts against the network's own budget (decision 034).
    const { token, expiresAt, sentTo } = email
      ? await withinRateLimits(invitationMailChecks(scope.networkId), { field: "email" }, create)
      : await create();
    revalidateNetwork(scope.slug);
    // The link the broker passes on: on the public address, like every link Kring hands out.
    const link = emailLink(`/n/${scope.slug}/invite/${token}`);
    return { token, slug: scope.slug, link, expiresAt: expiresAt.toISOString(), sentTo };
  });
}

export async function revokeInvitationAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(revokeInvitationSchema, form, async ({ slug, invitationId }) => {
    const scope = await requireMember(slug, "invitations.manage");
    await revokeInvitation(scope, invitationId);
    revalidateNetwork(scope.slug);
    return null;
  });
}

export async function acceptInvitationAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const result = await runAction(acceptInvitationSchema, form, async ({ slug, token }) => {
    const viewer = await requireViewer();
    const { ref, visible } = await requireInvitedNetworkRef(slug);
    await hideUnlessVisible(visible, () => acceptInvitation(ref, viewer.id, token));
    revalidateNetwork(ref.slug);
    return null;
  });
  if (result.ok) redirect(`/n/${encodeURIComponent(String(form.get("slug")))}?joined=1`);
  return result;
}

/**
 * Accepts an invitation sent to the signed-in person's own account address, from the network's
 * home, without the link's token. Like a link, it reaches a private network; a stranger learns
 * nothing (every refusal there is `not_found`).
 */
export async function acceptAddressedInvitationAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const result = await runAction(acceptAddressedInvitationSchema, form, async ({ slug, invitationId }) => {
    const viewer = await requireViewer();
    const { ref, visible } = await requireInvitedNetworkRef(slug);
    await hideUnlessVisible(visible, () => acceptAddressedInvitation(ref, viewer.id, invitationId));
    revalidateNetwork(ref.slug);
    return null;
  });
  if (result.ok) redirect(`/n/${encodeURIComponent(String(form.get("slug")))}?joined=1`);
  return result;
}

export async function changeRoleAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(changeRoleSchema, form, async ({ slug, membershipId, role }) => {
    const scope = await requireMember(slug, "members.change_role");
    await changeRole(scope, membershipId, role);
    revalidateNetwork(scope.slug);
    return null;
  });
}

export async function removeMemberAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(removeMemberSchema, form, async ({ slug, membershipId }) => {
    const scope = await requireMember(slug, "members.remove");
    await removeMember(scope, membershipId);
    revalidateNetwork(scope.slug);
    return null;
  });
}

export async function leaveAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  const result = await runAction(leaveSchema, form, async ({ slug }) => {
    const scope = await requireMember(slug);
    await leaveNetwork(scope);
    revalidateNetwork(scope.slug);
    return null;
  }, { rateLimit: { none: "ends the caller's own membership, once per membership (joining again is counted): leaving a network must always be possible" } });
  if (result.ok) redirect("/?left=1");
  return result;
}

/** "I can help with" on the caller's own membership of the network: members and brokers (decision 041). */
export async function updateHelpTagsAction(_prev: unknown, form: FormData): Promise<ActionResult<{ helpTags: string[] }>> {
  return runAction(
    helpTagsSchema,
    form,
    async ({ slug, helpTags }) => {
      const scope = await requireMember(slug, "membership.help_tags");
      const stored = await setHelpTags(scope, helpTags);
      revalidatePath(`/n/${scope.slug}/members`);
      return { helpTags: stored };
    },
    { rateLimit: { field: "helpTags" } },
  );
}
