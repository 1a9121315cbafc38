import { createHash } from "node:crypto";
import { strToU8, zipSync, type Zippable } from "fflate";
import { csvCell } from "@/lib/portfolio/export";
import { fieldsOf, jsonSchemaOf, type RowSchema } from "./schema";
import { EXCLUDED, EXPORT_FORMAT, EXPORT_FORMAT_VERSION, EXPORTED, type Reason } from "./tables";

/**
 * The ZIP of a network's export (issue 22, decision 046), from rows already read and shaped:
 * pure, so the unit tests and the worker build the same bytes. Per kind of record a JSON Lines
 * file (`data/<kind>.jsonl`), a CSV for spreadsheets (`csv/<kind>.csv`, UTF-8 with a byte order
 * mark, every cell formula-guarded as the funder export is) and a JSON Schema
 * (`schema/<kind>.schema.json`); a README in English and Dutch generated from the schemas'
 * descriptions; and `manifest.json` with the format's version and a SHA-256 and row count per file.
 */

export type KindRows = { kind: string; schema: RowSchema; rows: Record<string, unknown>[] };

type ManifestFile = { path: string; kind: string | null; rows: number | null; bytes: number; sha256: string };

export type Manifest = {
  format: typeof EXPORT_FORMAT;
  formatVersion: string;
  exportId: string;
  createdAt: string;
  appVersion: string;
  network: { id: string; slug: string; name: string };
  /** The exporting instance's public address (since 1.2.0): an import points links to the network's pages there at their new place. */
  publicUrl: string;
  counts: Record<string, number>;
  files: ManifestFile[];
  excluded: { tables: Record<string, string>; columns: Record<string, string> };
};

export type ExportMeta = { exportId: string; createdAt: Date; appVersion: string; network: { id: string; slug: string; name: string }; publicUrl: string };

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** One kind as CSV: the schema's fields as the header, CRLF line ends, a byte order mark for spreadsheets. */
export function kindCsv(schema: RowSchema, rows: readonly Record<string, unknown>[]): string {
  const columns = Object.keys(schema.shape);
  const lines = [columns.map(csvCell).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(cell(row[c]))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** One kind as JSON Lines: one JSON object per line, in the schema's field order. */
function kindJsonl(rows: readonly Record<string, unknown>[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join("");
}

const omitted = (): [string, Reason][] =>
  Object.entries(EXPORTED).flatMap(([table, t]) => Object.entries(t.omit ?? {}).map(([column, reason]): [string, Reason] => [`${table}.${column}`, reason]));

/** The README, English then Dutch, generated from the schemas' field descriptions and the exclusion maps. */
function readme(kinds: readonly KindRows[], meta: ExportMeta): string {
  const out: string[] = [];
  const lang = (l: 0 | 1) => {
    const t = (en: string, nl: string) => (l === 0 ? en : nl);
    out.push(
      t(`# Export of the network “${meta.network.name}”`, `# Export van het netwerk “${meta.network.name}”`),
      "",
      t(
        `Made by Kring ${meta.appVersion} at ${meta.publicUrl} on ${meta.createdAt.toISOString()}, format \`${EXPORT_FORMAT}\` version ${EXPORT_FORMAT_VERSION}. ` +
          "`manifest.json` lists every file with its SHA-256 and row count. Each kind of record is in three files: " +
          "`data/<kind>.jsonl` (one JSON object per line), `csv/<kind>.csv` (for spreadsheets; a cell that a spreadsheet would run as a formula starts with an apostrophe) " +
          "and `schema/<kind>.schema.json` (JSON Schema 2020-12). Times are UTC (ISO 8601); amounts are whole minor units (cents) written as text; records point to each other by id.",
        `Gemaakt door Kring ${meta.appVersion} van ${meta.publicUrl} op ${meta.createdAt.toISOString()}, formaat \`${EXPORT_FORMAT}\` versie ${EXPORT_FORMAT_VERSION}. ` +
          "`manifest.json` noemt elk bestand met zijn SHA-256 en aantal rijen. Elke soort record staat in drie bestanden: " +
          "`data/<soort>.jsonl` (één JSON-object per regel), `csv/<soort>.csv` (voor spreadsheets; een cel die een spreadsheet als formule zou uitvoeren begint met een apostrof) " +
          "en `schema/<soort>.schema.json` (JSON Schema 2020-12). Tijden zijn UTC (ISO 8601); bedragen zijn hele kleinste eenheden (centen), als tekst; records verwijzen naar elkaar met hun id.",
      ),
      "",
      t("## What is not in it, and why", "## Wat er niet in staat, en waarom"),
      "",
      t(
        "Never: sessions, sign-in and calendar tokens, another network's records, reflections marked “only for me” or not yet shared, and others' reflections the network's reveal rules do not show a broker. Email addresses only of members who allowed it.",
        "Nooit: sessies, inlog- en agendasleutels, records van een ander netwerk, reflecties die “alleen voor mij” zijn of nog niet gedeeld, en reflecties van anderen die de onthulregels van het netwerk een broker niet tonen. E-mailadressen alleen van leden die dat toestonden.",
      ),
      "",
      ...Object.entries(EXCLUDED).map(([table, reason]) => `- \`${table}\`: ${reason[l]}`),
      ...omitted().map(([column, reason]) => `- \`${column}\`: ${reason[l]}`),
      "",
    );
    for (const k of kinds) {
      out.push(`## ${k.kind} (${k.rows.length})`, "", t("| field | type | meaning |", "| veld | type | betekenis |"), "| --- | --- | --- |");
      for (const f of fieldsOf(k.schema)) out.push(`| \`${f.name}\` | ${f.type} | ${(l === 0 ? f.en : f.nl).replaceAll("|", "\\|")} |`);
      out.push("");
    }
  };
  lang(0);
  out.push("---", "");
  lang(1);
  return out.join("\n");
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The ZIP's bytes and its manifest. Entries carry the export's time, so the same rows give the same files. */
export function buildArchive(kinds: readonly KindRows[], meta: ExportMeta): { zip: Uint8Array; manifest: Manifest } {
  const entries: { path: string; kind: string | null; rows: number | null; bytes: Uint8Array }[] = [];
  for (const k of kinds) {
    entries.push({ path: `data/${k.kind}.jsonl`, kind: k.kind, rows: k.rows.length, bytes: strToU8(kindJsonl(k.rows)) });
    entries.push({ path: `csv/${k.kind}.csv`, kind: k.kind, rows: k.rows.length, bytes: strToU8(kindCsv(k.schema, k.rows)) });
    entries.push({ path: `schema/${k.kind}.schema.json`, kind: k.kind, rows: null, bytes: strToU8(`${JSON.stringify(jsonSchemaOf(k.kind, k.schema), null, 2)}\n`) });
  }
  entries.push({ path: "README.md", kind: null, rows: null, bytes: strToU8(readme(kinds, meta)) });
  const manifest: Manifest = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportId: meta.exportId,
    createdAt: meta.createdAt.toISOString(),
    appVersion: meta.appVersion,
    network: meta.network,
    publicUrl: meta.publicUrl,
    counts: Object.fromEntries(kinds.map((k) => [k.kind, k.rows.length])),
    files: entries.map((e) => ({ path: e.path, kind: e.kind, rows: e.rows, bytes: e.bytes.length, sha256: sha256(e.bytes) })),
    excluded: {
      tables: Object.fromEntries(Object.entries(EXCLUDED).map(([table, reason]) => [table, reason[0]])),
      columns: Object.fromEntries(omitted().map(([column, reason]) => [column, reason[0]])),
    },
  };
  const files: Zippable = { "manifest.json": [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { mtime: meta.createdAt }] };
  for (const e of entries) files[e.path] = [e.bytes, { mtime: meta.createdAt }];
  return { zip: zipSync(files, { level: 6 }), manifest };
}

export { sha256 as sha256Hex };
