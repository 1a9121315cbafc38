import { servePage } from "@/lib/api/http";
import { apiUpdates } from "@/lib/api/queries";
import { updatesPage, updatesQuery } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** Milestone updates and lessons (`?kind=lesson`), newest first; hidden ones are not listed. Needs the `initiatives` scope (decision 047). */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  return servePage(request, slug, "initiatives", updatesQuery, updatesPage, ({ scope }, query, after) =>
    apiUpdates(scope, { after, take: query.limit, kind: query.kind }),
  );
}
