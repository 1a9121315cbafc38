"use client";

import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/action-types";

const EVENT = "kring:announce";

/** Says `message` through the page's live region (the Announcer in the root layout). */
function announce(message: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: message }));
}

/**
 * The page's one polite live region for outcomes whose form is gone by the time they
 * arrive (a released pledge, a milestone marked reached, a consent round opened: the
 * page re-renders without the form). Lives in the root layout, so it outlasts them.
 */
export function Announcer() {
  const [message, setMessage] = useState("");
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAnnounce = (event: Event) => {
      // Cleared first, so the same sentence twice is announced twice.
      setMessage("");
      clearTimeout(timer);
      timer = setTimeout(() => setMessage((event as CustomEvent<string>).detail), 100);
    };
    window.addEventListener(EVENT, onAnnounce);
    return () => {
      window.removeEventListener(EVENT, onAnnounce);
      clearTimeout(timer);
    };
  }, []);
  return (
    <p role="status" aria-live="polite" className="sr-only" data-testid="announcer">
      {message}
    </p>
  );
}

/**
 * `useActionState` for a form that disappears once it succeeds: its success is also
 * announced through the page's live region, so a screen reader hears what happened.
 */
export function useAnnouncedAction<T>(
  serverAction: (prev: unknown, form: FormData) => Promise<ActionResult<T>>,
  success: string,
) {
  return useActionState(async (prev: ActionResult<T> | null, form: FormData) => {
    const result = await serverAction(prev, form);
    if (result.ok) announce(success);
    return result;
  }, null);
}
