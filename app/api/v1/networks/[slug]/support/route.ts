import { servePage } from "@/lib/api/http";
import { apiSupport } from "@/lib/api/queries";
import { pageQuery, supportPage } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** Entries listed on the support map. Needs the `support` scope (decision 047). */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  return servePage(request, slug, "support", pageQuery, supportPage, ({ scope }, query, after) => apiSupport(scope, { after, take: query.limit }));
}
