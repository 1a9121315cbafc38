import { servePage } from "@/lib/api/http";
import { apiExchange } from "@/lib/api/queries";
import { pageQuery, exchangePage } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** Offers and requests a member may read, newest first. Needs the `exchange` scope (decision 047). */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  return servePage(request, slug, "exchange", pageQuery, exchangePage, ({ scope }, query, after) => apiExchange(scope, { after, take: query.limit }));
}
