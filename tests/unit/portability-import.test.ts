import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildArchive } from "@/lib/portability/archive";
import { describeImport, freeSlug, ImportRefused, migrationsFor, readExport, relinker } from "@/lib/portability/import";
import { PERSON_COLUMNS, rowSchema, type ColumnInfo } from "@/lib/portability/schema";
import { EXPORT_FORMAT_VERSION } from "@/lib/portability/tables";

const text = (name: string): ColumnInfo => ({ name, type: "text", array: false, nullable: false });

/** A small export: one person, the network, one membership. */
function archive() {
  const person = rowSchema("Person", PERSON_COLUMNS);
  const network = rowSchema("Network", [text("id"), text("slug")]);
  const membership = rowSchema("Membership", [text("id"), text("networkId"), text("userId")]);
  return buildArchive(
    [
      { kind: "Person", schema: person, rows: [{ id: "u1", name: "Ada", bio: "", email: null }] },
      { kind: "Network", schema: network, rows: [{ id: "n1", slug: "siac" }] },
      { kind: "Membership", schema: membership, rows: [{ id: "m1", networkId: "n1", userId: "u1" }] },
    ],
    { exportId: "e1", createdAt: new Date("2026-12-07T12:00:00Z"), appVersion: "0.1.0", network: { id: "n1", slug: "siac", name: "SIAC" }, publicUrl: "https://kring.example.org" },
  ).zip;
}

function refusedWith(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportRefused);
    return (error as ImportRefused).message;
  }
  throw new Error("not refused");
}

describe("reading an export for its import", () => {
  it("opens an export this Kring wrote, with each kind's records", () => {
    const opened = readExport(archive(), "siac.zip");
    expect(opened.manifest).toMatchObject({ exportId: "e1", formatVersion: EXPORT_FORMAT_VERSION, publicUrl: "https://kring.example.org" });
    expect(opened.kinds.get("Membership")).toEqual([{ id: "m1", networkId: "n1", userId: "u1" }]);
    expect(opened.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(opened.partial).toBe(false);
  });

  it("refuses a file whose size no longer matches the manifest, naming the file", () => {
    const files = unzipSync(archive());
    files["data/Person.jsonl"] = strToU8(`${new TextDecoder().decode(files["data/Person.jsonl"])} `);
    expect(refusedWith(() => readExport(zipSync(files), "siac.zip"))).toMatch(/^data\/Person\.jsonl: is \d+ bytes, manifest\.json says \d+/);
  });

  it("reads an older minor version as it is, and refuses a newer one, major or minor", () => {
    const [major, minor] = EXPORT_FORMAT_VERSION.split(".").map(Number) as [number, number];
    expect(migrationsFor(`${major}.0.0`)).toEqual([]);
    expect(refusedWith(() => migrationsFor(`${major}.${minor + 1}.0`))).toMatch(/newer than this Kring reads .* Upgrade this Kring/);
    expect(refusedWith(() => migrationsFor(`${major + 1}.0.0`))).toMatch(/^manifest\.json: the export has format version/);
  });

  it("brings an older major version up through each step in turn, and refuses one without a step", () => {
    const one = { from: 1, migrate: (k: Map<string, Record<string, unknown>[]>) => k };
    const two = { from: 2, migrate: (k: Map<string, Record<string, unknown>[]>) => k };
    expect(migrationsFor("1.4.0", "3.1.0", [two, one])).toEqual([one, two]);
    expect(refusedWith(() => migrationsFor("1.0.0", "3.0.0", [two]))).toMatch(/knows no migration from 1\.x/);
  });

  it("gives a taken slug the first free number, within the length limit", () => {
    expect(freeSlug("siac", new Set(), 48)).toBe("siac");
    expect(freeSlug("siac", new Set(["siac"]), 48)).toBe("siac-2");
    expect(freeSlug("siac", new Set(["siac", "siac-2"]), 48)).toBe("siac-3");
    expect(freeSlug("abcdefghij", new Set(["abcdefghij"]), 10)).toBe("abcdefgh-2");
  });

  it("warns the operator when nobody could take the network up as its broker", () => {
    const summary = {
      dryRun: false,
      exportId: "e1",
      formatVersion: "1.1.0",
      appVersion: "0.1.0",
      network: { name: "SIAC", sourceSlug: "siac", slug: "siac", id: "n2" },
      counts: { Person: 2, Network: 1, Thread: 4 },
      people: { accounts: 1, unclaimed: 0, nameOnly: 1 },
      invitations: 1,
      brokers: 0,
      outside: {},
      ids: new Map<string, string>(),
    };
    const text = describeImport(summary);
    expect(text).toMatch(/^Imported:\n  the network "SIAC" as \/n\/siac\n/);
    expect(text).toMatch(/Thread +4\n/);
    expect(text).not.toContain("Person");
    expect(text).toContain("warning: no broker of the network has an address in the export");
    expect(describeImport({ ...summary, brokers: 1 })).not.toContain("warning");
  });
});

describe("links in texts on import", () => {
  const ids = new Map([
    ["t1", "t1-new"],
    ["u1", "u1-new"],
  ]);
  const relink = relinker({ slug: "siac", publicUrl: "https://kring.example.org" }, { slug: "siac-2" }, ids);

  it("moves links to the network's pages, relative or on the old instance, to the new slug and ids", () => {
    expect(relink("See [the thread](/n/siac/dialogue/t1#reply-9) and <https://kring.example.org/n/siac/members/u1>.")).toBe(
      "See [the thread](/n/siac-2/dialogue/t1-new#reply-9) and </n/siac-2/members/u1-new>.",
    );
    expect(relink('<p><a href="https://kring.example.org/n/siac">home</a> /n/siac/gatherings?when=past</p>')).toBe(
      '<p><a href="/n/siac-2">home</a> /n/siac-2/gatherings?when=past</p>',
    );
  });

  it("leaves every other link as written: another instance, another network, a longer slug, a path inside another address", () => {
    for (const text of [
      "https://other.example/n/siac/dialogue/t1",
      "[x](/n/siac-west/dialogue/t1)",
      "/n/pathfinders/dialogue/t1",
      "https://kring.example.org/n/pathfinders",
      "see docs/n/siac/t1",
      "Just the word siac and /t1.",
    ]) {
      expect(relink(text)).toBe(text);
    }
  });

  it("moves only relative links when the export does not name its instance (format 1.1)", () => {
    const old = relinker({ slug: "siac" }, { slug: "siac-2" }, ids);
    expect(old("[a](/n/siac/dialogue/t1) [b](https://kring.example.org/n/siac/dialogue/t1)")).toBe(
      "[a](/n/siac-2/dialogue/t1-new) [b](https://kring.example.org/n/siac/dialogue/t1)",
    );
  });
});
