"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { requireViewer } from "@/lib/auth/session";
import { emailLink } from "@/lib/mail/links";
import {
  acceptInvitation,
  changeRole,
  createInvitation,
  joinOpenNetwork,
  leaveNetwork,
  removeMember,
  requestToJoin,
  revokeInvitation,
  reviewRequest,
} from "./mutations";
import {
  acceptInvitationSchema,
  changeRoleSchema,
  createInvitationSchema,
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
): Promise<ActionResult<{ token: string; slug: string; link: string; expiresAt: string }>> {
  return runAction(createInvitationSchema, form, async ({ slug, role, expiresInDays, note }) => {
    const scope = await requireMember(slug, "invitations.manage");
    const { token, expiresAt } = await createInvitation(scope, { role, expiresInDays, note });
    revalidateNetwork(scope.slug);
    // The link the broker passes on: on the public address, like every link Kring hands out.
    const link = emailLink(`/n/${scope.slug}/invite/${token}`);
    return { token, slug: scope.slug, link, expiresAt: expiresAt.toISOString() };
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
