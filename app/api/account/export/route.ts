import { exportAccountData } from "@/lib/accounts/queries";
import { getViewer } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** "Download my data": the signed-in person's own data as a JSON file; nobody else's. */
export async function GET() {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const data = await exportAccountData(viewer.id);
  if (!data) return Response.json({ error: "not_found" }, { status: 404 });
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="kring-account-${day}.json"`,
      "cache-control": "no-store",
    },
  });
}
