"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { refreshAfterChanges } from "./live-refresh";

const POLL_MS = 10_000;

/**
 * Keeps an open thread page current: the server announces changes over
 * server-sent events (LISTEN/NOTIFY behind it, so across instances) and the page
 * re-renders through its own checks. While the stream is down, the page polls
 * instead, until the browser's automatic reconnect succeeds.
 */
export function LiveThread({ url }: { url: string }) {
  const router = useRouter();
  const t = useTranslations("dialogue");
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    let poll: ReturnType<typeof setInterval> | undefined;
    const changes = refreshAfterChanges(() => router.refresh());
    const source = new EventSource(url);
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = undefined;
    };
    source.addEventListener("thread", (event) => {
      changes.changed();
      const data = JSON.parse((event as MessageEvent<string>).data) as { kind?: string };
      if (data.kind === "reply.created") setAnnouncement(t("liveNewReply"));
    });
    source.addEventListener("open", () => {
      if (poll) {
        stopPolling();
        router.refresh();
      }
    });
    source.addEventListener("error", () => {
      poll ??= setInterval(() => router.refresh(), POLL_MS);
    });
    return () => {
      source.close();
      stopPolling();
      changes.dispose();
    };
  }, [url, router, t]);

  return (
    <p aria-live="polite" className="sr-only" data-testid="live-status">
      {announcement}
    </p>
  );
}
