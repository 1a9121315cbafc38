import type { ExchangeStatus, ExchangeVisibility, Role } from "@/lib/db/generated/enums";
import { can } from "@/lib/membership/policy";
import { EXPIRY_MAX_DAYS } from "./limits";

/**
 * Who may do what with an offer or a request, beyond the role table in lib/membership/policy.ts
 * (exchange.*): the rules that depend on being the author, on the post's status and on its
 * visibility. Decision 039.
 */

const DAY = 86_400_000;

/** The visibilities a role reads: funders only posts shown to funders; members and brokers all. */
export function visibleTo(role: Role): ExchangeVisibility[] {
  if (can(role, "exchange.post")) return ["network", "network_and_funders"];
  if (can(role, "exchange.view")) return ["network_and_funders"];
  return [];
}

/** Still running: open or in progress. Fulfilled, withdrawn and expired posts are closed (and stay readable). */
export function isLive(status: ExchangeStatus): boolean {
  return status === "open" || status === "in_progress";
}

type PostRef = { authorId: string | null; status: ExchangeStatus };

function isAuthor(role: Role, post: PostRef, userId: string): boolean {
  return post.authorId === userId && can(role, "exchange.post");
}

/** The author edits a running post. */
export function mayEdit(role: Role, post: PostRef, userId: string): boolean {
  return isAuthor(role, post, userId) && isLive(post.status);
}

/** The author marks an open post in progress (someone is on it). */
export function mayStart(role: Role, post: PostRef, userId: string): boolean {
  return isAuthor(role, post, userId) && post.status === "open";
}

/** The author renews a running or expired post (a renewed expired post is open again). */
export function mayRenew(role: Role, post: PostRef, userId: string): boolean {
  return isAuthor(role, post, userId) && (isLive(post.status) || post.status === "expired");
}

/** The author marks a running post fulfilled, saying who helped. */
export function mayFulfil(role: Role, post: PostRef, userId: string): boolean {
  return isAuthor(role, post, userId) && isLive(post.status);
}

/** The author withdraws a post that is not fulfilled; a broker may too (moderation). */
export function mayWithdraw(role: Role, post: PostRef, userId: string): boolean {
  if (post.status === "fulfilled" || post.status === "withdrawn") return false;
  return isAuthor(role, post, userId) || can(role, "moderation.hide");
}

/** Why an expiry is refused (a validation code), or null. The post lasts until the end of the chosen day. */
export function expiryError(expiresAt: Date | null, now: Date): string | null {
  if (!expiresAt) return "date_invalid";
  if (expiresAt.getTime() <= now.getTime()) return "expiry_past";
  // A day's slack: the end of the day a year from today is still "within a year".
  if (expiresAt.getTime() > now.getTime() + (EXPIRY_MAX_DAYS + 1) * DAY) return `expiry_far|${EXPIRY_MAX_DAYS}`;
  return null;
}

/**
 * Whether a location field holds an exact street address or a postal code (a Dutch "5038 EA", a
 * house number after a street, "Stationsstraat 12", "12 High Street"). A post gives a town or area;
 * only an offer of a place shows an address, in its own field, when its author chooses to.
 */
export function looksLikeStreetAddress(text: string): boolean {
  const s = text.normalize("NFKC");
  // Dutch postal code: four digits (not starting with 0), two letters ("5038 EA", "5038ea").
  if (/\b[1-9]\d{3}\s?[A-Z]{2}\b/.test(s) || /\b[1-9]\d{3}[a-z]{2}\b/.test(s)) return true;
  // UK postcode.
  if (/\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\b/.test(s)) return true;
  // US ZIP+4, or a 5-digit code after a comma ("Springfield, 62704").
  if (/\b\d{5}-\d{4}\b/.test(s)) return true;
  const streetWords =
    "straat|str|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|hof|park|markt|heuvel|pad|ring|baan|street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|place|square|close|court";
  // "Stationsstraat 12", "Korte Heuvel 3a" after a street word, "Markt 1-3".
  if (new RegExp(`\\p{L}(?:${streetWords})\\.?\\s+\\d{1,5}\\s?[A-Za-z]?\\b`, "iu").test(s)) return true;
  if (new RegExp(`\\b(?:${streetWords})\\.?\\s+\\d{1,5}\\s?[A-Za-z]?\\b`, "iu").test(s)) return true;
  // "12 High Street", "221B Baker Street".
  if (new RegExp(`\\b\\d{1,5}[A-Za-z]?\\s+(?:\\p{L}+\\s+){0,3}(?:${streetWords})\\b`, "iu").test(s)) return true;
  return false;
}

/** Why the address field is refused: only a place offer shows an address, and only when ticked. */
export function addressError(input: { direction: string; capital: string; address: string; showAddress: boolean }): string | null {
  const placeOffer = input.direction === "offer" && input.capital === "place";
  if (input.showAddress && !placeOffer) return "exchange_address_place_only";
  if (input.address !== "" && !placeOffer) return "exchange_address_place_only";
  if (input.address !== "" && !input.showAddress) return "exchange_address_unticked";
  if (input.showAddress && input.address === "") return "required";
  return null;
}
