"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * The header on a phone: below the `sm` breakpoint its links fold into this menu. Native
 * <details>, so it opens without scripts and reads as a collapsed or expanded button; Escape
 * closes it (focus back on the button), and so does moving to another page (the header stays
 * mounted across client navigations). The links themselves come from the server.
 *
 * The menu takes the header's last row, full width: open, it pushes the page down rather than
 * covering part of it. Its button sits at the top right of the header (the header keeps room for
 * it), so it stays where it was when the menu opens.
 */
export function HeaderMenu({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  return (
    <details
      ref={ref}
      className="w-full sm:hidden"
      onKeyDown={(e) => {
        if (e.key === "Escape" && ref.current?.open) {
          ref.current.open = false;
          ref.current.querySelector("summary")?.focus();
        }
      }}
    >
      <summary className="absolute end-4 top-3 flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-md border border-line bg-white px-3 font-medium">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M3 5h14M3 10h14M3 15h14" />
        </svg>
        {label}
      </summary>
      <div className="mt-3 border-t border-line pt-3">{children}</div>
    </details>
  );
}
