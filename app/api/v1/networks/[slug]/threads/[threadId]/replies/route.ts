import { servePage } from "@/lib/api/http";
import { apiReplies } from "@/lib/api/queries";
import { pageQuery, repliesPage } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; threadId: string }> };

/** A thread's replies, oldest first; hidden and deleted ones keep their place without their text. Needs the `threads` scope (decision 047). */
export async function GET(request: Request, { params }: Params) {
  const { slug, threadId } = await params;
  return servePage(request, slug, "threads", pageQuery, repliesPage, ({ scope }, query, after) =>
    apiReplies(scope, threadId.slice(0, 64), { after, take: query.limit }),
  );
}
