import { z } from "zod";
import { SLUG_MAX } from "@/lib/networks/limits";

/** Making, renewing or turning off one's private feed of a network: the network, by slug. */
export const networkFeedSchema = z.object({ slug: z.string().min(1).max(SLUG_MAX) });

/** Making, renewing or turning off one's "my gatherings" feed: nothing but the session. */
export const personalFeedSchema = z.object({});
