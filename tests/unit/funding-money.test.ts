import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMoney,
  currencyExponent,
  formatAmount,
  formatMoney,
  isCurrency,
  MAX_MAJOR_UNITS,
  maxMinorUnits,
  MoneyError,
  parseAmount,
  percentOf,
  sumByCurrency,
  sumMoney,
  toDecimalString,
  type MoneyErrorCode,
} from "@/lib/funding/money";

function refusal(fn: () => unknown): MoneyErrorCode | "accepted" {
  try {
    fn();
    return "accepted";
  } catch (error) {
    if (error instanceof MoneyError) return error.code;
    throw error;
  }
}

const LOCALES = ["en", "nl"] as const;
const CURRENCIES = ["EUR", "USD", "CHF", "JPY", "BHD", "GBP"] as const;

describe("parseAmount", () => {
  it.each([
    ["1234.56", "EUR", "en", 123456n],
    ["1234.56", "EUR", "nl", 123456n],
    ["1234,56", "EUR", "nl", 123456n],
    ["1,234.56", "EUR", "en", 123456n],
    ["1.234,56", "EUR", "nl", 123456n],
    ["1.234,56", "EUR", "en", 123456n],
    ["1,234.56", "EUR", "nl", 123456n],
    ["1.234", "EUR", "nl", 123400n],
    ["1,234", "EUR", "en", 123400n],
    ["1.000.000", "EUR", "nl", 100000000n],
    ["2500", "EUR", "en", 250000n],
    ["0,01", "EUR", "nl", 1n],
    [".5", "EUR", "en", 50n],
    ["12.50", "EUR", "en", 1250n],
    ["12.500", "EUR", "nl", 1250000n],
    ["€ 1.234,56", "EUR", "nl", 123456n],
    ["€1,234.56", "EUR", "en", 123456n],
    ["EUR 10", "EUR", "en", 1000n],
    [" 1 234,56 ", "EUR", "nl", 123456n],
    ["1234", "JPY", "en", 1234n],
    ["1.234", "JPY", "nl", 1234n],
    ["1.5", "BHD", "en", 1500n],
    ["1,234.567", "BHD", "en", 1234567n],
  ] as const)("%s %s (%s) is %s minor units", (input, currency, locale, expected) => {
    expect(parseAmount(input, currency, locale)).toBe(expected);
  });

  it.each([
    ["", "EUR", "amount_required"],
    ["   ", "EUR", "amount_required"],
    ["-5", "EUR", "amount_not_positive"],
    ["−5", "EUR", "amount_not_positive"],
    ["0", "EUR", "amount_not_positive"],
    ["0,00", "EUR", "amount_not_positive"],
    ["1.234", "EUR", "amount_too_many_decimals"], // English: a decimal point
    ["1.001", "EUR", "amount_too_many_decimals"],
    ["12.5", "JPY", "amount_too_many_decimals"],
    ["1000000001", "EUR", "amount_too_large"],
    ["99999999999999999999999", "EUR", "amount_too_large"],
    ["abc", "EUR", "amount_invalid"],
    ["1e5", "EUR", "amount_invalid"],
    ["12..5", "EUR", "amount_invalid"],
    ["1,2,3", "EUR", "amount_invalid"],
    ["1.2.3,4", "EUR", "amount_invalid"],
    ["12,34,567.00", "EUR", "amount_invalid"],
    ["+5", "EUR", "amount_invalid"],
    ["5-", "EUR", "amount_invalid"],
    [".", "EUR", "amount_invalid"],
    ["Infinity", "EUR", "amount_invalid"],
    ["NaN", "EUR", "amount_invalid"],
    ["0x10", "EUR", "amount_invalid"],
    ["1".repeat(41), "EUR", "amount_invalid"],
    ["10", "XYZ", "currency_unknown"],
    ["10", "eur", "currency_unknown"],
    ["10", "", "currency_unknown"],
  ] as const)("refuses %j in %s as %s", (input, currency, code) => {
    expect(refusal(() => parseAmount(input, currency, "en"))).toBe(code);
  });

  it("any typed text either parses to a positive amount within the cap or is refused with a money code", () => {
    const naughty: string[] = JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/blns.json"), "utf8"));
    const check = (input: string, locale: string) => {
      try {
        const minor = parseAmount(input, "EUR", locale);
        expect(minor > 0n && minor <= maxMinorUnits("EUR"), input).toBe(true);
      } catch (error) {
        expect(error, input).toBeInstanceOf(MoneyError);
      }
    };
    for (const input of naughty) for (const locale of LOCALES) check(input, locale);
    fc.assert(fc.property(fc.string({ maxLength: 50 }), fc.constantFrom(...LOCALES), (input, locale) => check(input, locale)));
  });

  it("caps every currency at one billion major units", () => {
    expect(maxMinorUnits("EUR")).toBe(MAX_MAJOR_UNITS * 100n);
    expect(parseAmount("1.000.000.000", "EUR", "nl")).toBe(100_000_000_000n);
    expect(refusal(() => parseAmount("1.000.000.000,01", "EUR", "nl"))).toBe("amount_too_large");
  });

  it("knows currencies and their exponents from Intl", () => {
    expect(isCurrency("EUR")).toBe(true);
    expect(isCurrency("XYZ")).toBe(false);
    expect(currencyExponent("EUR")).toBe(2);
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("BHD")).toBe(3);
    expect(refusal(() => currencyExponent("XYZ"))).toBe("currency_unknown");
  });
});

describe("formatting", () => {
  it("writes exact decimals without floats", () => {
    expect(toDecimalString(123456n, "EUR")).toBe("1234.56");
    expect(toDecimalString(5n, "EUR")).toBe("0.05");
    expect(toDecimalString(1234n, "JPY")).toBe("1234");
    expect(toDecimalString(-5n, "EUR")).toBe("-0.05");
    // Beyond 2^53: a float would lose the last cent.
    expect(toDecimalString(9_007_199_254_740_993n, "EUR")).toBe("90071992547409.93");
  });

  it("formats in the viewer's locale", () => {
    expect(formatMoney(123456n, "EUR", "nl")).toBe("€\u00A01.234,56");
    expect(formatMoney(123456n, "EUR", "en")).toBe("€1,234.56");
    expect(formatAmount(123456n, "EUR", "nl")).toBe("1.234,56");
    expect(formatAmount(123456n, "EUR", "en")).toBe("1,234.56");
  });

  const amount = (currency: string) => fc.bigInt({ min: 1n, max: maxMinorUnits(currency) });
  const cases = fc.constantFrom(...CURRENCIES).chain((currency) =>
    fc.record({ currency: fc.constant(currency), minor: amount(currency), locale: fc.constantFrom(...LOCALES) }),
  );

  it("round-trips: parse(formatAmount(x)) is x, in every locale and currency", () => {
    fc.assert(
      fc.property(cases, ({ currency, minor, locale }) => {
        expect(parseAmount(formatAmount(minor, currency, locale), currency, locale)).toBe(minor);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips through the displayed form with its currency symbol", () => {
    fc.assert(
      fc.property(cases, ({ currency, minor, locale }) => {
        expect(parseAmount(formatMoney(minor, currency, locale), currency, locale)).toBe(minor);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips the plain decimal form in any locale", () => {
    fc.assert(
      fc.property(cases, ({ currency, minor, locale }) => {
        const plain = toDecimalString(minor, currency);
        // A plain "1.234" in Dutch is grouping; the decimal form always has the currency's digits, so only JPY-like ones are ambiguous.
        fc.pre(currencyExponent(currency) !== 3 || locale === "en");
        expect(parseAmount(plain, currency, locale)).toBe(minor);
      }),
      { numRuns: 300 },
    );
  });
});

describe("sums", () => {
  const money = fc.record({ amount: fc.bigInt({ min: 1n, max: 100_000_000_000n }), currency: fc.constantFrom("EUR", "USD", "CHF") });

  it("the sum of minor units is the minor units of the sum", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 100_000_000_000n }), { minLength: 1, maxLength: 30 }), fc.constantFrom(...LOCALES), (amounts, locale) => {
        const total = sumMoney(
          amounts.map((amount) => ({ amount, currency: "EUR" })),
          "EUR",
        ).amount;
        expect(total).toBe(amounts.reduce((a, b) => a + b, 0n));
        // Parsing each formatted amount and adding gives the same as parsing the formatted total.
        const parsedSum = amounts.map((a) => parseAmount(formatAmount(a, "EUR", locale), "EUR", locale)).reduce((a, b) => a + b, 0n);
        expect(parsedSum).toBe(total);
        if (total <= maxMinorUnits("EUR")) expect(parseAmount(formatAmount(total, "EUR", locale), "EUR", locale)).toBe(total);
      }),
    );
  });

  it("keeps currencies apart: per-currency totals add up to each currency's items", () => {
    fc.assert(
      fc.property(fc.array(money, { maxLength: 40 }), (items) => {
        const totals = sumByCurrency(items);
        expect(new Set(totals.map((t) => t.currency)).size).toBe(totals.length);
        for (const t of totals) {
          expect(t.amount).toBe(items.filter((i) => i.currency === t.currency).reduce((a, i) => a + i.amount, 0n));
        }
      }),
    );
  });

  it("refuses to add different currencies", () => {
    expect(refusal(() => addMoney({ amount: 1n, currency: "EUR" }, { amount: 1n, currency: "USD" }))).toBe("currency_mismatch");
    expect(
      refusal(() =>
        sumMoney(
          [
            { amount: 100n, currency: "EUR" },
            { amount: 100n, currency: "CHF" },
          ],
          "EUR",
        ),
      ),
    ).toBe("currency_mismatch");
  });

  it("percent in integers, floored and capped", () => {
    expect(percentOf(1n, 3n)).toBe(33);
    expect(percentOf(5n, 4n)).toBe(100);
    expect(percentOf(0n, 0n)).toBe(0);
  });
});
