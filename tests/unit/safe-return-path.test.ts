import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/safe-return-path";

const site = "http://kring.invalid";

describe("safeReturnPath", () => {
  it.each([
    ["/", "/"],
    ["/n/commons", "/n/commons"],
    ["/n/commons?tab=members#top", "/n/commons?tab=members#top"],
    ["/n/a/../b", "/n/b"],
  ])("keeps the same-site path %s", (raw, expected) => {
    expect(safeReturnPath(raw)).toBe(expected);
  });

  it.each([
    null,
    undefined,
    "",
    "n/commons",
    "//evil.com",
    "//evil.com/path",
    "/\\evil.com",
    "\\\\evil.com",
    "https://evil.com",
    "http://kring.invalid/n/commons",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.com",
    "/\n/evil.com",
    "/.//evil.com",
    "/..//evil.com",
    "/%2e//evil.com",
    "/a/..//evil.com",
    "/./\\evil.com",
  ])("sends %j home", (raw) => {
    expect(safeReturnPath(raw)).toBe("/");
  });

  it("never returns anything that leaves the site", () => {
    const pieces = fc.constantFrom("/", "\\", ".", "..", "%2e", "%2f", "evil.com", "@", ":", "?", "#", "\t", "\n", " ", "a");
    const hostile = fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(fc.string(), hostile, hostile.map((s) => `/${s}`)), (raw) => {
        const result = safeReturnPath(raw);
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        expect(result.startsWith("/\\")).toBe(false);
        expect(new URL(result, site).origin).toBe(site);
        // What a browser would do with the Location header: stay here.
        expect(new URL(result, "https://kring.example").host).toBe("kring.example");
      }),
      { numRuns: 2000 },
    );
  });
});
