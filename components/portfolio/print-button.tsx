"use client";

import { buttonClass } from "@/components/ui/styles";

/** Opens the browser's print dialog (the report page's print styles take over). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className={`${buttonClass.primary} print:hidden`} onClick={() => window.print()}>
      {label}
    </button>
  );
}
