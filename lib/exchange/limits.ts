// Limits and choices of offers and requests, without zod: forms in the browser import these, and
// anything that imports schema.ts brings zod into the page's JavaScript (decision 023).

export const EXCHANGE_TITLE_MAX = 200;
export const EXCHANGE_BODY_MAX = 8_000;
export const TOWN_MAX = 100;
export const EXCHANGE_ADDRESS_MAX = 300;
export const THANKS_MAX = 2_000;
export const EXCHANGE_LESSON_MAX = 8_000;
export const WITHDRAW_REASON_MAX = 1_000;
/** A tag's slug (normalised) and its labels. */
export const TAG_MAX = 40;
export const TAG_LABEL_MAX = 60;
/** Tags of one network's vocabulary at most. */
export const VOCABULARY_MAX = 100;
/** Free tags of one post at most (beside the vocabulary's). */
export const FREE_TAGS_MAX = 8;
/** What the free-tags field may hold before it is split. */
export const FREE_TAGS_FIELD_MAX = 500;
/** A post expires this many days after it is written or renewed, unless its author says otherwise. */
export const EXPIRY_DEFAULT_DAYS = 60;
/** ... and at most this many days ahead. */
export const EXPIRY_MAX_DAYS = 365;
/** The one reminder goes out this many days before a post expires. */
export const EXPIRY_REMINDER_DAYS = 7;
/** Posts per page of the list (keyset). */
export const EXCHANGE_PAGE_SIZE = 20;
/** The viewer's own posts the list shows at most. */
export const MINE_MAX = 20;

export const DIRECTIONS = ["offer", "request"] as const;
export const CAPITAL_KINDS = ["knowledge", "contacts", "time", "place", "materials", "other"] as const;
/** What the form offers: the capital kinds and money, which is refused with a pointer to pledges. */
export const CAPITAL_CHOICES = [...CAPITAL_KINDS, "money"] as const;
export const EXCHANGE_VISIBILITIES = ["network", "network_and_funders"] as const;
/** A vocabulary tag's checkbox on the form is named `tag.<slug>`. */
export const TAG_PREFIX = "tag.";
