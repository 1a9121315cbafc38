import { z } from "zod";
import "zod-openapi";
import { idField as id, slugField as slug } from "@/lib/form-fields";
import { API_SCOPES, PAGE_DEFAULT, PAGE_MAX, TOKEN_EXPIRY_CHOICES, TOKEN_NAME_MAX } from "./limits";
export * from "./limits";

// ---------- the token forms (broker actions) ----------

const tokenName = z
  .string()
  .transform((s) => s.normalize("NFC").trim())
  .pipe(z.string().min(1, "required").max(TOKEN_NAME_MAX, `too_long|${TOKEN_NAME_MAX}`));

/** Checkboxes arrive as `scope.<name>` = "on"; at least one must be ticked. */
const scopeBoxes = Object.fromEntries(API_SCOPES.map((s) => [`scope.${s}`, z.literal("on").optional()])) as Record<
  `scope.${(typeof API_SCOPES)[number]}`,
  z.ZodOptional<z.ZodLiteral<"on">>
>;

export const createApiTokenSchema = z
  .object({
    slug,
    name: tokenName,
    expiresInDays: z.enum(TOKEN_EXPIRY_CHOICES.map(String) as [string, ...string[]], "invalid").transform(Number),
    ...scopeBoxes,
  })
  .transform(({ slug, name, expiresInDays, ...boxes }) => ({
    slug,
    name,
    expiresInDays,
    scopes: API_SCOPES.filter((s) => boxes[`scope.${s}`] === "on"),
  }))
  .refine((v) => v.scopes.length > 0, { message: "scopes_required", path: ["scopes"] });

export const apiTokenRefSchema = z.object({ slug, tokenId: id });

// ---------- the API's query parameters ----------

/** `limit`: 1 to PAGE_MAX; anything else is a 400 problem, never clamped in silence. */
const limitParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(PAGE_MAX)
  .default(PAGE_DEFAULT)
  .meta({ description: `Items per page, 1 to ${PAGE_MAX} (default ${PAGE_DEFAULT}).` });

const cursorParam = z
  .string()
  .max(200)
  .optional()
  .meta({ description: "The opaque cursor of the next page, as the previous page's `next` (and its `Link: rel=\"next\"`) gave it." });

export const pageQuery = z.object({ limit: limitParam, cursor: cursorParam });

export const updatesQuery = pageQuery.extend({
  kind: z.enum(["progress", "evidence", "setback", "lesson"]).optional().meta({ description: "Only updates of this kind (`lesson`: the lessons log)." }),
});

// ---------- the API's responses (the OpenAPI document is generated from these) ----------

const instant = z.iso.datetime().meta({ description: "An instant, UTC (ISO 8601)." });
const day = z.iso.date().meta({ description: "A calendar day (ISO 8601)." });
const minorUnits = z.number().int().meta({ description: "Money in integer minor units of `currency` (cents for EUR)." });
const currency = z.string().length(3).meta({ description: "ISO 4217 currency code." });
const level = z.enum(["social_innovation", "network", "context"]);
const area = z.enum(["means", "objectives", "vision_values", "observations_facts"]);

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "A URI naming the kind of problem: its explanation on the reference page (`/api/docs#problem-<code>`)." }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: "What went wrong, in the language Accept-Language asked for (English or Dutch)." }),
    code: z.string().meta({ description: "A stable machine-readable code." }),
    retryAfter: z.number().int().optional().meta({ description: "Seconds until a rate-limited client may try again (also in Retry-After)." }),
  })
  .meta({ id: "Problem", description: "An error as RFC 9457 problem details (application/problem+json)." });

export const networkSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    purpose: z.string(),
    workingQuestion: z.string(),
    principles: z.array(z.string()),
    locale: z.enum(["en", "nl"]),
    visibility: z.enum(["public", "listed", "private"]),
    scopes: z.array(z.enum(API_SCOPES)).meta({ description: "What the token that asked may read." }),
  })
  .meta({ id: "Network" });

const threadSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    level,
    area,
    body: z.string().meta({ description: "The opening post, Markdown." }),
    bodyHtml: z.string().meta({ description: "The opening post rendered to sanitised HTML." }),
    authorName: z.string().nullable(),
    replyCount: z.number().int(),
    pinned: z.boolean(),
    locked: z.boolean(),
    createdAt: instant,
    lastActivityAt: instant,
  })
  .meta({ id: "Thread" });

const replySchema = z
  .object({
    id: z.string(),
    threadId: z.string(),
    state: z.enum(["visible", "hidden", "deleted"]).meta({ description: "Hidden (by a broker) and deleted replies keep their place; their text is null." }),
    body: z.string().nullable(),
    bodyHtml: z.string().nullable(),
    authorName: z.string().nullable(),
    quotedReplyId: z.string().nullable(),
    createdAt: instant,
    editedAt: instant.nullable(),
  })
  .meta({ id: "Reply" });

const cycleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    question: z.string(),
    focusArea: area.nullable(),
    openedAt: instant,
    closedAt: instant,
    synthesis: z.string().nullable().meta({ description: "The WE synthesis as it stood when the cycle closed, Markdown (null: none was written)." }),
    synthesisHtml: z.string().nullable(),
    participation: z
      .object({
        reflections: z.number().int().meta({ description: "Reflections submitted (shared and private alike; their text is never in the API)." }),
      })
      .meta({ description: "How many took part. Reflections themselves are never part of the API." }),
  })
  .meta({ id: "Cycle" });

const initiativeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    status: z.enum(["exploring", "active", "paused", "ended"]),
    milestones: z.number().int(),
    team: z.number().int().meta({ description: "How many people are on the team." }),
  })
  .meta({ id: "Initiative" });

const milestoneSchema = z
  .object({
    id: z.string(),
    initiativeId: z.string(),
    position: z.number().int(),
    title: z.string(),
    unlocks: z.string(),
    targetDate: day.nullable(),
    status: z.enum(["planned", "active", "reached", "learned", "dropped"]),
    progress: z.number().int().min(0).max(100),
    amountNeeded: minorUnits,
    currency,
    closingNote: z.string().meta({ description: "The lesson of a learned milestone, or why it was dropped." }),
    closedAt: instant.nullable(),
    createdAt: instant,
  })
  .meta({ id: "Milestone" });

const updateSchema = z
  .object({
    id: z.string(),
    initiativeId: z.string(),
    milestoneId: z.string(),
    kind: z.enum(["progress", "evidence", "setback", "lesson"]),
    body: z.string(),
    bodyHtml: z.string(),
    progress: z.number().int().nullable(),
    area: area.nullable(),
    authorName: z.string().nullable(),
    createdAt: instant,
  })
  .meta({ id: "MilestoneUpdate" });

export const fundingSchema = z
  .object({
    initiatives: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        totals: z.array(
          z.object({
            currency,
            needed: minorUnits.meta({ description: "What the milestones not dropped need." }),
            pledged: minorUnits.meta({ description: "Pledged and still standing, or released." }),
            released: minorUnits,
          }),
        ),
      }),
    ),
  })
  .meta({ id: "Funding", description: "Totals per initiative and currency, never summed across currencies and never per funder." });

const memberSchema = z
  .object({
    name: z.string(),
    role: z.enum(["broker", "member", "funder"]),
    bio: z.string(),
    helpTags: z.array(z.string()),
    joinedAt: instant,
  })
  .meta({ id: "Member", description: "An active member as the member directory shows them: never an email address." });

const gatheringSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    purpose: z.string(),
    purposeHtml: z.string(),
    startsAt: instant,
    endsAt: instant,
    timeZone: z.string(),
    mode: z.enum(["in_person", "online", "hybrid"]),
    placeName: z.string(),
    address: z.string(),
    visibility: z.enum(["members", "public"]),
    status: z.enum(["planned", "cancelled"]),
    capacity: z.number().int().nullable(),
  })
  .meta({ id: "Gathering", description: "A planned or cancelled gathering. The online link is never in the API (it is for people who are going)." });

const exchangePostSchema = z
  .object({
    id: z.string(),
    direction: z.enum(["offer", "request"]),
    capital: z.string(),
    title: z.string(),
    body: z.string(),
    bodyHtml: z.string(),
    tags: z.array(z.string()),
    initiativeId: z.string().nullable(),
    milestoneId: z.string().nullable(),
    town: z.string(),
    status: z.enum(["open", "in_progress", "fulfilled", "withdrawn", "expired"]),
    expiresAt: instant,
    createdAt: instant,
  })
  .meta({ id: "ExchangePost" });

const supportEntrySchema = z
  .object({
    id: z.string(),
    provider: z.string(),
    name: z.string(),
    description: z.string(),
    descriptionHtml: z.string(),
    kinds: z.array(z.string()),
    stages: z.array(z.string()),
    eligibility: z.string(),
    region: z.string(),
    url: z.string(),
    email: z.string(),
    phone: z.string(),
    sourceUrl: z.string(),
    checkedAt: instant.nullable(),
  })
  .meta({ id: "SupportEntry", description: "An entry listed on the support map (suggestions waiting for a broker are not)." });

/** A page of items: `next` is the cursor of the following page, or null on the last one. */
function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      next: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
    })
    .meta({ id });
}

export const threadsPage = pageOf(threadSchema, "ThreadPage");
export const repliesPage = pageOf(replySchema, "ReplyPage");
export const cyclesPage = pageOf(cycleSchema, "CyclePage");
export const initiativesPage = pageOf(initiativeSchema, "InitiativePage");
export const milestonesPage = pageOf(milestoneSchema, "MilestonePage");
export const updatesPage = pageOf(updateSchema, "MilestoneUpdatePage");
export const membersPage = pageOf(memberSchema, "MemberPage");
export const gatheringsPage = pageOf(gatheringSchema, "GatheringPage");
export const exchangePage = pageOf(exchangePostSchema, "ExchangePostPage");
export const supportPage = pageOf(supportEntrySchema, "SupportEntryPage");
