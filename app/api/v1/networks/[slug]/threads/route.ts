import { servePage } from "@/lib/api/http";
import { apiThreads } from "@/lib/api/queries";
import { pageQuery, threadsPage } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** The network's threads, by last activity, newest first; hidden threads are not listed. Needs the `threads` scope (decision 047). */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  return servePage(request, slug, "threads", pageQuery, threadsPage, ({ scope }, query, after) => apiThreads(scope, { after, take: query.limit }));
}
