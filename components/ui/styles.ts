/**
 * Shared class names, so every button, input and card looks and focuses the same.
 * They are defined once in app/globals.css (from Tailwind utilities, with @apply),
 * which keeps pages with many of them small.
 */
export const buttonClass = {
  primary: "btn btn-primary",
  secondary: "btn btn-secondary",
  danger: "btn btn-danger",
  quiet: "btn-quiet",
} as const;

export const inputClass = "field-input";

export const cardClass = "card";
