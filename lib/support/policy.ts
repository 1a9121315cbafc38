import type { Role } from "@/lib/db/generated/enums";
import { can } from "@/lib/membership/policy";
import {
  FINANCIAL_KINDS,
  GROWTH_STAGES,
  NON_FINANCIAL_KINDS,
  QUERY_MAX,
  REGION_MAX,
  STALE_AFTER_DAYS,
  SUPPORT_KINDS,
  SUPPORT_TYPES,
  type GrowthStageName,
  type SupportKindName,
  type SupportType,
} from "./limits";

/**
 * Who may do what with the support map, beyond the role table in lib/membership/policy.ts
 * (support.*), and how the map's filter reads its address. Decision 040.
 */

const DAY = 86_400_000;

/** Brokers add entries that are listed at once; members suggest entries that wait for a broker. */
export function mayAdd(role: Role): "listed" | "suggested" | null {
  if (can(role, "support.manage")) return "listed";
  if (can(role, "support.suggest")) return "suggested";
  return null;
}

/** Money: a grant, a loan, a prize or matched crowdfunding. */
export function isFinancial(kind: SupportKindName): boolean {
  return (FINANCIAL_KINDS as readonly string[]).includes(kind);
}

/** The kinds a "type" filter stands for. */
export function kindsOfType(type: SupportType): readonly SupportKindName[] {
  return type === "financial" ? FINANCIAL_KINDS : NON_FINANCIAL_KINDS;
}

/** Unchecked for a year (or never checked): the map says it may be out of date. */
export function isStale(checkedAt: Date | null, now: Date): boolean {
  return checkedAt === null || now.getTime() - checkedAt.getTime() > STALE_AFTER_DAYS * DAY;
}

/** The map's filter, as its GET form sends it: every part optional. */
export type SupportFilter = {
  kind: SupportKindName | null;
  type: SupportType | null;
  stage: GrowthStageName | null;
  region: string;
  q: string;
};

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

function choice<T extends string>(options: readonly T[], value: string): T | null {
  return (options as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads the filter from the address; an unknown choice is no filter, text is cut to its bound. */
export function readSupportFilter(params: Record<string, string | string[] | undefined>): SupportFilter {
  return {
    kind: choice(SUPPORT_KINDS, one(params.kind)),
    type: choice(SUPPORT_TYPES, one(params.type)),
    stage: choice(GROWTH_STAGES, one(params.stage)),
    region: one(params.region).normalize("NFC").slice(0, REGION_MAX),
    q: one(params.q).normalize("NFC").slice(0, QUERY_MAX),
  };
}

/** Whether any part of the filter is set. */
export function isFiltered(f: SupportFilter): boolean {
  return f.kind !== null || f.type !== null || f.stage !== null || f.region !== "" || f.q !== "";
}

/** The query string of a filter (empty parts left out, no leading "?"), for links to the map and its pages. */
export function filterQuery(f: Partial<SupportFilter>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["q", "kind", "type", "stage", "region"] as const) {
    const value = f[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
