import type { BrowserContext, Page } from "@playwright/test";

/** The nonce of a Content-Security-Policy header's script-src, or null. */
export function scriptNonce(csp: string | null): string | null {
  const scriptSrc = csp?.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src "));
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc ?? "")?.[1] ?? null;
}

/** Every opening tag of `tag` in an HTML document, with its `nonce` attribute (null when it has none). */
export function tagsWithNonce(html: string, tag: "script" | "style"): { tag: string; nonce: string | null }[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, "gi"))].map(([t]) => ({
    tag: t.slice(0, 160),
    nonce: /\snonce="([^"]*)"/.exec(t)?.[1] ?? null,
  }));
}

/** The request's cookies as a Cookie header, for requests made outside the browser. */
export async function cookieHeader(context: BrowserContext, url: string): Promise<string> {
  return (await context.cookies(url)).map((c) => `${c.name}=${c.value}`).join("; ");
}

/** What a payload (or the control) would request: tests/fixtures/xss-corpus.ts names these. */
export const PAYLOAD_URL = /\/xss-[a-z-]*fetched|evil\.example/i;

export type Detectors = {
  /** CSP violations the current document saw (`securitypolicyviolation` events). */
  violations: () => Promise<string[]>;
  /** CSP reports Chromium wrote to the console since the last reset. */
  consoleReports: () => string[];
  /** Traces of script that ran: dialogs, print(), fetch() and requests to payload URLs, `window.__xss`. */
  executions: () => Promise<string[]>;
  /** Forgets what was seen outside the page (console, dialogs, requests); the page's own lists start anew with each document. */
  reset: () => void;
};

/**
 * Arms a page before any of its documents load: listens for CSP violations, counts dialogs,
 * wraps print() and fetch(), watches for requests a payload would make, and exposes the
 * counter payloads bump (`window.__xss`). Call before the first navigation.
 */
export async function armDetectors(page: Page, opts: { suspiciousUrl?: RegExp } = {}): Promise<Detectors> {
  const suspicious = opts.suspiciousUrl ?? PAYLOAD_URL;
  const consoleViolations: string[] = [];
  const outside: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __ran: string[] };
    w.__csp = [];
    w.__ran = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}: ${e.sample}`);
    });
    const print = window.print.bind(window);
    window.print = () => {
      w.__ran.push("print()");
      void print;
    };
    const fetchOriginal = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (/\/xss-[a-z-]*fetched|evil\.example/i.test(url)) w.__ran.push(`fetch(${url})`);
      return fetchOriginal(input, init);
    };
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  page.on("dialog", (dialog) => {
    outside.push(`${dialog.type()}(${dialog.message()})`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on("request", (request) => {
    if (suspicious.test(request.url())) outside.push(`request ${request.url()}`);
  });
  return {
    violations: () => page.evaluate(() => [...(window as unknown as { __csp: string[] }).__csp]),
    consoleReports: () => [...consoleViolations],
    reset: () => {
      consoleViolations.length = 0;
      outside.length = 0;
    },
    executions: async () => {
      const inPage = await page.evaluate(() => {
        const w = window as unknown as { __ran: string[]; __xss?: number };
        return [...w.__ran, ...(w.__xss ? [`window.__xss = ${w.__xss}`] : [])];
      });
      return [...inPage, ...outside];
    },
  };
}

/** Lets the page finish what it does right after loading (hydration, effects) before detectors are read. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
}
