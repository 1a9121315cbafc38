import { servePage } from "@/lib/api/http";
import { apiMembers } from "@/lib/api/queries";
import { pageQuery, membersPage } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** Active members as the member directory shows them, never their addresses. Needs the `members` scope (decision 047). */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  return servePage(request, slug, "members", pageQuery, membersPage, ({ scope }, query, after) => apiMembers(scope, { after, take: query.limit }));
}
