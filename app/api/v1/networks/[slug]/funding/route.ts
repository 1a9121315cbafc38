import { serveOne } from "@/lib/api/http";
import { apiFunding } from "@/lib/api/queries";
import { fundingSchema } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** Funding totals per initiative and currency, never per funder. Needs the `funding` scope (decision 047). */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  return serveOne(request, slug, "funding", fundingSchema, ({ scope }) => apiFunding(scope));
}
