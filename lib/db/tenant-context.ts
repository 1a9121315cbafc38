import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which networks' rows the statement under way may touch, as PostgreSQL's row-level
 * security sees it (the setting `app.network_ids`, decision 022):
 * - `""`: none (the default; shared tables such as users and networks are still readable),
 * - `"a,b"`: the rows of networks a and b,
 * - `"*"`: every network, for the reviewed system paths (start-up, jobs, seeding, tests).
 *
 * The value travels with the query in AsyncLocalStorage, from the Prisma operation that the
 * scoped client (`db(scope)`) starts down to the connection that runs it. It is read when the
 * statement is sent, so it never leaks from one request to another through a pooled connection.
 */
export type TenantSetting = string;

/** The role the application runs as (created by the row_level_security migration): it owns no table and cannot bypass row-level security. */
export const APP_ROLE = "kring_app";

export const NO_NETWORK: TenantSetting = "";
export const ALL_NETWORKS: TenantSetting = "*";

// One store per process, on globalThis like the database handle (lib/db/client.ts): Next bundles
// this module into more than one layer (pages, server actions, route handlers), and the pool
// created by one copy must read the setting written by any other.
/** Tables owned by one network. Every read and write on them must name the network. */
export const TENANT_MODELS = new Set<string>([
  "Membership",
  "Invitation",
  "AuditEntry",
  "Thread",
  "Reply",
  "ReplyRevision",
  "ThreadRevision",
  "Reaction",
  "ThreadRead",
  "Mention",
  "Report",
  "Notification",
  "MailDigest",
  "Cycle",
  "Reflection",
  "SynthesisRevision",
  "SynthesisCitation",
  "ConsentRound",
  "ConsentAnswer",
  "Initiative",
  "InitiativeMember",
  "Milestone",
  "MilestoneUpdate",
  "Pledge",
  "PledgeMonth",
  "MilestoneTally",
  "FunderMilestone",
  "FundingStamp",
  "GatheringSeries",
  "Gathering",
  "AgendaItem",
  "GatheringHost",
  "Rsvp",
  "Attendance",
  "Harvest",
  "HarvestInsight",
  "HarvestRevision",
  "HarvestThread",
  "HarvestMilestone",
  "ExchangeTag",
  "ExchangePost",
  "ExchangeConversation",
  "ExchangeMessage",
  "SupportEntry",
  "SupportTally",
  "CommonsProposal",
  "CommonsConsent",
  "CommonsQuestion",
  "NetworkExport",
  "NetworkImport",
  "ApiToken",
  "WebhookEndpoint",
  "WebhookDelivery",
]);

const TENANT_TABLE = new RegExp(`"(${[...TENANT_MODELS].join("|")})"`);

/**
 * Whether a statement names a tenant table. One that names none cannot read or write tenant
 * rows (the membership functions set their own), so its setting does not matter and the
 * connection need not change it.
 */
export function touchesTenantTable(sql: string): boolean {
  return TENANT_TABLE.test(sql);
}

const holder = globalThis as typeof globalThis & { __kringTenantSetting?: AsyncLocalStorage<TenantSetting> };
const storage = (holder.__kringTenantSetting ??= new AsyncLocalStorage<TenantSetting>());

/** The setting for the statement about to be sent from the current async context. */
export function currentTenantSetting(): TenantSetting {
  return storage.getStore() ?? NO_NETWORK;
}

/** Runs `fn` (and every statement it sends) with `setting`. */
export function runWithTenantSetting<T>(setting: TenantSetting, fn: () => T): T {
  return storage.run(setting, fn);
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The setting for a list of network ids; refuses anything that is not a plain id. */
export function networksSetting(networkIds: readonly string[]): TenantSetting {
  for (const id of networkIds) {
    if (!ID.test(id)) throw new Error(`not a network id: ${JSON.stringify(id)}`);
  }
  return [...new Set(networkIds)].sort().join(",");
}

/** The SQL that puts `setting` on a connection (for the session, or for the transaction when `local`). */
export function setTenantSql(local: boolean): string {
  return `SELECT set_config('app.network_ids', $1, ${local ? "true" : "false"})`;
}
