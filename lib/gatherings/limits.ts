// Limits and choices of gatherings, without zod: forms in the browser import these, and anything that
// imports schema.ts brings zod into the page's JavaScript (decision 023).

export const GATHERING_TITLE_MAX = 200;
export const PURPOSE_MAX = 8_000;
export const PLACE_NAME_MAX = 200;
export const ADDRESS_MAX = 500;
export const ACCESSIBILITY_MAX = 2_000;
export const ONLINE_URL_MAX = 2_000;
export const CANCEL_REASON_MAX = 1_000;
export const RSVP_NOTE_MAX = 500;
export const AGENDA_TITLE_MAX = 200;
/** Items of one agenda; a form sends `agenda.<n>.title` etc. for n below this. */
export const AGENDA_MAX = 30;
export const AGENDA_MINUTES_MAX = 24 * 60;
export const CAPACITY_MAX = 10_000;
/** Guests without an account, one name a line, on the attendance form. */
export const GUESTS_MAX = 100;
export const GUEST_NAME_MAX = 100;
/** A gathering lasts at most this long (a two-day gathering fits). */
export const DURATION_MAX_DAYS = 14;
/** How far ahead a gathering (or the end of a series) may be planned. */
export const PLAN_AHEAD_MAX_DAYS = 2 * 366;
/** Occurrences of one series at most. */
export const SERIES_MAX = 52;
/** Past gatherings per page of the list (keyset, "older"). 10, not 20: with ten coming up the list served under half the bare page's throughput (decision 054). */
export const PAST_PAGE_SIZE = 10;
/** Upcoming gatherings the list shows at most. */
export const UPCOMING_MAX = 50;

export const MODES = ["in_person", "online", "hybrid"] as const;
export const VISIBILITIES = ["members", "public"] as const;
export const RSVP_CHOICES = ["going", "maybe", "not_going"] as const;
export const REPEATS = ["none", "weekly", "biweekly", "monthly"] as const;
/** A checkbox of the attendance form is named `came.<userId>`. */
export const CAME_PREFIX = "came.";

export type RsvpChoice = (typeof RSVP_CHOICES)[number];
export type Repeat = (typeof REPEATS)[number];
