import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, HSTS, httpsOnly } from "@/lib/security/headers";

type Header = { key: string; value: string };

/** next.config.js is plain JavaScript (no types to import): loaded as Next loads it. */
async function loadNextConfig(): Promise<{ default: NextConfig; securityHeaders: Header[] }> {
  const file = pathToFileURL(path.join(process.cwd(), "next.config.js")).href;
  return import(/* @vite-ignore */ file);
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values.join(" ")];
    }),
  );
}

describe("Strict-Transport-Security", () => {
  it.each([
    [{ NODE_ENV: "production" }, true],
    [{ NODE_ENV: "production", KRING_ENV: "production" }, true],
    // The end-to-end tests run a production build over plain http.
    [{ NODE_ENV: "production", KRING_ENV: "test" }, false],
    [{ NODE_ENV: "production", KRING_ENV: "development" }, false],
    [{ NODE_ENV: "development" }, false],
    [{ NODE_ENV: "test" }, false],
    [{}, false],
    // Any deployment whose public address is https, even a test or staging one.
    [{ NODE_ENV: "production", KRING_ENV: "test", KRING_PUBLIC_URL: "https://staging.kring.example" }, true],
    [{ NODE_ENV: "development", KRING_PUBLIC_URL: "https://kring.example" }, true],
    [{ NODE_ENV: "production", KRING_PUBLIC_URL: "http://kring.internal" }, true],
    [{ NODE_ENV: "production", KRING_ENV: "test", KRING_PUBLIC_URL: "http://localhost:3000" }, false],
    [{ NODE_ENV: "production", KRING_ENV: "test", AUTH_URL: "https://kring.example" }, true],
    [{ NODE_ENV: "production", KRING_ENV: "test", KRING_PUBLIC_URL: "http://localhost:3000", AUTH_URL: "https://kring.example" }, false],
  ])("%j sends them: %s", (env, expected) => {
    expect(httpsOnly(env)).toBe(expected);
  });

  it("asks browsers to remember https for two years, sub-domains included", () => {
    expect(HSTS).toBe("max-age=63072000; includeSubDomains");
  });
});

describe("the Content-Security-Policy", () => {
  const nonce = "bm9uY2Utbm9uY2Utbm9uY2U=";

  it("allows only nonced scripts (and what they load), in production", () => {
    const d = directives(contentSecurityPolicy(nonce, { dev: false }));
    expect(d.get("script-src")).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(d.get("style-src")).toBe(`'self' 'nonce-${nonce}'`);
    expect(d.get("style-src-attr")).toBe("'unsafe-inline'");
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'none'");
    expect(d.get("frame-ancestors")).toBe("'none'");
    expect(d.get("form-action")).toBe("'self'");
    expect(d.get("connect-src")).toBe("'self'");
    expect(d.get("img-src")).toBe("'self' data:");
    expect(d.get("default-src")).toBe("'self'");
    expect(d.has("upgrade-insecure-requests")).toBe(false);
  });

  it("never allows eval or inline script outside development", () => {
    const csp = contentSecurityPolicy(nonce, { dev: false });
    expect(csp).not.toContain("unsafe-eval");
    expect(directives(csp).get("script-src")).not.toContain("unsafe-inline");
  });

  it("adds only what next dev needs in development", () => {
    const d = directives(contentSecurityPolicy(nonce, { dev: true }));
    expect(d.get("script-src")).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval'`);
    expect(d.get("style-src")).toBe("'self' 'unsafe-inline'");
  });

  it("makes a different 128-bit nonce every time", () => {
    const nonces = Array.from({ length: 200 }, createNonce);
    expect(new Set(nonces).size).toBe(200);
    for (const n of nonces) {
      expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(n, "base64")).toHaveLength(16);
    }
  });
});

describe("next.config.js", () => {
  it("sends nosniff, a strict referrer policy and a permissions policy on every path", async () => {
    const { default: nextConfig, securityHeaders } = await loadNextConfig();
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*");
    expect(all?.headers).toEqual(securityHeaders);
    const byName = new Map(securityHeaders.map((h) => [h.key.toLowerCase(), h.value]));
    expect(byName.get("x-content-type-options")).toBe("nosniff");
    expect(byName.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    for (const feature of ["camera", "microphone", "geolocation"]) expect(byName.get("permissions-policy")).toContain(`${feature}=()`);
  });

  it("does not announce Next.js (no X-Powered-By)", async () => {
    const { default: nextConfig } = await loadNextConfig();
    expect(nextConfig.poweredByHeader).toBe(false);
  });
});
