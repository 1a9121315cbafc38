// What the browser gets: a "use client" module that imports a domain's schema.ts (or zod) puts zod,
// about 30 kB gzip, into every page that renders it. Forms take their limits from limits.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isClientModule, sources } from "./source-files";

const root = process.cwd();
const clientModules = ["app", "components", "lib"]
  .flatMap((dir) => sources(path.join(root, dir)))
  .filter((file) => isClientModule(readFileSync(file, "utf8")));

describe("client modules", () => {
  it("are found", () => {
    expect(clientModules.length).toBeGreaterThan(10);
  });

  it.each(clientModules.map((f) => [path.relative(root, f)]))("%s imports no zod and no schema.ts (types aside)", (file) => {
    const text = readFileSync(path.join(root, file), "utf8");
    const imports = [...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)";/gms)].map((m) => m[1]);
    const heavy = imports.filter((spec) => spec === "zod" || /^@\/lib\/[a-z-]+\/schema$/.test(spec!) || spec === "./schema");
    expect(heavy).toEqual([]);
  });
});
