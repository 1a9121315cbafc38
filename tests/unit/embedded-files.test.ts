// The embedded-database run repeats only part of the integration suite (EMBEDDED_FILES in
// tests/vitest.config.ts); these checks keep that part from drifting as the product grows.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EMBEDDED_FILES } from "../vitest.config";

const root = path.resolve(import.meta.dirname, "../..");

/** lib/<domain> folders with data code: queries, mutations or server actions. */
function domains(): string[] {
  return readdirSync(path.join(root, "lib"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "db")
    .map((entry) => entry.name)
    .filter((name) => ["queries.ts", "mutations.ts", "actions.ts"].some((file) => existsSync(path.join(root, "lib", name, file))))
    .sort();
}

describe("the integration files that also run on the embedded database", () => {
  it("exist and are integration tests", () => {
    for (const file of EMBEDDED_FILES) {
      expect(file).toMatch(/^tests\/integration\/[\w-]+\.test\.ts$/);
      expect(existsSync(path.join(root, file)), file).toBe(true);
    }
    expect(new Set(EMBEDDED_FILES).size).toBe(EMBEDDED_FILES.length);
  });

  it("include the files that prove the embedded path", () => {
    for (const name of ["tenant-guard", "row-level-security", "availability", "sign-in-link", "live"]) {
      expect(EMBEDDED_FILES).toContain(`tests/integration/${name}.test.ts`);
    }
  });

  it("run every domain's data code: each lib/<domain> is imported by at least one of them", () => {
    const texts = EMBEDDED_FILES.map((file) => readFileSync(path.join(root, file), "utf8"));
    const found = domains();
    expect(found).toEqual(expect.arrayContaining(["cycles", "dialogue", "funding", "membership", "networks"]));
    const missing = found.filter((domain) => !texts.some((text) => text.includes(`"@/lib/${domain}/`)));
    expect(missing, "domains without a file in EMBEDDED_FILES (tests/vitest.config.ts)").toEqual([]);
  });
});
