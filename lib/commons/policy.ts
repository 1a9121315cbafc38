import { AREAS, COMMONS_KINDS, COMMONS_QUERY_MAX, LEVELS, OUTCOMES, REGION_MAX, STAGES, type AreaName, type CommonsKindName, type LevelName, type OutcomeName, type StageName } from "./limits";

/**
 * The commons' public side (decision 045): how its filter reads the address, how an item names its
 * source, and what a valid item address is. Anyone may read the commons, visitors too; only what a
 * network published and has not withdrawn is in it (decision 043).
 */

/** The commons' filter, as its GET form sends it: every part optional. */
export type CommonsFilter = {
  q: string;
  kind: CommonsKindName | null;
  level: LevelName | null;
  area: AreaName | null;
  stage: StageName | null;
  outcome: OutcomeName | null;
  region: string;
};

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function choice<T extends string>(options: readonly T[], value: string): T | null {
  return (options as readonly string[]).includes(value) ? (value as T) : null;
}

/** Characters PostgreSQL text cannot hold (NUL) and unpaired surrogates, read as spaces. */
function clean(text: string, max: number): string {
  return text.toWellFormed().normalize("NFC").replace(/\u0000/g, " ").trim().slice(0, max).toWellFormed();
}

/** Reads the filter from the address; an unknown choice is no filter, text is cleaned and cut to its bound. Never refuses. */
export function readCommonsFilter(params: Record<string, string | string[] | undefined>): CommonsFilter {
  return {
    q: clean(one(params.q), COMMONS_QUERY_MAX),
    kind: choice(COMMONS_KINDS, one(params.kind)),
    level: choice(LEVELS, one(params.level)),
    area: choice(AREAS, one(params.area)),
    stage: choice(STAGES, one(params.stage)),
    outcome: choice(OUTCOMES, one(params.outcome)),
    region: clean(one(params.region), REGION_MAX),
  };
}

/** Whether any part of the filter is set. */
export function isFiltered(f: CommonsFilter): boolean {
  return f.q !== "" || f.kind !== null || f.level !== null || f.area !== null || f.stage !== null || f.outcome !== null || f.region !== "";
}

/** The query string of a filter (empty parts left out, no leading "?"), for links to the commons' pages. */
export function commonsQuery(f: CommonsFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...f, ...extra })) if (value) params.set(key, value);
  return params.toString();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An item's address names a UUID; anything else is not an item (404) and never reaches the database. */
export function isItemId(id: string): boolean {
  return UUID.test(id);
}

/** How an item names its source: the network and its people, the network, or only its region. */
export type CommonsSource =
  | { mode: "names"; network: string; names: string[] }
  | { mode: "network"; network: string }
  | { mode: "anonymous"; region: string };

/**
 * The source as the consenters chose to be named (decision 043). Anonymous never shows the network's
 * name, whatever the row holds; names are shown only with the attribution `names`.
 */
export function sourceOf(item: { attribution: "names" | "network" | "anonymous"; sourceName: string; region: string; authorNames: string[] }): CommonsSource {
  if (item.attribution === "anonymous" || !item.sourceName) return { mode: "anonymous", region: item.region };
  if (item.attribution === "names" && item.authorNames.length) return { mode: "names", network: item.sourceName, names: item.authorNames };
  return { mode: "network", network: item.sourceName };
}
