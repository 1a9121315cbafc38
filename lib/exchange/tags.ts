import { normaliseTag } from "@/lib/membership/help-tags";
import { TAG_MAX } from "./limits";

/**
 * A tag as posts, the vocabulary and profiles ("I can help with") store it: the one normaliser of
 * lib/membership/help-tags.ts (lower case, accents dropped, ASCII letters and digits with single
 * hyphens: "Ontmoetingsruimte café" → "ontmoetingsruimte-cafe"), cut to TAG_MAX characters.
 * "" when nothing is left.
 */
export function normalizeTag(raw: string): string {
  return normaliseTag(raw).slice(0, TAG_MAX).replace(/-+$/, "");
}
