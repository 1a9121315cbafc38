"use client";

import type { ReactNode } from "react";

/**
 * The principles reminder's <details> (its summary and list come from the server). Folding it is
 * remembered in `cookie` (a year, this browser), so the next page renders it folded; opening it
 * again changes nothing: it stays one click away.
 */
export function PrinciplesDisclosure({ open, cookie, children }: { open: boolean; cookie: string; children: ReactNode }) {
  return (
    <details
      open={open}
      onToggle={(event) => {
        if (!event.currentTarget.open) document.cookie = `${cookie}=1; path=/; max-age=31536000; samesite=lax`;
      }}
      className="rounded-md border border-line bg-sand/40 px-4 py-2 text-sm"
    >
      {children}
    </details>
  );
}
