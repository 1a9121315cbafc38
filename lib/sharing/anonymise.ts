/**
 * Anonymising a text before it goes to the commons (issue 21, decision 044). Pure: the caller gives
 * the network's member names, its name and slug and the instance's public address; nothing is read.
 *
 * In the `network` and `anonymous` modes it removes what points at a person or at the network's own
 * pages: member names (whole names, family names with their particles such as "van der Berg", and
 * every given or family name on its own; case and accents do not matter, words must stand alone),
 * @mentions, email addresses, phone numbers (Dutch mobile and landline, international) and links to
 * the network's pages (the public address or a relative link followed by /n/<slug>/…). In the
 * `anonymous` mode the network's name (and slug) goes too. Each removal leaves a neutral marker in
 * the text's language ("[naam]", "[name]"), so a reader sees that something was there.
 *
 * It errs on the side of removing: a member called "Berg" takes the word "berg" out of every text.
 * The people asked see the text before and after, and can object.
 */

export type AnonymiseMode = "names" | "network" | "anonymous";

export type AnonymiseContext = {
  mode: AnonymiseMode;
  /** Display names of the network's members (any membership status: former members are people too). */
  memberNames: readonly string[];
  networkName: string;
  networkSlug: string;
  /** The instance's public origin (https://kring.example.org); its /n/<slug>/ pages are removed. */
  publicUrl: string;
  locale: "en" | "nl";
  /** The text is Markdown: markers are escaped (`\[naam\]`) so they never read as a link. */
  markdown?: boolean;
};

type Marker = "name" | "email" | "phone" | "link" | "network";

const MARKERS: Record<"en" | "nl", Record<Marker, string>> = {
  en: { name: "name", email: "email", phone: "phone", link: "link", network: "network" },
  nl: { name: "naam", email: "e-mail", phone: "telefoon", link: "link", network: "netwerk" },
};

function marker(ctx: AnonymiseContext, which: Marker): string {
  const word = MARKERS[ctx.locale][which];
  return ctx.markdown ? `\\[${word}\\]` : `[${word}]`;
}

/** Name particles (Dutch, German, French, Spanish, Italian, Portuguese): never a name on their own. */
const PARTICLES = new Set([
  "van", "der", "den", "de", "het", "'t", "’t", "ter", "ten", "te", "op", "in", "aan", "bij", "uit", "onder", "over", "voor",
  "von", "vom", "zu", "zum", "zur", "am", "im", "la", "le", "les", "du", "des", "d'", "di", "da", "del", "della", "dei", "degli",
  "dos", "das", "do", "y", "e", "al", "el", "bin", "ibn", "mac", "mc", "st", "st.", "saint",
]);

const BEFORE = "(?<![\\p{L}\\p{N}_])";

function stripMarks(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "");
}

function escapeRegex(text: string): string {
  // Syntax characters only: in a unicode pattern "\-" outside a class is an error.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

type Variant = { text: string; caseSensitive: boolean };

/**
 * The ways a name is written: whole; the family name with its particles ("van der Berg"); the given
 * name with the family name ("Jan Berg"); and every name that is not a particle on its own ("Jan",
 * "Berg"). Names of one or two letters on their own match only as written ("An", "Bo"), not "an".
 */
export function nameVariants(fullName: string): Variant[] {
  const tokens = fullName.normalize("NFC").trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return [];
  const isParticle = (t: string) => PARTICLES.has(t.toLowerCase());
  // A name of one short word or one particle ("Jo", "De") is matched only as written: loosely it would take "de" out of every text.
  const whole = tokens.join(" ");
  const short = tokens.length === 1 && (isParticle(whole) || whole.replace(/[^\p{L}]/gu, "").length <= 2);
  const out: Variant[] = [{ text: whole, caseSensitive: short }];
  const firstParticle = tokens.findIndex((t, i) => i > 0 && isParticle(t));
  if (firstParticle > 0) {
    out.push({ text: tokens.slice(firstParticle).join(" "), caseSensitive: false });
    const core = tokens.slice(firstParticle).filter((t) => !isParticle(t));
    if (core.length) out.push({ text: [tokens[0], ...core].join(" "), caseSensitive: false });
  }
  for (const token of tokens) {
    const bare = token.replace(/^[("'’]+|[)"'’.,;:!?]+$/g, "");
    if (!bare || isParticle(bare) || !/\p{L}/u.test(bare)) continue;
    const letters = bare.replace(/[^\p{L}]/gu, "").length;
    out.push({ text: bare, caseSensitive: letters <= 2 });
  }
  return out;
}

/** A run of letters, digits and marks: the words that names are made of and matched by. */
const WORD = /[\p{L}\p{N}_\p{M}]+/gu;
/** What may stand between the words of one name: spaces, hyphens, apostrophes ("Sjoerd ’t Hart", "Kowalski-Nowak"). */
const NAME_GAP = /^[\s\u00a0\-‐‑'’`]+$/u;

const ASCII = /^[\x00-\x7f]*$/;

/** A word without accents and case; most words are plain ASCII, which needs no decomposition. */
function fold(word: string): string {
  return ASCII.test(word) ? word.toLowerCase() : stripMarks(word).toLowerCase();
}

type Phrase = { words: string[]; exact: boolean; replacement: string };

/**
 * A set of phrases by their first word (as written for the exact ones, folded for the others),
 * longest first: one or two look-ups per word of the text.
 */
type PhraseIndex = { exact: Map<string, Phrase[]>; loose: Map<string, Phrase[]> };

function phraseIndex(variants: Iterable<Variant & { replacement: string }>): PhraseIndex {
  const index: PhraseIndex = { exact: new Map(), loose: new Map() };
  const seen = new Set<string>();
  for (const v of variants) {
    const words = [...v.text.normalize("NFC").matchAll(WORD)].map((m) => (v.caseSensitive ? m[0] : fold(m[0])));
    const key = `${v.caseSensitive ? "=" : "~"}${words.join(" ")}`;
    if (words.length === 0 || seen.has(key)) continue;
    seen.add(key);
    const map = v.caseSensitive ? index.exact : index.loose;
    const list = map.get(words[0]!) ?? [];
    list.push({ words, exact: v.caseSensitive, replacement: v.replacement });
    map.set(words[0]!, list);
  }
  // Longest first; among equally long ones the first given (the sort is stable).
  for (const map of [index.exact, index.loose]) for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
  return index;
}

/**
 * Replaces every phrase of `index` that stands as whole words in `text` (with an @ before it, if
 * any) by its replacement, in one pass: the longest phrase that starts at a word wins. Words are
 * compared without accents and case, or exactly for the phrases that say so; between the words of
 * a phrase only spaces, hyphens and apostrophes may stand. Linear in the text: each word looks up
 * the phrases that start with it.
 */
function replacePhrases(text: string, index: PhraseIndex): string {
  if (index.exact.size === 0 && index.loose.size === 0) return text;
  const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, raw: m[0], folded: fold(m[0]) }));
  let out = "";
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const exact = index.exact.get(w.raw);
    const loose = index.loose.get(w.folded);
    if (!exact && !loose) continue;
    const candidates = exact && loose ? [...exact, ...loose].sort((a, b) => b.words.length - a.words.length) : (exact ?? loose)!;
    const match = candidates.find((phrase) =>
      phrase.words.every((pw, k) => {
        const tw = words[i + k];
        if (!tw) return false;
        if (k > 0 && !NAME_GAP.test(text.slice(words[i + k - 1]!.end, tw.start))) return false;
        return phrase.exact ? tw.raw === pw : tw.folded === pw;
      }),
    );
    if (!match) continue;
    const last = words[i + match.words.length - 1]!;
    // An @ before it goes with it, as does a leading apostrophe ("’t Hart"), not one inside a word ("Jan’s").
    let start = w.start;
    if (text[start - 1] === "@") start -= 1;
    else if (/['’`]/u.test(text[start - 1] ?? "") && !/[\p{L}\p{N}]/u.test(text[start - 2] ?? "")) start -= 1;
    out += text.slice(at, start) + match.replacement;
    at = last.end;
    i += match.words.length - 1;
  }
  return out + text.slice(at);
}

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** An @handle not taken as a member's name: "@jan", "@team_noord". */
const MENTION = new RegExp(`${BEFORE}@[\\p{L}\\p{N}_][\\p{L}\\p{N}_.-]*[\\p{L}\\p{N}_]?`, "gu");
/** A run of digits with the separators people write in phone numbers; counted and checked below. */
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}+])(?:\+|00)?\d(?:[ \u00a0\-/()]{0,3}\d){7,16}(?![\p{L}\p{N}])/gu;
const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(\s|$)/;

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "");
  if (DATE_LIKE.test(candidate)) return false;
  if (candidate.startsWith("+")) return digits.length >= 8 && digits.length <= 15;
  if (candidate.startsWith("00")) return digits.length >= 10 && digits.length <= 17;
  // A national number: Dutch ones have ten digits with the leading 0 (06…, 010…, 0412…).
  if (candidate.startsWith("0")) return digits.length >= 9 && digits.length <= 11;
  return false;
}

/** Links to the network's own pages: absolute on the public origin, or relative (/n/<slug>/…). */
function ownLinkRegex(ctx: AnonymiseContext): RegExp {
  let host = "";
  try {
    const url = new URL(ctx.publicUrl);
    host = escapeRegex(url.host);
  } catch {
    host = "";
  }
  const path = `/n/${escapeRegex(ctx.networkSlug)}(?=[/?#\\s)\\]>"'.,;:!]|$)[^\\s)\\]>"']*`;
  const absolute = host ? `(?:https?://)?${host}${path}` : null;
  const relative = `(?<![\\p{L}\\p{N}/.])${path}`;
  return new RegExp(absolute ? `${absolute}|${relative}` : relative, "giu");
}

/**
 * The text as it goes to the commons in `ctx.mode`. `names` keeps the text as it is (everyone asked
 * agreed to be named); the other modes remove as described above.
 */
export function anonymise(text: string, ctx: AnonymiseContext): string {
  if (ctx.mode === "names" || text === "") return text;
  let out = text.normalize("NFC");
  const link = marker(ctx, "link");
  const ownLink = ownLinkRegex(ctx);
  if (ctx.markdown) {
    // A Markdown link to the network's pages keeps its words, not its target: [the plan](/n/x/…) → the plan.
    out = out.replace(/(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g, (whole, _bang: string, label: string, target: string) => {
      ownLink.lastIndex = 0;
      return ownLink.test(target) ? `${label} (${link})` : whole;
    });
    out = out.replace(/<([^>\s]+)>/g, (whole, target: string) => {
      ownLink.lastIndex = 0;
      return ownLink.test(target) ? link : whole;
    });
  }
  out = out.replace(ownLink, link);
  out = out.replace(EMAIL, marker(ctx, "email"));
  out = out.replace(PHONE_CANDIDATE, (m) => (isPhone(m) ? marker(ctx, "phone") : m));
  const name = marker(ctx, "name");
  // The network's own name (anonymous only) and the members' names in one pass; where both start at
  // a word, the longer wins, and the network's name before a member's of the same length.
  const network = marker(ctx, "network");
  const own =
    ctx.mode === "anonymous"
      ? [ctx.networkName, ...(ctx.networkSlug.length >= 3 ? [ctx.networkSlug.replace(/-/g, " ")] : [])].filter((s) => s.trim())
      : [];
  out = replacePhrases(
    out,
    phraseIndex([
      ...own.map((text) => ({ text, caseSensitive: false, replacement: network })),
      ...ctx.memberNames.flatMap(nameVariants).map((v) => ({ ...v, replacement: name })),
    ]),
  );
  out = out.replace(MENTION, name);
  return out;
}

/** A proposal's snapshot as it would be shared in `mode`: the title as plain text, the body as Markdown. */
export function sharedText(
  proposal: { title: string; body: string },
  mode: AnonymiseMode,
  context: { network: { name: string; slug: string; locale: "en" | "nl" }; memberNames: readonly string[]; publicUrl: string },
) {
  const base = {
    mode,
    memberNames: context.memberNames,
    networkName: context.network.name,
    networkSlug: context.network.slug,
    publicUrl: context.publicUrl,
    locale: context.network.locale,
  };
  return { title: anonymise(proposal.title, base), body: anonymise(proposal.body, { ...base, markdown: true }) };
}
