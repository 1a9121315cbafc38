import { z } from "zod";
import { AREAS, LEVELS } from "@/lib/dialogue/limits";
import { idField as id, markdownField as markdown, optionalMarkdownField as optionalMarkdown, slugField as slug } from "@/lib/form-fields";
import {
  HARVEST_LINKS_MAX,
  HARVEST_TEXT_MAX,
  INSIGHT_MAX,
  INSIGHT_PREFIX,
  INSIGHTS_MAX,
  MILESTONE_PREFIX,
  THREAD_PREFIX,
} from "./limits";

// The harvest editor's forms. Limits and field names stay in ./limits.ts, without zod, where the
// browser's editor imports them.

/** Ids of the checked boxes named `<prefix><id>` of a loose form object, at most `max`, each id-sized. */
function checked(form: Record<string, unknown>, prefix: string, max: number): string[] {
  const ids = Object.keys(form)
    .filter((k) => k.startsWith(prefix) && k.length > prefix.length && form[k] === "on")
    .map((k) => k.slice(prefix.length))
    .filter((k) => k.length <= 64);
  return [...new Set(ids)].slice(0, max);
}

const levelSet = new Set<string>(LEVELS);
const areaSet = new Set<string>(AREAS);

type InsightInput = { body: string; level: (typeof LEVELS)[number]; area: (typeof AREAS)[number] };

/**
 * A harvest as its editor posts it: the three Markdown parts (what happened is required), the
 * insights (rows `insight.<n>.body|level|area`; an empty row is skipped, a filled one needs its
 * level and area), the linked threads and milestones (checkboxes) and the cycle (a select, "" for
 * none). `version` is the harvest's `updatedAt` in ms as the form loaded it ("" for a new one): a
 * save from an outdated form is a conflict, never a silent overwrite.
 */
export const saveHarvestSchema = z
  .looseObject({
    slug,
    gatheringId: id,
    version: z.string().max(20).regex(/^\d*$/, "invalid").default(""),
    summary: markdown(HARVEST_TEXT_MAX),
    agreements: optionalMarkdown(HARVEST_TEXT_MAX),
    nextSteps: optionalMarkdown(HARVEST_TEXT_MAX),
    cycleId: z.string().max(64).default(""),
  })
  .transform((form, ctx) => {
    const insights: InsightInput[] = [];
    for (let n = 0; n < INSIGHTS_MAX; n++) {
      const raw = form[`${INSIGHT_PREFIX}${n}.body`];
      const body = typeof raw === "string" ? raw.normalize("NFC").trim() : "";
      if (!body) continue;
      const level = form[`${INSIGHT_PREFIX}${n}.level`];
      const area = form[`${INSIGHT_PREFIX}${n}.area`];
      if (body.length > INSIGHT_MAX) ctx.addIssue({ code: "custom", path: [`${INSIGHT_PREFIX}${n}.body`], message: `too_long|${INSIGHT_MAX}` });
      if (typeof level !== "string" || !levelSet.has(level)) ctx.addIssue({ code: "custom", path: [`${INSIGHT_PREFIX}${n}.level`], message: "invalid_choice" });
      if (typeof area !== "string" || !areaSet.has(area)) ctx.addIssue({ code: "custom", path: [`${INSIGHT_PREFIX}${n}.area`], message: "invalid_choice" });
      insights.push({ body, level: level as InsightInput["level"], area: area as InsightInput["area"] });
    }
    return {
      slug: form.slug,
      gatheringId: form.gatheringId,
      version: form.version,
      summary: form.summary,
      agreements: form.agreements,
      nextSteps: form.nextSteps,
      cycleId: form.cycleId.trim() || null,
      insights,
      threadIds: checked(form, THREAD_PREFIX, HARVEST_LINKS_MAX),
      milestoneIds: checked(form, MILESTONE_PREFIX, HARVEST_LINKS_MAX),
    };
  });

export type SaveHarvestInput = Omit<z.output<typeof saveHarvestSchema>, "slug">;

export const publishHarvestSchema = z.object({ slug, gatheringId: id });
