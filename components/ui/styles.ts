/** Shared class names, so every button and input looks and focuses the same. */
export const buttonClass = {
  primary:
    "inline-flex items-center justify-center gap-2 rounded-md bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong disabled:opacity-60 min-h-11",
  secondary:
    "inline-flex items-center justify-center gap-2 rounded-md border border-line bg-white px-4 py-2 font-medium text-ink hover:bg-sand disabled:opacity-60 min-h-11",
  danger:
    "inline-flex items-center justify-center gap-2 rounded-md border border-danger bg-white px-4 py-2 font-medium text-danger hover:bg-danger-soft disabled:opacity-60 min-h-11",
  quiet:
    "inline-flex items-center justify-center gap-1 rounded-md px-2 py-1 font-medium text-accent-strong underline-offset-4 hover:underline min-h-11",
} as const;

export const inputClass =
  "block w-full rounded-md border border-line bg-white px-3 py-2 text-ink placeholder:text-muted aria-[invalid=true]:border-danger";

export const cardClass = "rounded-lg border border-line bg-white p-5 shadow-sm";
