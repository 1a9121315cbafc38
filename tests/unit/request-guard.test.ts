import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
import { REQUEST_BODY_MAX_BYTES, refuseRequest } from "@/lib/security/request-guard";

const PUBLIC = "https://kring.example";

function status(url: string, init: { method?: string; headers?: Record<string, string> } = {}): number | null {
  const refused = refuseRequest({ method: init.method ?? "GET", url, headers: new Headers(init.headers) }, PUBLIC);
  return refused ? refused.status : null;
}

describe("requests refused before any route runs (issue 15)", () => {
  it("lets ordinary requests through, encoded text included", () => {
    for (const url of [
      "https://kring.example/",
      "https://kring.example/n/siac/dialogue?level=i&area=all&q=caf%C3%A9+bar",
      "https://kring.example/n/caf%C3%A9",
      "https://kring.example/n/siac/dialogue/abc?cursor=x%2By%3D%3D",
      "https://kring.example/search?q=100%25",
    ]) {
      expect(status(url), url).toBeNull();
    }
  });

  it("answers 400 to NUL and to invalid percent-encoding, in a path segment or a query value", () => {
    for (const url of [
      "https://kring.example/n/%00",
      "https://kring.example/n/siac/dialogue/abc%00def",
      "https://kring.example/n/siac/dialogue?cursor=%00",
      "https://kring.example/n/siac/dialogue?x%00=1",
      "https://kring.example/n/%",
      "https://kring.example/n/%E0%A4%A",
      "https://kring.example/n/%ZZ",
      "https://kring.example/n/%C0%AF",
      "https://kring.example/n/%FF",
      "https://kring.example/n/siac/cycles?tab=%E0%A4%A",
      "https://kring.example/api/account/export?format=%",
    ]) {
      expect(status(url), url).toBe(400);
    }
  });

  it("answers 405 with Allow to TRACE and other methods no route has", () => {
    for (const method of ["TRACE", "TRACK", "CONNECT", "PROPFIND", "FOO"]) {
      const res = refuseRequest({ method, url: `${PUBLIC}/`, headers: new Headers() }, PUBLIC)!;
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    }
    for (const method of ["GET", "HEAD", "POST", "OPTIONS"]) expect(status(`${PUBLIC}/`, { method }), method).toBeNull();
  });

  it("answers 413 to a body declared larger than the largest form", () => {
    const post = (length: number) => status(`${PUBLIC}/signin`, { method: "POST", headers: { "content-length": String(length), origin: PUBLIC } });
    expect(post(REQUEST_BODY_MAX_BYTES)).toBeNull();
    expect(post(REQUEST_BODY_MAX_BYTES + 1)).toBe(413);
    expect(post(10 * 1024 * 1024)).toBe(413);
  });

  it("refuses a state-changing request without Origin whose Referer is another site's", () => {
    const post = (headers: Record<string, string>) => status(`${PUBLIC}/n/siac`, { method: "POST", headers: { host: "kring.example", ...headers } });
    expect(post({ referer: "https://evil.example/page" })).toBe(403);
    expect(post({ referer: "https://kring.example.evil.example/" })).toBe(403);
    expect(post({ referer: "not a url" })).toBe(403);
    expect(post({ referer: "https://kring.example/n/siac" })).toBeNull();
    expect(post({ origin: "https://kring.example", referer: "https://evil.example/" })).toBeNull(); // Origin decides: Next checks it
    expect(post({})).toBeNull(); // neither header: not a browser's cross-site request
    expect(status(`${PUBLIC}/n/siac`, { headers: { referer: "https://evil.example/" } })).toBeNull(); // a link from elsewhere
  });

  it("next.config.js caps server actions and the proxy's buffer at the same size", async () => {
    // Plain JavaScript, loaded as Next loads it.
    const file = pathToFileURL(path.join(process.cwd(), "next.config.js")).href;
    const nextConfig = ((await import(/* @vite-ignore */ file)) as { default: NextConfig }).default;
    const experimental = (nextConfig.experimental ?? {}) as Record<string, unknown>;
    const mb = (value: unknown) => Number(/^(\d+)mb$/.exec(String(value))?.[1]) * 1024 * 1024;
    expect(mb((experimental.serverActions as { bodySizeLimit?: string })?.bodySizeLimit)).toBe(REQUEST_BODY_MAX_BYTES);
    expect(mb(experimental.proxyClientMaxBodySize)).toBe(REQUEST_BODY_MAX_BYTES);
  });
});
