import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown/render";

/**
 * Stored-XSS corpus: each payload is what a member could save as a thread or reply
 * body. The rendered HTML may only hold the elements and attributes of the allowed
 * list, links only to http(s), mailto, fragments and paths, and nothing else.
 */
const payloads: string[] = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  "<img src=\"javascript:alert('XSS')\">",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<iframe src=\"javascript:alert(1)\"></iframe>",
  "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
  "<object data=\"javascript:alert(1)\"></object>",
  "<embed src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
  "<body onload=alert(1)>",
  "<div style=\"background:url(javascript:alert(1))\">x</div>",
  "<a href=\"javascript:alert(1)\">click</a>",
  "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
  "<a href=\"&#106;avascript:alert(1)\">click</a>",
  "<a href=\" javascript:alert(1)\">click</a>",
  "<form action=\"javascript:alert(1)\"><input type=submit></form>",
  "<input autofocus onfocus=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "<video><source onerror=alert(1)></video>",
  "<audio src=x onerror=alert(1)>",
  "<marquee onstart=alert(1)>",
  "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
  "<link rel=stylesheet href=\"javascript:alert(1)\">",
  "<base href=\"javascript:alert(1)//\">",
  "<style>@import 'javascript:alert(1)';</style>",
  "<table background=\"javascript:alert(1)\">",
  "<p onclick=alert(1)>text</p>",
  "<a href=x onmouseover=alert(1)>hover</a>",
  "[click](javascript:alert(1))",
  "[click](JAVASCRIPT:alert(1))",
  "[click](javascript&#58;alert(1))",
  "[click](  javascript:alert(1)  )",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  "[click](file:///etc/passwd)",
  "[click](<javascript:alert(1)>)",
  "[click][ref]\n\n[ref]: javascript:alert(1)",
  "[click][ref]\n\n[ref]: data:text/html,<script>alert(1)</script>",
  "<javascript:alert(1)>",
  "<data:text/html,<script>alert(1)</script>>",
  "![x](javascript:alert(1))",
  "![x](https://evil.example/pixel.png)",
  "![x](x\" onerror=\"alert(1))",
  "[a](https://example.org \"title\\\" onmouseover=\\\"alert(1)\")",
  "[a](https://example.org\" onclick=\"alert(1))",
  "```html\n<script>alert(1)</script>\n```",
  "`<img src=x onerror=alert(1)>`",
  "> <script>alert(1)</script>",
  "- <img src=x onerror=alert(1)>\n- [x](javascript:alert(1))",
  "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "<<script>script>alert(1)<</script>/script>",
  "<!--<img src=x onerror=alert(1)>-->",
  "<![CDATA[<script>alert(1)</script>]]>",
  "\"><script>alert(1)</script>",
  "'><img src=x onerror=alert(1)>",
  "<a href=\"#\" id=\"__proto__\" name=\"constructor\">clobber</a>",
  "<form id=\"test\"></form><button form=\"test\" formaction=\"javascript:alert(1)\">x</button>",
  "<isindex type=image src=1 onerror=alert(1)>",
  "<x onclick=alert(1)>click</x>",
  "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
  "[x](https://example.org/?q=<script>alert(1)</script>)",
  "www.example.org/<script>alert(1)</script>",
  "https://example.org/\"onmouseover=\"alert(1)",
  "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
  "<template><script>alert(1)</script></template>",
  "Footnote[^1]\n\n[^1]: <script>alert(1)</script> [x](javascript:alert(1))",
];

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
