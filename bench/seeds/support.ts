// The support map in the dialogue network (`bench`), for the map page: 2,000 listed entries (the list
// pages 25 by keyset, the overview counts every one), a tenth of them unchecked for over a year, and
// 100 members' suggestions waiting for the broker. Plain SQL inside the caller's transaction, after
// seedDialogue. Used by bench/budgets.ts.
import type pg from "pg";
import { DIALOGUE } from "./dialogue";

export const SUPPORT = { listed: 2_000, suggested: 100, firstProvider: "Bench provider 0000" } as const;

export async function seedSupport(c: pg.Client): Promise<void> {
  const n = DIALOGUE.network;
  await c.query(
    `INSERT INTO "SupportEntry" (id, "networkId", provider, name, description, "descriptionHtml", kinds, stages, eligibility, region, url,
                                 "checkedAt", status, "suggestedById", "createdAt", "updatedAt")
     SELECT 'sbench-' || g, $1, 'Bench provider ' || lpad(g::text, 4, '0'), 'Fund ' || g, 'For **pilots** ' || g, '<p>For <strong>pilots</strong> ' || g || '</p>',
            ARRAY[(enum_range(NULL::"SupportKind"))[1 + g % 9]]::"SupportKind"[],
            CASE WHEN g % 5 = 0 THEN ARRAY[]::"GrowthStage"[] ELSE ARRAY[(enum_range(NULL::"GrowthStage"))[1 + g % 4]]::"GrowthStage"[] END,
            'Foundations', CASE WHEN g % 2 = 0 THEN 'Noord-Brabant' ELSE 'European Union' END, 'https://fund' || g || '.example.org',
            now() - ((CASE WHEN g % 10 = 0 THEN 400 ELSE g % 300 END) || ' days')::interval, 'listed', 'u000000', now(), now()
     FROM generate_series(0, $2 - 1) g`,
    [n, SUPPORT.listed],
  );
  await c.query(
    `INSERT INTO "SupportEntry" (id, "networkId", provider, name, kinds, stages, status, "suggestedById", "createdAt", "updatedAt")
     SELECT 'sbench-s' || g, $1, 'Suggested provider ' || g, 'Suggestion ' || g, ARRAY['space']::"SupportKind"[], ARRAY[]::"GrowthStage"[], 'suggested',
            'u' || lpad(to_hex(1 + g % ($3 - 1)), 6, '0'), now() - (g || ' minutes')::interval, now()
     FROM generate_series(0, $2 - 1) g`,
    [n, SUPPORT.suggested, DIALOGUE.members],
  );
}
