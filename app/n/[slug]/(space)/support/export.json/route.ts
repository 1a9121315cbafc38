import { env } from "@/lib/env";
import { can } from "@/lib/membership/policy";
import { viewNetwork } from "@/lib/membership/scope";
import { supportMapJson } from "@/lib/support/export";
import { countSupportExport } from "@/lib/support/mutations";
import { listEntriesForExport } from "@/lib/support/queries";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

function refuse(error: string, status: number, headers: Record<string, string> = {}) {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * The network's support map as JSON with Open Referral HSDS field names (decision 040): the listed
 * entries only, never a suggestion or a declined one, never another network's. For the network's
 * members (brokers, members and funders, who see the map): 401 for a visitor, 404 for anyone else,
 * as for a network that does not exist. Counted against KRING_RATE_FEEDS per person (429 over it).
 */
export async function GET(_request: Request, { params }: Params) {
  const { slug } = await params;
  const view = await viewNetwork(slug);
  if (!view) return refuse("not_found", 404);
  if (!view.viewer) return refuse("unauthenticated", 401);
  const scope = view.scope;
  if (!scope || !can(scope.role, "support.view")) return refuse("not_found", 404);
  const verdict = await countSupportExport(scope.userId);
  if (!verdict.allowed) return refuse("rate_limited", 429, { "retry-after": String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))) });
  const data = await listEntriesForExport(scope);
  const now = new Date();
  const body = supportMapJson(data, { map: `${env().publicUrl}/n/${scope.slug}/support` }, now);
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="kring-support-map-${scope.slug}-${now.toISOString().slice(0, 10)}.json"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
