import { databaseReady, unavailableResponse } from "@/lib/health/queries";

export const dynamic = "force-dynamic";

/**
 * Readiness for load balancers, and the benchmarks' bare route handler: no session, and
 * no query while the database answered another request in the last second (otherwise one
 * shared `SELECT 1`). 503 with Retry-After while the database cannot be used (decision 019).
 */
export async function GET(request: Request) {
  if (!(await databaseReady())) return unavailableResponse(request);
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
