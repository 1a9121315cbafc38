import { servePage } from "@/lib/api/http";
import { apiMilestones } from "@/lib/api/queries";
import { pageQuery, milestonesPage } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** Milestones of every initiative, oldest first. Needs the `initiatives` scope (decision 047). */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  return servePage(request, slug, "initiatives", pageQuery, milestonesPage, ({ scope }, query, after) => apiMilestones(scope, { after, take: query.limit }));
}
