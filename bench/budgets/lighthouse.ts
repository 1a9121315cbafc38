// Lighthouse (npm `lighthouse`) on Debian's Chromium, headless: performance and accessibility
// scores of a page, signed in through the session cookie (set in the browser through Puppeteer,
// Lighthouse's own dependency and its documented way to audit pages behind a sign-in; storage is
// not reset between runs, so the cookie stays, but the HTTP cache is cleared before each; a `Cookie` header in Lighthouse's extraHeaders does
// not reach the page's navigation), and the JavaScript Chromium actually downloaded for it (the `network-requests`
// audit's script transfers: gzip as sent, headers included), to check the manifest-based figures
// of js-bytes.ts against. Lighthouse's default settings: a mobile device, simulated slow 4G and a
// 4x slower CPU; BENCH_LIGHTHOUSE_PRESET=desktop uses its desktop settings instead.
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";
import puppeteer from "puppeteer-core";

export type LighthouseResult = {
  name: string;
  url: string;
  performance: number | null;
  accessibility: number | null;
  /** Script responses Chromium received: count and bytes on the wire. */
  scripts: number;
  scriptTransferBytes: number;
  /** Accessibility audits that failed, by id, for the report. */
  failedAccessibility: string[];
  error?: string;
};

type NetworkItem = { url?: string; resourceType?: string; transferSize?: number };

const CHROMIUM = process.env.CHROME_PATH ?? "/usr/bin/chromium";

/** Runs Lighthouse on each page in turn, in one headless Chromium that is closed afterwards. */
export async function runLighthouse(pages: { name: string; url: string; cookie: string }[]): Promise<LighthouseResult[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const preset = process.env.BENCH_LIGHTHOUSE_PRESET === "desktop" ? desktopConfig : undefined;
  const results: LighthouseResult[] = [];
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  try {
    for (const page of pages) {
      const tab = await browser.newPage();
      try {
        const [name, ...value] = page.cookie.split("=");
        await browser.setCookie({ name: name!, value: value.join("="), domain: new URL(page.url).hostname, path: "/", httpOnly: true, sameSite: "Lax" });
        // Every page as a first visit: Lighthouse keeps storage (the cookie), so the HTTP cache goes here.
        const cdp = await tab.createCDPSession();
        await cdp.send("Network.clearBrowserCache");
        await cdp.detach();
        const run = await lighthouse(
          page.url,
          { logLevel: "error", output: "json", onlyCategories: ["performance", "accessibility"], disableStorageReset: true },
          preset,
          tab,
        );
        if (!run) throw new Error("Lighthouse returned no result");
        const lhr = run.lhr;
        if (lhr.runtimeError) throw new Error(lhr.runtimeError.message);
        const items = ((lhr.audits["network-requests"]?.details as { items?: NetworkItem[] } | undefined)?.items ?? []).filter(
          (item) => item.resourceType === "Script",
        );
        const accessibilityAudits = lhr.categories.accessibility?.auditRefs ?? [];
        results.push({
          name: page.name,
          url: lhr.finalDisplayedUrl,
          performance: scoreOf(lhr.categories.performance?.score),
          accessibility: scoreOf(lhr.categories.accessibility?.score),
          scripts: items.length,
          scriptTransferBytes: items.reduce((sum, item) => sum + (item.transferSize ?? 0), 0),
          failedAccessibility: accessibilityAudits
            .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== null && (lhr.audits[ref.id]?.score ?? 1) < 1)
            .map((ref) => ref.id),
        });
      } catch (error) {
        results.push({
          name: page.name,
          url: page.url,
          performance: null,
          accessibility: null,
          scripts: 0,
          scriptTransferBytes: 0,
          failedAccessibility: [],
          error: error instanceof Error ? error.message : String(error),
        });
      } finally {
        await tab.close();
      }
    }
  } finally {
    await browser.disconnect();
    chrome.kill();
  }
  return results;
}

function scoreOf(score: number | null | undefined): number | null {
  return typeof score === "number" ? Math.round(score * 100) : null;
}
