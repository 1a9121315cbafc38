import type { Role } from "@/lib/db/generated/enums";
import { canSeeReflection } from "@/lib/cycles/policy";
import type { CyclePhase } from "@/lib/cycles/phase";

/**
 * Who may export, and which rows an export holds beyond "the network's rows" (decision 046).
 * The role table (network.export: brokers) is in lib/membership/policy.ts.
 */

/** How long a ready export (its file and its download link) lasts. */
export const EXPORT_TTL_MS = 24 * 60 * 60 * 1000;
/** Exports one network may start in a day: each reads every table of the network. */
export const EXPORTS_PER_DAY = 5;
/** A worker's claim on a build; a crashed worker's claim runs out and another instance takes it up. */
export const EXPORT_CLAIM_MS = 10 * 60 * 1000;
/** Tries before a build is given up as failed. */
export const EXPORT_MAX_ATTEMPTS = 3;

export type ReflectionRow = { authorId: string; cycleId: string; private: boolean; submittedAt: string | null };

/**
 * A reflection is in the export when the network's reveal rules let the broker who asked see it
 * as someone else's: shared (never "only for me", never a draft, not even the broker's own), and
 * revealed (the I phase is over, or the broker reflected in that cycle).
 */
export function reflectionInExport(
  row: ReflectionRow,
  requester: { userId: string; role: Role },
  cycles: ReadonlyMap<string, { phase: CyclePhase; requesterSubmitted: boolean }>,
): boolean {
  if (row.private || row.submittedAt === null) return false;
  const cycle = cycles.get(row.cycleId);
  if (!cycle) return false;
  return canSeeReflection(
    requester,
    { authorId: row.authorId === requester.userId ? "" : row.authorId, private: row.private, submittedAt: new Date(row.submittedAt) },
    { phase: cycle.phase, viewerSubmitted: cycle.requesterSubmitted },
  );
}

/** How long the invitation an import writes for each member with an address stays open (a broker can invite again later). */
export const IMPORT_INVITATION_DAYS = 30;
/** Rows per insert statement of an import (one JSON parameter each). */
export const IMPORT_BATCH_ROWS = 500;
