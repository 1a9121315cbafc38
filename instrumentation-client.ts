/**
 * Runs in the browser before the app's own code (Next.js `instrumentation-client`).
 *
 * Zod, which the client forms import for their limits and schemas, probes whether it may compile
 * parsers with `new Function` the first time an object schema is built. Under Kring's
 * Content-Security-Policy (no 'unsafe-eval', decision 017) the probe fails as intended, but
 * Chromium still reports it as a CSP violation, which would hide real ones. Zod reads its global
 * configuration from `globalThis.__zod_globalConfig` (shared by every copy of zod on the page);
 * `jitless` makes it skip the probe and parse without compiling, as it would after the probe failed.
 */
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };
