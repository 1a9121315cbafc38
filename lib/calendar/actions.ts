"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { requireViewer } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { requireMember } from "@/lib/membership/scope";
import { renewNetworkFeed, renewPersonalFeed, revokeNetworkFeed, revokePersonalFeed } from "./mutations";
import { calendarPaths } from "./policy";
import { networkFeedSchema, personalFeedSchema } from "./schema";

/**
 * The calendar feed addresses (decision 037). Only a secret's hash is kept, so a new address
 * is returned once, to be copied into a calendar app; making another replaces it, and turning
 * the feed off stops the old address at once (a 404 from then on). The address is built on
 * KRING_PUBLIC_URL, never on the request's host.
 */

/** A new address for the member's private feed of this network (create, or replace a leaked one). */
export async function renewNetworkFeedAction(_prev: unknown, form: FormData): Promise<ActionResult<{ url: string }>> {
  return runAction(networkFeedSchema, form, async ({ slug }) => {
    const scope = await requireMember(slug, "calendar.subscribe");
    const token = await renewNetworkFeed(scope);
    revalidatePath(`/n/${scope.slug}/gatherings`);
    return { url: `${env().publicUrl}${calendarPaths.networkFeed(scope.slug, token)}` };
  });
}

export async function revokeNetworkFeedAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(networkFeedSchema, form, async ({ slug }) => {
    const scope = await requireMember(slug, "calendar.subscribe");
    await revokeNetworkFeed(scope);
    revalidatePath(`/n/${scope.slug}/gatherings`);
    return null;
  });
}

/** A new address for the person's "my gatherings" feed across their networks. */
export async function renewPersonalFeedAction(_prev: unknown, form: FormData): Promise<ActionResult<{ url: string }>> {
  return runAction(personalFeedSchema, form, async () => {
    const viewer = await requireViewer();
    const token = await renewPersonalFeed(viewer.id);
    revalidatePath("/profile");
    return { url: `${env().publicUrl}${calendarPaths.personalFeed(token)}` };
  });
}

export async function revokePersonalFeedAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(personalFeedSchema, form, async () => {
    const viewer = await requireViewer();
    await revokePersonalFeed(viewer.id);
    revalidatePath("/profile");
    return null;
  });
}
