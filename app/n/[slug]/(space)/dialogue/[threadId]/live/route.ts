import { findThreadInNetwork } from "@/lib/dialogue/queries";
import { AppError } from "@/lib/errors";
import { subscribeToThread } from "@/lib/live/queries";
import { requireMember } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

const STATUS: Partial<Record<string, number>> = { unauthenticated: 401, forbidden: 404, not_found: 404 };

/**
 * Server-sent events for one thread: "something changed here". The events carry
 * ids only, never content; the page re-renders through its own checks. The same
 * membership and visibility checks as the page guard the stream.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string; threadId: string }> }) {
  const { slug, threadId } = await params;
  let scope;
  try {
    scope = await requireMember(slug, "thread.read");
  } catch (error) {
    if (error instanceof AppError) return new Response(null, { status: STATUS[error.code] ?? 403 });
    throw error;
  }
  const thread = await findThreadInNetwork(scope, threadId);
  if (!thread) return new Response(null, { status: 404 });

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send("retry: 3000\n\n");
      const unsubscribe = await subscribeToThread(
        thread.id,
        (event) => {
          if (event.networkId !== scope.networkId) return;
          send(`event: thread\ndata: ${JSON.stringify({ kind: event.kind, replyId: event.replyId ?? null })}\n\n`);
        },
        () => cleanup(),
      );
      // A comment now and then keeps proxies from closing an idle stream.
      const ping = setInterval(() => send(": ping\n\n"), 25_000);
      cleanup = () => {
        clearInterval(ping);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      request.signal.addEventListener("abort", () => cleanup());
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
