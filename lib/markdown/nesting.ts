/**
 * How deeply a Markdown text nests, estimated in one pass without parsing it (decision 027).
 *
 * The renderer (remark/rehype) walks its trees recursively: about 1,500 block quotes inside
 * each other overflow the stack, and long before that deep nesting gets slow (nested lists,
 * emphasis and links cost time quadratic in their depth: 3,000 nested `*_` took 2.7 s). So
 * every Markdown field refuses a text that nests deeper than MARKDOWN_NESTING_MAX when it is
 * written, and the renderer refuses (shows a notice instead of) anything deeper than
 * RENDER_NESTING_MAX, which only texts written before the bound can reach.
 *
 * The estimate errs high, never low, for what the renderer nests:
 * - blocks: per line, each `>`, list marker (`-`, `+`, `*`, `1.`, `1)`) or footnote label
 *   (`[^x]:`) in front of the text counts one, and the indentation before a marker counts one
 *   per two columns (lists nested by indenting them);
 * - inline: within a paragraph, open brackets (`[`, `![`) and emphasis or strikethrough
 *   delimiters (`*`, `_`, `~`) that can open and are not yet closed, following CommonMark's
 *   flanking rules, on top of the line's block depth; and a paragraph with more than
 *   20 × `limit` emphasis delimiters counts as deeper than `limit` (they cost quadratic time
 *   to match even when they do not nest).
 * Backslash escapes are skipped and fenced code is not counted; inline code is (a rare text
 * with twenty unclosed brackets inside backticks is refused, which is the safe side).
 *
 * One pass over the text, no recursion, no regular expression that can backtrack, and it stops
 * as soon as the depth passes `limit`: it cannot be the thing that blows up.
 */

/** The deepest nesting a Markdown field accepts (block quotes, lists, emphasis and links together). */
export const MARKDOWN_NESTING_MAX = 20;

/**
 * A paragraph with more than this many emphasis delimiters per level of `limit` counts as too deep:
 * the parser matches delimiters in quadratic time (4,000 unmatched `*_` took 0.35 s, 12,000 took 4 s),
 * while 400 (the bound for fields) parse in a few milliseconds.
 */
const RUNS_PER_LEVEL = 20;

const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;

type Opener = "[" | "*" | "_" | "~";

/** The nesting depth of `source`, or `limit + 1` as soon as it is known to be deeper than `limit`. */
export function markdownNesting(source: string, limit: number = MARKDOWN_NESTING_MAX): number {
  let deepest = 0;
  let fence: { char: string; length: number } | null = null;
  // The paragraph's open brackets and emphasis openers (cleared at a blank line).
  const stack: Opener[] = [];
  let brackets = 0;
  // Emphasis delimiters in the paragraph: the parser matches them in time quadratic in their number.
  let runs = 0;
  const maxRuns = limit * RUNS_PER_LEVEL;
  let lineStart = 0;
  const n = source.length;

  while (lineStart <= n) {
    let lineEnd = source.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = n;
    let i = lineStart;
    let block = 0;

    // Container markers in front of the line's text.
    for (;;) {
      let columns = 0;
      while (i < lineEnd) {
        const c = source[i];
        if (c === " ") columns += 1;
        else if (c === "\t") columns += 4 - (columns % 4);
        else if (c !== "\r") break;
        i += 1;
      }
      if (i >= lineEnd) break;
      const c = source[i]!;
      let marker = 0;
      if (c === ">") marker = 1;
      else if ((c === "-" || c === "+" || c === "*") && isBreak(source, i + 1, lineEnd)) marker = 1;
      else if (c >= "0" && c <= "9") {
        let j = i;
        while (j < lineEnd && j - i < 9 && source[j]! >= "0" && source[j]! <= "9") j += 1;
        if ((source[j] === "." || source[j] === ")") && isBreak(source, j + 1, lineEnd)) marker = j + 1 - i;
      } else if (c === "[" && source[i + 1] === "^") {
        const close = source.indexOf("]:", i + 2);
        if (close !== -1 && close < lineEnd && close - i < 1000) marker = close + 2 - i;
      }
      if (marker === 0) break;
      if (fence) break; // inside fenced code, markers are text
      block += 1 + Math.floor(columns / 2);
      i += marker;
    }

    // Fenced code: its lines are not Markdown.
    const fenceChar = source[i];
    if (fenceChar === "`" || fenceChar === "~") {
      let j = i;
      while (j < lineEnd && source[j] === fenceChar) j += 1;
      const length = j - i;
      if (length >= 3) {
        if (!fence) fence = { char: fenceChar, length };
        else if (fence.char === fenceChar && length >= fence.length) fence = null;
        lineStart = lineEnd + 1;
        stack.length = 0;
        brackets = 0;
        runs = 0;
        continue;
      }
    }
    if (fence) {
      lineStart = lineEnd + 1;
      continue;
    }

    if (block > deepest) deepest = block;
    if (deepest > limit) return limit + 1;

    // A line with nothing after its markers ends the paragraph.
    let blank = true;
    for (let j = i; j < lineEnd; j += 1) {
      if (!WHITESPACE.test(source[j]!)) {
        blank = false;
        break;
      }
    }
    if (blank) {
      stack.length = 0;
      brackets = 0;
      runs = 0;
      lineStart = lineEnd + 1;
      continue;
    }

    // Inline: brackets and emphasis delimiters that open, on top of the block depth.
    while (i < lineEnd) {
      const c = source[i]!;
      if (c === "\\") {
        i += 2;
        continue;
      }
      if (c === "[") {
        stack.push("[");
        brackets += 1;
        i += 1;
      } else if (c === "]") {
        if (brackets > 0) {
          while (stack.length > 0 && stack.pop() !== "[") {
            // emphasis opened inside the brackets closes with them
          }
          brackets -= 1;
        }
        i += 1;
        continue;
      } else if (c === "*" || c === "_" || c === "~") {
        let j = i;
        while (j < lineEnd && source[j] === c) j += 1;
        const before = i === lineStart ? " " : source[i - 1]!;
        const after = j >= lineEnd ? " " : source[j]!;
        const beforeSpace = WHITESPACE.test(before);
        const afterSpace = WHITESPACE.test(after);
        const beforePunct = PUNCTUATION.test(before);
        const afterPunct = PUNCTUATION.test(after);
        const left = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
        const right = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
        const canOpen = c === "_" ? left && (!right || beforePunct) : left;
        const canClose = c === "_" ? right && (!left || afterPunct) : right;
        i = j;
        if (canOpen || canClose) {
          runs += 1;
          if (runs > maxRuns) return limit + 1;
        }
        if (canClose) {
          let k = stack.length - 1;
          while (k >= 0 && stack[k] !== c && stack[k] !== "[") k -= 1;
          if (k >= 0 && stack[k] === c) {
            stack.length = k;
            continue;
          }
        }
        if (!canOpen) continue;
        stack.push(c);
      } else {
        i += 1;
        continue;
      }
      if (block + stack.length > deepest) deepest = block + stack.length;
      if (deepest > limit) return limit + 1;
    }
    lineStart = lineEnd + 1;
  }
  return deepest;
}

/** A list marker is followed by a space, a tab or the end of the line. */
function isBreak(source: string, at: number, lineEnd: number): boolean {
  if (at >= lineEnd) return true;
  const c = source[at];
  return c === " " || c === "\t" || c === "\r";
}
