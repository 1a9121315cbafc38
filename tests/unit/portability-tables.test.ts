// By construction (issue 22): every tenant table is in a network's export or left out with a
// reason, so a table added later cannot be forgotten. The tenant tables are those the tenant
// guard and row-level security know (TENANT_MODELS; the RLS test proves it holds every table
// with a networkId column).
import { describe, expect, it } from "vitest";
import { TENANT_MODELS } from "@/lib/db/tenant-context";
import { EXCLUDED, EXPORTED, exportedKinds } from "@/lib/portability/tables";

describe("what a network's export holds", () => {
  it("exports every tenant table or excludes it with a reason in English and Dutch", () => {
    const missing = [...TENANT_MODELS].filter((t) => !(t in EXPORTED) && !(t in EXCLUDED));
    expect(missing, "add each to EXPORTED or EXCLUDED (with its reason) in lib/portability/tables.ts").toEqual([]);
    for (const [table, [en, nl]] of Object.entries(EXCLUDED)) {
      expect(en.length, table).toBeGreaterThan(20);
      expect(nl.length, table).toBeGreaterThan(20);
    }
  });

  it("names only tenant tables, each once, and never exports and excludes the same", () => {
    for (const table of [...Object.keys(EXPORTED), ...Object.keys(EXCLUDED)]) expect(TENANT_MODELS.has(table), table).toBe(true);
    expect(Object.keys(EXPORTED).filter((t) => t in EXCLUDED)).toEqual([]);
    expect(new Set(exportedKinds()).size).toBe(exportedKinds().length);
  });

  it("omits every column that holds a secret or someone's address without consent, with a reason", () => {
    expect(Object.keys(EXPORTED.Membership?.omit ?? {})).toContain("calendarTokenHash");
    expect(Object.keys(EXPORTED.Invitation?.omit ?? {})).toEqual(expect.arrayContaining(["tokenHash", "email"]));
    expect(Object.keys(EXPORTED.CommonsQuestion?.omit ?? {})).toContain("replyEmail");
    for (const t of Object.values(EXPORTED)) for (const [, [en, nl]] of Object.entries(t.omit ?? {})) expect(en && nl).toBeTruthy();
  });
});
