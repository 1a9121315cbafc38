import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { principlesSchema, reservedSlugs, SLUG_MAX, slugSchema } from "@/lib/networks/schema";

/** The documented address format: lowercase letters and digits, single hyphens between them. */
const SLUG_FORMAT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function issues(result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("slugSchema", () => {
  it.each([
    ["green-city", "green-city"],
    ["  Green-City ", "green-city"],
    ["abc", "abc"],
    ["a1-b2-c3", "a1-b2-c3"],
  ])("accepts %j as %j", (raw, slug) => {
    expect(slugSchema.parse(raw)).toBe(slug);
  });

  it.each([
    ["ab", "too_short|3"],
    ["", "too_short|3"],
    ["a".repeat(SLUG_MAX + 1), `too_long|${SLUG_MAX}`],
    ["green city", "slug_format"],
    ["green_city", "slug_format"],
    ["-green", "slug_format"],
    ["green-", "slug_format"],
    ["green--city", "slug_format"],
    ["grün", "slug_format"],
    ["admin", "slug_reserved"],
    ["Settings", "slug_reserved"],
  ])("refuses %j with %s", (raw, code) => {
    expect(issues(slugSchema.safeParse(raw)).map((i) => i.message)).toContain(code);
  });

  it("refuses every reserved word", () => {
    for (const word of reservedSlugs) expect(slugSchema.safeParse(word).success, word).toBe(false);
  });

  it("accepts only slugs in the documented format, and they round-trip", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "binary", maxLength: 60 }), fc.stringMatching(/^[ A-Za-z0-9-]{0,60}$/)), (raw) => {
        const parsed = slugSchema.safeParse(raw);
        if (!parsed.success) {
          expect(parsed.error.issues.length).toBeGreaterThan(0);
          return;
        }
        const slug = parsed.data;
        expect(slug).toMatch(SLUG_FORMAT);
        expect(slug.length).toBeGreaterThanOrEqual(3);
        expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
        expect(reservedSlugs.has(slug)).toBe(false);
        expect(slugSchema.parse(slug)).toBe(slug);
        expect(encodeURIComponent(slug)).toBe(slug);
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts every well-formed slug that is not reserved", () => {
    const wellFormed = fc
      .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join("-"))
      .filter((s) => s.length >= 3 && s.length <= SLUG_MAX && !reservedSlugs.has(s));
    fc.assert(
      fc.property(wellFormed, (slug) => {
        expect(slugSchema.parse(slug)).toBe(slug);
        expect(slugSchema.parse(` ${slug.toUpperCase()} `)).toBe(slug);
      }),
    );
  });

  it("never throws on non-string input", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(() => slugSchema.safeParse(value)).not.toThrow();
      }),
    );
  });
});

describe("principlesSchema", () => {
  it("strips a list bullet only when a space follows it", () => {
    expect(principlesSchema.parse("-5 °C is cold\n*Be kind*\n- Stay open")).toEqual(["-5 °C is cold", "*Be kind*", "Stay open"]);
  });

  it("takes one principle per line, without bullets and blank lines", () => {
    expect(principlesSchema.parse("- First\n\n* Second\r\n• Third\n   – Fourth  \n\n")).toEqual(["First", "Second", "Third", "Fourth"]);
  });

  it("normalises to NFC", () => {
    const decomposed = "Ide\u0301e";
    expect(principlesSchema.parse(decomposed)).toEqual(["Idée"]);
  });

  it("keeps text that merely contains dashes", () => {
    expect(principlesSchema.parse("Listen - then speak\nWin-win")).toEqual(["Listen - then speak", "Win-win"]);
  });

  it.each([
    ["", "required", ""],
    ["\n  \n- \n", "required", ""],
    [Array.from({ length: 21 }, (_, i) => `P${i}`).join("\n"), "too_many|20", ""],
    [`ok\n${"x".repeat(301)}`, "principle_too_long|300", "1"],
  ])("refuses %j with %s", (raw, code, path) => {
    expect(issues(principlesSchema.safeParse(raw))).toContainEqual({ path, message: code });
  });

  it("accepts 20 principles of 300 characters", () => {
    const lines = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(300, "."));
    expect(principlesSchema.parse(lines.join("\n"))).toEqual(lines);
  });

  it("never yields blank or untrimmed principles", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom("", " ", "-", "\t* x ", "•")), { maxLength: 25 }), (lines) => {
        const parsed = principlesSchema.safeParse(lines.join("\n"));
        if (!parsed.success) return;
        for (const p of parsed.data) {
          expect(p.length).toBeGreaterThan(0);
          expect(p).toBe(p.trim());
          expect(p).not.toMatch(/\r|\n/);
        }
      }),
    );
  });
});
