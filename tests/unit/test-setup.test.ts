import { describe, expect, it } from "vitest";
import { assertLocalDatabase, databaseUrl, quoteIdent } from "../setup/database";

describe("the test environment", () => {
  it("runs in Europe/Amsterdam, so date bugs show", () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("Europe/Amsterdam");
    expect(new Date("2026-01-15T12:00:00Z").getTimezoneOffset()).toBe(-60);
    expect(new Date("2026-07-15T12:00:00Z").getTimezoneOffset()).toBe(-120);
  });
});

describe("the test database guard", () => {
  it.each([
    "postgresql://postgres@127.0.0.1:5432/postgres",
    "postgres://postgres@localhost/postgres",
    "postgresql://postgres@[::1]:5432/postgres",
    "postgresql://postgres@localhost/postgres?host=/var/run/postgresql",
  ])("accepts the local server %s", (url) => {
    expect(() => assertLocalDatabase(url)).not.toThrow();
  });

  it.each([
    "postgresql://postgres@db.example.com:5432/postgres",
    "postgresql://postgres@10.0.0.5/postgres",
    "postgresql://postgres@127.0.0.1.evil.example/postgres",
    "postgresql://postgres@localhost/postgres?host=prod.example.com",
    "mysql://root@127.0.0.1/test",
    "not a url",
  ])("refuses %s", (url) => {
    expect(() => assertLocalDatabase(url)).toThrow();
  });

  it("names databases safely", () => {
    expect(databaseUrl("postgresql://postgres@127.0.0.1:5432/postgres?sslmode=disable", "kring_test_1")).toBe(
      "postgresql://postgres@127.0.0.1:5432/kring_test_1?sslmode=disable",
    );
    expect(quoteIdent("kring_test_ab12_1")).toBe('"kring_test_ab12_1"');
    expect(() => quoteIdent('x"; DROP DATABASE postgres; --')).toThrow();
  });
});
