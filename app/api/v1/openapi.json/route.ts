import { openApiDocument } from "@/lib/api/openapi";

/** The read API's OpenAPI 3.1 document (decision 047): public, the same for everyone. */
export function GET() {
  return new Response(JSON.stringify(openApiDocument()), {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
