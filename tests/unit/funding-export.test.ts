import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, csvCell, formulaLike, parseCsv, portfolioCsv, portfolioJson, type PortfolioExport } from "@/lib/portfolio/export";

const network = { id: "n1", slug: "alpha", name: "Alpha, the network", locale: "en" };

function sample(): PortfolioExport {
  const base = {
    network,
    initiativeId: "i1",
    initiativeName: 'Labs "in" the city',
    milestoneId: "m1",
    milestoneTitle: "First\nsession",
    milestoneStatus: "reached" as const,
    targetDate: new Date("2030-06-30T00:00:00Z"),
    createdAt: new Date("2030-01-02T03:04:05.006Z"),
    releasedAt: null,
    withdrawnAt: null,
  };
  return {
    networks: [network],
    totals: [
      { currency: "EUR", pledged: 123456n, released: 123456n, outstanding: 0n, pledges: 1 },
      { currency: "JPY", pledged: 5000n, released: 0n, outstanding: 5000n, pledges: 1 },
    ],
    pledges: [
      { ...base, pledgeId: "p1", amount: 123456n, currency: "EUR", status: "released", condition: "=1+1", releasedAt: new Date("2030-07-01T10:00:00Z") },
      { ...base, pledgeId: "p2", amount: 5000n, currency: "JPY", status: "pledged", condition: "" },
      { ...base, pledgeId: "p3", amount: 1001n, currency: "BHD", status: "withdrawn", condition: "@SUM(A1)", withdrawnAt: new Date("2030-03-01T00:00:00Z") },
    ],
  };
}

describe("CSV cells", () => {
  it("quotes every cell and doubles quotes (RFC 4180)", () => {
    expect(csvCell("plain")).toBe('"plain"');
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\r\nlines")).toBe('"two\r\nlines"');
    expect(csvCell("")).toBe('""');
  });

  it.each(["=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", "＝1+1", "＋1", "－1", "＠SUM(A1)", " =1+1", "\u3000＝HYPERLINK(1)"])("defuses a would-be formula: %j", (value) => {
    expect(csvCell(value)).toBe(`"'${value}"`);
  });

  it("reads back what it writes, whatever the text", () => {
    const cell = fc.string({ unit: "binary", maxLength: 20 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
        const guarded = rows.map((r) => r.map((v) => (formulaLike(v) ? `'${v}` : v)));
        expect(parseCsv(text)).toEqual(guarded);
      }),
    );
  });

  it("reads bare cells, LF line ends and a byte order mark", () => {
    expect(parseCsv('\uFEFFa,b\n1,"2,3"\n')).toEqual([
      ["a", "b"],
      ["1", "2,3"],
    ]);
    expect(() => parseCsv('"open')).toThrow();
  });
});

describe("the portfolio export", () => {
  it("writes one CSV row per pledge, amounts as exact decimals and minor units", () => {
    const csv = portfolioCsv(sample());
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual([...CSV_COLUMNS]);
    const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
    expect(records.map((r) => [r.currency, r.amount, r.amount_minor, r.pledge_status])).toEqual([
      ["EUR", "1234.56", "123456", "released"],
      ["JPY", "5000", "5000", "pledged"],
      ["BHD", "1.001", "1001", "withdrawn"],
    ]);
    expect(records[0]).toMatchObject({
      network: "Alpha, the network",
      initiative: 'Labs "in" the city',
      milestone: "First\nsession",
      target_date: "2030-06-30",
      pledged_at: "2030-01-02T03:04:05.006Z",
      released_at: "2030-07-01T10:00:00.000Z",
      withdrawn_at: "",
      condition: "'=1+1",
    });
    expect(records[2]?.condition).toBe("'@SUM(A1)");
  });

  it("writes JSON with totals per currency, never one total across currencies", () => {
    const json = portfolioJson(sample(), new Date("2030-08-01T00:00:00Z"));
    expect(json.totals).toEqual([
      {
        currency: "EUR",
        pledges: 1,
        pledged: { amount: "1234.56", minor: "123456", currency: "EUR" },
        released: { amount: "1234.56", minor: "123456", currency: "EUR" },
        outstanding: { amount: "0.00", minor: "0", currency: "EUR" },
      },
      {
        currency: "JPY",
        pledges: 1,
        pledged: { amount: "5000", minor: "5000", currency: "JPY" },
        released: { amount: "0", minor: "0", currency: "JPY" },
        outstanding: { amount: "5000", minor: "5000", currency: "JPY" },
      },
    ]);
    expect(json.pledges[2]).toMatchObject({ amount: "1.001", minor: "1001", currency: "BHD", status: "withdrawn", condition: "@SUM(A1)" });
    // Parsed back, the JSON is the same (no BigInt, no float in it).
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
