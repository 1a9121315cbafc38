import type { Visibility } from "@/lib/db/generated/enums";

/** Whether a person may see that a network exists (its home page, the directory). */
export function canSeeNetwork(visibility: Visibility, isActiveMember: boolean): boolean {
  return visibility !== "private" || isActiveMember;
}

/** Listed networks are reachable by link and shown in the directory; public ones also say so to search engines. */
export function isIndexable(visibility: Visibility): boolean {
  return visibility === "public";
}
