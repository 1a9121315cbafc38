import { servePage } from "@/lib/api/http";
import { apiCycles } from "@/lib/api/queries";
import { pageQuery, cyclesPage } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** Closed reflection cycles: question, synthesis, participation counts; never reflections. Needs the `cycles` scope (decision 047). */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  return servePage(request, slug, "cycles", pageQuery, cyclesPage, ({ scope }, query, after) => apiCycles(scope, { after, take: query.limit }));
}
