import { test as base, type BrowserContextOptions, type Page } from "@playwright/test";

export { expect } from "@playwright/test";

/**
 * `newPage()` opens another person's browser: a separate context (own cookies), closed
 * after the test. The config's options (base URL, time zone, locale) apply to it too.
 */
export const test = base.extend<{ newPage: (options?: BrowserContextOptions) => Promise<Page> }>({
  newPage: async ({ browser }, provide) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await provide(async (options) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});
