import { describe, expect, it } from "vitest";
import { anonymise, nameVariants, type AnonymiseContext } from "@/lib/sharing/anonymise";

const members = ["Jan van der Berg", "Anna de Vries", "José Martínez", "Sjoerd ’t Hart", "An Li", "Ann Lee", "Maria Kowalski-Nowak"];

function ctx(over: Partial<AnonymiseContext> = {}): AnonymiseContext {
  return {
    mode: "anonymous",
    memberNames: members,
    networkName: "Sociale InnovatieFabriek",
    networkSlug: "sif",
    publicUrl: "https://kring.example.org",
    locale: "nl",
    ...over,
  };
}

describe("nameVariants", () => {
  it("gives the whole name, the family name with particles, given + family, and each name alone", () => {
    const texts = nameVariants("Jan van der Berg").map((v) => v.text);
    expect(texts).toEqual(expect.arrayContaining(["Jan van der Berg", "van der Berg", "Jan Berg", "Jan", "Berg"]));
    expect(texts).not.toContain("van");
    expect(texts).not.toContain("der");
  });

  it("matches names of one or two letters only as written", () => {
    expect(nameVariants("An Li").filter((v) => v.caseSensitive).map((v) => v.text)).toEqual(["An", "Li"]);
  });
});

describe("anonymise: names", () => {
  it("keeps the text as it is when everyone agreed to be named", () => {
    const text = "Jan van der Berg (jan@example.org, 06-12345678) wrote this.";
    expect(anonymise(text, ctx({ mode: "names" }))).toBe(text);
  });

  it.each([
    ["Jan van der Berg led the pilot.", "[naam] led the pilot."],
    ["jan van der berg led the pilot.", "[naam] led the pilot."],
    ["JAN VAN DER BERG led the pilot.", "[naam] led the pilot."],
    ["Ask van der Berg about it.", "Ask [naam] about it."],
    ["Ask Van der Berg about it.", "Ask [naam] about it."],
    ["Ask Jan about it.", "Ask [naam] about it."],
    ["Jan  van\u00a0der Berg said so", "[naam] said so"],
    ["Ask Berg.", "Ask [naam]."],
    ["Anna de Vries and de Vries again", "[naam] and [naam] again"],
    ["Jose Martinez and José Martínez and JOSÉ", "[naam] and [naam] and [naam]"],
    ["Martínez’s plan", "[naam]’s plan"],
    ["Sjoerd 't Hart and ’t Hart", "[naam] and [naam]"],
    ["Maria Kowalski-Nowak and Kowalski Nowak", "[naam] and [naam]"],
    ["An and Li met, an idea", "[naam] and [naam] met, an idea"],
    ["Ann Lee, Ann and Lee", "[naam], [naam] and [naam]"],
  ])("removes names from %j", (input, expected) => {
    expect(anonymise(input, ctx({ mode: "network" }))).toBe(expected);
  });

  it("matches a one-word name that is short or a particle only as written", () => {
    const c = ctx({ mode: "network", memberNames: ["Jo", "De"] });
    expect(anonymise("Jo and De came; de buurt and jo-jo stayed.", c)).toBe("[naam] and [naam] came; de buurt and jo-jo stayed.");
  });

  it("matches names only as whole words", () => {
    expect(anonymise("Januari, de ijsberg, Bergen, Annabel, Leeds", ctx({ mode: "network" }))).toBe("Januari, de ijsberg, Bergen, Annabel, Leeds");
  });

  it("leaves particles alone when they stand without a name", () => {
    expect(anonymise("De kern van de zaak is de buurt.", ctx({ mode: "network" }))).toBe("De kern van de zaak is de buurt.");
  });

  it("matches a name written with combining accents", () => {
    expect(anonymise("Jose\u0301 came", ctx({ mode: "network" }))).toBe("[naam] came");
  });

  it("uses English markers for an English text", () => {
    expect(anonymise("Jan said", ctx({ locale: "en" }))).toBe("[name] said");
  });

  it("escapes markers in Markdown so they never read as a link", () => {
    expect(anonymise("Jan(coach) helped", ctx({ markdown: true }))).toBe("\\[naam\\](coach) helped");
  });
});

describe("anonymise: mentions, addresses and numbers", () => {
  it("removes @mentions of members (whole names) and any other @handle", () => {
    expect(anonymise("Thanks @Jan van der Berg and @someone_else!", ctx())).toBe("Thanks [naam] and [naam]!");
  });

  it.each([
    "jan@example.org",
    "Jan.van.der.Berg+kring@gemeente-breda.nl",
    "info@sociale-innovatiefabriek.be",
    "o'brien@example.co.uk",
  ])("removes the email address %s", (email) => {
    expect(anonymise(`Mail ${email} today.`, ctx({ memberNames: [] }))).toBe("Mail [e-mail] today.");
  });

  it.each([
    "06-12345678",
    "06 12345678",
    "0612345678",
    "06 1234 5678",
    "06 12 34 56 78",
    "+31 6 12345678",
    "+31 (0)6 12345678",
    "+31612345678",
    "0031 6 1234 5678",
    "010-1234567",
    "020 123 4567",
    "0412-123456",
    "+31 20 123 4567",
    "+32 2 123 45 67",
    "+44 20 7946 0958",
    "+1 (555) 123-4567",
  ])("removes the phone number %s", (phone) => {
    expect(anonymise(`Call ${phone} now.`, ctx({ memberNames: [] }))).toBe("Call [telefoon] now.");
  });

  it.each(["In 2019-2021 we ran 12 pilots.", "On 01-02-2024 at 10:00.", "Budget €1.250.000 and 45000 euro.", "Project 123456789."])(
    "keeps numbers that are not phone numbers: %j",
    (text) => {
      expect(anonymise(text, ctx({ memberNames: [] }))).toBe(text);
    },
  );
});

describe("anonymise: links to the network's own pages", () => {
  it.each([
    "https://kring.example.org/n/sif/initiatives/abc",
    "http://kring.example.org/n/sif",
    "kring.example.org/n/sif/dialogue/t1#reply-2",
    "/n/sif/exchange/p1",
  ])("removes %s", (url) => {
    expect(anonymise(`See ${url} for more.`, ctx({ mode: "network", memberNames: [] }))).toBe("See [link] for more.");
  });

  it("reads a slug with dashes and a public address with a port", () => {
    const c = ctx({ mode: "network", memberNames: [], networkSlug: "net-a.b", publicUrl: "http://localhost:3000" });
    expect(anonymise("See http://localhost:3000/n/net-a.b/x and /n/net-a.b and /n/netxa.b.", c)).toBe("See [link] and [link] and /n/netxa.b.");
  });

  it("keeps a Markdown link's words and drops its target", () => {
    expect(anonymise("Read [the plan](https://kring.example.org/n/sif/initiatives/x).", ctx({ mode: "network", markdown: true, memberNames: [] }))).toBe(
      "Read the plan (\\[link\\]).",
    );
  });

  it("keeps links elsewhere, and pages of other networks", () => {
    const text = "See https://example.com/n/sif and https://kring.example.org/n/sifted/x and https://kring.example.org/commons.";
    expect(anonymise(text, ctx({ mode: "network", memberNames: [] }))).toBe(text);
  });

  it("takes the network's name and the members' names in one pass: the longer phrase wins where both start", () => {
    const group = ctx({ networkName: "Buurtkracht", memberNames: ["Buurtkracht Jansen", "Els Buurt"] });
    expect(anonymise("Buurtkracht Jansen and Els spoke for Buurtkracht.", group)).toBe("[naam] and [naam] spoke for [netwerk].");
    // Where they are as long, it is the network's name: a reader knows what kind of thing was there.
    expect(anonymise("Hello Buurtkracht!", ctx({ networkName: "Buurtkracht", memberNames: ["Buurtkracht"] }))).toBe("Hello [netwerk]!");
    expect(anonymise("Hello Buurtkracht!", ctx({ mode: "network", networkName: "Buurtkracht", memberNames: ["Buurtkracht"] }))).toBe("Hello [naam]!");
  });
});

describe("anonymise: the network's name", () => {
  it("removes the network's name and slug in the anonymous mode only", () => {
    const text = "At the Sociale InnovatieFabriek (sociale innovatiefabriek, SIF) we learned.";
    expect(anonymise(text, ctx({ memberNames: [] }))).toBe("At the [netwerk] ([netwerk], [netwerk]) we learned.");
    expect(anonymise(text, ctx({ mode: "network", memberNames: [] }))).toBe(text);
  });
});

describe("anonymise: the fixture of issue 21", () => {
  it("leaves none of the names, addresses or mobile numbers", () => {
    const text = [
      "Jan van der Berg (jan.vdberg@example.nl, 06-12345678) and Anna de Vries (06 8765 4321) ran the pilot.",
      "Later van der Berg wrote to anna@devries.nl; call +31 6 11122233 with questions.",
      "@Anna de Vries: see https://kring.example.org/n/sif/initiatives/i1",
    ].join("\n");
    const out = anonymise(text, ctx({ markdown: true }));
    for (const gone of ["Jan", "Berg", "Anna", "Vries", "@", "06", "+31", "/n/sif"]) expect(out).not.toContain(gone);
    expect(out).toContain("ran the pilot");
  });

  it("anonymises the longest snapshot against two thousand member names in a few seconds at most", () => {
    const names = Array.from({ length: 2_000 }, (_, i) => `Persoon${i} van der Achternaam${i}`);
    const text = "Persoon7 van der Achternaam7 en Achternaam1999 deden mee, bel 06-12345678. ".repeat(500).slice(0, 40_000);
    const started = Date.now();
    const out = anonymise(text, ctx({ memberNames: names, markdown: true }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(out).not.toMatch(/Persoon7|Achternaam/);
  });

  it("survives hostile input without catastrophic backtracking", () => {
    const long = `${"0 ".repeat(20_000)}${"a@".repeat(5_000)}${"Jan van ".repeat(5_000)}`;
    const started = Date.now();
    anonymise(long, ctx());
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
