import { createHash, randomUUID } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { z } from "zod";
import { hashToken, newInvitationToken } from "@/lib/membership/invitations";
import { PERSON_COLUMNS, rowSchema, type ColumnInfo } from "./schema";
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, EXPORTED, SHARED_EXPORTED, exportedKinds } from "./tables";

/**
 * Reading a network's export for its import on another Kring (issue 22 item 3, decision 049):
 * pure, no database. `readExport` opens the ZIP and checks it (every file's size and SHA-256
 * against the manifest, nothing missing or extra, the format and its version); `planImport` then
 * parses every row with the zod schema of its kind (built from this instance's columns, as the
 * export builds it), gives every record a new id, follows the references through that map and
 * decides, per person, which account their records point to. The writes are in mutations.ts.
 * Anything wrong is an `ImportRefused` that names the file and says why, before anything is written.
 */

/** Why an export cannot be imported: the file it is about, and the reason, in English (a command for operators). */
export class ImportRefused extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "ImportRefused";
  }
}

export type Row = Record<string, unknown>;

const manifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  exportId: z.string().min(1).max(200),
  createdAt: z.iso.datetime(),
  appVersion: z.string().max(100),
  network: z.object({ id: z.string().min(1).max(200), slug: z.string().min(1).max(200), name: z.string() }),
  /** Since 1.2.0; an older export's links to its own instance stay as written. */
  publicUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  counts: z.record(z.string(), z.int().nonnegative()),
  files: z.array(
    z.object({
      path: z.string().min(1),
      kind: z.string().nullable(),
      rows: z.int().nonnegative().nullable(),
      bytes: z.int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});

type ImportManifest = z.infer<typeof manifestSchema>;

type Version = { major: number; minor: number; patch: number };

function parseVersion(text: string): Version {
  const [major, minor, patch] = text.split(".").map(Number) as [number, number, number];
  return { major, minor, patch };
}

/** A step that turns one major version's rows into the next major's. */
type Migration = { from: number; migrate: (kinds: Map<string, Row[]>) => Map<string, Row[]> };

/**
 * The steps from each older major version of the format to the next, oldest first. Format 1 is
 * the first there is, so there are none yet; a 2.0.0 that removes or changes a field adds the step
 * from 1 here, and an export of 1.x keeps being imported through it. Within one major version an
 * older minor needs no step: a minor version only adds kinds, fields and values, so an older file
 * lacks some of them (absent fields take the database's defaults).
 */
const MIGRATIONS: readonly Migration[] = [];

/**
 * Which steps bring `version` to the version this Kring writes, or the reason it cannot be read:
 * a newer version (major or minor: its fields or values would be lost or refused) must be imported
 * by a Kring at least as new.
 */
export function migrationsFor(version: string, current = EXPORT_FORMAT_VERSION, steps: readonly Migration[] = MIGRATIONS): Migration[] {
  const from = parseVersion(version);
  const to = parseVersion(current);
  if (from.major > to.major || (from.major === to.major && from.minor > to.minor)) {
    throw new ImportRefused(
      "manifest.json",
      `the export has format version ${version}, newer than this Kring reads (up to ${current}): it was made by a newer Kring. Upgrade this Kring, then import it again.`,
    );
  }
  const chain: Migration[] = [];
  for (let major = from.major; major < to.major; major += 1) {
    const step = steps.find((s) => s.from === major);
    if (!step) {
      throw new ImportRefused("manifest.json", `the export has format version ${version}; this Kring reads ${to.major}.x and knows no migration from ${major}.x.`);
    }
    chain.push(step);
  }
  return chain;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** One export, opened and checked: its manifest, each kind's rows as written, and the ZIP's own SHA-256. */
type OpenedExport = { manifest: ImportManifest; kinds: Map<string, Row[]>; sha256: string; partial: boolean };

function issueText(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.join(".");
  return `${path ? `${path}: ` : ""}${issue.message}`;
}

/**
 * Opens an export's ZIP and checks everything that needs no database: the manifest (format, version,
 * shape), every file's presence, size and SHA-256, no file the manifest does not list, the kinds this
 * Kring knows, each JSON Lines file's rows and their count. `name` is how the operator named the file.
 */
export function readExport(zip: Uint8Array, name: string): OpenedExport {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    throw new ImportRefused(name, `not a ZIP file, or a damaged or truncated one (${error instanceof Error ? error.message : String(error)}).`);
  }
  const manifestBytes = files["manifest.json"];
  if (!manifestBytes) throw new ImportRefused(name, "the ZIP has no manifest.json: it is not a Kring network export.");
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(manifestBytes));
  } catch (error) {
    throw new ImportRefused("manifest.json", `not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== EXPORT_FORMAT) {
    throw new ImportRefused("manifest.json", `the format is ${JSON.stringify(format ?? null)}, not "${EXPORT_FORMAT}": this is not a Kring network export.`);
  }
  const version = (raw as { formatVersion?: unknown }).formatVersion;
  if (typeof version !== "string" || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new ImportRefused("manifest.json", `the format version ${JSON.stringify(version ?? null)} is not a version number (major.minor.patch).`);
  }
  const steps = migrationsFor(version);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new ImportRefused("manifest.json", `not a valid manifest: ${issueText(parsed.error)}.`);
  const manifest = parsed.data;

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  if (listed.size !== manifest.files.length) throw new ImportRefused("manifest.json", "lists a file twice.");
  for (const path of Object.keys(files)) {
    if (path !== "manifest.json" && !listed.has(path)) throw new ImportRefused(path, "is in the ZIP but not listed in manifest.json: the ZIP was changed after the export.");
  }
  for (const f of manifest.files) {
    const bytes = files[f.path];
    if (!bytes) throw new ImportRefused(f.path, "is listed in manifest.json but missing from the ZIP: the ZIP is incomplete.");
    if (bytes.length !== f.bytes) throw new ImportRefused(f.path, `is ${bytes.length} bytes, manifest.json says ${f.bytes}: the file was changed or cut short.`);
    const sum = sha256(bytes);
    if (sum !== f.sha256) throw new ImportRefused(f.path, `its SHA-256 is ${sum}, manifest.json says ${f.sha256}: the file was changed or damaged.`);
  }

  const known = new Set(exportedKinds());
  let kinds = new Map<string, Row[]>();
  for (const f of manifest.files) {
    if (!f.path.startsWith("data/")) continue;
    if (!f.kind || f.path !== `data/${f.kind}.jsonl`) throw new ImportRefused(f.path, "is not named after its kind of record in manifest.json.");
    if (!known.has(f.kind)) throw new ImportRefused(f.path, `holds records of a kind this Kring does not know ("${f.kind}").`);
    const rows: Row[] = [];
    const lines = strFromU8(files[f.path]!).split("\n");
    for (const [index, line] of lines.entries()) {
      if (line === "" && index === lines.length - 1) break;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new ImportRefused(f.path, `line ${index + 1} is not valid JSON.`);
      }
      if (typeof row !== "object" || row === null || Array.isArray(row)) throw new ImportRefused(f.path, `line ${index + 1} is not a JSON object.`);
      rows.push(row as Row);
    }
    if (f.rows !== rows.length || manifest.counts[f.kind] !== rows.length) {
      throw new ImportRefused(f.path, `holds ${rows.length} records, manifest.json counts ${manifest.counts[f.kind] ?? "none"}.`);
    }
    kinds.set(f.kind, rows);
  }
  for (const kind of ["Person", "Network", "Membership"]) {
    if (!kinds.has(kind)) throw new ImportRefused(`data/${kind}.jsonl`, "is missing: an export always holds it.");
  }
  for (const step of steps) kinds = step.migrate(kinds);
  const current = parseVersion(EXPORT_FORMAT_VERSION);
  const from = parseVersion(version);
  return { manifest, kinds, sha256: sha256(zip), partial: from.major !== current.major || from.minor !== current.minor };
}

/** A foreign key as the catalogue reports it: `table.column` points to `references.id`. */
export type ForeignKey = { table: string; column: string; references: string };

/** The columns of a kind's table, from the catalogue (queries.ts readExportColumns). */
type KindColumns = Map<string, { columns: ColumnInfo[] }>;

/** What the import will write, decided before anything is written. */
type ImportPlan = {
  networkId: string;
  slug: string;
  /** Every record's id in the export → its id here (a person's: the account they were matched to, or their new profile). */
  ids: Map<string, string>;
  people: PlannedPerson[];
  /** The tables in the order they are written (each one after those it points to), with their rows ready to insert. */
  tables: { table: string; rows: Row[] }[];
  /** References to records outside the export (another network's person, a record since deleted): kept as they were. */
  outside: Record<string, number>;
};

type PlannedPerson = {
  exportId: string;
  id: string;
  name: string | null;
  bio: string;
  email: string | null;
  /** `account`: an account here has the address; `unclaimed`: a profile made for the address; `name-only`: no address in the export. */
  match: "account" | "unclaimed" | "name-only";
};

/**
 * Columns the export leaves out (tables.ts `omit`) that a row here cannot be without. An imported
 * invitation gets a secret nobody holds: its old link pointed to the other Kring and opens nothing here.
 */
const OMITTED_FILL: Record<string, () => Row> = {
  Invitation: () => ({ tokenHash: hashToken(newInvitationToken()) }),
};

/** Columns that name a record by its id: `id`, `…Id` and `…Ids` by the schema's convention, and every foreign key. */
function isReference(column: string): boolean {
  return column === "id" || /[a-z0-9]Ids?$/.test(column);
}

function mapJson(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => mapJson(v, ids));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapJson(v, ids)]));
  return value;
}

/**
 * Links in texts to the network's own pages, moved to where the imported network is: a link on
 * the exporting instance (`publicUrl`, when the export names it) or a relative one (`/n/<slug>/…`)
 * becomes relative to this instance, under the new slug, and every path segment that is an id of
 * the export becomes its new id (`/n/siac/dialogue/<thread>` → `/n/siac-2/dialogue/<new thread>`).
 * Links to any other place, another network's pages included, stay as written.
 */
export function relinker(from: { slug: string; publicUrl?: string }, to: { slug: string }, ids: ReadonlyMap<string, string>): (text: string) => string {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  let origin: string | null = null;
  try {
    origin = from.publicUrl ? new URL(from.publicUrl).origin : null;
  } catch {
    origin = null;
  }
  // Absolute on the old origin, or relative: then not part of a longer address (`https://x.org/n/…`, `a/n/…`).
  const start = origin ? `(?:${escape(origin)}|(?<![\\w.~:/@%-]))` : "(?<![\\w.~:/@%-])";
  const link = new RegExp(`${start}/n/${escape(from.slug)}(?![\\w-])((?:/[\\w-]+)*)`, "g");
  return (text) =>
    text.includes(`/n/${from.slug}`)
      ? text.replace(link, (_whole, path: string) => `/n/${to.slug}${path.replace(/[\w-]+/g, (segment) => ids.get(segment) ?? segment)}`)
      : text;
}

/** The tables in an order where each comes after the tables its foreign keys point to. */
function insertOrder(tables: readonly string[], keys: readonly ForeignKey[]): string[] {
  const present = new Set(tables);
  const out: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: string) => {
    if (state.get(table) === "done") return;
    if (state.get(table) === "visiting") throw new Error(`import: the foreign keys of ${table} form a cycle`);
    state.set(table, "visiting");
    for (const k of keys) if (k.table === table && k.references !== table && present.has(k.references)) visit(k.references);
    state.set(table, "done");
    out.push(table);
  };
  for (const t of [...tables].sort()) visit(t);
  return out;
}

/** A table's rows in an order where a row that another row of the same table points to comes first. */
function rowOrder(kind: string, rows: Row[], selfKeys: readonly string[]): Row[] {
  if (selfKeys.length === 0) return rows;
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const out: Row[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (row: Row) => {
    const id = row.id as string;
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") throw new ImportRefused(`data/${kind}.jsonl`, `record ${id} points to itself through a chain of records.`);
    state.set(id, "visiting");
    for (const column of selfKeys) {
      const target = row[column];
      if (typeof target === "string" && byId.has(target)) visit(byId.get(target)!);
    }
    state.set(id, "done");
    out.push(row);
  };
  for (const row of rows) visit(row);
  return out;
}

/** The slug the network gets here: its own, or with `-2`, `-3`, … when that is taken (or reserved). */
export function freeSlug(wanted: string, taken: ReadonlySet<string>, max: number): string {
  const base = wanted.slice(0, max);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, max - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Parses every row with its kind's schema, gives every record and person a new id (or their matched
 * account's), rewrites the references and orders the tables and rows for writing. `accounts` are this
 * instance's accounts by lower-cased address; `columns` and `keys` come from the catalogue.
 */
export function planImport(opened: OpenedExport, input: { columns: KindColumns; keys: readonly ForeignKey[]; accounts: ReadonlyMap<string, string>; slug: string }): ImportPlan {
  const { manifest, kinds } = opened;
  const tables: Record<string, { owner: string }> = { ...SHARED_EXPORTED, ...EXPORTED };
  const schemas = new Map<string, ReturnType<typeof rowSchema>>();
  schemas.set("Person", rowSchema("Person", PERSON_COLUMNS));
  for (const kind of kinds.keys()) {
    if (kind === "Person") continue;
    const shape = input.columns.get(kind);
    if (!shape) throw new Error(`import: no columns for ${kind}`);
    schemas.set(kind, rowSchema(kind, shape.columns));
  }

  // Every row, parsed by its kind's schema (an older minor version may lack fields added since).
  const parsedKinds = new Map<string, Row[]>();
  for (const [kind, rows] of kinds) {
    const full = schemas.get(kind)!;
    const schema = opened.partial ? full.partial() : full;
    const out: Row[] = [];
    for (const [index, row] of rows.entries()) {
      const result = schema.safeParse(row);
      if (!result.success) throw new ImportRefused(`data/${kind}.jsonl`, `line ${index + 1} does not fit the ${kind} schema: ${issueText(result.error)}.`);
      out.push(result.data as Row);
    }
    parsedKinds.set(kind, out);
  }

  // New ids, and per kind the ids it holds (to check each foreign key against its table).
  const ids = new Map<string, string>();
  const idsOfKind = new Map<string, Set<string>>();
  for (const [kind, rows] of parsedKinds) {
    const own = new Set<string>();
    for (const [index, row] of rows.entries()) {
      if (typeof row.id !== "string") continue;
      if (ids.has(row.id)) throw new ImportRefused(`data/${kind}.jsonl`, `line ${index + 1}: the id ${row.id} is used by another record too.`);
      ids.set(row.id, randomUUID());
      own.add(row.id);
    }
    idsOfKind.set(kind, own);
  }
  const networks = parsedKinds.get("Network")!;
  if (networks.length !== 1 || networks[0]!.id !== manifest.network.id) {
    throw new ImportRefused("data/Network.jsonl", "must hold exactly the network manifest.json names.");
  }
  const networkId = ids.get(manifest.network.id)!;

  // People: an account here with the address, else a profile for the address, else a name-only profile.
  const people: PlannedPerson[] = parsedKinds.get("Person")!.map((p) => {
    const email = typeof p.email === "string" && p.email.trim() ? p.email.trim().toLowerCase() : null;
    const account = email ? input.accounts.get(email) : undefined;
    if (account) ids.set(p.id as string, account);
    return { exportId: p.id as string, id: ids.get(p.id as string)!, name: (p.name as string | null) ?? null, bio: (p.bio as string) ?? "", email, match: account ? "account" : email ? "unclaimed" : "name-only" };
  });
  const byAddress = new Map<string, string>();
  for (const p of people) {
    if (!p.email) continue;
    if (byAddress.has(p.email)) throw new ImportRefused("data/Person.jsonl", `two people have the address ${p.email}.`);
    byAddress.set(p.email, p.exportId);
  }

  const relink = relinker({ slug: manifest.network.slug, publicUrl: manifest.publicUrl }, { slug: input.slug }, ids);
  const keysOf = new Map<string, ForeignKey[]>();
  for (const k of input.keys) keysOf.set(k.table, [...(keysOf.get(k.table) ?? []), k]);
  const outside: Record<string, number> = {};
  const written: ImportPlan["tables"] = [];
  for (const table of insertOrder([...parsedKinds.keys()].filter((k) => k !== "Person"), input.keys)) {
    // The kinds are the tables' names.
    const kind = table;
    const owner = tables[table]?.owner;
    if (!owner) throw new Error(`import: ${table} is not an exported table`);
    const keys = keysOf.get(table) ?? [];
    const fk = new Map(keys.map((k) => [k.column, k.references]));
    const jsonColumns = new Set(input.columns.get(table)!.columns.filter((c) => c.type === "json").map((c) => c.name));
    const rows = parsedKinds.get(kind)!.map((row, index) => {
      const line = index + 1;
      if (row[owner] !== manifest.network.id) throw new ImportRefused(`data/${kind}.jsonl`, `line ${line} belongs to another network (${owner} ${JSON.stringify(row[owner])}).`);
      const out: Row = {};
      for (const [column, value] of Object.entries(row)) {
        if (jsonColumns.has(column)) {
          out[column] = mapJson(value, ids);
          continue;
        }
        const target = fk.get(column);
        if (!isReference(column) && !target) {
          out[column] = typeof value === "string" ? relink(value) : value;
          continue;
        }
        const one = (v: unknown) => {
          if (typeof v !== "string") return v;
          const mapped = ids.get(v);
          if (target) {
            const kindOfTarget = target === "User" ? "Person" : target;
            if (!idsOfKind.get(kindOfTarget)?.has(v)) {
              throw new ImportRefused(`data/${kind}.jsonl`, `line ${line}: ${column} points to ${kindOfTarget} ${v}, which is not in the export.`);
            }
          }
          if (mapped) return mapped;
          outside[`${table}.${column}`] = (outside[`${table}.${column}`] ?? 0) + 1;
          return v;
        };
        out[column] = Array.isArray(value) ? value.map(one) : one(value);
      }
      if (table === "Membership" && out.status === "active") out.status = "invited";
      if (table === "Network") out.slug = input.slug;
      return out;
    });
    const fill = OMITTED_FILL[table];
    if (fill) for (const row of rows) Object.assign(row, fill());
    const columnsOf = (row: Row) => Object.keys(row).sort().join(",");
    if (rows.some((row) => columnsOf(row) !== columnsOf(rows[0]!))) throw new ImportRefused(`data/${kind}.jsonl`, "its records do not all have the same fields.");
    const selfKeys = keys.filter((k) => k.references === table).map((k) => k.column);
    // Self references are ordered on the export's ids, before they were mapped.
    const source = parsedKinds.get(kind)!;
    const position = new Map(source.map((r, i) => [r, i]));
    const ordered = selfKeys.length ? rowOrder(kind, source, selfKeys).map((r) => rows[position.get(r)!]!) : rows;
    written.push({ table, rows: ordered });
  }
  return { networkId, slug: input.slug, ids, people, tables: written, outside };
}

export type ImportSummary = {
  dryRun: boolean;
  exportId: string;
  formatVersion: string;
  appVersion: string;
  /** The network as it was named there, and the slug and id it has here (the id only once imported). */
  network: { name: string; sourceSlug: string; slug: string; id: string | null };
  /** Records per kind, as written (or as they would be). */
  counts: Record<string, number>;
  people: { accounts: number; unclaimed: number; nameOnly: number };
  /** Invitations to take up a membership: one per member with an address; `brokers` of them as a broker. */
  invitations: number;
  brokers: number;
  /** References to records outside the export, kept as they were, per `Table.column`. */
  outside: Record<string, number>;
  /** Every record's id in the export → its id here (empty for a dry run). */
  ids: ReadonlyMap<string, string>;
};

/** What an import wrote (or would write), as the command prints it for the operator. */
export function describeImport(s: ImportSummary): string {
  const lines = [
    s.dryRun ? "Dry run: nothing was written. The import would create:" : "Imported:",
    `  the network "${s.network.name}" as /n/${s.network.slug}${s.network.slug === s.network.sourceSlug ? "" : ` (its slug "${s.network.sourceSlug}" is taken here)`}`,
    `  from export ${s.exportId} (format ${s.formatVersion}, Kring ${s.appVersion})`,
    "  records:",
    ...Object.entries(s.counts)
      .filter(([kind]) => kind !== "Person")
      .map(([kind, n]) => `    ${kind.padEnd(20)} ${n}`),
    `  people: ${s.people.accounts} matched to an account here, ${s.people.unclaimed} new profile(s) by address (unclaimed until they sign in), ${s.people.nameOnly} by name only (no address in the export)`,
    `  invitations to take up a membership: ${s.invitations}, ${s.brokers} of them as a broker (nobody is a member until they accept)`,
  ];
  if (s.brokers === 0) lines.push("  warning: no broker of the network has an address in the export, so nobody here can take it up as its broker.");
  const outside = Object.entries(s.outside);
  if (outside.length > 0) {
    lines.push("  references to records outside the export, kept as they were:", ...outside.map(([column, n]) => `    ${column}: ${n}`));
  }
  return `${lines.join("\n")}\n`;
}
