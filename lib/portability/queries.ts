import "server-only";
import { db, dbAcross, dbSystem } from "@/lib/db/client";
import type { Locale, Role } from "@/lib/db/generated/enums";
import type { NetworkScope } from "@/lib/membership/scope";
import type { ForeignKey } from "./import";
import type { ColumnInfo } from "./schema";
import { EXPORTED, SHARED_EXPORTED, type ExportedTable } from "./tables";

/**
 * Reads of a network's export (decision 046). The page and the download read through the broker's
 * scope. The worker has no session: it reads the one network it claimed through `dbAcross` with
 * that network alone (a reviewed path, eslint.config.mjs), so row-level security still keeps every
 * other network's rows out of what it can see, whatever a statement says.
 */

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const quote = (name: string) => {
  if (!IDENT.test(name)) throw new Error(`export: not an identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
};

type CatalogueRow = { table: string; column: string; dataType: string; udt: string; nullable: boolean };
type EnumRow = { name: string; values: string[] };
type KeyRow = { table: string; column: string };

/** A table's exported columns in their order, and the columns of its primary key (the rows' order). */
export type TableColumns = { columns: ColumnInfo[]; key: string[] };

const SCALARS: Record<string, ColumnInfo["type"]> = {
  text: "text",
  uuid: "uuid",
  int4: "int",
  int8: "bigint",
  bool: "bool",
  timestamp: "timestamp",
  date: "date",
  jsonb: "json",
};

/** Search indexes: derived from the text, rebuilt by the app; never exported. */
const DERIVED_TYPES = new Set(["tsvector"]);

/**
 * The columns of every exported table as PostgreSQL reports them, less the omitted ones and the
 * search indexes. Three catalogue statements for the whole export. Throws for a column type the
 * export does not know how to write (the integration test runs this against the real schema).
 */
export async function readExportColumns(networkId: string): Promise<Map<string, TableColumns>> {
  const tables: Record<string, ExportedTable> = { ...SHARED_EXPORTED, ...EXPORTED };
  const names = Object.keys(tables);
  const client = dbAcross([networkId]);
  const [catalogue, enums, keys] = await Promise.all([
    client.$queryRaw<CatalogueRow[]>`
      SELECT table_name AS "table", column_name AS "column", data_type AS "dataType", udt_name AS udt, is_nullable = 'YES' AS nullable
      FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY(${names})
      ORDER BY table_name, ordinal_position`,
    client.$queryRaw<EnumRow[]>`
      SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = current_schema()
      GROUP BY t.typname`,
    client.$queryRaw<KeyRow[]>`
      SELECT k.table_name AS "table", k.column_name AS "column"
      FROM information_schema.table_constraints c
      JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema AND k.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND c.constraint_type = 'PRIMARY KEY' AND c.table_name = ANY(${names})
      ORDER BY k.table_name, k.ordinal_position`,
  ]);
  const enumValues = new Map(enums.map((e) => [e.name, e.values]));
  const out = new Map<string, TableColumns>(names.map((n) => [n, { columns: [], key: [] }]));
  for (const row of catalogue) {
    const omit = tables[row.table]?.omit ?? {};
    if (row.column in omit) continue;
    const array = row.dataType === "ARRAY";
    const udt = array ? row.udt.slice(1) : row.udt;
    if (DERIVED_TYPES.has(udt)) continue;
    const scalar = SCALARS[udt];
    const values = enumValues.get(udt);
    if (!scalar && !values) throw new Error(`export: ${row.table}.${row.column} has a type the export cannot write (${row.udt})`);
    out.get(row.table)!.columns.push({ name: row.column, type: scalar ?? "enum", array, nullable: row.nullable, ...(values ? { values } : {}) });
  }
  for (const key of keys) out.get(key.table)!.key.push(key.column);
  return out;
}

/** The select expression that gives a column's value as the export writes it (times as UTC ISO 8601, big integers as text). */
function selectExpression(column: ColumnInfo): string {
  const c = quote(column.name);
  switch (column.type) {
    case "timestamp":
      return `to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${c}`;
    case "date":
      return `to_char(${c}, 'YYYY-MM-DD') AS ${c}`;
    case "json":
      return `${c}::text AS ${c}`;
    case "bigint":
    case "uuid":
    case "enum":
      return column.array ? `${c}::text[] AS ${c}` : `${c}::text AS ${c}`;
    default:
      return c;
  }
}

/** Every row of one table that belongs to the network, in primary-key order: one statement. */
export async function readTableRows(networkId: string, table: string, config: ExportedTable, shape: TableColumns): Promise<Record<string, unknown>[]> {
  const select = shape.columns.map(selectExpression).join(", ");
  const order = (shape.key.length ? shape.key : shape.columns.slice(0, 1).map((c) => c.name)).map(quote).join(", ");
  const rows = await dbAcross([networkId]).$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${select} FROM ${quote(table)} WHERE ${quote(config.owner)} = $1 ORDER BY ${order}`,
    networkId,
  );
  const json = shape.columns.filter((c) => c.type === "json").map((c) => c.name);
  for (const row of rows) for (const name of json) if (typeof row[name] === "string") row[name] = JSON.parse(row[name] as string);
  return rows;
}

/**
 * The people of the network: everyone who has or had a membership, by name and profile text, with
 * an email address only where the member allowed it in this network's export. One statement.
 */
export async function readPeople(networkId: string): Promise<Record<string, unknown>[]> {
  return dbAcross([networkId]).$queryRaw<Record<string, unknown>[]>`
    SELECT u.id, u.name, u.bio, CASE WHEN m."emailInExport" THEN u.email END AS email
    FROM "Membership" m JOIN "User" u ON u.id = m."userId"
    WHERE m."networkId" = ${networkId}
    ORDER BY u.id`;
}

export type CycleTimesRow = { id: string; iDeadline: Date; weDeadline: Date; advancedToWeAt: Date | null; closedAt: Date | null; requesterSubmitted: boolean };

/** The network's cycles with their times, and whether the person who asked reflected in each (the reveal rule). */
export async function readCyclesForExport(networkId: string, requesterId: string): Promise<CycleTimesRow[]> {
  return dbAcross([networkId]).$queryRaw<CycleTimesRow[]>`
    SELECT c.id, c."iDeadline", c."weDeadline", c."advancedToWeAt", c."closedAt",
           EXISTS (SELECT 1 FROM "Reflection" r WHERE r."networkId" = c."networkId" AND r."cycleId" = c.id
                   AND r."authorId" = ${requesterId} AND r."submittedAt" IS NOT NULL) AS "requesterSubmitted"
    FROM "Cycle" c WHERE c."networkId" = ${networkId}`;
}

/** The requester's role now, if they are still an active member (an export is built only for an active broker). */
export async function readRequesterRole(networkId: string, userId: string): Promise<Role | null> {
  const m = await dbAcross([networkId]).membership.findFirst({ where: { networkId, userId, status: "active" }, select: { role: true } });
  return m?.role ?? null;
}

/** The network's name and slug for the manifest and the notice. */
export async function readNetworkHeader(networkId: string) {
  return dbAcross([networkId]).network.findUniqueOrThrow({ where: { id: networkId }, select: { id: true, slug: true, name: true } });
}

export type ExportListItem = {
  id: string;
  status: "queued" | "building" | "ready" | "failed" | "expired";
  progress: number;
  size: number | null;
  sha256: string | null;
  counts: Record<string, number>;
  error: string | null;
  createdAt: Date;
  readyAt: Date | null;
  expiresAt: Date | null;
  requestedById: string;
  requesterName: string | null;
  /** Ready and within its day: the file may be downloaded now. */
  downloadable: boolean;
};

/** The network's latest exports for its brokers' page (the file itself is not read): one statement. */
export async function listNetworkExports(scope: NetworkScope, take = 5): Promise<ExportListItem[]> {
  return db(scope).$queryRaw<ExportListItem[]>`
    SELECT e.id, e.status::text AS status, e.progress, e.size, e.sha256, e.counts, e.error, e."createdAt", e."readyAt", e."expiresAt",
           e."requestedById", u.name AS "requesterName", (e.status = 'ready' AND e."expiresAt" > now()) AS downloadable
    FROM "NetworkExport" e LEFT JOIN "User" u ON u.id = e."requestedById"
    WHERE e."networkId" = ${scope.networkId}
    ORDER BY e."createdAt" DESC, e.id DESC
    LIMIT ${take}`;
}

/** An export's file for its download, with what the route checks. Null for another network's id or a wrong one. */
export async function findExportFile(scope: NetworkScope, exportId: string) {
  return db(scope).networkExport.findFirst({
    where: { networkId: scope.networkId, id: exportId },
    select: { id: true, requestedById: true, status: true, file: true, sha256: true, createdAt: true, expiresAt: true },
  });
}

// ---------------------------------------------------------------- the import (decision 049)

/**
 * The single-column foreign keys among this instance's tables, from the catalogue: the import
 * follows them (and checks them) without a hand-kept list. One statement.
 */
export async function readForeignKeys(): Promise<ForeignKey[]> {
  return db().$queryRaw<ForeignKey[]>`
    SELECT t.relname AS "table", a.attname AS "column", r.relname AS "references"
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
    ORDER BY t.relname, a.attname`;
}

/** This instance's accounts with any of these (lower-cased) addresses: id, address and language. Accounts are shared rows. */
export async function findAccountsByEmail(emails: readonly string[]): Promise<{ id: string; email: string; locale: Locale | null }[]> {
  if (emails.length === 0) return [];
  return db().$queryRaw<{ id: string; email: string; locale: Locale | null }[]>`
    SELECT id, lower(email) AS email, locale FROM "User" WHERE lower(email) = ANY(${[...emails]})`;
}

/** The networks' slugs here that an imported network's slug (or its `-2`, `-3`, …) would collide with. */
export async function findTakenSlugs(slug: string): Promise<Set<string>> {
  const rows = await db().$queryRaw<{ slug: string }[]>`
    SELECT slug FROM "Network" WHERE starts_with(slug, left(${slug}, 40))`;
  return new Set(rows.map((r) => r.slug));
}

/**
 * An earlier import of the same export on this instance, whichever network it became. The system
 * path (decision 022): the question is about every network, by the export's id alone.
 */
export async function findImportOfExport(exportId: string): Promise<{ slug: string; createdAt: Date } | null> {
  const rows = await dbSystem().$queryRaw<{ slug: string; createdAt: Date }[]>`
    SELECT n.slug, i."createdAt" FROM "NetworkImport" i JOIN "Network" n ON n.id = i."networkId" WHERE i."exportId" = ${exportId}`;
  return rows[0] ?? null;
}
