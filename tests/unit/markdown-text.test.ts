import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMarkdown, UNRENDERABLE_HTML } from "@/lib/markdown/render";
import { excerptOf, htmlText, plainExcerpt, plainText } from "@/lib/markdown/text";
import { xssPayloads } from "../fixtures/xss-corpus";

/** Plain text and excerpts from Markdown (decision 033): the words a reader sees, never Markdown syntax or HTML. */
describe("plain text of Markdown", () => {
  it("drops the Markdown syntax and keeps the words", () => {
    expect(plainText("# A heading\n\nSome **bold** and _em_ text with [a link](https://example.org \"t>x\").")).toBe(
      "A heading Some bold and em text with a link.",
    );
    expect(plainText("- one\n- two\n\n> quoted\n\n1. first")).toBe("one two quoted first");
    expect(plainText("| a | b |\n|---|---|\n| 1 | 2 |")).toBe("a b 1 2");
    expect(plainText("Word**s** stay whole")).toBe("Words stay whole");
  });

  it("gives back the characters the page shows, not their references", () => {
    expect(plainText(`a < b & c "d" 'e' > f © é`)).toBe(`a < b & c "d" 'e' > f © é`);
    expect(plainText("`<b>` in code")).toBe("<b> in code");
  });

  it("leaves out the footnotes' hidden heading and back arrows", () => {
    expect(plainText("Note[^1]\n\n[^1]: the foot")).toBe("Note1 the foot");
  });

  it("never passes on HTML from the source: every `<` left is one the page shows as a character", () => {
    for (const payload of xssPayloads) {
      const html = renderMarkdown(payload);
      const text = htmlText(html);
      const shownAsText = html.match(/&#x3C;/gi)?.length ?? 0;
      expect((text.match(/</g) ?? []).length, payload).toBe(shownAsText);
      // What a page would print (React escapes text) never holds an element.
      expect(text.replaceAll("&", "&amp;").replaceAll("<", "&lt;"), payload).not.toMatch(/<[a-z/!]/i);
    }
    expect(plainText("<script>alert(1)</script>")).toBe("");
    expect(plainText("Hello <img src=x onerror=alert(1)> there")).toBe("Hello there");
    expect(plainText("<p onclick=alert(1)>text</p>")).toBe("");
  });

  it("uses the stored HTML when there is one", () => {
    expect(plainText("**ignored source**", "<p>stored <em>words</em></p>")).toBe("stored words");
  });

  it("falls back to the source, tags removed, for a text the renderer refused", () => {
    const deep = `${">".repeat(3000)} deep <b>bold</b>`;
    expect(renderMarkdown(deep)).toBe(UNRENDERABLE_HTML);
    expect(plainText(deep)).toMatch(/ deep bold$/);
    expect(plainText("x <script>alert(1)</script>", UNRENDERABLE_HTML)).toBe("x alert(1)");
    expect(htmlText(UNRENDERABLE_HTML)).toBe("");
  });

  it("never throws on the big list of naughty strings", () => {
    const blns: string[] = JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/blns.json"), "utf8"));
    for (const s of blns) expect(typeof plainText(s)).toBe("string");
  });
});

describe("excerpts", () => {
  it("keeps a short text whole", () => {
    expect(excerptOf("short", 10)).toBe("short");
    expect(plainExcerpt("a  b\n\nc", 280)).toBe("a b c");
  });

  it("cuts at a word with an ellipsis, within the length", () => {
    const cut = plainExcerpt("word ".repeat(100), 40);
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut).toMatch(/^(word )*word…$/);
    const long = excerptOf("x".repeat(500), 280);
    expect(long).toHaveLength(280);
    expect(long.endsWith("…")).toBe(true);
  });

  it("is taken from the rendered text, so no Markdown shows in it", () => {
    expect(plainExcerpt("## Why\n\n**Because** [we](https://example.org) care about *soil* and more words", 30)).toBe("Why Because we care about…");
  });
});
