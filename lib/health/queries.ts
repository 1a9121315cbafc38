import "server-only";
import { availability, unavailableResponse } from "@/lib/db/availability";

/**
 * Whether the database can be used now, for the readiness check (/api/health): no query while
 * the database answered another request in the last second, otherwise one shared `SELECT 1`
 * (decision 019).
 */
export async function databaseReady(): Promise<boolean> {
  return availability().check();
}

/** The translated 503 with Retry-After that every path answers while the database cannot be used. */
export { unavailableResponse };
