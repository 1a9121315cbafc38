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

/** How many of a query's words get prefix terms: keeps the tsquery small whatever is typed. */
const PREFIX_WORDS = 8;

/**
 * Dutch inflects verbs with a final -t (verbindt, werkt, maakt) that PostgreSQL's Dutch
 * stemmer leaves on: "verbindt" would never find "verbinden". For a Dutch network the search
 * also runs this query, ORed with the typed one: every word, stemmed and matched as a prefix
 * (`:*`), and for a word of five letters or more that ends in t, the same word without it
 * (verbindt: 'verbindt':* | 'verbind':*, which finds verbinden, verbind and verbindt). Words of
 * one or two letters are matched exactly. All words are required (&), like the typed query;
 * an excluded word (-word) stays excluded, exactly (every word of it, so never less strict
 * than the typed query).
 *
 * Built from letters and digits only (everything else is a separator), each term quoted, so
 * nothing a person types can become tsquery syntax. A query with a phrase ("...") or an OR is
 * left as typed: the broader query would undo what it asks. Empty means no prefix query.
 */
export function dutchPrefixQuery(q: string): string {
  if (/"|(^|\s)or(\s|$)/iu.test(q)) return "";
  const terms: string[] = [];
  let positive = 0;
  for (const chunk of q.match(/\S+/gu) ?? []) {
    const excluded = chunk.startsWith("-");
    for (const word of chunk.match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (excluded) terms.push(`!'${word}'`);
      else if (positive++ >= PREFIX_WORDS) continue;
      else if (word.length < 3) terms.push(`'${word}'`);
      else if (word.length >= 5 && /t$/iu.test(word)) terms.push(`('${word}':* | '${word.slice(0, -1)}':*)`);
      else terms.push(`'${word}':*`);
    }
  }
  return positive > 0 ? terms.join(" & ") : "";
}
