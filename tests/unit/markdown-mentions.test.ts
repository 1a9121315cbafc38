import { describe, expect, it } from "vitest";
import { markMentions } from "@/lib/markdown/mentions";
import { renderMarkdown } from "@/lib/markdown/render";
import { xssPayloads } from "../fixtures/xss-corpus";

const marked = (source: string, names: (string | null)[]) => markMentions(renderMarkdown(source), names);

describe("mentions in rendered Markdown", () => {
  it("marks a mentioned member's @Name and leaves an unresolved @name plain", () => {
    expect(marked("Thanks @Ann Lee and @nobody!", ["Ann Lee"])).toBe(
      '<p>Thanks <span class="mention">@Ann Lee</span> and @nobody!</p>',
    );
  });

  it("needs the whole name: no letter or digit may follow", () => {
    expect(marked("@Annette and @Ann2 are not @Ann.", ["Ann"])).toBe('<p>@Annette and @Ann2 are not <span class="mention">@Ann</span>.</p>');
  });

  it("prefers the longer of two names that start alike", () => {
    expect(marked("@Ann Lee, @Ann", ["Ann", "Ann Lee"])).toBe(
      '<p><span class="mention">@Ann Lee</span>, <span class="mention">@Ann</span></p>',
    );
  });

  it("leaves names inside code, code blocks and links alone, but not in emphasis, lists or quotes", () => {
    expect(marked("`@Ann` [@Ann](https://example.org)\n\n```\n@Ann\n```", ["Ann"])).not.toContain("mention");
    expect(marked("*@Ann* and\n\n> - @Ann", ["Ann"]).match(/class="mention"/g)).toHaveLength(2);
  });

  it("matches names with characters the renderer escapes, and writes them escaped", () => {
    expect(marked("Hi @Tom & Jerry and @a < b ok", ["Tom & Jerry", "a < b"])).toBe(
      '<p>Hi <span class="mention">@Tom &#x26; Jerry</span> and <span class="mention">@a &#x3C; b</span> ok</p>',
    );
  });

  it("changes nothing without names, and ignores empty ones", () => {
    const html = renderMarkdown("Hi @Ann");
    expect(markMentions(html, [])).toBe(html);
    expect(markMentions(html, [null, "", " "])).toBe(html);
  });

  it("adds no element but the span, whatever the text", () => {
    for (const payload of xssPayloads) {
      const html = renderMarkdown(`@Ann ${payload}`);
      const out = markMentions(html, ["Ann", "alert(1)", "script"]);
      expect(out.replaceAll('<span class="mention">', "").replaceAll("</span>", ""), payload).toBe(
        html.replaceAll('<span class="mention">', "").replaceAll("</span>", ""),
      );
    }
  });
});
