import { getViewer } from "@/lib/auth/session";
import { markNotificationRead } from "@/lib/notifications/mutations";

export const dynamic = "force-dynamic";

/** A relative redirect: behind a proxy `request.url` names the listening address, not the host asked for. */
function seeOther(path: string) {
  return new Response(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });
}

/**
 * Following a notification: marks it read (only the viewer's own; anyone else's id
 * finds nothing) and goes on to the thread, the cycle or the milestone, or back to the centre when there is none.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) {
    return seeOther(`/signin?callbackUrl=${encodeURIComponent(`/notifications/${id}`)}`);
  }
  const target = await markNotificationRead(viewer.id, id);
  const cycleKinds = ["cycle_opened", "cycle_reminder", "consent_requested"];
  const path = !target
    ? "/notifications"
    : target.initiativeId
      ? `/n/${target.slug}/initiatives/${target.initiativeId}#milestone-${target.milestoneId}`
      : cycleKinds.includes(target.kind)
        ? `/n/${target.slug}/cycles`
        : target.threadId
          ? `/n/${target.slug}/dialogue/${target.threadId}${target.replyId ? `#reply-${target.replyId}` : ""}`
          : "/notifications";
  return seeOther(path);
}
