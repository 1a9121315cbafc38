export const dynamic = "force-dynamic";

/** Liveness for load balancers, and the benchmark's bare baseline: no session, no database. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
