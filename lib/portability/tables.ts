/**
 * What a network's export holds, table by table (issue 22, decision 046). Every tenant table
 * (TENANT_MODELS, the tables with a `networkId`) is either EXPORTED or EXCLUDED with its reason:
 * tests/unit/portability-tables.test.ts fails for a table in neither, so a table added later
 * cannot be forgotten. Columns of an exported table are all written, except those in `omit`
 * (with the reason) and search indexes (tsvector, rebuilt from the text); the integration test
 * fails for a column without an English and a Dutch description (lib/portability/fields.ts).
 *
 * Pure data, no database: the unit test, the worker and the README read the same maps.
 */

/** A reason, in English and Dutch (the README is in both). */
export type Reason = readonly [en: string, nl: string];

/** Which rows of a table belong to the network: the column that names it. */
type Owner = "networkId" | "id" | "sourceNetworkId";

/**
 * Rows kept only when a rule beyond the network says so (lib/portability/policy.ts):
 * reflections as the network's reveal rules let the broker see them; a synthesis' citations only
 * of the reflections that are in the export.
 */
type RowRule = "reflection" | "citation";

export type ExportedTable = {
  /** The kind's name in the ZIP: `data/<kind>.jsonl`, `csv/<kind>.csv`, `schema/<kind>.schema.json`. */
  kind: string;
  owner: Owner;
  /** Columns left out, each with the reason the README gives. */
  omit?: Record<string, Reason>;
  rule?: RowRule;
};

/** Tenant tables in the export. The key is the table (the Prisma model). */
export const EXPORTED: Record<string, ExportedTable> = {
  Membership: {
    kind: "Membership",
    owner: "networkId",
    omit: {
      calendarTokenHash: ["The hash of the member's private calendar-feed secret: a credential, never exported.", "De hash van het geheim in de eigen agendafeed van het lid: een toegangssleutel, nooit geëxporteerd."],
      lastSeenAt: ["When the member last opened the network's home: their own reading state, which a broker cannot see.", "Wanneer het lid de startpagina van het netwerk het laatst opende: de eigen leesstand, die een broker niet kan zien."],
      visitSince: ["Where the member's current visit began: their own reading state, which a broker cannot see.", "Waar het huidige bezoek van het lid begon: de eigen leesstand, die een broker niet kan zien."],
    },
  },
  Invitation: {
    kind: "Invitation",
    owner: "networkId",
    omit: {
      tokenHash: ["The hash of the invitation link's secret: a credential, never exported.", "De hash van het geheim in de uitnodigingslink: een toegangssleutel, nooit geëxporteerd."],
      email: ["The address of someone who is not (yet) a member and never agreed to be in the export.", "Het adres van iemand die (nog) geen lid is en nooit instemde met opname in de export."],
    },
  },
  AuditEntry: { kind: "AuditEntry", owner: "networkId" },
  Thread: { kind: "Thread", owner: "networkId" },
  Reply: { kind: "Reply", owner: "networkId" },
  ReplyRevision: { kind: "ReplyRevision", owner: "networkId" },
  ThreadRevision: { kind: "ThreadRevision", owner: "networkId" },
  Reaction: { kind: "Reaction", owner: "networkId" },
  Mention: { kind: "Mention", owner: "networkId" },
  Report: { kind: "Report", owner: "networkId" },
  Cycle: { kind: "Cycle", owner: "networkId" },
  Reflection: { kind: "Reflection", owner: "networkId", rule: "reflection" },
  SynthesisRevision: { kind: "SynthesisRevision", owner: "networkId" },
  SynthesisCitation: { kind: "SynthesisCitation", owner: "networkId", rule: "citation" },
  ConsentRound: { kind: "ConsentRound", owner: "networkId" },
  ConsentAnswer: { kind: "ConsentAnswer", owner: "networkId" },
  Initiative: { kind: "Initiative", owner: "networkId" },
  InitiativeMember: { kind: "InitiativeMember", owner: "networkId" },
  Milestone: { kind: "Milestone", owner: "networkId" },
  MilestoneUpdate: { kind: "MilestoneUpdate", owner: "networkId" },
  Pledge: { kind: "Pledge", owner: "networkId" },
  GatheringSeries: { kind: "GatheringSeries", owner: "networkId" },
  Gathering: { kind: "Gathering", owner: "networkId" },
  AgendaItem: { kind: "AgendaItem", owner: "networkId" },
  GatheringHost: { kind: "GatheringHost", owner: "networkId" },
  Rsvp: { kind: "Rsvp", owner: "networkId" },
  Attendance: { kind: "Attendance", owner: "networkId" },
  Harvest: { kind: "Harvest", owner: "networkId" },
  HarvestInsight: { kind: "HarvestInsight", owner: "networkId" },
  HarvestRevision: { kind: "HarvestRevision", owner: "networkId" },
  HarvestThread: { kind: "HarvestThread", owner: "networkId" },
  HarvestMilestone: { kind: "HarvestMilestone", owner: "networkId" },
  ExchangeTag: { kind: "ExchangeTag", owner: "networkId" },
  ExchangePost: { kind: "ExchangePost", owner: "networkId" },
  SupportEntry: { kind: "SupportEntry", owner: "networkId" },
  CommonsProposal: { kind: "CommonsProposal", owner: "networkId" },
  CommonsConsent: { kind: "CommonsConsent", owner: "networkId" },
  CommonsQuestion: {
    kind: "CommonsQuestion",
    owner: "networkId",
    omit: { replyEmail: ["The address of the person who asked, often not a member, who never agreed to be in the export.", "Het adres van de vrager, vaak geen lid, die nooit instemde met opname in de export."] },
  },
};

/**
 * Shared tables that hold the network's own rows: the network itself and the published copies
 * of what it shared in the commons. People are written by their own query (`Person`, with an
 * address only where the member allowed it), never from the accounts table as a whole.
 * `CommonsPattern` and `CommonsRegion` are in neither list: shared tables without a network's rows,
 * counts across every network kept by a trigger from the commons items (decision 052), which the
 * receiving instance's trigger recomputes from the imported items.
 */
export const SHARED_EXPORTED: Record<string, ExportedTable> = {
  Network: { kind: "Network", owner: "id" },
  CommonsItem: { kind: "CommonsItem", owner: "sourceNetworkId" },
};

/** Tenant tables left out of the export, each with the reason the README and the manifest give. */
export const EXCLUDED: Record<string, Reason> = {
  ThreadRead: ["Where each person stopped reading a thread: their own reading state, which a broker cannot see.", "Waar ieder het lezen van een draad stopte: de eigen leesstand, die een broker niet kan zien."],
  Notification: ["Each person's own inbox of pointers to events; the events themselves are in the export.", "Ieders eigen inbox met verwijzingen naar gebeurtenissen; de gebeurtenissen zelf staan in de export."],
  MailDigest: ["Bookkeeping of which mail carried which notifications; it holds nothing the network wrote.", "Boekhouding van welke mail welke meldingen meenam; er staat niets in dat het netwerk schreef."],
  ExchangeConversation:
    ["Private conversations between the author of an offer or request and one other member: a broker cannot read them (decision 039).", "Besloten gesprekken tussen de auteur van een aanbod of vraag en één ander lid: een broker kan ze niet lezen (besluit 039)."],
  ExchangeMessage: ["The messages of those private conversations: a broker cannot read them (decision 039).", "De berichten van die besloten gesprekken: een broker kan ze niet lezen (besluit 039)."],
  PledgeMonth: ["Monthly sums kept by a database trigger from the pledges, which are in the export; recomputed from them.", "Maandsommen die een databasetrigger bijhoudt uit de toezeggingen, die in de export staan; daaruit opnieuw te berekenen."],
  MilestoneTally: ["Counts kept by database triggers from the milestones and pledges, which are in the export; recomputed from them.", "Tellingen die databasetriggers bijhouden uit de mijlpalen en toezeggingen, die in de export staan; daaruit opnieuw te berekenen."],
  FunderMilestone: ["Counts kept by a database trigger from the pledges, which are in the export; recomputed from them.", "Tellingen die een databasetrigger bijhoudt uit de toezeggingen, die in de export staan; daaruit opnieuw te berekenen."],
  SupportTally: [
    "Counts of the support map kept by a database trigger from the entries, which are in the export; recomputed from them.",
    "Tellingen van de steunkaart die een databasetrigger bijhoudt uit de vermeldingen, die in de export staan; daaruit opnieuw te berekenen.",
  ],
  FundingStamp: ["A change counter for the funders' dashboard cache; it holds no data.", "Een wijzigingsteller voor de cache van het financiersoverzicht; er staan geen gegevens in."],
  NetworkExport: ["Earlier exports themselves (their files and status): not the network's record.", "Eerdere exports zelf (hun bestanden en status): niet de geschiedenis van het netwerk."],
  NetworkImport: [
    "The record that this network was imported from another Kring (decision 049): this instance's bookkeeping, which keeps an export from being imported twice.",
    "De aantekening dat dit netwerk uit een andere Kring is geïmporteerd (besluit 049): boekhouding van deze installatie, die voorkomt dat een export twee keer wordt geïmporteerd.",
  ],
  ApiToken: [
    "Read API tokens (decision 047): credentials of this instance, kept only as hashes; the receiving instance's brokers make their own.",
    "Tokens van de lees-API (besluit 047): toegangsgegevens van deze installatie, alleen als hash bewaard; de makelaars van de ontvangende installatie maken hun eigen.",
  ],
  WebhookEndpoint: [
    "Webhook endpoints (decision 050): each holds a signing secret, a credential of this instance, and an address this instance checked; the receiving instance's brokers register their own.",
    "Webhook-adressen (besluit 050): elk heeft een ondertekeningsgeheim, een toegangsgegeven van deze installatie, en een adres dat deze installatie controleerde; de makelaars van de ontvangende installatie registreren hun eigen.",
  ],
  WebhookDelivery: [
    "The webhook delivery log (decision 050): what this instance sent to which address and how that went; the events themselves are in the export.",
    "Het logboek van webhook-leveringen (besluit 050): wat deze installatie naar welk adres stuurde en hoe dat ging; de gebeurtenissen zelf staan in de export.",
  ],
};

/**
 * The format's name and version in every manifest. A new kind, field or value is a minor version; a
 * removed or changed one a major. 1.1.0: `Membership.status` may be `invited` (decision 049). 1.2.0:
 * `manifest.publicUrl`, the exporting instance's address (links to the network's pages are moved on import).
 */
export const EXPORT_FORMAT = "kring-network-export";
export const EXPORT_FORMAT_VERSION = "1.2.0";

/** Every kind in the ZIP, in the order it is written (the people first: everything else points to them). */
export function exportedKinds(): string[] {
  return ["Person", ...Object.values(SHARED_EXPORTED).map((t) => t.kind), ...Object.values(EXPORTED).map((t) => t.kind)];
}
