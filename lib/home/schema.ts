import { z } from "zod";
import { SLUG_MAX } from "@/lib/networks/limits";

/** Recording a visit of a network's home: the network, by slug. */
export const recordVisitSchema = z.object({ slug: z.string().min(1).max(SLUG_MAX) });
