import { z } from "zod";

export const SEARCH_QUERY_MAX = 200;
export const SEARCH_PAGE_SIZE = 20;

/** Characters that cannot reach PostgreSQL (NUL) or would pass for the excerpt's markers. */
const UNSAFE = /[\u0000\uE000\uE001]/g;

/**
 * What someone typed in the search box. Never refused: normalised, stripped of what the
 * database cannot store, trimmed and cut to a bounded length; empty means "no search".
 */
export const searchQuerySchema = z
  .unknown()
  .transform((v) => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : ""))
  .transform((s) => s.toWellFormed().normalize("NFC").replace(UNSAFE, " ").trim().slice(0, SEARCH_QUERY_MAX).toWellFormed());

/**
 * Dutch spells a stem's final f or s as v or z before -en (initiatief, initiatieven;
 * huis, huizen), and PostgreSQL's Dutch stemmer keeps those apart. The search also
 * looks for the other spelling of every word that ends that way; the two queries are
 * joined with OR. A query with an exclusion (-word) is left as typed, so the other
 * spelling can never let an excluded word back in.
 */
export function dutchAlternative(q: string): string {
  if (/(^|\s)-\S/u.test(q)) return "";
  const alt = q.replace(/\p{L}{3,}/gu, (word) => {
    const lower = word.toLowerCase();
    if (lower.length >= 5 && lower.endsWith("ven")) return word.slice(0, -3) + "f";
    if (lower.length >= 5 && lower.endsWith("zen")) return word.slice(0, -3) + "s";
    if (lower.length >= 4 && lower.endsWith("f")) return word.slice(0, -1) + "ven";
    if (lower.length >= 4 && lower.endsWith("s")) return word.slice(0, -1) + "zen";
    return word;
  });
  return alt === q ? "" : alt;
}
