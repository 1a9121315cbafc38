"use client";

import { useId } from "react";
import { inputClass } from "@/components/ui/styles";

/**
 * A secret the person sees this one time (an API token, decision 047; a webhook's signing secret,
 * decision 050): announced, selectable in one focus, with the warning that it will not be shown again.
 */
export function ShownOnce({ label, secret, warning, testId }: { label: string; secret: string; warning: string; testId: string }) {
  const id = useId();
  return (
    <div role="status" className="space-y-2 rounded-md bg-accent-soft p-3">
      <label htmlFor={id} className="block font-medium text-accent-strong">
        {label}
      </label>
      <input id={id} readOnly value={secret} className={`${inputClass} font-mono`} onFocus={(e) => e.currentTarget.select()} data-testid={testId} />
      <p className="text-sm">{warning}</p>
    </div>
  );
}
