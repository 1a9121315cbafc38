import { getViewer } from "@/lib/auth/session";
import { markNotificationRead } from "@/lib/notifications/mutations";
import { MEMBERSHIP_NEWS_FOR_THE_PERSON } from "@/lib/notifications/schema";

export const dynamic = "force-dynamic";

/** A relative redirect: behind a proxy `request.url` names the listening address, not the host asked for. */
function seeOther(path: string) {
  return new Response(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });
}

/**
 * Following a notification: marks it read (only the viewer's own; anyone else's id
 * finds nothing) and goes on to the thread, the cycle, the milestone, the gathering, the offer or request (or its
 * conversation), the support map, the Requests tab (a waiting
 * request, for brokers), a network's export page (an export is ready) or the network (news of the person's own membership; a removal stays in the
 * centre), or back to the centre.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) {
    return seeOther(`/signin?callbackUrl=${encodeURIComponent(`/notifications/${id}`)}`);
  }
  const target = await markNotificationRead(viewer.id, id);
  return seeOther(target ? destination(target) : "/notifications");
}

const cycleKinds = ["cycle_opened", "cycle_reminder", "consent_requested"];

function destination(target: NonNullable<Awaited<ReturnType<typeof markNotificationRead>>>): string {
  if (target.kind === "join_requested") return `/n/${target.slug}/requests`;
  // A ready export: its page has the signed download link (for the broker who asked, for a day).
  if (target.kind === "network_export_ready") return `/n/${target.slug}/settings/export`;
  // An endpoint was turned off after failing for days: the webhooks page, where it can be turned on again.
  if (target.kind === "webhook_disabled") return `/n/${target.slug}/settings/webhooks`;
  // A removed person may no longer see a private network: the centre says what happened.
  if (target.kind === "membership_removed") return "/notifications";
  if ((MEMBERSHIP_NEWS_FOR_THE_PERSON as readonly string[]).includes(target.kind)) return `/n/${target.slug}`;
  if (target.conversationId && target.exchangePostId) {
    return `/n/${target.slug}/exchange/${target.exchangePostId}/conversations/${target.conversationId}`;
  }
  if (target.exchangePostId) return `/n/${target.slug}/exchange/${target.exchangePostId}`;
  // A suggestion waits in the brokers' queue on the map; a reviewed one is on the map (or not, with the note).
  if (target.kind === "support_suggested") return `/n/${target.slug}/support#suggestions`;
  // A question about a shared item waits on the brokers' list of questions.
  if (target.kind === "commons_question" && target.commonsQuestionId) return `/n/${target.slug}/commons/questions#question-${target.commonsQuestionId}`;
  if (target.supportEntryId) return `/n/${target.slug}/support#entry-${target.supportEntryId}`;
  // Commons news: the proposal, where the person answers, publishes or withdraws.
  if (target.commonsProposalId) return `/n/${target.slug}/sharing/${target.commonsProposalId}`;
  if (target.gatheringId) return `/n/${target.slug}/gatherings/${target.gatheringId}`;
  if (target.initiativeId) return `/n/${target.slug}/initiatives/${target.initiativeId}#milestone-${target.milestoneId}`;
  if (cycleKinds.includes(target.kind)) return `/n/${target.slug}/cycles`;
  if (target.threadId) return `/n/${target.slug}/dialogue/${target.threadId}${target.replyId ? `#reply-${target.replyId}` : ""}`;
  return "/notifications";
}
