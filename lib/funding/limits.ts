// Limits and choices of funding, without zod: forms in the browser import these, and anything that
// imports schema.ts brings zod into the page's JavaScript (decision 023).
import { AREAS } from "@/lib/dialogue/limits";

export const INITIATIVE_NAME_MAX = 200;
export const INITIATIVE_TEXT_MAX = 5_000;
export const MILESTONE_TITLE_MAX = 200;
export const MILESTONE_TEXT_MAX = 2_000;
export const UPDATE_BODY_MAX = 10_000;
export const NOTE_MAX = 2_000;
export const LESSONS_PAGE_SIZE = 25;
export const TEAM_MAX = 50;
export const INITIATIVE_STATUSES = ["exploring", "active", "paused", "ended"] as const;
export const MILESTONE_STATUSES = ["planned", "active", "reached", "learned", "dropped"] as const;
export const UPDATE_KINDS = ["progress", "evidence", "setback", "lesson"] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export type UpdateKind = (typeof UPDATE_KINDS)[number];
export type Area = (typeof AREAS)[number];

export { AREAS };
