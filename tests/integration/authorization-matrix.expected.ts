import type { ActionOutcome } from "./authorization-matrix.world";

/**
 * What every server action and route handler answers, per persona and target; checked by
 * authorization-matrix.test.ts. A new action or route fails that test until it has a row here.
 *
 * Personas: anonymous (a visitor), outsider (signed in, a member of no network), member, funder
 * and broker of network A, and otherBroker (the broker of network B).
 * Targets:
 * - own: A's records under A's slug.
 * - foreignInOwnName: B's records (ids, tokens) under A's slug, by A's member, funder and broker.
 * - foreign: B's records under B's slug, by A's member, funder and broker (B is public and open).
 * Outcomes: "ok", "redirect" (Next's redirect after a success), "notFound", or an error code
 * from lib/errors.ts. Routes: the status, and a redirect's path with world ids named.
 * A refusal must leave the database as it was (the test checks every one).
 *
 * Variants: a row keyed `<action> (<what differs>)` runs the same action on another kind of record
 * (authorization-matrix.inputs.ts, actionVariants).
 *
 * Reading notes: an action that names no record (creating a thread, an invitation, editing the
 * network) does the same in foreignInOwnName as in own; joining, requesting to join and accepting
 * an invitation whose token one holds are open to anyone signed in, also in B.
 */
export const actionPersonas = ["anonymous", "outsider", "member", "funder", "broker", "otherBroker"] as const;
export const insidePersonas = ["member", "funder", "broker"] as const;
export type Persona = (typeof actionPersonas)[number];
type InsidePersona = (typeof insidePersonas)[number];

type Row<T> = { own: Record<Persona, T>; foreignInOwnName: Record<InsidePersona, T>; foreign: Record<InsidePersona, T> };
export type ActionRow = Row<ActionOutcome>;
export type RouteRow = Row<string>;

export const expectedActions: Record<string, ActionRow> = {
  "lib/accounts/actions.ts#deleteAccountAction": {
    own: { anonymous: "unauthenticated", outsider: "invalid_input", member: "redirect", funder: "invalid_input", broker: "invalid_input", otherBroker: "invalid_input" },
    foreignInOwnName: { member: "invalid_input", funder: "invalid_input", broker: "invalid_input" },
    foreign: { member: "invalid_input", funder: "invalid_input", broker: "invalid_input" },
  },
  "lib/accounts/actions.ts#signInAction": {
    own: { anonymous: "redirect", outsider: "redirect", member: "redirect", funder: "redirect", broker: "redirect", otherBroker: "redirect" },
    foreignInOwnName: { member: "redirect", funder: "redirect", broker: "redirect" },
    foreign: { member: "redirect", funder: "redirect", broker: "redirect" },
  },
  "lib/accounts/actions.ts#signOutAction": {
    own: { anonymous: "ok", outsider: "ok", member: "ok", funder: "ok", broker: "ok", otherBroker: "ok" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "ok", funder: "ok", broker: "ok" },
  },
  "lib/accounts/actions.ts#switchLocaleAction": {
    own: { anonymous: "redirect", outsider: "redirect", member: "redirect", funder: "redirect", broker: "redirect", otherBroker: "redirect" },
    foreignInOwnName: { member: "redirect", funder: "redirect", broker: "redirect" },
    foreign: { member: "redirect", funder: "redirect", broker: "redirect" },
  },
  "lib/accounts/actions.ts#updateEmailSettingsAction": {
    own: { anonymous: "unauthenticated", outsider: "ok", member: "ok", funder: "ok", broker: "ok", otherBroker: "ok" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "ok", funder: "ok", broker: "ok" },
  },
  // One's own membership only: a network one is not a member of is refused.
  "lib/accounts/actions.ts#setNetworkEmailAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "ok", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // The token is the authority (no session needed), so everyone holding it may undo.
  "lib/accounts/actions.ts#undoUnsubscribeAction": {
    own: { anonymous: "ok", outsider: "ok", member: "ok", funder: "ok", broker: "ok", otherBroker: "ok" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "ok", funder: "ok", broker: "ok" },
  },
  "lib/accounts/actions.ts#updateProfileAction": {
    own: { anonymous: "unauthenticated", outsider: "ok", member: "ok", funder: "ok", broker: "ok", otherBroker: "ok" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "ok", funder: "ok", broker: "ok" },
  },
  // A network's export (decision 046): its brokers start one; under A's slug it is A's whatever else the form says.
  "lib/portability/actions.ts#startNetworkExportAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // Everyone's own consent to their address in a network's export, in a network they belong to.
  "lib/accounts/actions.ts#setExportEmailAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "ok", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // Sharing with the commons (decision 044). A closed milestone is proposed by a broker or its
  // initiative's team (the member is on it); B's milestone under A's slug is not found.
  "lib/sharing/actions.ts#proposeForCommonsAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "redirect", funder: "forbidden", broker: "redirect", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // Only the people asked answer (the member); a broker not asked is told so; funders take no part.
  "lib/sharing/actions.ts#answerProposalAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "commons_not_asked", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // A broker publishes a proposal everyone agreed to.
  "lib/sharing/actions.ts#publishProposalAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // Before publication its proposer, a person asked (the member) or a broker cancels it.
  "lib/sharing/actions.ts#withdrawProposalAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // The support map (decision 040): brokers add entries (listed), members suggest them (waiting for
  // a broker), funders read only. Naming no record, a suggestion under A's slug is A's.
  "lib/support/actions.ts#createSupportEntryAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "ok", funder: "forbidden", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // Only brokers keep the map: edit, mark checked, remove, and review a member's suggestion; B's entry under A's slug is not found.
  "lib/support/actions.ts#updateSupportEntryAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "redirect", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/support/actions.ts#checkSupportEntryAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/support/actions.ts#removeSupportEntryAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "redirect", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/support/actions.ts#reviewSupportEntryAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // "Ask the source network" (decision 045): anyone signed in asks about A's item, since A takes
  // questions; B does not, whoever asks and in whichever network's name (the item names its network).
  "lib/commons/actions.ts#askCommonsQuestionAction": {
    own: { anonymous: "unauthenticated", outsider: "ok", member: "ok", funder: "ok", broker: "ok", otherBroker: "ok" },
    foreignInOwnName: { member: "commons_questions_closed", funder: "commons_questions_closed", broker: "commons_questions_closed" },
    foreign: { member: "commons_questions_closed", funder: "commons_questions_closed", broker: "commons_questions_closed" },
  },
  // "I can help" on the member's request: a broker (or any other member) starts a conversation; the
  // member, its author, is told at the field that a conversation with oneself is not possible;
  // funders do not answer (decision 039).
  "lib/conversations/actions.ts#startConversationAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "invalid_input", funder: "forbidden", broker: "redirect", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // A conversation is its two people's only (the member wrote the post; the other member answered):
  // a broker finds nothing, as does anyone in another network's name.
  "lib/conversations/actions.ts#sendMessageAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "not_found", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // Brokers plan; members may only propose where the network allows it (not in the world). Another
  // network's member as an agenda host is a field error.
  "lib/gatherings/actions.ts#createGatheringAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "redirect", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "invalid_input" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/gatherings/actions.ts#updateGatheringAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "redirect", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/gatherings/actions.ts#cancelGatheringAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/gatherings/actions.ts#planGatheringAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/gatherings/actions.ts#endSeriesAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // Members and brokers answer; funders follow (counts only).
  "lib/gatherings/actions.ts#rsvpAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // The past gathering's host (the member) and brokers record who came.
  "lib/gatherings/actions.ts#recordAttendanceAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // Offers and requests (decision 039): brokers and members post; a post names a milestone of its
  // own network (another's is a field error). Only the author changes the member's request; a
  // broker may withdraw it (moderation). Brokers keep the tag vocabulary.
  "lib/exchange/actions.ts#createPostAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "redirect", funder: "forbidden", broker: "redirect", otherBroker: "forbidden" },
    foreignInOwnName: { member: "invalid_input", funder: "forbidden", broker: "invalid_input" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/exchange/actions.ts#updatePostAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "redirect", funder: "forbidden", broker: "forbidden", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/exchange/actions.ts#startPostAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "forbidden", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/exchange/actions.ts#renewPostAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "forbidden", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/exchange/actions.ts#fulfilPostAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "forbidden", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/exchange/actions.ts#withdrawPostAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/exchange/actions.ts#addTagAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/exchange/actions.ts#renameTagAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/exchange/actions.ts#removeTagAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/cycles/actions.ts#advanceCycleAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/synthesis/actions.ts#answerConsentAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/synthesis/actions.ts#callConsentAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/synthesis/actions.ts#closeCycleAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "redirect", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/cycles/actions.ts#extendCycleAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/synthesis/actions.ts#hideConsentAnswerAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/synthesis/actions.ts#restoreConsentAnswerAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/cycles/actions.ts#hideReflectionAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/cycles/actions.ts#restoreReflectionAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/cycles/actions.ts#openCycleAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "redirect", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "redirect" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/cycles/actions.ts#saveReflectionAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/synthesis/actions.ts#saveSynthesisAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/dialogue/actions.ts#createReplyAction": {
    own: { anonymous: "unauthenticated", outsider: "not_member", member: "ok", funder: "ok", broker: "ok", otherBroker: "not_member" },
    foreignInOwnName: { member: "not_found", funder: "not_found", broker: "not_found" },
    foreign: { member: "not_member", funder: "not_member", broker: "not_member" },
  },
  "lib/dialogue/actions.ts#createThreadAction": {
    own: { anonymous: "unauthenticated", outsider: "not_member", member: "redirect", funder: "redirect", broker: "redirect", otherBroker: "not_member" },
    foreignInOwnName: { member: "redirect", funder: "redirect", broker: "redirect" },
    foreign: { member: "not_member", funder: "not_member", broker: "not_member" },
  },
  "lib/dialogue/actions.ts#deleteReplyAction": {
    own: { anonymous: "unauthenticated", outsider: "not_member", member: "ok", funder: "forbidden", broker: "forbidden", otherBroker: "not_member" },
    foreignInOwnName: { member: "not_found", funder: "not_found", broker: "not_found" },
    foreign: { member: "not_member", funder: "not_member", broker: "not_member" },
  },
  "lib/dialogue/actions.ts#editReplyAction": {
    own: { anonymous: "unauthenticated", outsider: "not_member", member: "ok", funder: "forbidden", broker: "forbidden", otherBroker: "not_member" },
    foreignInOwnName: { member: "not_found", funder: "not_found", broker: "not_found" },
    foreign: { member: "not_member", funder: "not_member", broker: "not_member" },
  },
  "lib/dialogue/actions.ts#editThreadAction": {
    own: { anonymous: "unauthenticated", outsider: "not_member", member: "ok", funder: "forbidden", broker: "forbidden", otherBroker: "not_member" },
    foreignInOwnName: { member: "not_found", funder: "not_found", broker: "not_found" },
    foreign: { member: "not_member", funder: "not_member", broker: "not_member" },
  },
  "lib/dialogue/actions.ts#toggleReactionAction": {
    own: { anonymous: "unauthenticated", outsider: "not_member", member: "ok", funder: "ok", broker: "ok", otherBroker: "not_member" },
    foreignInOwnName: { member: "not_found", funder: "not_found", broker: "not_found" },
    foreign: { member: "not_member", funder: "not_member", broker: "not_member" },
  },
  "lib/dialogue/actions.ts#toggleReactionAction (the member's own reply)": {
    own: { anonymous: "unauthenticated", outsider: "not_member", member: "ok", funder: "ok", broker: "ok", otherBroker: "not_member" },
    foreignInOwnName: { member: "not_found", funder: "not_found", broker: "not_found" },
    foreign: { member: "not_member", funder: "not_member", broker: "not_member" },
  },
  "lib/funding/actions.ts#addMilestoneAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // The member off the initiative's team: a member like any other there, so only brokers may.
  "lib/funding/actions.ts#addMilestoneAction (a member not on the team)": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#createInitiativeAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "redirect", funder: "forbidden", broker: "redirect", otherBroker: "forbidden" },
    foreignInOwnName: { member: "redirect", funder: "forbidden", broker: "redirect" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#editInitiativeAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#editInitiativeAction (a member not on the team)": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#editMilestoneAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#editMilestoneAction (a member not on the team)": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#moveMilestoneAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#moveMilestoneAction (a member not on the team)": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#hideUpdateAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#restoreUpdateAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#pledgeAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "ok", broker: "forbidden", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "not_found", broker: "forbidden" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#postUpdateAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#postUpdateAction (a member not on the team)": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#releasePledgeAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "ok", broker: "forbidden", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "not_found", broker: "forbidden" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#setMilestoneStatusAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#setMilestoneStatusAction (a member not on the team)": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/funding/actions.ts#withdrawPledgeAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "ok", broker: "forbidden", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "not_found", broker: "forbidden" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/membership/actions.ts#acceptInvitationAction": {
    own: { anonymous: "unauthenticated", outsider: "redirect", member: "already_member", funder: "already_member", broker: "already_member", otherBroker: "redirect" },
    foreignInOwnName: { member: "invitation_invalid", funder: "invitation_invalid", broker: "invitation_invalid" },
    foreign: { member: "redirect", funder: "redirect", broker: "redirect" },
  },
  // The invitation is the outsider's (sent to their address): anyone else signed in finds none, in A
  // and in B, and so does an id of B's under A's slug.
  "lib/membership/actions.ts#acceptAddressedInvitationAction": {
    own: { anonymous: "unauthenticated", outsider: "redirect", member: "invitation_invalid", funder: "invitation_invalid", broker: "invitation_invalid", otherBroker: "invitation_invalid" },
    foreignInOwnName: { member: "invitation_invalid", funder: "invitation_invalid", broker: "invitation_invalid" },
    foreign: { member: "invitation_invalid", funder: "invitation_invalid", broker: "invitation_invalid" },
  },
  "lib/membership/actions.ts#changeRoleAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/membership/actions.ts#changeRoleAction (to broker)": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/membership/actions.ts#createInvitationAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/membership/actions.ts#joinAction": {
    own: { anonymous: "unauthenticated", outsider: "redirect", member: "already_member", funder: "already_member", broker: "already_member", otherBroker: "redirect" },
    foreignInOwnName: { member: "already_member", funder: "already_member", broker: "already_member" },
    foreign: { member: "redirect", funder: "redirect", broker: "redirect" },
  },
  "lib/membership/actions.ts#leaveAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "redirect", funder: "redirect", broker: "last_broker", otherBroker: "forbidden" },
    foreignInOwnName: { member: "redirect", funder: "redirect", broker: "last_broker" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/membership/actions.ts#removeMemberAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/membership/actions.ts#requestToJoinAction": {
    own: { anonymous: "unauthenticated", outsider: "ok", member: "already_member", funder: "already_member", broker: "already_member", otherBroker: "ok" },
    foreignInOwnName: { member: "already_member", funder: "already_member", broker: "already_member" },
    foreign: { member: "ok", funder: "ok", broker: "ok" },
  },
  "lib/membership/actions.ts#reviewRequestAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/membership/actions.ts#revokeInvitationAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // "I can help with" on one's own membership (decision 041): members and brokers; funders are not matched.
  "lib/membership/actions.ts#updateHelpTagsAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "ok", funder: "forbidden", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/moderation/actions.ts#dismissReportAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/moderation/actions.ts#hidePostAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/moderation/actions.ts#hidePostAction (a thread)": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/moderation/actions.ts#lockThreadAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/moderation/actions.ts#moveThreadAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/moderation/actions.ts#pinThreadAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/moderation/actions.ts#reportPostAction": {
    own: { anonymous: "unauthenticated", outsider: "not_member", member: "ok", funder: "ok", broker: "ok", otherBroker: "not_member" },
    foreignInOwnName: { member: "not_found", funder: "not_found", broker: "not_found" },
    foreign: { member: "not_member", funder: "not_member", broker: "not_member" },
  },
  "lib/moderation/actions.ts#reportPostAction (a thread)": {
    own: { anonymous: "unauthenticated", outsider: "not_member", member: "ok", funder: "ok", broker: "ok", otherBroker: "not_member" },
    foreignInOwnName: { member: "not_found", funder: "not_found", broker: "not_found" },
    foreign: { member: "not_member", funder: "not_member", broker: "not_member" },
  },
  "lib/moderation/actions.ts#restorePostAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/moderation/actions.ts#unlockThreadAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/moderation/actions.ts#unpinThreadAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // A gathering's hosts (the member hosts the world's gathering) and brokers write its harvest; funders never.
  "lib/harvests/actions.ts#saveHarvestAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/harvests/actions.ts#saveHarvestAction (a member not hosting)": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/harvests/actions.ts#publishHarvestAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/harvests/actions.ts#publishHarvestAction (a member not hosting)": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "not_found", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // One's own last visit, in a network one is an active member of.
  "lib/home/actions.ts#recordVisitAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "ok", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/networks/actions.ts#createNetworkAction": {
    own: { anonymous: "unauthenticated", outsider: "redirect", member: "redirect", funder: "redirect", broker: "redirect", otherBroker: "redirect" },
    foreignInOwnName: { member: "redirect", funder: "redirect", broker: "redirect" },
    foreign: { member: "redirect", funder: "redirect", broker: "redirect" },
  },
  "lib/networks/actions.ts#updateNetworkAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // Read API tokens: the network's brokers only; another network's token under A's slug is not found.
  "lib/api/actions.ts#createApiTokenAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/api/actions.ts#rotateApiTokenAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/api/actions.ts#revokeApiTokenAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // Webhooks (decision 050): the network's brokers only; another network's endpoint or delivery under A's slug is not found.
  "lib/webhooks/actions.ts#createWebhookAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/webhooks/actions.ts#rotateWebhookSecretAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/webhooks/actions.ts#setWebhookStateAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/webhooks/actions.ts#deleteWebhookAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/webhooks/actions.ts#resendWebhookDeliveryAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "forbidden", funder: "forbidden", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "forbidden", funder: "forbidden", broker: "not_found" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // One's own calendar feed of a network: its active members, any role.
  "lib/calendar/actions.ts#renewNetworkFeedAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "ok", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  "lib/calendar/actions.ts#revokeNetworkFeedAction": {
    own: { anonymous: "unauthenticated", outsider: "forbidden", member: "ok", funder: "ok", broker: "ok", otherBroker: "forbidden" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "forbidden", funder: "forbidden", broker: "forbidden" },
  },
  // One's own "my gatherings" feed: anyone signed in.
  "lib/calendar/actions.ts#renewPersonalFeedAction": {
    own: { anonymous: "unauthenticated", outsider: "ok", member: "ok", funder: "ok", broker: "ok", otherBroker: "ok" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "ok", funder: "ok", broker: "ok" },
  },
  "lib/calendar/actions.ts#revokePersonalFeedAction": {
    own: { anonymous: "unauthenticated", outsider: "ok", member: "ok", funder: "ok", broker: "ok", otherBroker: "ok" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "ok", funder: "ok", broker: "ok" },
  },
  "lib/notifications/actions.ts#markAllNotificationsReadAction": {
    own: { anonymous: "unauthenticated", outsider: "ok", member: "ok", funder: "ok", broker: "ok", otherBroker: "ok" },
    foreignInOwnName: { member: "ok", funder: "ok", broker: "ok" },
    foreign: { member: "ok", funder: "ok", broker: "ok" },
  },
  "lib/notifications/actions.ts#markNotificationReadAction": {
    own: { anonymous: "unauthenticated", outsider: "not_found", member: "ok", funder: "not_found", broker: "not_found", otherBroker: "not_found" },
    foreignInOwnName: { member: "not_found", funder: "not_found", broker: "not_found" },
    foreign: { member: "not_found", funder: "not_found", broker: "not_found" },
  },
};

/** A read API route: the token decides, not the persona (decision 047). */
const apiRead: RouteRow = {
    own: { anonymous: "200", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "401", funder: "401", broker: "401" },
    foreign: { member: "200", funder: "200", broker: "200" },
  };

export const expectedRoutes: Record<string, RouteRow> = {
  "app/api/account/export/route.ts GET": {
    own: { anonymous: "401", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "200", funder: "200", broker: "200" },
  },
  "app/api/auth/[...nextauth]/route.ts GET": {
    own: { anonymous: "200", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "200", funder: "200", broker: "200" },
  },
  "app/api/auth/[...nextauth]/route.ts POST": {
    own: { anonymous: "302 /signin", outsider: "302 /signin", member: "302 /signin", funder: "302 /signin", broker: "302 /signin", otherBroker: "302 /signin" },
    foreignInOwnName: { member: "302 /signin", funder: "302 /signin", broker: "302 /signin" },
    foreign: { member: "302 /signin", funder: "302 /signin", broker: "302 /signin" },
  },
  // Development and test only (404 in production): a statement count, no data.
  "app/dev/statements/route.ts GET": {
    own: { anonymous: "200", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "200", funder: "200", broker: "200" },
  },
  "app/api/health/route.ts GET": {
    own: { anonymous: "200", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "200", funder: "200", broker: "200" },
  },
  "app/funder/export/route.ts GET": {
    own: { anonymous: "401", outsider: "404", member: "404", funder: "200", broker: "404", otherBroker: "404" },
    foreignInOwnName: { member: "404", funder: "200", broker: "404" },
    foreign: { member: "404", funder: "200", broker: "404" },
  },
  "app/n/[slug]/(space)/dialogue/[threadId]/live/route.ts GET": {
    own: { anonymous: "401", outsider: "404", member: "200", funder: "200", broker: "200", otherBroker: "404" },
    foreignInOwnName: { member: "404", funder: "404", broker: "404" },
    foreign: { member: "404", funder: "404", broker: "404" },
  },
  "app/n/[slug]/(space)/dialogue/mentionable/route.ts GET": {
    own: { anonymous: "401", outsider: "404", member: "200", funder: "200", broker: "200", otherBroker: "404" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "404", funder: "404", broker: "404" },
  },
  "app/notifications/[id]/route.ts GET": {
    own: { anonymous: "303 /signin", outsider: "303 /notifications", member: "303 /n/net-a/dialogue/{a.threadId}#reply-{a.otherReplyId}", funder: "303 /notifications", broker: "303 /notifications", otherBroker: "303 /notifications" },
    foreignInOwnName: { member: "303 /notifications", funder: "303 /notifications", broker: "303 /notifications" },
    foreign: { member: "303 /notifications", funder: "303 /notifications", broker: "303 /notifications" },
  },
  // A members-only gathering's .ics: A's members only; B's gathering under A's slug is nobody's.
  "app/n/[slug]/(space)/gatherings/[gatheringId]/event.ics/route.ts GET": {
    own: { anonymous: "404", outsider: "404", member: "200", funder: "200", broker: "200", otherBroker: "404" },
    foreignInOwnName: { member: "404", funder: "404", broker: "404" },
    foreign: { member: "404", funder: "404", broker: "404" },
  },
  // The support map's open-data export: A's members (funders too), never B's entries under A's slug
  // (the slug decides the network), nobody else.
  "app/n/[slug]/(space)/support/export.json/route.ts GET": {
    own: { anonymous: "401", outsider: "404", member: "200", funder: "200", broker: "200", otherBroker: "404" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "404", funder: "404", broker: "404" },
  },
  // The commons' feeds: the same for everyone. The withdrawal notice of a live item: a 404 for everyone.
  "app/commons/feed.atom/route.ts GET": {
    own: { anonymous: "200", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "200", funder: "200", broker: "200" },
  },
  "app/commons/feed.json/route.ts GET": {
    own: { anonymous: "200", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "200", funder: "200", broker: "200" },
  },
  "app/commons/[itemId]/withdrawn/route.ts GET": {
    own: { anonymous: "404", outsider: "404", member: "404", funder: "404", broker: "404", otherBroker: "404" },
    foreignInOwnName: { member: "404", funder: "404", broker: "404" },
    foreign: { member: "404", funder: "404", broker: "404" },
  },
  // An export's ZIP: only the broker who asked, with the link signed for them; B's export under A's
  // slug (signed for B's broker) and anything under B's slug is a 404 for A's people.
  "app/n/[slug]/(space)/settings/export/[exportId]/download/route.ts GET": {
    own: { anonymous: "401", outsider: "404", member: "404", funder: "404", broker: "200", otherBroker: "404" },
    foreignInOwnName: { member: "404", funder: "404", broker: "404" },
    foreign: { member: "404", funder: "404", broker: "404" },
  },
  // A public network's public feed: the same for everyone.
  "app/n/[slug]/calendar.ics/route.ts GET": {
    own: { anonymous: "200", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "200", funder: "200", broker: "200" },
  },
  // The feeds' secret is the authority, with or without a session; a secret under another network's slug is a 404.
  "app/n/[slug]/calendar/[token]/route.ts GET": {
    own: { anonymous: "200", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "404", funder: "404", broker: "404" },
    foreign: { member: "200", funder: "200", broker: "200" },
  },
  "app/calendar/[token]/route.ts GET": {
    own: { anonymous: "200", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "200", funder: "200", broker: "200" },
  },
  // The read API (decision 047): the bearer token is the authority, whoever's session comes along;
  // a token under another network's slug is a 401, as for a network that does not exist.
  "app/api/v1/networks/[slug]/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/threads/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/threads/[threadId]/replies/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/cycles/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/initiatives/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/milestones/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/updates/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/funding/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/members/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/gatherings/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/exchange/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/support/route.ts GET": apiRead,
  // The read API's OpenAPI document: public.
  "app/api/v1/openapi.json/route.ts GET": {
    own: { anonymous: "200", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "200", funder: "200", broker: "200" },
  },
  // RFC 8058: the link's signed token is the authority, with or without a session.
  "app/email/unsubscribe/[token]/route.ts GET": {
    own: { anonymous: "303 /email/unsubscribe", outsider: "303 /email/unsubscribe", member: "303 /email/unsubscribe", funder: "303 /email/unsubscribe", broker: "303 /email/unsubscribe", otherBroker: "303 /email/unsubscribe" },
    foreignInOwnName: { member: "303 /email/unsubscribe", funder: "303 /email/unsubscribe", broker: "303 /email/unsubscribe" },
    foreign: { member: "303 /email/unsubscribe", funder: "303 /email/unsubscribe", broker: "303 /email/unsubscribe" },
  },
  "app/email/unsubscribe/[token]/route.ts POST": {
    own: { anonymous: "200", outsider: "200", member: "200", funder: "200", broker: "200", otherBroker: "200" },
    foreignInOwnName: { member: "200", funder: "200", broker: "200" },
    foreign: { member: "200", funder: "200", broker: "200" },
  },
};

/**
 * Who may open each page that guards itself with requireMemberPage (a page.tsx under app/), with the
 * permission it names: "ok" (let in), "redirect" (to sign in) or "notFound" (a 404, as for a
 * network that does not exist). Own: under A's slug; foreign: A's member, funder and broker
 * under B's slug. A page that names a record (a thread, an initiative) also answers 404 for a
 * record of another network: its loader's rows above (the live route, the actions) show that.
 */
type PageOutcome = "ok" | "redirect" | "notFound";
export type PageRow = { permission: string | undefined; own: Record<Persona, PageOutcome>; foreign: Record<InsidePersona, PageOutcome> };

const everyMember = { anonymous: "redirect", outsider: "notFound", member: "ok", funder: "ok", broker: "ok", otherBroker: "notFound" } as const;
const brokerAndMembers = { anonymous: "redirect", outsider: "notFound", member: "ok", funder: "notFound", broker: "ok", otherBroker: "notFound" } as const;
const brokerOnly = { anonymous: "redirect", outsider: "notFound", member: "notFound", funder: "notFound", broker: "ok", otherBroker: "notFound" } as const;
const notInB = { member: "notFound", funder: "notFound", broker: "notFound" } as const;

export const expectedPages: Record<string, PageRow> = {
  "app/n/[slug]/(space)/audit/page.tsx": { permission: "audit.view", own: brokerOnly, foreign: notInB },
  "app/n/[slug]/(space)/commons/questions/page.tsx": { permission: "commons.questions", own: brokerOnly, foreign: notInB },
  "app/n/[slug]/(space)/settings/api/page.tsx": { permission: "api.tokens", own: brokerOnly, foreign: notInB },
  "app/n/[slug]/(space)/settings/webhooks/page.tsx": { permission: "webhooks.manage", own: brokerOnly, foreign: notInB },
  "app/n/[slug]/(space)/cycles/journey/page.tsx": { permission: "cycle.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/cycles/new/page.tsx": { permission: "cycle.open", own: brokerOnly, foreign: notInB },
  "app/n/[slug]/(space)/cycles/page.tsx": { permission: "cycle.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/dialogue/[threadId]/page.tsx": { permission: "thread.read", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/dialogue/new/page.tsx": { permission: "thread.create", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/dialogue/page.tsx": { permission: "thread.read", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/dialogue/search/page.tsx": { permission: "thread.read", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/exchange/[postId]/edit/page.tsx": { permission: "exchange.post", own: brokerAndMembers, foreign: notInB },
  "app/n/[slug]/(space)/exchange/[postId]/page.tsx": { permission: "exchange.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/exchange/new/page.tsx": { permission: "exchange.post", own: brokerAndMembers, foreign: notInB },
  "app/n/[slug]/(space)/exchange/page.tsx": { permission: "exchange.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/exchange/tags/page.tsx": { permission: "exchange.tags", own: brokerOnly, foreign: notInB },
  // A conversation's page: brokers and members pass the guard; its loader then answers only its two people.
  "app/n/[slug]/(space)/exchange/[postId]/conversations/[conversationId]/page.tsx": { permission: "exchange.converse", own: brokerAndMembers, foreign: notInB },
  "app/n/[slug]/(space)/exchange/conversations/page.tsx": { permission: "exchange.converse", own: brokerAndMembers, foreign: notInB },
  "app/n/[slug]/(space)/gatherings/[gatheringId]/edit/page.tsx": { permission: "gathering.propose", own: brokerAndMembers, foreign: notInB },
  "app/n/[slug]/(space)/gatherings/[gatheringId]/page.tsx": { permission: "gathering.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/gatherings/new/page.tsx": { permission: "gathering.propose", own: brokerAndMembers, foreign: notInB },
  "app/n/[slug]/(space)/gatherings/page.tsx": { permission: "gathering.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/initiatives/[initiativeId]/page.tsx": { permission: "initiative.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/initiatives/funding/page.tsx": { permission: "funding.overview", own: brokerOnly, foreign: notInB },
  "app/n/[slug]/(space)/initiatives/lessons/page.tsx": { permission: "lessons.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/initiatives/new/page.tsx": { permission: "initiative.create", own: brokerAndMembers, foreign: notInB },
  "app/n/[slug]/(space)/initiatives/page.tsx": { permission: "initiative.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/invitations/page.tsx": { permission: "invitations.manage", own: brokerOnly, foreign: notInB },
  "app/n/[slug]/(space)/members/page.tsx": { permission: "members.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/moderation/page.tsx": { permission: "moderation.review", own: brokerOnly, foreign: notInB },
  "app/n/[slug]/(space)/requests/page.tsx": { permission: "requests.review", own: brokerOnly, foreign: notInB },
  "app/n/[slug]/(space)/settings/page.tsx": { permission: "network.edit", own: brokerOnly, foreign: notInB },
  // Sharing with the commons: brokers and members pass the guard; a proposal's loader then answers
  // only brokers, its proposer and the people asked.
  "app/n/[slug]/(space)/sharing/[proposalId]/page.tsx": { permission: "commons.view", own: brokerAndMembers, foreign: notInB },
  "app/n/[slug]/(space)/sharing/page.tsx": { permission: "commons.view", own: brokerAndMembers, foreign: notInB },
  "app/n/[slug]/(space)/support/[entryId]/edit/page.tsx": { permission: "support.manage", own: brokerOnly, foreign: notInB },
  "app/n/[slug]/(space)/support/[entryId]/page.tsx": { permission: "support.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/support/new/page.tsx": { permission: "support.suggest", own: brokerAndMembers, foreign: notInB },
  "app/n/[slug]/(space)/support/page.tsx": { permission: "support.view", own: everyMember, foreign: notInB },
  "app/n/[slug]/(space)/settings/export/page.tsx": { permission: "network.export", own: brokerOnly, foreign: notInB },
};

/**
 * The permissions that no action, route or page guard of this matrix checks, because they
 * decide what a loader returns rather than whether a request is let in: who holds each, in
 * A (Y: the role holds it). The matrix test runs the loader that reads each one as every
 * persona: A's holders get the thing it guards (an earlier version, a reflection, the synthesis),
 * nobody else does, nor does anyone get B's in A's name or in B. It also checks them against
 * can(), and that every other permission in lib/membership/policy.ts is checked by a row above
 * (so none is written twice).
 */
export const expectedReadPermissions: Record<string, { broker: "Y" | "-"; member: "Y" | "-"; funder: "Y" | "-" }> = {
  // The earlier versions of an edited post, in the thread page's loader: everyone who reads the thread.
  "reply.read_revisions": { broker: "Y", member: "Y", funder: "Y" },
  // Other members' reflections, in the cycle page's loader.
  "reflection.read": { broker: "Y", member: "Y", funder: "-" },
  // The synthesis and the consent answers, in the cycle page's loader.
  "synthesis.read": { broker: "Y", member: "Y", funder: "-" },
  // Who is going to a gathering and who came, by name, in the gathering page's loader (funders: counts).
  "gathering.names": { broker: "Y", member: "Y", funder: "-" },
  // A published harvest, in the gathering page's harvest section: brokers and members (funders read
  // one only as evidence on a milestone they back, decision 038).
  "harvest.read": { broker: "Y", member: "Y", funder: "-" },
};
