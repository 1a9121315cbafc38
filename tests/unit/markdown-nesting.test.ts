import { describe, expect, it } from "vitest";
import { markdownField } from "@/lib/form-fields";
import { MARKDOWN_NESTING_MAX, markdownNesting } from "@/lib/markdown/nesting";
import { RENDER_NESTING_MAX, UNRENDERABLE_HTML, renderMarkdown, shownHtml } from "@/lib/markdown/render";
import { deepMarkdownPayloads } from "../fixtures/deep-markdown";

const field = markdownField(40_000);

describe("deeply nested Markdown (issue 15)", () => {
  it.each(Object.entries(deepMarkdownPayloads))("%s: refused by a Markdown field with too_deep, or fast to render", (_name, text) => {
    const parsed = field.safeParse(text);
    if (!parsed.success) {
      expect(parsed.error.issues.map((i) => i.message)).toEqual([`too_deep|${MARKDOWN_NESTING_MAX}`]);
      return;
    }
    const started = performance.now();
    const html = renderMarkdown(`${parsed.data}\n\n${Math.random()}`);
    expect(html).not.toBe(UNRENDERABLE_HTML);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each(Object.entries(deepMarkdownPayloads))("%s: the renderer never throws", (_name, text) => {
    expect(() => renderMarkdown(text)).not.toThrow();
  });

  it("3,000 nested block quotes: shown as the notice, not an error", () => {
    const html = renderMarkdown(`${">".repeat(3_000)} deep`);
    expect(html).toBe(UNRENDERABLE_HTML);
    expect(shownHtml(html, "Could <not> be shown")).toBe('<p role="note" class="unrenderable">Could &lt;not&gt; be shown</p>');
    expect(shownHtml("<p>fine</p>", "notice")).toBe("<p>fine</p>");
  });

  it("counts block quotes, lists, indentation, brackets and emphasis", () => {
    expect(markdownNesting("plain text\n\nmore")).toBe(0);
    expect(markdownNesting("> > > x")).toBe(3);
    expect(markdownNesting("- a\n  - b\n    - c")).toBe(3);
    expect(markdownNesting("1. a\n   1) b")).toBe(2); // three columns of indentation count one, the marker one
    expect(markdownNesting("[a [b [c](u)](v)](w)")).toBe(3);
    expect(markdownNesting("*a _b **c** b_ a*")).toBe(3);
    expect(markdownNesting("> - *a*")).toBe(3);
    expect(markdownNesting("snake_case and 2 * 3 * 4 and a*b*c")).toBeLessThanOrEqual(1);
    expect(markdownNesting("\\[\\[\\[ escaped")).toBe(0);
    expect(markdownNesting("```\n> > > > > code\n[[[[[[\n```\ntext")).toBe(0);
    // Blank lines end a paragraph's open brackets.
    expect(markdownNesting("[[[\n\n[[[")).toBe(3);
  });

  it("stops as soon as the text is known to be too deep, and stays linear", () => {
    expect(markdownNesting(">".repeat(100_000), 20)).toBe(21);
    const started = performance.now();
    markdownNesting("*a* _b_ [c](d) ~~e~~ snake_case\n".repeat(5_000), RENDER_NESTING_MAX);
    markdownNesting("x".repeat(1_000_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("everyday Markdown stays within the bound", () => {
    const text = [
      "# Title",
      "",
      "> A quote with *emphasis*, **strong** and [a link](https://example.org).",
      "> > A reply to it.",
      "",
      "- one",
      "  - two",
      "    - three",
      "      1. four",
      "",
      "| a | b |",
      "|---|---|",
      "| _c_ | ~~d~~ |",
    ].join("\n");
    expect(markdownNesting(text)).toBeLessThanOrEqual(6);
    expect(field.safeParse(text).success).toBe(true);
  });
});
