import { servePage } from "@/lib/api/http";
import { apiGatherings } from "@/lib/api/queries";
import { pageQuery, gatheringsPage } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** Planned and cancelled gatherings, latest start first; never an online link. Needs the `gatherings` scope (decision 047). */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  return servePage(request, slug, "gatherings", pageQuery, gatheringsPage, ({ scope }, query, after) => apiGatherings(scope, { after, take: query.limit }));
}
