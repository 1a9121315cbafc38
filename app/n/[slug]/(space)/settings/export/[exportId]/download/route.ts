import { can } from "@/lib/membership/policy";
import { viewNetwork } from "@/lib/membership/scope";
import { verifyExportLink } from "@/lib/portability/link";
import { countExportDownload, recordExportDownload } from "@/lib/portability/mutations";
import { findExportFile } from "@/lib/portability/queries";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; exportId: string }> };

function refuse(error: string, status: number, headers: Record<string, string> = {}) {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * The ZIP of a network's export (decision 046), for the broker who asked for it alone: the link's
 * signature names the export, that person and the link's expiry, and is checked against the
 * signed-in person, so a link passed on, changed or more than a day old opens nothing (404 for a
 * signature that is not theirs, 410 once the day is over). Every download is in the audit log.
 * 401 for a visitor; 404 for anyone who is not a broker of the network, as for one that does not exist.
 */
export async function GET(request: Request, { params }: Params) {
  const { slug, exportId } = await params;
  const view = await viewNetwork(slug);
  if (!view) return refuse("not_found", 404);
  if (!view.viewer) return refuse("unauthenticated", 401);
  const scope = view.scope;
  if (!scope || !can(scope.role, "network.export")) return refuse("not_found", 404);
  const verdict = verifyExportLink(exportId, scope.userId, new URL(request.url).searchParams);
  if (verdict === "invalid") return refuse("not_found", 404);
  if (verdict === "expired") return refuse("expired", 410);
  const limit = await countExportDownload(scope.userId);
  if (!limit.allowed) return refuse("rate_limited", 429, { "retry-after": String(Math.max(1, Math.ceil(limit.retryAfterMs / 1000))) });
  const found = await findExportFile(scope, exportId);
  if (!found || found.requestedById !== scope.userId) return refuse("not_found", 404);
  if (found.status !== "ready" || !found.file || !found.expiresAt || found.expiresAt.getTime() <= Date.now()) return refuse("expired", 410);
  await recordExportDownload(scope, found.id, found.sha256);
  return new Response(new Uint8Array(found.file), {
    headers: {
      "content-type": "application/zip",
      "content-length": String(found.file.length),
      "content-disposition": `attachment; filename="kring-${scope.slug}-export-${found.createdAt.toISOString().slice(0, 10)}.zip"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
