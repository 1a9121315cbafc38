import { listMentionable } from "@/lib/dialogue/queries";
import { AppError } from "@/lib/errors";
import { requireMember } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

const STATUS: Partial<Record<string, number>> = { unauthenticated: 401, forbidden: 404, not_found: 404 };

/**
 * The members one can @mention in this network (id and name), for the reply
 * composer's autocomplete. Fetched when someone starts writing, so a thread page
 * does not carry the whole member list. Same gate as posting a reply.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  try {
    const scope = await requireMember(slug, "reply.create");
    const members = await listMentionable(scope);
    return Response.json(members, { headers: { "cache-control": "private, no-store" } });
  } catch (error) {
    if (error instanceof AppError) return new Response(null, { status: STATUS[error.code] ?? 403 });
    throw error;
  }
}
