import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { GrowthStage, SupportKind } from "@/lib/db/generated/enums";
import { htmlOf } from "@/lib/markdown/render";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { GROWTH_STAGES, MAP_PAGE_SIZE, OWN_SUGGESTIONS_MAX, QUEUE_MAX, SUPPORT_KINDS } from "./limits";
import { isFiltered, isStale, kindsOfType, type SupportFilter } from "./policy";

/**
 * Reads of the support map (decision 040). The map page is a fixed number of statements whatever
 * the map's size: one page of entries (keyset by provider, name and id), the overview's counts by
 * stage and kind and the map's size (from the tally the database keeps), the filtered count only
 * when a filter is set, and the broker's queue or the member's own suggestions.
 */

/** What a member (or the read API) sees of a listed entry; the broker's review fields are added below. */
export const LISTED_ENTRY_FIELDS = {
  id: true,
  provider: true,
  name: true,
  description: true,
  descriptionHtml: true,
  kinds: true,
  stages: true,
  eligibility: true,
  region: true,
  url: true,
  email: true,
  phone: true,
  sourceUrl: true,
  checkedAt: true,
  createdAt: true,
} satisfies Prisma.SupportEntrySelect;

const entrySelect = { ...LISTED_ENTRY_FIELDS, status: true, reviewNote: true } satisfies Prisma.SupportEntrySelect;

type EntryRow = Prisma.SupportEntryGetPayload<{ select: typeof entrySelect }>;

export type SupportEntryView = Omit<EntryRow, "description" | "descriptionHtml"> & {
  /** The description as sanitised HTML ("" when there is none). */
  html: string;
  /** Unchecked for a year, or never checked: "may be out of date". */
  stale: boolean;
};

function view(row: EntryRow, now: Date): SupportEntryView {
  const { description, descriptionHtml, ...rest } = row;
  return { ...rest, html: description ? htmlOf(descriptionHtml, description) : "", stale: isStale(row.checkedAt, now) };
}

// ---------------------------------------------------------------- the map's filter and keyset

/** Where the map's keyset resumes: the last entry of a page (provider, name, id). */
type MapCursor = { provider: string; name: string; id: string };

function encodeMapCursor(c: MapCursor): string {
  return Buffer.from(JSON.stringify([c.provider, c.name, c.id])).toString("base64url");
}

/** A tampered cursor is the first page, never an error. */
export function decodeMapCursor(raw: string | string[] | undefined): MapCursor | undefined {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (!text || text.length > 1_500) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString());
    if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((v) => typeof v === "string")) return undefined;
    const [provider, name, id] = parsed as [string, string, string];
    return { provider, name, id };
  } catch {
    return undefined;
  }
}

/** The listed entries of the network that the filter keeps (from after `cursor`, when given). */
function listedWhere(scope: NetworkScope, f: SupportFilter, cursor?: MapCursor): Prisma.SupportEntryWhereInput {
  const and: Prisma.SupportEntryWhereInput[] = [];
  if (f.kind) and.push({ kinds: { has: f.kind } });
  if (f.type) and.push({ kinds: { hasSome: [...kindsOfType(f.type)] } });
  // An entry without stages serves every stage.
  if (f.stage) and.push({ OR: [{ stages: { has: f.stage } }, { stages: { isEmpty: true } }] });
  if (f.region) and.push({ region: { contains: f.region, mode: "insensitive" } });
  if (f.q) {
    const contains = { contains: f.q, mode: "insensitive" } as const;
    and.push({ OR: [{ provider: contains }, { name: contains }, { description: contains }, { eligibility: contains }, { region: contains }] });
  }
  if (cursor) and.push(after(cursor));
  return { networkId: scope.networkId, status: "listed", AND: and };
}

function after(c: MapCursor): Prisma.SupportEntryWhereInput {
  return {
    OR: [
      { provider: { gt: c.provider } },
      { provider: c.provider, name: { gt: c.name } },
      { provider: c.provider, name: c.name, id: { gt: c.id } },
    ],
  };
}

// ---------------------------------------------------------------- the map page

/** One cell of the overview: how many listed entries serve a stage with a kind. */
export type OverviewCell = { stage: GrowthStage; kind: SupportKind; count: number };

export type QueueItem = SupportEntryView & { suggestedByName: string | null };

export type SupportMapPage = {
  entries: SupportEntryView[];
  /** How many entries the filter keeps (all pages). */
  total: number;
  /** The next page's cursor, or null on the last page. */
  next: string | null;
  overview: OverviewCell[];
  may: { manage: boolean; suggest: boolean };
  /** A broker's review queue (oldest first) and how many suggestions wait in all. */
  queue: QueueItem[];
  queueCount: number;
  /** A member's own suggestions, newest first, with what a broker decided. */
  own: SupportEntryView[];
};

type QueueRow = EntryRow & { suggestedByName: string | null };

/** Everything the map page (`/n/<slug>/support`) shows. */
export async function loadSupportMap(scope: NetworkScope, filter: SupportFilter, cursor: MapCursor | undefined, now = new Date()): Promise<SupportMapPage> {
  const may = { manage: can(scope.role, "support.manage"), suggest: can(scope.role, "support.suggest") };
  const where = listedWhere(scope, filter);
  const [rows, filtered, overview, queue, own] = await Promise.all([
    db(scope).supportEntry.findMany({
      where: cursor ? listedWhere(scope, filter, cursor) : where,
      select: entrySelect,
      orderBy: [{ provider: "asc" }, { name: "asc" }, { id: "asc" }],
      take: MAP_PAGE_SIZE + 1,
    }),
    // Unfiltered, the overview's statement counts the whole map too.
    isFiltered(filter) ? db(scope).supportEntry.count({ where }) : Promise.resolve(null),
    loadOverview(scope),
    may.manage
      ? db(scope).$queryRaw<QueueRow[]>`
          SELECT e.id, e.provider, e.name, e.description, e."descriptionHtml", e.kinds::text[] AS kinds, e.stages::text[] AS stages,
                 e.eligibility, e.region, e.url, e.email, e.phone, e."sourceUrl", e."checkedAt", e.status::text AS status,
                 e."reviewNote", e."createdAt", u.name AS "suggestedByName"
          FROM "SupportEntry" e
          LEFT JOIN "User" u ON u.id = e."suggestedById"
          WHERE e."networkId" = ${scope.networkId} AND e.status = 'suggested'
          ORDER BY e."createdAt" ASC, e.id ASC
          LIMIT ${QUEUE_MAX}`
      : Promise.resolve([] as QueueRow[]),
    !may.manage && may.suggest
      ? db(scope).supportEntry.findMany({
          where: { networkId: scope.networkId, suggestedById: scope.userId },
          select: entrySelect,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: OWN_SUGGESTIONS_MAX,
        })
      : Promise.resolve([] as EntryRow[]),
  ]);
  const page = rows.slice(0, MAP_PAGE_SIZE);
  const last = page.at(-1);
  return {
    entries: page.map((r) => view(r, now)),
    total: filtered ?? overview.total,
    next: rows.length > MAP_PAGE_SIZE && last ? encodeMapCursor(last) : null,
    overview: overview.cells,
    may,
    queue: queue.map(({ suggestedByName, ...r }) => ({ ...view(r, now), suggestedByName })),
    queueCount: overview.waiting,
    own: own.map((r) => view(r, now)),
  };
}

/**
 * The overview's counts, one statement over the tally the database keeps with every change of an
 * entry (`SupportTally`): each listed entry counts once in every cell of its kinds by its stages (an
 * entry without stages in every stage), so a cell's count is what its link to the filtered list
 * finds; the cells with stage and kind "" count the entries of each status (the map's size, and the
 * suggestions waiting for a broker). At most 38 rows, whatever the map's size.
 */
async function loadOverview(scope: NetworkScope): Promise<{ cells: OverviewCell[]; total: number; waiting: number }> {
  const rows = await db(scope).supportTally.findMany({
    where: { networkId: scope.networkId, status: { in: ["listed", "suggested"] } },
    select: { status: true, stage: true, kind: true, entries: true },
  });
  const order = (stage: string, kind: string) => GROWTH_STAGES.indexOf(stage as never) * 100 + SUPPORT_KINDS.indexOf(kind as never);
  const cells = rows
    .filter((r) => r.status === "listed" && r.stage !== "" && r.kind !== "" && r.entries > 0)
    .map((r) => ({ stage: r.stage as GrowthStage, kind: r.kind as SupportKind, count: r.entries }))
    .sort((a, b) => order(a.stage, a.kind) - order(b.stage, b.kind));
  const own = (status: string) => rows.find((r) => r.status === status && r.stage === "" && r.kind === "")?.entries ?? 0;
  return { cells, total: own("listed"), waiting: own("suggested") };
}

// ---------------------------------------------------------------- one entry

/**
 * One entry's page: the entry, and what the viewer may do with it. A listed entry is for everyone
 * who reads the map; a suggested or declined one only for brokers and the member who suggested it.
 * Null (a 404) otherwise, and for another network's entry. One statement.
 */
export async function loadSupportEntryPage(scope: NetworkScope, entryId: string, now = new Date()) {
  const row = await db(scope).supportEntry.findFirst({
    where: { networkId: scope.networkId, id: entryId },
    select: { ...entrySelect, suggestedById: true },
  });
  if (!row) return null;
  const manage = can(scope.role, "support.manage");
  const { suggestedById, ...entry } = row;
  if (entry.status !== "listed" && !manage && suggestedById !== scope.userId) return null;
  return { entry: view(entry, now), may: { manage } };
}

/** One entry to edit (a broker's form), or null when it is not this network's. */
export async function findSupportEntry(scope: NetworkScope, entryId: string) {
  const row = await db(scope).supportEntry.findFirst({ where: { networkId: scope.networkId, id: entryId }, select: entrySelect });
  return row ? { ...view(row, new Date()), description: row.description } : null;
}

// ---------------------------------------------------------------- the open export (HSDS)

export type ExportEntry = EntryRow & { updatedAt: Date };

/** Every listed entry of the network, for the export (the map is bounded by what brokers keep). */
export async function listEntriesForExport(scope: NetworkScope): Promise<{ network: { name: string; slug: string; locale: string }; entries: ExportEntry[] }> {
  const [network, entries] = await Promise.all([
    db(scope).network.findUniqueOrThrow({ where: { id: scope.networkId }, select: { name: true, slug: true, locale: true } }),
    db(scope).supportEntry.findMany({
      where: { networkId: scope.networkId, status: "listed" },
      select: { ...entrySelect, updatedAt: true },
      orderBy: [{ provider: "asc" }, { name: "asc" }, { id: "asc" }],
      take: 5_000,
    }),
  ]);
  return { network, entries };
}

