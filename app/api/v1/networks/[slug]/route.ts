import { serveOne } from "@/lib/api/http";
import { networkSchema } from "@/lib/api/schema";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** The network the token is for, and what the token may read (decision 047). Any working token of the network. */
export async function GET(request: Request, { params }: Params) {
  const { slug } = await params;
  return serveOne(request, slug, null, networkSchema, async ({ network, scopes }) => ({
    slug: network.slug,
    name: network.name,
    purpose: network.purpose,
    workingQuestion: network.workingQuestion,
    principles: network.principles,
    locale: network.locale,
    visibility: network.visibility,
    scopes,
  }));
}
