"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "./styles";

/** A submit button that is disabled while its form is sending, so a double click sends once. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  name,
  value,
}: {
  children: ReactNode;
  pendingLabel?: ReactNode;
  variant?: keyof typeof buttonClass;
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={buttonClass[variant]} disabled={pending} aria-disabled={pending} name={name} value={value}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
