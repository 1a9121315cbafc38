import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown/render";
import { xssPayloads as payloads } from "../fixtures/xss-corpus";

/**
 * The stored-XSS corpus (tests/fixtures/xss-corpus.ts): the rendered HTML may only hold the
 * elements and attributes of the allowed list, links only to http(s), mailto, fragments and
 * paths, and nothing else. tests/e2e/csp-xss.spec.ts runs the same corpus in Chromium.
 */
const blns: string[] = JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/blns.json"), "utf8"));

const allowedTags = new Set([
  "p", "a", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
  "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "section", "div", "span", "kbd", "dl", "dt", "dd",
]);
const allowedAttributes = new Set(["href", "title", "rel", "id", "class", "align", "aria-describedby", "aria-hidden", "data-footnotes", "data-footnote-ref", "data-footnote-backref", "aria-label", "dir"]);
const safeHref = /^(https?:\/\/|mailto:|#|\/(?!\/)|[^:]*$)/i;

/** Every element and attribute of the rendered HTML, from its tags. */
function inspect(html: string) {
  const problems: string[] = [];
  for (const [, slash, name, attrs] of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g)) {
    if (!allowedTags.has(name!.toLowerCase())) problems.push(`element <${name}>`);
    if (slash) continue;
    for (const [, attr, , value] of attrs!.matchAll(/\s([^\s=]+)(="([^"]*)")?/g)) {
      const lower = attr!.toLowerCase();
      if (!allowedAttributes.has(lower)) problems.push(`attribute ${attr} on <${name}>`);
      if (lower === "href" && !safeHref.test(decode(value ?? ""))) problems.push(`href ${value}`);
    }
  }
  if (/<(?:script|style|iframe|object|embed|svg|math|img|form|input|meta|link|base)\b/i.test(html)) problems.push("dangerous element");
  return problems;
}

function decode(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .trim();
}

describe("Markdown rendering: stored-XSS corpus", () => {
  it("has at least 50 payloads", () => {
    expect(payloads.length).toBeGreaterThanOrEqual(50);
  });

  it.each(payloads)("renders %j without executable content", (payload) => {
    const html = renderMarkdown(payload);
    expect(inspect(html)).toEqual([]);
    // No event handler attribute and no dangerous scheme in any attribute value.
    expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/="\s*(?:javascript|vbscript|data|file):/i);
  });

  it("renders every string of the naughty-strings list safely", () => {
    for (const s of blns) expect(inspect(renderMarkdown(s)), s).toEqual([]);
  });
});

describe("Markdown rendering: what it keeps", () => {
  it("keeps ordinary Markdown and GitHub tables", () => {
    const html = renderMarkdown("**bold** _it_ `code`\n\n> quoted\n\n- one\n- two\n\n| a |\n|---|\n| 1 |");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>it</em>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<td>1</td>");
  });

  it("marks external links nofollow ugc noopener and leaves internal ones alone", () => {
    expect(renderMarkdown("[x](https://example.org)")).toContain('<a href="https://example.org" rel="nofollow ugc noopener">x</a>');
    expect(renderMarkdown("[x](//example.org)")).toContain('rel="nofollow ugc noopener"');
    expect(renderMarkdown("https://example.org")).toContain('rel="nofollow ugc noopener"');
    expect(renderMarkdown("[x](/n/siac)")).toBe('<p><a href="/n/siac">x</a></p>');
    expect(renderMarkdown("[x](https://example.org)")).not.toContain("target=");
  });

  it("shows raw HTML as nothing, never as markup", () => {
    expect(renderMarkdown("a <b>b</b> c")).toBe("<p>a b c</p>");
  });
});
