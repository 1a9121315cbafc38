"use client";

import { useId, type ReactNode } from "react";
import type { FormState } from "@/lib/action-types";
import { fieldMessages } from "./messages";
import { inputClass } from "./styles";

type Common = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  state: FormState<unknown>;
  /** The value before anything was typed; a refused form shows what was typed instead. */
  initial?: string;
  required?: boolean;
};

function useField({ name, state, initial }: Common) {
  const id = useId();
  const typed = state && !state.ok ? state.values?.[name] : undefined;
  return {
    id,
    errorId: `${id}-error`,
    hintId: `${id}-hint`,
    messages: fieldMessages(state, name),
    value: typed ?? initial ?? "",
  };
}

function Frame({
  id,
  label,
  hint,
  hintId,
  errorId,
  messages,
  required,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  hintId: string;
  errorId: string;
  messages: string[];
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {children}
      {messages.length > 0 ? (
        <p id={errorId} className="text-sm font-medium text-danger">
          {messages.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(hint: ReactNode, hintId: string, messages: string[], errorId: string) {
  return [hint ? hintId : null, messages.length ? errorId : null].filter(Boolean).join(" ") || undefined;
}

export function TextField(
  props: Common & { type?: "text" | "email" | "number" | "url" | "date" | "datetime-local"; maxLength?: number; autoComplete?: string; min?: number; max?: number; inputMode?: "text" | "email" | "numeric" },
) {
  const f = useField(props);
  return (
    <Frame {...f} label={props.label} hint={props.hint} required={props.required}>
      <input
        id={f.id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={f.value}
        maxLength={props.maxLength}
        min={props.min}
        max={props.max}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-invalid={f.messages.length > 0}
        aria-describedby={describedBy(props.hint, f.hintId, f.messages, f.errorId)}
        className={inputClass}
      />
    </Frame>
  );
}

export function TextAreaField(props: Common & { rows?: number; maxLength?: number }) {
  const f = useField(props);
  return (
    <Frame {...f} label={props.label} hint={props.hint} required={props.required}>
      <textarea
        id={f.id}
        name={props.name}
        rows={props.rows ?? 4}
        defaultValue={f.value}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={f.messages.length > 0}
        aria-describedby={describedBy(props.hint, f.hintId, f.messages, f.errorId)}
        className={inputClass}
      />
    </Frame>
  );
}

export function SelectField(props: Common & { options: { value: string; label: string }[] }) {
  const f = useField(props);
  return (
    <Frame {...f} label={props.label} hint={props.hint} required={props.required}>
      <select
        // React applies a select's defaultValue only when it mounts; a refused form must show the
        // choice that was sent (and React's form reset restores the mounted default), so remount.
        key={f.value}
        id={f.id}
        name={props.name}
        defaultValue={f.value}
        required={props.required}
        aria-invalid={f.messages.length > 0}
        aria-describedby={describedBy(props.hint, f.hintId, f.messages, f.errorId)}
        className={inputClass}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A checkbox that must be ticked (the principles), with its own error message. */
export function CheckboxField({
  name,
  label,
  state,
  initial = false,
}: {
  name: string;
  label: ReactNode;
  state: FormState<unknown>;
  /** Checked at first (a refused form shows what was sent instead). */
  initial?: boolean;
}) {
  const id = useId();
  const messages = fieldMessages(state, name);
  const typed = state && !state.ok ? state.values?.[name] === "on" : initial;
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-3">
        <input
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={typed}
          aria-invalid={messages.length > 0}
          aria-describedby={messages.length ? `${id}-error` : undefined}
          className="mt-1 size-5 accent-accent"
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {messages.length > 0 ? (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          {messages.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
