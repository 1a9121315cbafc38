// JavaScript per route, from the production build's own manifests (no browser): the files the
// root HTML of every App Router page loads (build-manifest.json `rootMainFiles`, the Turbopack
// runtime among them) and the page's chunk group (`pagesChunkGroupBootstrapParams`), plus the
// client chunks of every segment the page renders: its layouts, error and not-found boundaries and
// the page itself (`entryJSFiles` of the page's client reference manifest). Each file counted once,
// gzip-compressed here at the level `next start` compresses with (zlib's default). The legacy
// `polyfillFiles` (loaded with `nomodule`, so never by a current browser) and chunks that code
// loads later on demand (dynamic import) are not counted: bench/budgets.ts checks the total
// against what Chromium downloads for the Lighthouse pages.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export type RouteJs = { route: string; files: string[]; raw: number; gzip: number };

type BuildManifest = {
  rootMainFiles?: string[];
  pagesChunkGroupBootstrapParams?: Record<string, { otherChunks?: string[] }>;
};

function clientManifests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) clientManifests(full, out);
    else if (name === "page_client-reference-manifest.js") out.push(full);
  }
  return out;
}

/** The `entryJSFiles` of a page's client reference manifest (a script that assigns globalThis.__RSC_MANIFEST[route]). */
function entryFiles(manifestFile: string): { route: string; files: string[] } {
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  new Function("globalThis", readFileSync(manifestFile, "utf8"))(sandbox);
  const [route, manifest] = Object.entries(sandbox.__RSC_MANIFEST ?? {})[0] ?? [];
  if (!route || !manifest) throw new Error(`no client reference manifest in ${manifestFile}`);
  return { route, files: Object.values(manifest.entryJSFiles ?? {}).flat() };
}

/** Every App Router page of the build in `distDir` (`/n/[slug]/(space)/dialogue/page`, ...) with its JavaScript. */
export function routeJsBytes(distDir: string): Map<string, RouteJs> {
  const build = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as BuildManifest;
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const size = (file: string) => {
    let known = sizes.get(file);
    if (!known) {
      const full = path.join(distDir, file.replace(/^\/?_next\//, "").replace(/^\//, ""));
      if (!existsSync(full)) throw new Error(`${file} is in a manifest but not in ${distDir}`);
      const bytes = readFileSync(full);
      known = { raw: bytes.length, gzip: gzipSync(bytes).length };
      sizes.set(file, known);
    }
    return known;
  };
  const routes = new Map<string, RouteJs>();
  for (const manifestFile of clientManifests(path.join(distDir, "server", "app"))) {
    const { route, files: entry } = entryFiles(manifestFile);
    const group = build.pagesChunkGroupBootstrapParams?.[route]?.otherChunks ?? [];
    const files = [...new Set([...(build.rootMainFiles ?? []), ...group, ...entry].filter((f) => f.endsWith(".js")))];
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const known = size(file);
      raw += known.raw;
      gzip += known.gzip;
    }
    routes.set(route, { route, files, raw, gzip });
  }
  return routes;
}
