// Decision records (docs/decisions): each has a unique number, a date and a status of a known form,
// and a line in the index (docs/decisions/README.md).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = path.resolve(import.meta.dirname, "../../docs/decisions");
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".md") && name !== "README.md")
  .sort();
const numbers = files.map((name) => /^(\d{3})-[a-z0-9-]+\.md$/.exec(name)?.[1]);
const known = new Set(numbers);
const STATUS = /^(accepted|superseded by (\d{3})|amended by (\d{3}(?:, \d{3})*))$/;

function field(text: string, name: string): string | undefined {
  return new RegExp(`^${name}: (.*)$`, "m").exec(text)?.[1]?.trim();
}

describe("decision records", () => {
  it("are named NNN-short-name.md, each number once", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const [i, name] of files.entries()) expect(numbers[i], name).toBeDefined();
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it.each(files)("%s has its number in the title, a date and a status of a known form", (name) => {
    const text = readFileSync(path.join(dir, name), "utf8");
    const number = name.slice(0, 3);
    expect(text.split("\n")[0]).toMatch(new RegExp(`^# ${number}: \\S`));

    const date = field(text, "Date");
    expect(date, "Date: YYYY-MM-DD").toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);

    const status = field(text, "Status");
    const match = STATUS.exec(status ?? "");
    expect(match, `Status: ${status} (accepted, superseded by NNN, amended by NNN[, NNN])`).not.toBeNull();
    const later = (match?.[2] ?? match?.[3] ?? "").split(", ").filter(Boolean);
    for (const other of later) {
      expect(known.has(other), `${name} names decision ${other}, which does not exist`).toBe(true);
      expect(Number(other), `${name} can only be changed by a later record`).toBeGreaterThan(Number(number));
    }
    if (later.length) expect(text, "a changed record says what changed").toMatch(/^## Changed later$/m);
  });

  it("are all in the index, with their status", () => {
    const index = readFileSync(path.join(dir, "README.md"), "utf8");
    for (const name of files) {
      const line = index.split("\n").find((l) => l.startsWith(`| [${name.slice(0, 3)}](${name})`));
      expect(line, `${name} in docs/decisions/README.md`).toBeDefined();
      const text = readFileSync(path.join(dir, name), "utf8");
      expect(line).toContain(`| ${field(text, "Date")} | ${field(text, "Status")} |`);
    }
  });
});
