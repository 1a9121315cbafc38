"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffectEvent, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { fieldMessages, FormMessage } from "@/components/ui/messages";
import { inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { createReplyAction } from "@/lib/dialogue/actions";
import { BODY_MAX } from "@/lib/dialogue/limits";

type Member = { id: string; name: string };

const MAX_SUGGESTIONS = 8;

/** The `@word` being typed just before the caret, or null. */
function mentionQuery(text: string, caret: number): { query: string; start: number } | null {
  const match = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { query: match[2] ?? "", start: caret - (match[2]?.length ?? 0) - 1 };
}

/** The reply box as the browser holds it: its text, the selection, and whether it has focus. */
type Box = { value: string; start: number; end: number; focused: boolean };

/**
 * The box the server rendered, as the person has left it before React took the page over, or
 * null (on the server, and for a box React creates itself). Hydrating an uncontrolled textarea
 * sets its value back to its default (React's initTextarea assigns `value`), which would drop
 * whatever was typed meanwhile, and can move the caret back to the start. Read once, in the first
 * render: React hydrates the rest of the page synchronously at the next key press, before the
 * browser inserts that key, so nothing typed falls between this read and React's reset.
 */
function serverBox(id: string): Box | null {
  if (typeof document === "undefined") return null;
  const el = document.getElementById(id);
  if (!(el instanceof HTMLTextAreaElement)) return null;
  return { value: el.value, start: el.selectionStart, end: el.selectionEnd, focused: document.activeElement === el };
}

const lf = (text: string) => text.replace(/\r\n?/g, "\n");

/**
 * What the box should hold once React owns it: what was typed before (never lost), with the
 * caret after a quote that was not touched. A box focused before the scripts ran has its caret at
 * the start, so text typed then landed before the quote: it moves after it, where the person meant it.
 */
function resumeBox(box: Box | null, initial: string): Omit<Box, "focused"> | null {
  if (!box) return null;
  const quote = lf(initial);
  const { value, start, end } = box;
  if (!quote || !box.focused) return value === quote ? null : { value, start, end };
  if (value === quote) return start === 0 && end === 0 ? { value, start: value.length, end: value.length } : { value, start, end };
  const typed = value.slice(0, value.length - quote.length);
  if (value.endsWith(quote) && start === typed.length && end === start) {
    const moved = quote + typed;
    return { value: moved, start: moved.length, end: moved.length };
  }
  return { value, start, end };
}

/**
 * The reply form: Markdown, an idempotency key per post, a quoted reply and
 * @mentions chosen from the member list (a textbox with a listbox of suggestions:
 * arrows move, Enter or Tab picks, Escape closes). The member list is fetched from
 * `membersUrl` the first time the box gets focus. After "Quote" the caret lands after the quoted
 * text, and text typed before the page's scripts ran is kept (`resumeBox`).
 */
export function ReplyComposer({
  slug,
  threadId,
  idempotencyKey,
  membersUrl,
  initialBody = "",
  quotedReplyId = "",
}: {
  slug: string;
  threadId: string;
  idempotencyKey: string;
  membersUrl: string;
  initialBody?: string;
  quotedReplyId?: string;
}) {
  const t = useTranslations("dialogue");
  const [state, action] = useActionState(createReplyAction, null);
  const id = useId();
  const listId = `${id}-mentions`;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [picked, setPicked] = useState<Member[]>([]);
  const [query, setQuery] = useState<{ query: string; start: number } | null>(null);
  const [active, setActive] = useState(0);
  const [members, setMembers] = useState<Member[]>([]);
  const loading = useRef(false);
  // Read while hydrating, before React resets the box: see serverBox.
  const [resumed] = useState(() => resumeBox(serverBox(`${id}-body`), initialBody));

  function loadMembers() {
    if (loading.current) return;
    loading.current = true;
    fetch(membersUrl)
      .then((res) => (res.ok ? (res.json() as Promise<Member[]>) : Promise.reject(new Error(String(res.status)))))
      .then(setMembers)
      .catch(() => {
        // Without the list the box still works; try again on the next focus.
        loading.current = false;
      });
  }
  // After a post, start over: no mentions picked and no quote.
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state?.ok) setPicked([]);
  }

  const failed = state && !state.ok ? state : null;
  const key = state?.ok ? state.data.nextKey : (failed?.values?.idempotencyKey ?? idempotencyKey);
  const body = failed ? (failed.values?.body ?? "") : state?.ok ? "" : (resumed?.value ?? initialBody);
  const quote = failed ? (failed.values?.quotedReplyId ?? "") : state?.ok ? "" : quotedReplyId;
  const errors = fieldMessages(state, "body");
  const mentionIds = failed ? (failed.values?.mentions ?? "") : picked.map((m) => m.id).join(",");

  const suggestions =
    query === null
      ? []
      : members.filter((m) => m.name.toLocaleLowerCase().includes(query.query.toLocaleLowerCase())).slice(0, MAX_SUGGESTIONS);
  const open = suggestions.length > 0;

  function update() {
    const el = textarea.current;
    if (!el) return;
    setQuery(mentionQuery(el.value, el.selectionStart));
    setActive(0);
  }

  /** An untouched quote, focused with the caret at its start (by Tab, or a script): the caret goes to its end. */
  function caretAfterQuote() {
    const el = textarea.current;
    if (!el || !initialBody || state) return;
    if (el.selectionStart === 0 && el.selectionEnd === 0 && el.value === lf(initialBody)) {
      el.setSelectionRange(el.value.length, el.value.length);
    }
  }

  // Once React owns the box: the caret goes back where the person had it (or after the quote), and
  // a box focused before the scripts ran gets what focusing it would have done. After "Quote",
  // with nothing else focused, the box takes the focus, ready for the answer.
  const onHydrated = useEffectEvent(() => {
    const el = textarea.current;
    if (!el) return;
    if (resumed) el.setSelectionRange(resumed.start, resumed.end);
    if (document.activeElement === el) {
      loadMembers();
      update();
    } else if (quotedReplyId && (document.activeElement === null || document.activeElement === document.body)) {
      el.focus();
      caretAfterQuote();
    }
  });
  useLayoutEffect(() => onHydrated(), []);

  function pick(member: Member) {
    const el = textarea.current;
    if (!el || !query) return;
    const caret = el.selectionStart;
    const insert = `@${member.name} `;
    el.value = el.value.slice(0, query.start) + insert + el.value.slice(caret);
    const at = query.start + insert.length;
    el.setSelectionRange(at, at);
    el.focus();
    setPicked((list) => (list.some((m) => m.id === member.id) ? list : [...list, member]));
    setQuery(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((i) => (i + 1) % suggestions.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => (i - 1 + suggestions.length) % suggestions.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      const member = suggestions[active];
      if (member) {
        event.preventDefault();
        pick(member);
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      setQuery(null);
    }
  }

  return (
    <form action={action} className="space-y-3" noValidate id="composer">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="threadId" value={threadId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <input type="hidden" name="quotedReplyId" value={quote} />
      <input type="hidden" name="mentions" value={mentionIds} />
      <div className="space-y-1">
        <label htmlFor={`${id}-body`} className="block font-medium">
          {t("yourReply")}
          <span aria-hidden="true"> *</span>
        </label>
        <p id={`${id}-hint`} className="text-sm text-muted">
          {t("replyHint")}
        </p>
        <div className="relative">
          <textarea
            // A sent reply remounts the box empty; a refused one keeps what was typed.
            key={state?.ok ? state.data.nextKey : "draft"}
            ref={textarea}
            id={`${id}-body`}
            name="body"
            rows={6}
            defaultValue={body}
            maxLength={BODY_MAX}
            required
            aria-invalid={errors.length > 0}
            aria-describedby={[`${id}-hint`, errors.length ? `${id}-error` : null].filter(Boolean).join(" ")}
            aria-autocomplete="list"
            aria-controls={open ? listId : undefined}
            aria-activedescendant={open ? `${listId}-${active}` : undefined}
            onInput={update}
            onClick={update}
            onKeyDown={onKeyDown}
            onKeyUp={(e) => {
              if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End") update();
            }}
            onFocus={() => {
              caretAfterQuote();
              loadMembers();
            }}
            onBlur={() => setQuery(null)}
            className={inputClass}
          />
          {open ? (
            <ul
              id={listId}
              role="listbox"
              aria-label={t("mentionSuggestions")}
              className="absolute z-10 mt-1 max-h-64 w-full max-w-sm overflow-auto rounded-md border border-line bg-white py-1 shadow-lg"
            >
              {suggestions.map((m, i) => (
                <li
                  key={m.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(m);
                  }}
                  className="cursor-pointer px-3 py-2 aria-selected:bg-accent-soft aria-selected:text-accent-strong"
                >
                  {m.name}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <p className="sr-only" aria-live="polite">
          {query !== null ? t("mentionCount", { count: suggestions.length }) : ""}
        </p>
        {errors.length > 0 ? (
          <p id={`${id}-error`} className="text-sm font-medium text-danger">
            {errors.join(" ")}
          </p>
        ) : null}
      </div>
      {picked.length > 0 && !failed ? (
        <p className="text-sm text-muted">{t("mentioning", { names: picked.map((m) => m.name).join(", ") })}</p>
      ) : null}
      {quote ? <p className="text-sm text-muted">{t("quoting")}</p> : null}
      <FormMessage state={state} success={t("replyPosted")} />
      <SubmitButton pendingLabel={t("posting")}>{t("postReply")}</SubmitButton>
    </form>
  );
}
