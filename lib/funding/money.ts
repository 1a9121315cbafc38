/**
 * Money in Kring: an amount is a BigInt of minor units (cents for EUR) with an ISO 4217
 * currency. Nothing here uses a float: typed text is parsed digit by digit into minor
 * units, sums add BigInts per currency, and display hands Intl.NumberFormat a decimal
 * string (exact) rather than a number. See docs/decisions/015-funding-and-money.md.
 */

export type Money = { amount: bigint; currency: string };

export const DEFAULT_CURRENCY = "EUR";

/**
 * The largest amount anyone can type, in major units of any currency: one billion.
 * A milestone of a social innovation that needs more is a typing mistake, and the cap
 * keeps every sum far inside PostgreSQL's bigint (and JavaScript's exact BigInt to number range is never needed).
 */
export const MAX_MAJOR_UNITS = 1_000_000_000n;

/** Longest typed amount we read at all ("1.000.000.000,000" plus spaces and a symbol). */
const MAX_INPUT_LENGTH = 40;

export type MoneyErrorCode =
  | "amount_required"
  | "amount_invalid"
  | "amount_not_positive"
  | "amount_too_large"
  | "amount_too_many_decimals"
  | "currency_unknown"
  | "currency_mismatch";

export class MoneyError extends Error {
  readonly code: MoneyErrorCode;
  constructor(code: MoneyErrorCode) {
    super(code);
    this.name = "MoneyError";
    this.code = code;
  }
}

let currencies: Set<string> | undefined;

/** The ISO 4217 codes this runtime's Intl knows (about 160), upper case. */
function supportedCurrencies(): Set<string> {
  currencies ??= new Set(Intl.supportedValuesOf("currency"));
  return currencies;
}

export function isCurrency(code: string): boolean {
  return supportedCurrencies().has(code);
}

const exponents = new Map<string, number>();

/** The currency's number of minor-unit digits (EUR 2, JPY 0, BHD 3), from Intl (remembered per currency). */
export function currencyExponent(currency: string): number {
  const known = exponents.get(currency);
  if (known !== undefined) return known;
  if (!isCurrency(currency)) throw new MoneyError("currency_unknown");
  const exponent = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  exponents.set(currency, exponent);
  return exponent;
}

/** The largest amount in minor units for a currency. */
export function maxMinorUnits(currency: string): bigint {
  return MAX_MAJOR_UNITS * 10n ** BigInt(currencyExponent(currency));
}

/** The separators a locale writes numbers with: decimal and group. */
function separators(locale: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  return {
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
  };
}

/** The currency's symbol in the locale ("€", "US$", "CHF"), to accept pasted formatted amounts. */
function currencySymbol(currency: string, locale: string): string {
  return (
    new Intl.NumberFormat(locale, { style: "currency", currency }).formatToParts(1).find((p) => p.type === "currency")?.value ??
    currency
  );
}

const SPACES = /[\s\u00A0\u202F\u2009']/g;

/**
 * Reads a typed amount into minor units of `currency`. Accepts "1234.56", "1234,56",
 * "1,234.56" and "1.234,56" (the locale decides the one ambiguous case, a single
 * separator followed by exactly three digits: "1.234" is 1234 in Dutch and 1.234 in
 * English), spaces and the currency's symbol or code. Refuses anything else with a
 * MoneyError: empty, not a number, negative or zero, more decimals than the currency has,
 * more than MAX_MAJOR_UNITS, an unknown currency.
 */
export function parseAmount(input: string, currency: string, locale = "en"): bigint {
  if (!isCurrency(currency)) throw new MoneyError("currency_unknown");
  const exponent = currencyExponent(currency);
  if (input.length > MAX_INPUT_LENGTH) throw new MoneyError("amount_invalid");
  let text = input.normalize("NFKC").trim();
  const symbol = currencySymbol(currency, locale);
  text = text.split(symbol).join("");
  text = text.replace(new RegExp(currency, "gi"), "");
  text = text.replace(SPACES, "");
  if (text === "") throw new MoneyError("amount_required");
  if (/^[-\u2212]/.test(text)) {
    if (/^[-\u2212][0-9.,]+$/.test(text)) throw new MoneyError("amount_not_positive");
    throw new MoneyError("amount_invalid");
  }
  if (!/^[0-9.,]+$/.test(text) || !/[0-9]/.test(text)) throw new MoneyError("amount_invalid");

  const { decimal: localeDecimal } = separators(locale);
  const dots = text.split(".").length - 1;
  const commas = text.split(",").length - 1;
  let decimal: "." | "," | null = null;
  if (dots > 0 && commas > 0) {
    decimal = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
  } else if (dots + commas === 1) {
    const sep = dots ? "." : ",";
    const after = text.length - text.indexOf(sep) - 1;
    // "1.234" is ambiguous: the locale's group separator with three digits after it is grouping.
    decimal = after === 3 && sep !== localeDecimal ? null : sep;
  }
  const group = decimal === "." ? "," : decimal === "," ? "." : dots ? "." : ",";
  if (decimal && text.split(decimal).length > 2) throw new MoneyError("amount_invalid");
  const [intPart = "", fracPart = ""] = decimal ? text.split(decimal) : [text];
  if (intPart.includes(group)) {
    // Grouped digits: 1 to 3 digits, then groups of exactly three.
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(intPart)) throw new MoneyError("amount_invalid");
  } else if (!/^\d*$/.test(intPart)) {
    throw new MoneyError("amount_invalid");
  }
  if (!/^\d*$/.test(fracPart) || (decimal && fracPart === "" && intPart === "")) throw new MoneyError("amount_invalid");
  const digits = intPart.split(group).join("");
  if (digits === "" && fracPart === "") throw new MoneyError("amount_invalid");
  // Trailing zeros beyond the currency's digits change nothing ("12.500" EUR is 12.50).
  const fraction = fracPart.replace(/0+$/, "");
  if (fraction.length > exponent) throw new MoneyError("amount_too_many_decimals");
  const minor = BigInt(digits || "0") * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, "0") || "0");
  if (minor === 0n) throw new MoneyError("amount_not_positive");
  if (minor > maxMinorUnits(currency)) throw new MoneyError("amount_too_large");
  return minor;
}

/** Minor units as an exact decimal string ("123456" EUR -> "1234.56"). */
export function toDecimalString(minor: bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(exponent);
  const whole = (abs / scale).toString();
  const fraction = exponent ? `.${(abs % scale).toString().padStart(exponent, "0")}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

type DecimalFormat = (value: `${number}`) => string;

/** Intl formats an exact decimal string (no float in between). */
function formatDecimal(format: Intl.NumberFormat, value: string): string {
  return (format.format as unknown as DecimalFormat)(value as `${number}`);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount for people to read, in their locale: "€ 1.234,56", "€1,234.56". */
export function formatMoney(minor: bigint, currency: string, locale: string): string {
  const decimal = toDecimalString(minor, currency);
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    // Locales and currencies are few (two locales, the currencies in use); the bound only guards odd input.
    if (moneyFormats.size < 1000) moneyFormats.set(key, format);
  }
  return formatDecimal(format, decimal);
}

/** An amount without its currency, as a form's input shows it ("1.234,56"). */
export function formatAmount(minor: bigint, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  const format = new Intl.NumberFormat(locale, { minimumFractionDigits: exponent, maximumFractionDigits: exponent });
  return formatDecimal(format, toDecimalString(minor, currency));
}

/** Adds two amounts of the same currency; different currencies never add up. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new MoneyError("currency_mismatch");
  return { amount: a.amount + b.amount, currency: a.currency };
}

/** Sums amounts of one currency; mixing currencies is refused (`currency_mismatch`). */
export function sumMoney(items: readonly Money[], currency: string): Money {
  return items.reduce<Money>((sum, item) => addMoney(sum, item), { amount: 0n, currency });
}

/** Sums per currency, sorted by currency code: never one total across currencies. */
export function sumByCurrency(items: readonly Money[]): Money[] {
  const totals = new Map<string, bigint>();
  for (const item of items) totals.set(item.currency, (totals.get(item.currency) ?? 0n) + item.amount);
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount }));
}

/** Whole percent of `part` in `whole` (floored, capped at 100), in integers. */
export function percentOf(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  const pct = (part * 100n) / whole;
  return Number(pct > 100n ? 100n : pct);
}
