import { getViewer } from "@/lib/auth/session";
import { EXPORT_FORMATS, portfolioCsv, portfolioJson, type ExportFormat } from "@/lib/portfolio/export";
import { exportFunderPortfolio } from "@/lib/portfolio/queries";

export const dynamic = "force-dynamic";

/**
 * The signed-in funder's portfolio as a file: `?format=csv` (the default) or `?format=json`.
 * 401 for a visitor, 404 for anyone who is not an active funder anywhere (nothing to export,
 * and nobody else's data), 400 for an unknown format.
 */
export async function GET(request: Request) {
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return Response.json({ error: "invalid_input" }, { status: 400 });
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const data = await exportFunderPortfolio(viewer.id);
  if (!data) return Response.json({ error: "not_found" }, { status: 404 });
  const now = new Date();
  const name = `kring-funder-portfolio-${now.toISOString().slice(0, 10)}.${format}`;
  const headers = {
    "content-disposition": `attachment; filename="${name}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
  if ((format as ExportFormat) === "json") {
    return new Response(JSON.stringify(portfolioJson(data, now), null, 2), {
      headers: { ...headers, "content-type": "application/json; charset=utf-8" },
    });
  }
  return new Response(portfolioCsv(data), { headers: { ...headers, "content-type": "text/csv; charset=utf-8; header=present" } });
}
