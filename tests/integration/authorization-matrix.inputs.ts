// The inputs of every server action and route handler, for the authorization matrix and the
// fuzz test (not a test file itself). A new action or route needs an entry here: both tests
// fail, naming it, until it has one.
import { toLocalInput } from "@/lib/cycles/schema";
import { dbSystem } from "@/lib/db/client";
import { unsubscribeToken } from "@/lib/mail/token";
import { exportDownloadPath } from "@/lib/portability/link";
import type { User } from "./support";
import { networkFields } from "./support";
import { HOURS, key, ZONE, type Objects, type World } from "./authorization-matrix.world";

/**
 * Who acts, and on what. `home` is the network named in the input (its slug); `o` the network
 * whose records (ids, tokens) the input names. Foreign runs pass B's records under A's slug
 * (`home` A, `o` B) or under B's own slug (both B).
 */
export type Ctx = { world: World; home: Objects; o: Objects; actor: User | null };

export type ActionInput = {
  fields: (c: Ctx) => Record<string, string>;
  /** Puts the world in the state the action needs (runs before the snapshot; the world is restored after). */
  prepare?: (w: World) => Promise<unknown>;
  /** A broker's action: the fuzz test runs it as a broker too. */
  broker?: boolean;
};

const text = "A few words, **with** Markdown.";

/** Both networks' open cycles closed, so a new one can open. */
async function closeCycles(w: World) {
  for (const n of [w.a, w.b]) {
    await dbSystem().cycle.update({ where: { id: n.cycleId, networkId: n.networkId }, data: { closedAt: new Date(), openSlot: null } });
  }
}

/** No export being built in either network, so a new one may start. */
async function finishExports(w: World) {
  for (const n of [w.a, w.b]) {
    await dbSystem().networkExport.updateMany({ where: { networkId: n.networkId, status: { in: ["queued", "building"] } }, data: { status: "failed" } });
  }
}

/** Both networks' cycles back in their I phase (the deadline ahead, not moved on by a broker). */
async function reflectPhase(w: World) {
  for (const n of [w.a, w.b]) {
    await dbSystem().cycle.update({ where: { id: n.cycleId, networkId: n.networkId }, data: { advancedToWeAt: null } });
  }
}

async function joinByRequest(w: World) {
  for (const n of [w.a, w.b]) await dbSystem().network.update({ where: { id: n.networkId }, data: { joinPolicy: "request" } });
}

const local = (date: Date) => toLocalInput(date, ZONE);

/** A day `n` days ahead as a date input sends it. */
const inDays = (n: number) => new Date(Date.now() + n * HOURS.DAY).toISOString().slice(0, 10);

/** An offer of time, tagged, for a milestone of the records' network. */
function postFields(c: Ctx) {
  return {
    slug: c.home.slug,
    direction: "offer",
    capital: "time",
    title: "Two evenings a month",
    body: text,
    "tag.facilitation": "on",
    freeTags: "Evenings, Tilburg",
    unlocks: `milestone:${c.o.milestoneId}`,
    town: "Tilburg",
    expiresOn: inDays(30),
    visibility: "network_and_funders",
  };
}

/** A gathering ten days ahead, its first agenda item hosted by the member of the records' network. */
function gatheringFields(c: Ctx) {
  return {
    slug: c.home.slug,
    title: "Spring gathering",
    purpose: text,
    startsAt: local(new Date(Date.now() + 10 * HOURS.DAY)),
    endsAt: local(new Date(Date.now() + 10 * HOURS.DAY + 2 * HOURS.HOUR)),
    timeZone: ZONE,
    mode: "hybrid",
    placeName: "Library",
    address: "Main street 2",
    accessibility: "Step-free",
    onlineUrl: "https://meet.example.org/spring",
    visibility: "members",
    capacity: "10",
    "agenda.0.title": "Welcome",
    "agenda.0.minutes": "20",
    "agenda.0.hostId": c.o.member.id,
  };
}

/** An edit of the world's harvest, linked to the thread, the first milestone and the cycle of `o`. */
function harvestFields(c: Ctx): Record<string, string> {
  return {
    slug: c.home.slug,
    gatheringId: c.o.harvestGatheringId,
    version: c.o.harvestVersion,
    summary: "We met, **fourteen** of us.",
    agreements: "",
    nextSteps: "Ask the council.",
    cycleId: c.o.cycleId,
    "insight.0.body": "Neighbours carry it.",
    "insight.0.level": "social_innovation",
    "insight.0.area": "means",
    [`thread.${c.o.threadId}`]: "on",
    [`milestone.${c.o.milestoneId}`]: "on",
  };
}

/** Both networks' harvests back to drafts, so publishing them does something. */
async function unpublishHarvests(w: World) {
  for (const n of [w.a, w.b]) {
    await dbSystem().harvest.updateMany({ where: { networkId: n.networkId }, data: { publishedAt: null } });
  }
}

/** The member no longer hosts the gathering, in both networks: a member like any other there. */
async function notHosting(w: World) {
  for (const n of [w.a, w.b]) {
    await dbSystem().gatheringHost.deleteMany({ where: { networkId: n.networkId, gatheringId: n.harvestGatheringId, userId: n.member.id } });
  }
}

/** A support-map entry as its form sends it. */
function supportFields(c: Ctx): Record<string, string> {
  return {
    slug: c.home.slug,
    provider: "Stichting DOEN",
    name: "Growth fund",
    description: text,
    "kind.grant": "on",
    "stage.scaling": "on",
    eligibility: "Foundations and cooperatives",
    region: "Netherlands",
    url: "https://www.doen.nl",
    email: "info@doen.example",
    phone: "+31 20 123 4567",
    sourceUrl: "https://www.doen.nl/over",
  };
}

/** Both networks' proposals for the commons agreed by everyone asked: ready for a broker to publish. */
async function readyProposals(w: World) {
  for (const n of [w.a, w.b]) {
    await dbSystem().commonsConsent.updateMany({
      where: { networkId: n.networkId, proposalId: n.commonsProposalId },
      data: { choice: "agree", attribution: "anonymous", licence: "cc_by_4_0", answeredAt: new Date() },
    });
    await dbSystem().commonsProposal.updateMany({
      where: { networkId: n.networkId, id: n.commonsProposalId },
      data: { status: "ready", attribution: "anonymous", licence: "cc_by_4_0", decidedAt: new Date() },
    });
  }
}

/** Both networks' reached milestones no longer shared (the world publishes their outcomes), so proposing one does something. */
async function unshareReachedMilestones(w: World) {
  for (const n of [w.a, w.b]) {
    await dbSystem().commonsProposal.updateMany({
      where: { networkId: n.networkId, kind: "milestone_outcome", sourceId: n.reachedMilestoneId },
      data: { status: "withdrawn", activeSlot: null },
    });
  }
}

export const actionInputs: Record<string, ActionInput> = {
  // ---- read API tokens (decision 047): brokers make, rotate and revoke them
  "lib/api/actions.ts#createApiTokenAction": { broker: true, fields: (c) => ({ slug: c.home.slug, name: "Website", expiresInDays: "90", "scope.threads": "on", "scope.initiatives": "on" }) },
  "lib/api/actions.ts#rotateApiTokenAction": { broker: true, fields: (c) => ({ slug: c.home.slug, tokenId: c.o.apiTokenId }) },
  "lib/api/actions.ts#revokeApiTokenAction": { broker: true, fields: (c) => ({ slug: c.home.slug, tokenId: c.o.apiTokenId }) },
  // ---- sharing with the commons (decision 044): propose a closed milestone, answer, publish, withdraw
  "lib/sharing/actions.ts#proposeForCommonsAction": {
    prepare: unshareReachedMilestones,
    fields: (c) => ({ slug: c.home.slug, kind: "milestone_outcome", sourceId: c.o.reachedMilestoneId, idempotencyKey: key() }),
  },
  "lib/sharing/actions.ts#answerProposalAction": {
    fields: (c) => ({ slug: c.home.slug, proposalId: c.o.commonsProposalId, choice: "agree", attribution: "anonymous", licence: "cc_by_4_0", note: "Fine by me." }),
  },
  "lib/sharing/actions.ts#publishProposalAction": { broker: true, prepare: readyProposals, fields: (c) => ({ slug: c.home.slug, proposalId: c.o.commonsProposalId }) },
  "lib/sharing/actions.ts#withdrawProposalAction": { fields: (c) => ({ slug: c.home.slug, proposalId: c.o.commonsProposalId }) },

  // ---- webhooks (decision 050): brokers register, rotate, turn off and on, delete and send again
  "lib/webhooks/actions.ts#createWebhookAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, url: "https://127.0.0.1:9/new-hook", description: "Automation", "event.reply_created": "on" }),
  },
  "lib/webhooks/actions.ts#rotateWebhookSecretAction": { broker: true, fields: (c) => ({ slug: c.home.slug, endpointId: c.o.webhookEndpointId }) },
  "lib/webhooks/actions.ts#setWebhookStateAction": { broker: true, fields: (c) => ({ slug: c.home.slug, endpointId: c.o.webhookEndpointId, state: "disabled" }) },
  "lib/webhooks/actions.ts#deleteWebhookAction": { broker: true, fields: (c) => ({ slug: c.home.slug, endpointId: c.o.webhookEndpointId }) },
  "lib/webhooks/actions.ts#resendWebhookDeliveryAction": { broker: true, fields: (c) => ({ slug: c.home.slug, deliveryId: c.o.webhookDeliveryId }) },
  // ---- the support map: brokers keep it, members suggest entries
  // ---- portability: a broker exports the whole network; a member allows their address in it
  "lib/portability/actions.ts#startNetworkExportAction": { broker: true, fields: (c) => ({ slug: c.home.slug }), prepare: finishExports },
  "lib/accounts/actions.ts#setExportEmailAction": { fields: (c) => ({ slug: c.home.slug, allow: "on" }) },
  "lib/support/actions.ts#createSupportEntryAction": { fields: (c) => ({ ...supportFields(c), idempotencyKey: key() }) },
  "lib/support/actions.ts#updateSupportEntryAction": { broker: true, fields: (c) => ({ ...supportFields(c), entryId: c.o.supportEntryId }) },
  "lib/support/actions.ts#checkSupportEntryAction": { broker: true, fields: (c) => ({ slug: c.home.slug, entryId: c.o.supportEntryId }) },
  "lib/support/actions.ts#removeSupportEntryAction": { broker: true, fields: (c) => ({ slug: c.home.slug, entryId: c.o.supportEntryId }) },
  "lib/support/actions.ts#reviewSupportEntryAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, entryId: c.o.supportSuggestionId, decision: "decline", note: "Already on the map" }),
  },

  // ---- the commons: a question to the network that shared an item (A takes questions, B does not)
  "lib/commons/actions.ts#askCommonsQuestionAction": {
    fields: (c) => ({ itemId: c.o.commonsItemId, body: "How did you get the **municipality** on board?", replyEmail: "", idempotencyKey: key() }),
  },

  // ---- calendar feeds (one's own private feed of a network, one's own personal feed)
  "lib/calendar/actions.ts#renewNetworkFeedAction": { fields: (c) => ({ slug: c.home.slug }) },
  "lib/calendar/actions.ts#revokeNetworkFeedAction": { fields: (c) => ({ slug: c.home.slug }) },
  "lib/calendar/actions.ts#renewPersonalFeedAction": { fields: () => ({}) },
  "lib/calendar/actions.ts#revokePersonalFeedAction": { fields: () => ({}) },

  // ---- accounts
  "lib/accounts/actions.ts#updateProfileAction": { fields: () => ({ name: "Renamed", bio: "New bio", locale: "en" }) },
  "lib/accounts/actions.ts#updateEmailSettingsAction": {
    fields: () => ({ frequency: "weekly", digestHour: "18", digestWeekday: "5", timeZone: "Europe/Amsterdam" }),
  },
  "lib/accounts/actions.ts#setNetworkEmailAction": { fields: (c) => ({ slug: c.home.slug, frequency: "off" }) },
  // The signed token of the link is the authority, whoever holds it (as for the one-click unsubscribe).
  "lib/accounts/actions.ts#undoUnsubscribeAction": {
    fields: (c) => ({ token: unsubscribeToken({ userId: c.o.member.id, networkId: c.o.networkId }), frequency: "daily" }),
  },
  "lib/accounts/actions.ts#switchLocaleAction": { fields: () => ({ locale: "nl", returnTo: "/" }) },
  "lib/accounts/actions.ts#signInAction": { fields: (c) => ({ email: c.o.member.email, callbackUrl: `/n/${c.home.slug}` }) },
  "lib/accounts/actions.ts#signOutAction": { fields: () => ({}) },
  // The member's address: only the member themselves can confirm deleting their account.
  "lib/accounts/actions.ts#deleteAccountAction": { fields: (c) => ({ confirmEmail: c.o.member.email }) },

  // ---- gatherings
  "lib/gatherings/actions.ts#createGatheringAction": { broker: true, fields: (c) => ({ ...gatheringFields(c), idempotencyKey: key() }) },
  "lib/gatherings/actions.ts#updateGatheringAction": { broker: true, fields: (c) => ({ ...gatheringFields(c), gatheringId: c.o.gatheringId }) },
  "lib/gatherings/actions.ts#cancelGatheringAction": { broker: true, fields: (c) => ({ slug: c.home.slug, gatheringId: c.o.gatheringId, reason: "Storm ahead" }) },
  "lib/gatherings/actions.ts#planGatheringAction": { broker: true, fields: (c) => ({ slug: c.home.slug, gatheringId: c.o.proposedGatheringId }) },
  "lib/gatherings/actions.ts#endSeriesAction": { broker: true, fields: (c) => ({ slug: c.home.slug, seriesId: c.o.seriesId }) },
  "lib/gatherings/actions.ts#rsvpAction": { fields: (c) => ({ slug: c.home.slug, gatheringId: c.o.gatheringId, status: "going", note: "I bring bread" }) },
  "lib/gatherings/actions.ts#recordAttendanceAction": {
    fields: (c) => ({ slug: c.home.slug, gatheringId: c.o.pastGatheringId, [`came.${c.o.member.id}`]: "on", guests: "Jan from the library\nMies" }),
  },

  // ---- exchange (decision 039): the member's request in the world is theirs to change
  "lib/exchange/actions.ts#createPostAction": { fields: (c) => ({ ...postFields(c), idempotencyKey: key() }) },
  "lib/exchange/actions.ts#updatePostAction": { fields: (c) => ({ ...postFields(c), postId: c.o.exchangePostId }) },
  "lib/exchange/actions.ts#startPostAction": { fields: (c) => ({ slug: c.home.slug, postId: c.o.exchangePostId }) },
  "lib/exchange/actions.ts#renewPostAction": { fields: (c) => ({ slug: c.home.slug, postId: c.o.exchangePostId, expiresOn: inDays(90) }) },
  "lib/exchange/actions.ts#fulfilPostAction": {
    fields: (c) => ({ slug: c.home.slug, postId: c.o.exchangePostId, helperId: c.o.other.id, thanks: "Thank you!", lesson: text }),
  },
  "lib/exchange/actions.ts#withdrawPostAction": { broker: true, fields: (c) => ({ slug: c.home.slug, postId: c.o.exchangePostId, reason: "Off topic" }) },
  "lib/exchange/actions.ts#addTagAction": { broker: true, fields: (c) => ({ slug: c.home.slug, tag: "Meeting space", labelEn: "Meeting space", labelNl: "Vergaderruimte" }) },
  "lib/exchange/actions.ts#renameTagAction": { broker: true, fields: (c) => ({ slug: c.home.slug, tagId: c.o.exchangeTagId, labelEn: "Hosting", labelNl: "Gastheerschap" }) },
  "lib/exchange/actions.ts#removeTagAction": { broker: true, fields: (c) => ({ slug: c.home.slug, tagId: c.o.exchangeTagId }) },

  // ---- cycles
  "lib/cycles/actions.ts#openCycleAction": {
    prepare: closeCycles,
    broker: true,
    fields: (c) => ({
      slug: c.home.slug,
      title: "Autumn round",
      question: "Is this still the question?",
      focusArea: "",
      iDeadline: local(new Date(Date.now() + 7 * HOURS.DAY)),
      weDeadline: local(new Date(Date.now() + 14 * HOURS.DAY)),
      fromConcernId: "",
    }),
  },
  "lib/cycles/actions.ts#extendCycleAction": {
    broker: true,
    fields: (c) => ({
      slug: c.home.slug,
      cycleId: c.o.cycleId,
      iDeadline: local(c.o.iDeadline),
      weDeadline: local(new Date(c.o.weDeadline.getTime() + 2 * HOURS.DAY)),
    }),
  },
  "lib/cycles/actions.ts#advanceCycleAction": {
    prepare: reflectPhase,
    broker: true,
    fields: (c) => ({ slug: c.home.slug, cycleId: c.o.cycleId }),
  },
  "lib/cycles/actions.ts#saveReflectionAction": {
    prepare: reflectPhase,
    fields: (c) => ({ slug: c.home.slug, cycleId: c.o.cycleId, body: text, area: "means", intent: "submit", version: "" }),
  },
  "lib/synthesis/actions.ts#saveSynthesisAction": {
    fields: (c) => ({ slug: c.home.slug, cycleId: c.o.cycleId, base: "1", body: "## Next\nWe try it.", [`cite.${c.o.reflectionId}`]: "on" }),
  },
  "lib/synthesis/actions.ts#callConsentAction": {
    broker: true,
    // A newer revision of the synthesis, so calling consent opens a new round.
    prepare: async (w) => {
      for (const n of [w.a, w.b]) {
        await dbSystem().synthesisRevision.create({ data: { networkId: n.networkId, cycleId: n.cycleId, number: 2, body: "## Revised", authorId: n.member.id } });
      }
    },
    fields: (c) => ({ slug: c.home.slug, cycleId: c.o.cycleId }),
  },
  "lib/synthesis/actions.ts#answerConsentAction": {
    fields: (c) => ({ slug: c.home.slug, cycleId: c.o.cycleId, roundId: c.o.roundId, answer: "concern", text: "Mind the budget." }),
  },
  "lib/synthesis/actions.ts#closeCycleAction": { broker: true, fields: (c) => ({ slug: c.home.slug, cycleId: c.o.cycleId }) },
  "lib/cycles/actions.ts#hideReflectionAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, reflectionId: c.o.reflectionId, reason: "Names a neighbour." }),
  },
  "lib/synthesis/actions.ts#hideConsentAnswerAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, answerId: c.o.consentAnswerId, reason: "Names a neighbour." }),
  },
  "lib/synthesis/actions.ts#restoreConsentAnswerAction": {
    broker: true,
    // The other member's concern, its text hidden by a broker in both networks.
    prepare: async (w) => {
      for (const n of [w.a, w.b]) {
        await dbSystem().consentAnswer.update({
          where: { id: n.consentAnswerId, networkId: n.networkId },
          data: { hiddenAt: new Date(), hiddenReason: "Names a neighbour" },
        });
      }
    },
    fields: (c) => ({ slug: c.home.slug, answerId: c.o.consentAnswerId }),
  },
  "lib/cycles/actions.ts#restoreReflectionAction": {
    broker: true,
    // The other member's reflection, hidden by a broker in both networks.
    prepare: async (w) => {
      for (const n of [w.a, w.b]) {
        await dbSystem().reflection.update({
          where: { id: n.reflectionId, networkId: n.networkId },
          data: { hiddenAt: new Date(), hiddenReason: "Names a neighbour" },
        });
      }
    },
    fields: (c) => ({ slug: c.home.slug, reflectionId: c.o.reflectionId }),
  },

  // ---- dialogue
  "lib/dialogue/actions.ts#createThreadAction": {
    fields: (c) => ({ slug: c.home.slug, title: "A new question", body: text, level: "social_innovation", area: "vision_values", idempotencyKey: key() }),
  },
  "lib/dialogue/actions.ts#createReplyAction": {
    fields: (c) => ({
      slug: c.home.slug,
      threadId: c.o.threadId,
      body: text,
      quotedReplyId: c.o.otherReplyId,
      mentions: c.o.other.id,
      idempotencyKey: key(),
    }),
  },
  // The member's own reply and thread: only their author may edit or delete them.
  "lib/dialogue/actions.ts#editReplyAction": { fields: (c) => ({ slug: c.home.slug, replyId: c.o.replyId, body: "Edited." }) },
  "lib/dialogue/actions.ts#editThreadAction": {
    fields: (c) => ({ slug: c.home.slug, threadId: c.o.threadId, title: "Edited title", body: "Edited." }),
  },
  "lib/dialogue/actions.ts#deleteReplyAction": { fields: (c) => ({ slug: c.home.slug, replyId: c.o.replyId }) },
  "lib/dialogue/actions.ts#toggleReactionAction": { fields: (c) => ({ slug: c.home.slug, replyId: c.o.otherReplyId, kind: "insight" }) },

  // ---- funding
  "lib/funding/actions.ts#createInitiativeAction": {
    fields: (c) => ({ slug: c.home.slug, name: "A new initiative", description: text, systemChange: text, status: "exploring" }),
  },
  // The member's initiative (they are its team): only the team and brokers may change it.
  "lib/funding/actions.ts#editInitiativeAction": {
    fields: (c) => ({
      slug: c.home.slug,
      initiativeId: c.o.initiativeId,
      name: "Renamed initiative",
      description: text,
      systemChange: text,
      status: "active",
      [`team_${c.o.member.id}`]: "on",
    }),
  },
  "lib/funding/actions.ts#addMilestoneAction": {
    fields: (c) => ({
      slug: c.home.slug,
      initiativeId: c.o.initiativeId,
      title: "Third step",
      unlocks: text,
      targetDate: "2031-01-31",
      amount: "2500.50",
      currency: "EUR",
    }),
  },
  "lib/funding/actions.ts#editMilestoneAction": {
    fields: (c) => ({ slug: c.home.slug, milestoneId: c.o.milestoneId, title: "Pilot, renamed", unlocks: text, targetDate: "", amount: "1200", currency: "EUR" }),
  },
  "lib/funding/actions.ts#moveMilestoneAction": { fields: (c) => ({ slug: c.home.slug, milestoneId: c.o.milestoneId, direction: "down" }) },
  "lib/funding/actions.ts#setMilestoneStatusAction": {
    fields: (c) => ({ slug: c.home.slug, milestoneId: c.o.milestoneId, status: "active", note: "", area: "" }),
  },
  "lib/funding/actions.ts#postUpdateAction": {
    fields: (c) => ({ slug: c.home.slug, milestoneId: c.o.milestoneId, kind: "progress", body: text, progress: "40", area: "", idempotencyKey: key() }),
  },
  "lib/funding/actions.ts#pledgeAction": {
    fields: (c) => ({ slug: c.home.slug, milestoneId: c.o.milestoneId, amount: "75", currency: "EUR", condition: "", idempotencyKey: key() }),
  },
  // The funder's own pledges: only the funder who made one may release or withdraw it.
  "lib/funding/actions.ts#releasePledgeAction": { fields: (c) => ({ slug: c.home.slug, pledgeId: c.o.reachedPledgeId }) },
  "lib/funding/actions.ts#withdrawPledgeAction": {
    fields: (c) => ({ slug: c.home.slug, pledgeId: c.o.pledgeId, reason: "Our budget moved." }),
  },

  "lib/funding/actions.ts#hideUpdateAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, updateId: c.o.updateId, reason: "Off-topic." }),
  },
  "lib/funding/actions.ts#restoreUpdateAction": { broker: true, fields: (c) => ({ slug: c.home.slug, updateId: c.o.hiddenUpdateId }) },

  // ---- membership
  "lib/membership/actions.ts#joinAction": { fields: (c) => ({ slug: c.home.slug, acceptPrinciples: "on" }) },
  "lib/membership/actions.ts#requestToJoinAction": {
    prepare: joinByRequest,
    fields: (c) => ({ slug: c.home.slug, acceptPrinciples: "on", message: "May I join?" }),
  },
  "lib/membership/actions.ts#reviewRequestAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, membershipId: c.o.pendingMembershipId, decision: "approve" }),
  },
  "lib/membership/actions.ts#createInvitationAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, role: "funder", expiresInDays: "7", note: "For the city fund", email: "city.fund@example.test" }),
  },
  "lib/membership/actions.ts#revokeInvitationAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, invitationId: c.o.invitationId }),
  },
  "lib/membership/actions.ts#acceptInvitationAction": {
    fields: (c) => ({ slug: c.home.slug, token: c.o.invitationToken, acceptPrinciples: "on" }),
  },
  // Sent to the outsider's address: only the outsider may accept it, and only with its own network's id.
  "lib/membership/actions.ts#acceptAddressedInvitationAction": {
    fields: (c) => ({ slug: c.home.slug, invitationId: c.o.addressedInvitationId, acceptPrinciples: "on" }),
  },
  "lib/membership/actions.ts#changeRoleAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, membershipId: c.o.targetMembershipId, role: "funder" }),
  },
  "lib/membership/actions.ts#removeMemberAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, membershipId: c.o.targetMembershipId }),
  },
  "lib/membership/actions.ts#leaveAction": { fields: (c) => ({ slug: c.home.slug }) },
  "lib/membership/actions.ts#updateHelpTagsAction": { fields: (c) => ({ slug: c.home.slug, helpTags: "Fundraising, meeting space" }) },

  // ---- moderation
  "lib/moderation/actions.ts#reportPostAction": {
    fields: (c) => ({ slug: c.home.slug, threadId: c.o.threadId, replyId: c.o.otherReplyId, reason: "Not kind." }),
  },
  "lib/moderation/actions.ts#hidePostAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, threadId: c.o.threadId, replyId: c.o.otherReplyId, reason: "Not kind." }),
  },
  "lib/moderation/actions.ts#restorePostAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, threadId: c.o.threadId, replyId: c.o.hiddenReplyId }),
  },
  "lib/moderation/actions.ts#dismissReportAction": { broker: true, fields: (c) => ({ slug: c.home.slug, reportId: c.o.reportId }) },
  "lib/moderation/actions.ts#lockThreadAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, threadId: c.o.threadId, reason: "Cooling off." }),
  },
  "lib/moderation/actions.ts#unlockThreadAction": { broker: true, fields: (c) => ({ slug: c.home.slug, threadId: c.o.lockedThreadId }) },
  "lib/moderation/actions.ts#pinThreadAction": { broker: true, fields: (c) => ({ slug: c.home.slug, threadId: c.o.threadId }) },
  "lib/moderation/actions.ts#unpinThreadAction": { broker: true, fields: (c) => ({ slug: c.home.slug, threadId: c.o.lockedThreadId }) },
  "lib/moderation/actions.ts#moveThreadAction": {
    broker: true,
    fields: (c) => ({ slug: c.home.slug, threadId: c.o.threadId, level: "context", area: "observations_facts" }),
  },

  // ---- harvests
  // The harvest of the gathering the member hosts: its hosts and brokers write it.
  "lib/harvests/actions.ts#saveHarvestAction": { fields: harvestFields },
  "lib/harvests/actions.ts#publishHarvestAction": {
    prepare: unpublishHarvests,
    fields: (c) => ({ slug: c.home.slug, gatheringId: c.o.harvestGatheringId }),
  },

  // ---- conversations (issue 20): the member's request, and the other member's conversation on it.
  "lib/conversations/actions.ts#startConversationAction": {
    fields: (c) => ({ slug: c.home.slug, postId: c.o.exchangePostId, body: "I can **help**.", idempotencyKey: key() }),
  },
  "lib/conversations/actions.ts#sendMessageAction": {
    fields: (c) => ({ slug: c.home.slug, conversationId: c.o.conversationId, body: "Tuesday at **ten**?", idempotencyKey: key() }),
  },

  // ---- home
  // The caller's own last visit of the network's home: members only.
  "lib/home/actions.ts#recordVisitAction": { fields: (c) => ({ slug: c.home.slug }) },

  // ---- networks
  "lib/networks/actions.ts#createNetworkAction": { fields: () => ({ ...networkFields(), slug: "brand-new-network" }) },
  "lib/networks/actions.ts#updateNetworkAction": {
    broker: true,
    fields: (c) => ({ ...networkFields({ name: "Renamed network" }), slug: c.home.slug }),
  },

  // ---- notifications
  // The member's own notification: anyone else's id is not found.
  "lib/notifications/actions.ts#markNotificationReadAction": { fields: (c) => ({ id: c.o.notificationId }) },
  "lib/notifications/actions.ts#markAllNotificationsReadAction": { fields: () => ({}) },
};

/**
 * A second run of an action, checked like the action itself, where the same action meets a
 * different kind of record or a different relation to it: a post that is a thread rather than a
 * reply, a reply of one's own. Keyed `<action key> (<what differs>)`; its expected row has the
 * same key in authorization-matrix.expected.ts.
 */
export type ActionVariant = ActionInput & { action: string };

/** The member off their initiative's team, in both networks: a member like any other there. */
async function offTheTeam(w: World) {
  for (const n of [w.a, w.b]) {
    await dbSystem().initiativeMember.deleteMany({ where: { networkId: n.networkId, initiativeId: n.initiativeId, userId: n.member.id } });
  }
}

/** An initiative's action with the member not on its team: only brokers may, of those inside. */
function notOnTheTeam(action: string): ActionVariant {
  const input = actionInputs[action];
  if (!input) throw new Error(`no input for ${action}`);
  return { action, prepare: offTheTeam, fields: input.fields };
}

export const actionVariants: Record<string, ActionVariant> = {
  "lib/harvests/actions.ts#saveHarvestAction (a member not hosting)": {
    action: "lib/harvests/actions.ts#saveHarvestAction",
    prepare: notHosting,
    fields: harvestFields,
  },
  "lib/harvests/actions.ts#publishHarvestAction (a member not hosting)": {
    action: "lib/harvests/actions.ts#publishHarvestAction",
    prepare: async (w) => {
      await unpublishHarvests(w);
      await notHosting(w);
    },
    fields: (c) => ({ slug: c.home.slug, gatheringId: c.o.harvestGatheringId }),
  },
  "lib/funding/actions.ts#editInitiativeAction (a member not on the team)": notOnTheTeam("lib/funding/actions.ts#editInitiativeAction"),
  "lib/funding/actions.ts#addMilestoneAction (a member not on the team)": notOnTheTeam("lib/funding/actions.ts#addMilestoneAction"),
  "lib/funding/actions.ts#editMilestoneAction (a member not on the team)": notOnTheTeam("lib/funding/actions.ts#editMilestoneAction"),
  "lib/funding/actions.ts#moveMilestoneAction (a member not on the team)": notOnTheTeam("lib/funding/actions.ts#moveMilestoneAction"),
  "lib/funding/actions.ts#setMilestoneStatusAction (a member not on the team)": notOnTheTeam("lib/funding/actions.ts#setMilestoneStatusAction"),
  "lib/funding/actions.ts#postUpdateAction (a member not on the team)": notOnTheTeam("lib/funding/actions.ts#postUpdateAction"),
  "lib/dialogue/actions.ts#toggleReactionAction (the member's own reply)": {
    action: "lib/dialogue/actions.ts#toggleReactionAction",
    fields: (c) => ({ slug: c.home.slug, replyId: c.o.replyId, kind: "insight" }),
  },
  "lib/moderation/actions.ts#reportPostAction (a thread)": {
    action: "lib/moderation/actions.ts#reportPostAction",
    fields: (c) => ({ slug: c.home.slug, threadId: c.o.threadId, reason: "Wrong place." }),
  },
  // Making someone a broker: the same permission as any other role, asked for explicitly.
  "lib/membership/actions.ts#changeRoleAction (to broker)": {
    action: "lib/membership/actions.ts#changeRoleAction",
    broker: true,
    fields: (c) => ({ slug: c.home.slug, membershipId: c.o.targetMembershipId, role: "broker" }),
  },
  "lib/moderation/actions.ts#hidePostAction (a thread)": {
    action: "lib/moderation/actions.ts#hidePostAction",
    broker: true,
    fields: (c) => ({ slug: c.home.slug, threadId: c.o.threadId, reason: "Spam." }),
  },
};

export type RouteInput = {
  /** Values of the dynamic segments. */
  params: (c: Ctx) => Record<string, string | string[]>;
  query?: (c: Ctx) => string;
  /** Request headers besides the persona's session cookie (a read API token). */
  headers?: (c: Ctx) => Record<string, string>;
};

/** A read API request: the records' network's token under the home slug (decision 047); the session plays no part. */
const apiRead: RouteInput = { params: (c) => ({ slug: c.home.slug }), headers: (c) => ({ authorization: `Bearer ${c.o.apiToken}` }) };

export const routeInputs: Record<string, RouteInput> = {
  // Auth.js's own endpoints: the session as the persona's cookie shows it, and signing out without a CSRF token.
  "app/api/auth/[...nextauth]/route.ts GET": { params: () => ({ nextauth: ["session"] }) },
  "app/api/auth/[...nextauth]/route.ts POST": { params: () => ({ nextauth: ["signout"] }) },
  "app/api/account/export/route.ts GET": { params: () => ({}) },
  "app/api/health/route.ts GET": { params: () => ({}) },
  // Development and test only (the statement counter the performance bench reads); no data.
  "app/dev/statements/route.ts GET": { params: () => ({}) },
  "app/funder/export/route.ts GET": { params: () => ({}), query: () => "?format=json" },
  "app/n/[slug]/(space)/dialogue/[threadId]/live/route.ts GET": { params: (c) => ({ slug: c.home.slug, threadId: c.o.threadId }) },
  "app/n/[slug]/(space)/dialogue/mentionable/route.ts GET": { params: (c) => ({ slug: c.home.slug }) },
  "app/notifications/[id]/route.ts GET": { params: (c) => ({ id: c.o.notificationId }) },
  "app/email/unsubscribe/[token]/route.ts GET": { params: (c) => ({ token: unsubscribeToken({ userId: c.o.member.id, networkId: c.o.networkId }) }) },
  // Calendar: a members-only gathering's .ics; the public feed; the member's feeds by their secret.
  "app/n/[slug]/(space)/gatherings/[gatheringId]/event.ics/route.ts GET": { params: (c) => ({ slug: c.home.slug, gatheringId: c.o.gatheringId }) },
  "app/n/[slug]/calendar.ics/route.ts GET": { params: (c) => ({ slug: c.home.slug }) },
  // The support map as open data (HSDS field names): the network's members only.
  "app/n/[slug]/(space)/support/export.json/route.ts GET": { params: (c) => ({ slug: c.home.slug }) },
  // The commons' feeds, open to anyone; a live item's address has no withdrawal notice (404).
  "app/commons/feed.atom/route.ts GET": { params: () => ({}) },
  "app/commons/feed.json/route.ts GET": { params: () => ({}) },
  "app/commons/[itemId]/withdrawn/route.ts GET": { params: (c) => ({ itemId: c.o.commonsItemId }) },
  // A network's export: the link signed for the broker who asked for it (the records' network's broker).
  "app/n/[slug]/(space)/settings/export/[exportId]/download/route.ts GET": {
    params: (c) => ({ slug: c.home.slug, exportId: c.o.exportId }),
    query: (c) => `?${exportDownloadPath(c.o.slug, c.o.exportId, c.o.broker.id, c.o.exportExpiresAt).split("?")[1]}`,
  },
  "app/n/[slug]/calendar/[token]/route.ts GET": { params: (c) => ({ slug: c.home.slug, token: `${c.o.memberFeedToken}.ics` }) },
  "app/calendar/[token]/route.ts GET": { params: (c) => ({ token: `${c.o.personalFeedToken}.ics` }) },
  "app/email/unsubscribe/[token]/route.ts POST": { params: (c) => ({ token: unsubscribeToken({ userId: c.o.member.id, networkId: c.o.networkId }) }) },
  // The read API (decision 047): the token is the authority; the OpenAPI document is public.
  "app/api/v1/openapi.json/route.ts GET": { params: () => ({}) },
  "app/api/v1/networks/[slug]/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/threads/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/threads/[threadId]/replies/route.ts GET": { ...apiRead, params: (c) => ({ slug: c.home.slug, threadId: c.o.threadId }) },
  "app/api/v1/networks/[slug]/cycles/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/initiatives/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/milestones/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/updates/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/funding/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/members/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/gatherings/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/exchange/route.ts GET": apiRead,
  "app/api/v1/networks/[slug]/support/route.ts GET": apiRead,
};
