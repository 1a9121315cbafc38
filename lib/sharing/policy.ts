import type { CommonsAttribution, CommonsLicence, CommonsProposalStatus, Role } from "@/lib/db/generated/enums";
import { can } from "@/lib/membership/policy";

/**
 * Who may do what with a proposal to share (decision 044), as plain functions the mutations and the
 * pages both ask. The membership check has already said the person is an active member here.
 */

/** Most protective first: anonymous over network over names (decision 043). */
const ATTRIBUTION_ORDER: readonly CommonsAttribution[] = ["anonymous", "network", "names"];
/** The licence every consenter accepts: BY-SA binds more than BY, BY more than CC0. */
const LICENCE_ORDER: readonly CommonsLicence[] = ["cc_by_sa_4_0", "cc_by_4_0", "cc0_1_0"];

export function mostProtectiveAttribution(choices: readonly CommonsAttribution[]): CommonsAttribution {
  return ATTRIBUTION_ORDER.find((a) => choices.includes(a)) ?? "anonymous";
}

export function mostProtectiveLicence(choices: readonly CommonsLicence[]): CommonsLicence {
  return LICENCE_ORDER.find((l) => choices.includes(l)) ?? "cc_by_sa_4_0";
}

/** What the answers so far make of a proposal that is asking: one objection blocks, all agreeing makes it ready. */
export function statusAfterAnswers(choices: readonly ("agree" | "object" | null)[]): "asking" | "blocked" | "ready" {
  if (choices.includes("object")) return "blocked";
  return choices.length > 0 && choices.every((c) => c === "agree") ? "ready" : "asking";
}

/** A broker proposes anything shareable of the network; a member only what they are an author of. */
export function mayPropose(role: Role, isAuthor: boolean): boolean {
  if (!can(role, "commons.propose")) return false;
  return can(role, "commons.publish") || isAuthor;
}

/** Still open: consent is being asked or everyone agreed and it waits for a broker. */
export function isOpen(status: CommonsProposalStatus): boolean {
  return status === "asking" || status === "ready";
}

/**
 * Withdrawing a published item: any consenter or a broker. Cancelling an open proposal: its proposer,
 * a consenter (who may also object) or a broker. Nothing else can be taken back.
 */
export function mayWithdraw(
  role: Role,
  who: { isConsenter: boolean; isProposer: boolean },
  status: CommonsProposalStatus,
): boolean {
  const broker = can(role, "commons.publish");
  if (status === "published") return broker || who.isConsenter;
  if (isOpen(status)) return broker || who.isConsenter || who.isProposer;
  return false;
}

/** The headings a snapshot's Markdown uses, in the network's language (the commons keeps it). */
export const SNAPSHOT_LABELS = {
  en: {
    question: "Question",
    unlocks: "What it would unlock",
    outcome: { reached: "Reached", learned: "Ended as learned", dropped: "Dropped" },
    closingNote: { reached: "Note", learned: "What we learned", dropped: "Why it was dropped" },
    summary: "Summary",
    agreements: "Agreements",
    nextSteps: "Next steps",
    eligibility: "Who it is for",
    region: "Region",
    provider: "Provider",
    link: "Link",
  },
  nl: {
    question: "Vraag",
    unlocks: "Wat het zou ontsluiten",
    outcome: { reached: "Bereikt", learned: "Geëindigd als geleerd", dropped: "Geschrapt" },
    closingNote: { reached: "Toelichting", learned: "Wat we leerden", dropped: "Waarom het geschrapt is" },
    summary: "Samenvatting",
    agreements: "Afspraken",
    nextSteps: "Volgende stappen",
    eligibility: "Voor wie",
    region: "Regio",
    provider: "Aanbieder",
    link: "Link",
  },
} as const;

/**
 * A withdrawn copy in the commons (decision 043): it keeps its id, kind and dates, so its address
 * can answer 410, and loses its text, its source's name and its facets.
 */
export function emptiedCopy(at: Date) {
  return {
    title: "",
    body: "",
    bodyHtml: "",
    sourceName: "",
    region: "",
    authorNames: [] as string[],
    level: null,
    area: null,
    stage: null,
    outcome: null,
    topic: "",
    withdrawnAt: at,
  };
}
