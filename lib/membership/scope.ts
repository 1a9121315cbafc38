import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getViewer } from "@/lib/auth/session";
import type { NetworkRef, NetworkScope } from "@/lib/db/tenant-proof";
import { AppError } from "@/lib/errors";
import { findNetworkWithViewer } from "@/lib/networks/queries";
import { findOpenInvitationFor } from "./queries";
import { canSeeNetwork } from "@/lib/networks/policy";
import { can, type Permission } from "./policy";

// The proof types live in a leaf module, so the database layer can name them without importing
// this one (which reaches auth, mail and networks); this module is still the only one that mints them.
export type { NetworkRef, NetworkScope } from "@/lib/db/tenant-proof";

/** The network behind a slug as this viewer sees it, or null when it must look like it does not exist. */
export const viewNetwork = cache(async (slug: string) => {
  const viewer = await getViewer();
  const found = await findNetworkWithViewer(slug, viewer?.id ?? null);
  if (!found) return null;
  const active = found.membership?.status === "active" ? found.membership : null;
  const ref = { networkId: found.network.id, slug: found.network.slug } as NetworkRef;
  // An open invitation sent to the viewer's own address: the home offers to accept it, and like
  // the invitation's link it shows a private network's text to the person invited (decision 034).
  const invitation = viewer && !active ? await findOpenInvitationFor(ref, viewer.id) : null;
  if (!canSeeNetwork(found.network.visibility, active !== null) && !invitation) return null;
  const scope =
    viewer && active
      ? ({
          networkId: found.network.id,
          slug: found.network.slug,
          userId: viewer.id,
          membershipId: active.id,
          role: active.role,
        } as NetworkScope)
      : null;
  return { ...found, viewer, ref, scope, invitation };
});

/**
 * The gate of every tenant-scoped action and page: signed in, an active member,
 * and (optionally) allowed `permission`. Unknown and invisible networks are
 * `not_found`, so nothing hints that a private network exists.
 */
export async function requireMember(slug: string, permission?: Permission): Promise<NetworkScope> {
  const viewer = await getViewer();
  const view = await viewNetwork(slug);
  if (!view) throw new AppError(viewer ? "not_found" : "unauthenticated");
  if (!viewer) throw new AppError("unauthenticated");
  if (!view.scope) throw new AppError("forbidden");
  if (permission && !can(view.scope.role, permission)) throw new AppError("forbidden");
  return view.scope;
}

/**
 * For accepting an invitation, which reaches private networks too: the network by slug whether
 * or not the viewer may see it, and whether they may. The caller then proves its right to be
 * there with a valid invitation token, and for a network the viewer cannot see, answers any
 * refusal as `not_found`, as for a network that does not exist (`hideUnlessVisible`).
 */
export async function requireInvitedNetworkRef(slug: string): Promise<{ ref: NetworkRef; visible: boolean }> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated");
  const found = await findNetworkWithViewer(slug, viewer.id);
  if (!found) throw new AppError("not_found");
  return {
    ref: { networkId: found.network.id, slug: found.network.slug } as NetworkRef,
    visible: canSeeNetwork(found.network.visibility, found.membership?.status === "active"),
  };
}

/**
 * Runs `work` for a network the viewer may not see: every refusal becomes `not_found`, so a
 * stranger with a made-up invitation learns nothing a slug that exists nowhere would not tell.
 */
export async function hideUnlessVisible<T>(visible: boolean, work: () => Promise<T>): Promise<T> {
  if (visible) return work();
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw new AppError("not_found");
    throw error;
  }
}

/** For joining: the network by slug when the viewer may see it. */
export async function requireNetworkRef(slug: string): Promise<NetworkRef> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated");
  const view = await viewNetwork(slug);
  if (!view) throw new AppError("not_found");
  return view.ref;
}

/**
 * The same gate for pages: a visitor is sent to sign in and back; anyone else
 * without the right sees a 404, so a page never confirms what it guards.
 */
export async function requireMemberPage(slug: string, returnPath: string, permission?: Permission): Promise<NetworkScope> {
  try {
    return await requireMember(slug, permission);
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") {
      redirect(`/signin?callbackUrl=${encodeURIComponent(returnPath)}`);
    }
    if (error instanceof AppError) notFound();
    throw error;
  }
}

/**
 * The read API's proof (decision 047): a token, found by lib/api in the network the address
 * names, reads that network as a member who is nobody in particular (role `member`, a user id
 * that is no person's), so the pages' queries and policies give it what any member sees and
 * nothing that depends on being someone: no hidden post of "its own", no online link.
 */
export function apiReaderScope(network: { id: string; slug: string }, tokenId: string, role: NetworkScope["role"]): NetworkScope {
  return { networkId: network.id, slug: network.slug, userId: `api-token:${tokenId}`, membershipId: "", role } as NetworkScope;
}
