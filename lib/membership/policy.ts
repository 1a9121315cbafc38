import type { Role } from "@/lib/db/generated/enums";

/**
 * Who may do what inside a network: one table, read top to bottom.
 * Anything not listed is refused. Visitors and non-members have no role.
 */
export const permissions = {
  "network.edit": ["broker"],
  "network.export": ["broker"],
  "members.view": ["broker", "member", "funder"],
  "members.change_role": ["broker"],
  "members.remove": ["broker"],
  "requests.review": ["broker"],
  "invitations.manage": ["broker"],
  "audit.view": ["broker"],
  "thread.read": ["broker", "member", "funder"],
  "thread.create": ["broker", "member", "funder"],
  "reply.create": ["broker", "member", "funder"],
  "reaction.toggle": ["broker", "member", "funder"],
  "reply.read_revisions": ["broker", "member", "funder"],
  "post.report": ["broker", "member", "funder"],
  "moderation.review": ["broker"],
  "moderation.hide": ["broker"],
  "moderation.lock": ["broker"],
  "moderation.pin": ["broker"],
  "moderation.move": ["broker"],
  "cycle.view": ["broker", "member", "funder"],
  "cycle.open": ["broker"],
  "cycle.extend": ["broker"],
  "cycle.advance": ["broker"],
  "reflection.write": ["broker", "member"],
  "reflection.read": ["broker", "member"],
  "initiative.view": ["broker", "member", "funder"],
  "initiative.create": ["broker", "member"],
  "initiative.edit": ["broker", "member"],
  "milestone.manage": ["broker", "member"],
  "milestone.update": ["broker", "member"],
  "lessons.view": ["broker", "member", "funder"],
  "pledge.create": ["funder"],
  "pledge.release": ["funder"],
  "pledge.withdraw": ["funder"],
  "funding.overview": ["broker"],
  "synthesis.read": ["broker", "member"],
  "synthesis.write": ["broker", "member"],
  "consent.call": ["broker"],
  "consent.answer": ["broker", "member"],
  "cycle.close": ["broker"],
  // A private calendar feed of the network's gatherings (decision 037).
  "calendar.subscribe": ["broker", "member", "funder"],
  "gathering.view": ["broker", "member", "funder"],
  "gathering.plan": ["broker"],
  "gathering.propose": ["broker", "member"],
  "gathering.rsvp": ["broker", "member"],
  "gathering.attendance": ["broker", "member"],
  "gathering.names": ["broker", "member"],
  "harvest.read": ["broker", "member"],
  "harvest.write": ["broker", "member"],
  // "I can help with" on one's own membership: what matching tells people about (decision 041).
  // Funders are not matched: they give money, and read the exchange only where a post lets them.
  "membership.help_tags": ["broker", "member"],
  // The support map (decision 040): everyone in the network reads it; members suggest, brokers keep it.
  "support.view": ["broker", "member", "funder"],
  "support.suggest": ["broker", "member"],
  "support.manage": ["broker"],
  // Offers and requests (decision 039): funders read the posts shown to funders; brokers keep the
  // tag vocabulary (and withdraw any post as moderation: moderation.hide).
  "exchange.view": ["broker", "member", "funder"],
  "exchange.post": ["broker", "member"],
  "exchange.tags": ["broker"],
  // "I can help" / "I'm interested" on an offer or request, and the private conversation it starts:
  // brokers and members. Funders read the posts open to them but do not answer (decision 039).
  "exchange.converse": ["broker", "member"],
  // Questions people ask about the network's items in the commons ("Ask the source network", decision 045).
  "commons.questions": ["broker"],
  // Tokens of the network's read API (decision 047): brokers make, rotate and revoke them.
  "api.tokens": ["broker"],
  // Webhooks of the network (decision 050): brokers register, rotate, turn off, delete and send again.
  "webhooks.manage": ["broker"],
  // Sharing with the commons (decision 044): brokers and authors propose, the people named consent,
  // brokers publish. Funders author nothing that can be shared, so they take no part.
  "commons.view": ["broker", "member"],
  "commons.propose": ["broker", "member"],
  "commons.answer": ["broker", "member"],
  "commons.publish": ["broker"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (permissions[permission] as readonly Role[]).includes(role);
}
