/**
 * The funder's portfolio as files: CSV (RFC 4180) and JSON. Pure functions over what
 * `exportFunderPortfolio` (queries.ts) returns. Amounts are written twice, never as a
 * float: an exact decimal string in the currency's units ("1234.56") and the integer
 * minor units ("123456"), next to the ISO 4217 currency.
 */
import { toDecimalString } from "@/lib/funding/money";
import type { CurrencyTotals, PortfolioPledge } from "./schema";

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type PortfolioExport = {
  networks: readonly { id: string; slug: string; name: string }[];
  totals: CurrencyTotals[];
  pledges: PortfolioPledge[];
};

export const CSV_COLUMNS = [
  "network",
  "network_slug",
  "initiative",
  "initiative_id",
  "milestone",
  "milestone_id",
  "milestone_status",
  "target_date",
  "pledge_id",
  "pledge_status",
  "currency",
  "amount",
  "amount_minor",
  "pledged_at",
  "released_at",
  "withdrawn_at",
  "condition",
] as const;

/** Whether a spreadsheet could run the text as a formula (see `csvCell`). */
export function formulaLike(value: string): boolean {
  return /^[\t\r\n]/.test(value) || /^[=+\-@]/.test(value.normalize("NFKC").trimStart());
}

/**
 * One CSV cell. A text that a spreadsheet would run as a formula gets a leading apostrophe
 * (OWASP's advice): one that starts with a tab, a carriage return or a line feed, or whose
 * first visible character is = + - @ in any width (spreadsheets read the fullwidth ＝ of East
 * Asian input as =, so the test is on the NFKC form). Then every cell is quoted, with quotes
 * doubled (RFC 4180), so commas and line breaks stay inside it.
 */
export function csvCell(value: string): string {
  const safe = formulaLike(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");
const instant = (d: Date | null) => (d ? d.toISOString() : "");

/** One row per pledge (withdrawn ones too), CRLF line ends, a UTF-8 byte order mark for spreadsheets. */
export function portfolioCsv(data: PortfolioExport): string {
  const lines = [CSV_COLUMNS.map(csvCell).join(",")];
  for (const p of data.pledges) {
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      network: p.network.name,
      network_slug: p.network.slug,
      initiative: p.initiativeName,
      initiative_id: p.initiativeId,
      milestone: p.milestoneTitle,
      milestone_id: p.milestoneId,
      milestone_status: p.milestoneStatus,
      target_date: day(p.targetDate),
      pledge_id: p.pledgeId,
      pledge_status: p.status,
      currency: p.currency,
      amount: toDecimalString(p.amount, p.currency),
      amount_minor: p.amount.toString(),
      pledged_at: instant(p.createdAt),
      released_at: instant(p.releasedAt),
      withdrawn_at: instant(p.withdrawnAt),
      condition: p.condition,
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(cells[c])).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * Reads RFC 4180 CSV (quoted or bare cells, doubled quotes, CRLF or LF, a leading byte
 * order mark) into rows of cells. The inverse of `portfolioCsv` but for the formula guard.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" || c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      if (c === "\r" && input[i + 1] === "\n") i++;
    } else cell += c;
    i++;
  }
  if (quoted) throw new Error("unterminated quoted cell");
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const amount = (minor: bigint, currency: string) => ({ amount: toDecimalString(minor, currency), minor: minor.toString(), currency });

/** The JSON export: totals per currency and every pledge; amounts as decimal strings and minor units. */
export function portfolioJson(data: PortfolioExport, exportedAt: Date) {
  return {
    format: "kring-funder-portfolio",
    version: 1,
    exportedAt: exportedAt.toISOString(),
    networks: data.networks.map((n) => ({ id: n.id, slug: n.slug, name: n.name })),
    totals: data.totals.map((t) => ({
      currency: t.currency,
      pledges: t.pledges,
      pledged: amount(t.pledged, t.currency),
      released: amount(t.released, t.currency),
      outstanding: amount(t.outstanding, t.currency),
    })),
    pledges: data.pledges.map((p) => ({
      id: p.pledgeId,
      status: p.status,
      ...amount(p.amount, p.currency),
      condition: p.condition,
      pledgedAt: instant(p.createdAt),
      releasedAt: p.releasedAt ? instant(p.releasedAt) : null,
      withdrawnAt: p.withdrawnAt ? instant(p.withdrawnAt) : null,
      network: { id: p.network.id, slug: p.network.slug, name: p.network.name },
      initiative: { id: p.initiativeId, name: p.initiativeName },
      milestone: { id: p.milestoneId, title: p.milestoneTitle, status: p.milestoneStatus, targetDate: p.targetDate ? day(p.targetDate) : null },
    })),
  };
}
