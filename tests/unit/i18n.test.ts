import { describe, expect, it } from "vitest";
import { isLocale, isTimeZone, negotiateLocale } from "@/lib/i18n/config";
import en from "@/lib/i18n/messages/en.json";
import nl from "@/lib/i18n/messages/nl.json";
import fc from "fast-check";

/** Every leaf key as a dotted path. */
function keys(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/**
 * The ICU arguments of a message ({name}, {count, plural, one {...} other {...}}), with
 * the ones inside plural/select branches; the branch keys and texts are not arguments.
 */
function argumentsOf(message: string): Set<string> {
  const found = new Set<string>();
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i} in ${JSON.stringify(message)}`);
  };
  const skipSpace = () => {
    while (/\s/.test(message[i] ?? "")) i++;
  };
  const word = () => {
    skipSpace();
    const start = i;
    while (i < message.length && !/[\s,{}]/.test(message[i]!)) i++;
    return message.slice(start, i);
  };
  // Text up to the closing brace of the enclosing branch (or the end).
  const text = (nested: boolean) => {
    while (i < message.length) {
      const c = message[i];
      if (c === "'" && message[i + 1] === "'") i += 2;
      else if (c === "'" && /[{}#]/.test(message[i + 1] ?? "")) i = message.indexOf("'", i + 1) + 1 || fail("open quote");
      else if (c === "{") argument();
      else if (c === "}") return nested ? undefined : fail("stray }");
      else i++;
    }
    if (nested) fail("unclosed branch");
  };
  const argument = () => {
    i++; // {
    const name = word();
    if (!/^[A-Za-z_]\w*$/.test(name)) fail(`bad argument name "${name}"`);
    found.add(name);
    skipSpace();
    if (message[i] === "}") return void i++;
    if (message[i] !== ",") fail("expected , or }");
    i++;
    const type = word();
    skipSpace();
    if (["plural", "select", "selectordinal"].includes(type)) {
      if (message[i] !== ",") fail("expected , after the type");
      i++;
      for (;;) {
        skipSpace();
        if (message[i] === "}") return void i++;
        const key = word();
        if (!key) fail("expected a branch key");
        skipSpace();
        if (message[i] !== "{") fail(`expected { after ${key}`);
        i++;
        text(true);
        i++; // }
      }
    }
    // number, date, time: an optional style, then }
    const close = message.indexOf("}", i);
    if (close < 0) fail("unclosed argument");
    i = close + 1;
  };
  text(false);
  return found;
}

function leaf(messages: object, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], messages);
}

describe("message catalogues", () => {
  const enKeys = keys(en);
  const nlKeys = keys(nl);

  it("have the same keys in English and Dutch", () => {
    expect(enKeys.filter((k) => !nlKeys.includes(k)), "missing in nl.json").toEqual([]);
    expect(nlKeys.filter((k) => !enKeys.includes(k)), "missing in en.json").toEqual([]);
  });

  it("have no empty messages", () => {
    for (const [name, messages, list] of [["en", en, enKeys], ["nl", nl, nlKeys]] as const) {
      for (const key of list) {
        const value = leaf(messages, key);
        expect(typeof value === "string" && value.trim().length > 0, `${name}: ${key}`).toBe(true);
      }
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const key of enKeys) {
      const a = leaf(en, key);
      const b = leaf(nl, key);
      if (typeof a !== "string" || typeof b !== "string") continue;
      expect(argumentsOf(b), key).toEqual(argumentsOf(a));
    }
  });
});

describe("the placeholder reader", () => {
  it("finds arguments, also inside branches, and skips branch texts", () => {
    expect(argumentsOf("Hi {name}")).toEqual(new Set(["name"]));
    expect(argumentsOf("{n, plural, =0 {none} one {# by {who}} other {#}} {x, number}")).toEqual(new Set(["n", "who", "x"]));
    expect(argumentsOf("{role, select, broker {makelaar} other {lid}}")).toEqual(new Set(["role"]));
    expect(argumentsOf("It''s '{literal}'")).toEqual(new Set());
    expect(() => argumentsOf("{oops")).toThrow();
  });
});

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    [undefined, "en"],
    ["", "en"],
    ["nl", "nl"],
    ["NL", "nl"],
    ["nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", "nl"],
    ["nl-BE", "nl"],
    ["en-GB,en;q=0.9,nl;q=0.8", "en"],
    ["de-DE,de;q=0.9", "en"],
    ["de-DE,de;q=0.9,nl;q=0.5,en;q=0.4", "nl"],
    ["en;q=0.1, nl;q=0.9", "nl"],
    ["en;q=0, nl;q=0.1", "nl"],
    ["nl;q=0", "en"],
    ["nl;q=abc", "en"],
    ["*", "en"],
    [",,;;q=,", "en"],
    ["fr, nl ;q=0.8", "nl"],
  ])("%j → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it("never throws and always answers a supported language", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (header) => {
        expect(isLocale(negotiateLocale(header))).toBe(true);
      }),
    );
  });
});

describe("isTimeZone", () => {
  it("accepts IANA zones and refuses anything else", () => {
    expect(isTimeZone("Europe/Amsterdam")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone(42)).toBe(false);
    expect(isTimeZone("x".repeat(65))).toBe(false);
  });
});
