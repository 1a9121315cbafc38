import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const production = { NODE_ENV: "production", AUTH_SECRET: "a-production-secret-0123456789", SMTP_URL: "smtp://mail.example:587" };

describe("the public address (KRING_PUBLIC_URL), the origin of every link in an email", () => {
  it("is required in production, with a message that says why", () => {
    expect(() => parseEnv(production)).toThrow(/KRING_PUBLIC_URL is required in production.*never from the request's Host/);
  });

  it("is the configured origin, with or without a trailing slash", () => {
    expect(parseEnv({ ...production, KRING_PUBLIC_URL: "https://kring.example" }).publicUrl).toBe("https://kring.example");
    expect(parseEnv({ ...production, KRING_PUBLIC_URL: "https://kring.example/" }).publicUrl).toBe("https://kring.example");
    expect(parseEnv({ ...production, KRING_PUBLIC_URL: "https://Kring.Example:8443" }).publicUrl).toBe("https://kring.example:8443");
  });

  it("may be given as AUTH_URL alone, also with Auth.js's path", () => {
    expect(parseEnv({ ...production, AUTH_URL: "https://kring.example/api/auth" }).publicUrl).toBe("https://kring.example");
    expect(parseEnv({ ...production, AUTH_URL: "https://kring.example" }).publicUrl).toBe("https://kring.example");
  });

  it("refuses two different addresses, and a path Kring is not served under", () => {
    expect(() => parseEnv({ ...production, KRING_PUBLIC_URL: "https://kring.example", AUTH_URL: "https://other.example" })).toThrow(
      /AUTH_URL and KRING_PUBLIC_URL differ/,
    );
    expect(() => parseEnv({ ...production, KRING_PUBLIC_URL: "https://kring.example/kring" })).toThrow(/expected an origin/);
    expect(() => parseEnv({ ...production, KRING_PUBLIC_URL: "https://kring.example/?next=x" })).toThrow(/expected an origin/);
    expect(() => parseEnv({ ...production, KRING_PUBLIC_URL: "javascript:alert(1)" })).toThrow(/KRING_PUBLIC_URL/);
    // The same origin twice is one address.
    expect(parseEnv({ ...production, KRING_PUBLIC_URL: "https://kring.example", AUTH_URL: "https://kring.example/api/auth" }).publicUrl).toBe(
      "https://kring.example",
    );
  });

  it("outside production defaults to localhost on the port the server listens on", () => {
    expect(parseEnv({ NODE_ENV: "development" }).publicUrl).toBe("http://localhost:3000");
    expect(parseEnv({ NODE_ENV: "development", PORT: "4123" }).publicUrl).toBe("http://localhost:4123");
  });
});
