// @ts-check
import createNextIntlPlugin from "next-intl/plugin";

// Messages are compiled at build time (icu-minify), so browsers get no ICU parser: about 12 kB
// gzip less on every route (decision 023). Code outside the build (tests, benches) reads the
// same JSON files raw and formats them with the full formatter.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true },
  },
});

/** Sent on every response (decision 017); tests/unit/security-headers.test.ts checks them. */
export const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // These load WebAssembly and data files from node_modules at run time.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "@prisma/driver-adapter-utils",
    "pg",
    "nodemailer",
    // Reads its VTIMEZONE files next to itself (calendar feeds, decision 037).
    "@touch4it/ical-timezones",
  ],
  // KRING_DIST_DIR lets several builds live side by side (parallel work, benches); `.next` by default.
  distDir: process.env.KRING_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` type-checks the whole project (`npm run typecheck`) before it builds, so its build
  // skips Next's second pass over the same files (about 35 s of CI). Every other build checks.
  typescript: { ignoreBuildErrors: process.env.KRING_BUILD_TYPECHECKED === "1" },
  // The largest body Kring accepts (REQUEST_BODY_MAX_BYTES in lib/security/request-guard.ts,
  // kept equal by tests/unit/request-guard.test.ts): for server actions, and for what the
  // proxy buffers of a request whose length it is not told (10 MB by default).
  experimental: { serverActions: { bodySizeLimit: "1mb" }, proxyClientMaxBodySize: "1mb" },
  // Links to pages that do not exist fail the type check (`npm run typecheck` runs `next typegen`
  // first, so new pages are known). A path kept in a variable is checked with `route()` (lib/route.ts).
  typedRoutes: true,
  // Headers that never change, on every response, static files included. The Content-Security-Policy
  // (a fresh nonce per request) and HSTS (decided at run time) come from proxy.ts. Decision 017.
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
