import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildArchive, kindCsv } from "@/lib/portability/archive";
import { verifyExportLink, exportDownloadPath } from "@/lib/portability/link";
import { rowSchema, type ColumnInfo } from "@/lib/portability/schema";

const columns: ColumnInfo[] = [
  { name: "id", type: "text", array: false, nullable: false },
  { name: "title", type: "text", array: false, nullable: false },
  { name: "hiddenAt", type: "timestamp", array: false, nullable: true },
  { name: "level", type: "enum", array: false, nullable: false, values: ["network", "context"] },
];

describe("the export's files", () => {
  it("guards spreadsheet formulas in the CSV and keeps line breaks inside a cell", () => {
    const schema = rowSchema("Thread", columns);
    const csv = kindCsv(schema, [{ id: "t1", title: '=HYPERLINK("http://x")\nnext', hiddenAt: null, level: "network" }]);
    expect(csv.startsWith('\uFEFF"id","title","hiddenAt","level"\r\n')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")\nnext"`);
  });

  it("writes a JSON Schema and a README in English and Dutch from the zod schema's descriptions", () => {
    const schema = rowSchema("Thread", columns);
    const rows = [schema.parse({ id: "t1", title: "Water", hiddenAt: "2026-12-07T10:00:00.000Z", level: "network" })];
    const createdAt = new Date("2026-12-07T12:00:00Z");
    const { zip, manifest } = buildArchive([{ kind: "Thread", schema, rows }], { exportId: "e1", createdAt, appVersion: "0.1.0", network: { id: "n1", slug: "a", name: "A" }, publicUrl: "https://kring.example.org" });
    const files = unzipSync(zip);
    const json = JSON.parse(strFromU8(files["schema/Thread.schema.json"]!)) as { properties: Record<string, { description: string; descriptionNl: string }> };
    expect(json.properties.hiddenAt).toMatchObject({ description: expect.stringContaining("hid"), descriptionNl: expect.stringContaining("verborg") });
    const readme = strFromU8(files["README.md"]!);
    expect(readme).toContain("When a broker hid it");
    expect(readme).toContain("Wanneer een broker het verborg");
    expect(manifest.counts).toEqual({ Thread: 1 });
    expect(() => schema.parse({ id: "t", title: "x", hiddenAt: null, level: "elsewhere" })).toThrow();
  });

  it("refuses a download link for another person, a changed one, or one out of date", () => {
    const until = new Date(Date.now() + 60_000);
    const query = new URL(exportDownloadPath("a", "e1", "u1", until), "http://x").searchParams;
    expect(verifyExportLink("e1", "u1", query)).toBe("ok");
    expect(verifyExportLink("e1", "u2", query)).toBe("invalid");
    expect(verifyExportLink("e2", "u1", query)).toBe("invalid");
    expect(verifyExportLink("e1", "u1", query, new Date(until.getTime() + 1000))).toBe("expired");
    const changed = new URLSearchParams(query);
    changed.set("expires", String(Number(query.get("expires")) + 60));
    expect(verifyExportLink("e1", "u1", changed)).toBe("invalid");
  });
});
