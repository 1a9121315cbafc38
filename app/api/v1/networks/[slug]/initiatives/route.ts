import { servePage } from "@/lib/api/http";
import { apiInitiatives } from "@/lib/api/queries";
import { pageQuery, initiativesPage } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** Initiatives, newest first. Needs the `initiatives` scope (decision 047). */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  return servePage(request, slug, "initiatives", pageQuery, initiativesPage, ({ scope }, query, after) => apiInitiatives(scope, { after, take: query.limit }));
}
