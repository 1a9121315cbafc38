// A network's exports in the dialogue network (`bench`), for the export page: 500 earlier exports,
// the newest ready with a file of 64 kB (the page lists the latest five and never reads a file).
// Plain SQL inside the caller's transaction, after seedDialogue. Used by bench/budgets.ts.
import type pg from "pg";
import { DIALOGUE } from "./dialogue";

const EXPORTS = { count: 500 } as const;

export async function seedExports(c: pg.Client): Promise<void> {
  await c.query(
    `INSERT INTO "NetworkExport" (id, "networkId", "requestedById", status, progress, file, size, sha256, counts, "createdAt", "readyAt", "expiresAt")
     SELECT 'xbench-' || g, $1, 'u000000', CASE WHEN g = 0 THEN 'ready' ELSE 'expired' END::"NetworkExportStatus", 100,
            CASE WHEN g = 0 THEN decode(repeat('00', 65536), 'hex') END, 65536, repeat('0', 64), '{"Thread": 1000}',
            now() - (g || ' hours')::interval, now() - (g || ' hours')::interval, now() - (g || ' hours')::interval + interval '1 day'
     FROM generate_series(0, $2 - 1) g`,
    [DIALOGUE.network, EXPORTS.count],
  );
}
