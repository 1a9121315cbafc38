import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export type AuditAction =
  | "network.created"
  | "network.updated"
  | "member.joined"
  | "member.requested"
  | "request.approved"
  | "request.declined"
  | "invitation.created"
  | "invitation.revoked"
  | "invitation.accepted"
  | "member.left"
  | "account.deleted"
  | "member.role_changed"
  | "member.removed"
  | "report.dismissed"
  | "thread.hidden"
  | "thread.restored"
  | "reply.hidden"
  | "reply.restored"
  | "thread.locked"
  | "thread.unlocked"
  | "thread.pinned"
  | "thread.unpinned"
  | "thread.moved"
  | "cycle.opened"
  | "cycle.extended"
  | "cycle.advanced"
  | "reflection.hidden"
  | "reflection.restored"
  | "consent_answer.hidden"
  | "consent_answer.restored"
  | "consent.called"
  | "cycle.closed"
  | "initiative.created"
  | "initiative.updated"
  | "milestone.status_changed"
  | "update.hidden"
  | "update.restored"
  | "pledge.created"
  | "pledge.released"
  | "pledge.withdrawn"
  | "gathering.planned"
  | "gathering.proposed"
  | "gathering.cancelled"
  | "gathering.series_ended"
  | "support.listed"
  | "support.declined"
  | "support.removed"
  | "exchange.withdrawn"
  | "exchange.tag_added"
  | "exchange.tag_renamed"
  | "exchange.tag_removed"
  | "network.export_requested"
  | "network.export_downloaded"
  | "api_token.created"
  | "api_token.rotated"
  | "api_token.revoked"
  | "webhook.created"
  | "webhook.rotated"
  | "webhook.disabled"
  | "webhook.enabled"
  | "webhook.deleted"
  | "webhook.resent"
  | "commons.proposed"
  | "commons.agreed"
  | "commons.objected"
  | "commons.published"
  | "commons.withdrawn"
  | "commons.cancelled";

/** Writes one audit entry inside the caller's transaction, so the decision and its record land together. */
export async function recordAudit(
  tx: Tx,
  entry: {
    networkId: string;
    actorId: string;
    action: AuditAction;
    subjectUserId?: string | null;
    detail?: Prisma.InputJsonObject;
  },
) {
  await tx.auditEntry.create({
    data: {
      networkId: entry.networkId,
      actorId: entry.actorId,
      action: entry.action,
      subjectUserId: entry.subjectUserId ?? null,
      detail: entry.detail ?? {},
    },
  });
}
