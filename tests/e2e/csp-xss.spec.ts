import type { Page } from "@playwright/test";
import { REPLIES_PAGE_SIZE } from "../../lib/dialogue/limits";
import { xssPayloads } from "../fixtures/xss-corpus";
import { newEmail, newSlug, signIn } from "./support/auth";
import { armDetectors, scriptNonce, settle, type Detectors } from "./support/csp";
import { createNetwork } from "./support/networks";
import { expect, test } from "./support/test";

/**
 * The stored-XSS corpus (tests/fixtures/xss-corpus.ts) through the real app: every payload is
 * posted with the real forms as a thread or a reply, and the threads are opened in Chromium
 * under the real Content-Security-Policy (decision 017), freshly loaded and as they arrive
 * live on an open page. Anything a payload runs would show as a dialog, a print(), a request
 * or fetch() to a payload URL, or a bump of `window.__xss`; anything the policy has to block
 * shows as a violation. Both must stay at zero. The control test proves the detectors see
 * both when there is something to see.
 */

/** Replies per thread: the thread page shows the first REPLIES_PAGE_SIZE (25). */
const PER_THREAD = REPLIES_PAGE_SIZE;
/** Posts per person: below the posting rate limit (KRING_RATE_POSTS, 30 per 5 minutes by default). */
const PER_PERSON = 25;

async function postThread(page: Page, slug: string, title: string, body: string): Promise<string> {
  await page.goto(`/n/${slug}/dialogue/new`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Text").fill(body);
  await page.getByRole("button", { name: "Start thread" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function postReply(page: Page, path: string, body: string): Promise<void> {
  if (new URL(page.url()).pathname !== path) await page.goto(path);
  const box = page.getByRole("textbox", { name: "Reply", exact: true });
  await box.fill(body);
  await page.getByRole("button", { name: "Post reply" }).click();
  // The composer empties once the reply is stored; a refusal would keep the text and fail here.
  await expect(box).toHaveValue("");
}

async function join(page: Page, slug: string): Promise<void> {
  await page.goto(`/n/${slug}`);
  await page.getByLabel("I have read the principles and accept them.").check();
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Dialogue" })).toBeVisible();
}

function replies(page: Page) {
  return page.locator('article[aria-label^="Reply by"]');
}

async function expectNothingRan(detectors: Detectors, where: string): Promise<void> {
  expect(await detectors.executions(), `script ran on ${where}`).toEqual([]);
  expect(await detectors.violations(), `CSP violations on ${where}`).toEqual([]);
  expect(detectors.consoleReports(), `CSP reports on the console of ${where}`).toEqual([]);
}

/**
 * The corpus in two halves, each on its own network: the two run side by side on the two
 * workers instead of one long test at the end of the run. (The file's name sorts early for
 * the same reason: Playwright hands out tests in file order, and the longest should start first.)
 */
const HALF = Math.ceil(xssPayloads.length / 2);
const halves = [xssPayloads.slice(0, HALF), xssPayloads.slice(HALF)] as const;

for (const [part, payloads] of halves.entries()) {
  test(`no payload of the stored-XSS corpus runs or trips the policy, loaded or live (part ${part + 1} of 2)`, async ({ page, newPage }) => {
    test.setTimeout(400_000);
    const slug = newSlug(`corpus-${part + 1}`);
    await signIn(page, newEmail("corpus"));
    await createNetwork(page, { slug, name: "XSS Corpus" });
    // The broker and enough members that nobody reaches the posting limit.
    const posters: Page[] = [page];
    while (posters.length * PER_PERSON < payloads.length) {
      const member = await newPage();
      await signIn(member, newEmail(`member-${posters.length}`));
      await join(member, slug);
      posters.push(member);
    }
    const posterOf = (index: number) => posters[Math.floor(index / PER_PERSON)]!;

    const threads: { path: string; replies: number }[] = [];
    for (let first = 0; first < payloads.length; first += PER_THREAD + 1) {
      const last = Math.min(first + PER_THREAD, payloads.length - 1);
      const path = await postThread(posterOf(first), slug, `XSS corpus from ${part * HALF + first + 1}`, payloads[first]!);
      // The broker watches the thread on another page: the replies reach it live and are
      // rendered by the client, not by the server.
      const watcher = await page.context().newPage();
      const watching = await armDetectors(watcher);
      await watcher.goto(path);
      await settle(watcher);
      for (let i = first + 1; i <= last; i++) await postReply(posterOf(i), path, payloads[i]!);
      await expect(replies(watcher)).toHaveCount(last - first);
      await settle(watcher);
      await expectNothingRan(watching, `${path} (live)`);
      await watcher.close();
      threads.push({ path, replies: last - first });
    }
    // Every payload of this half was posted: one thread body or one reply each.
    expect(threads.reduce((n, t) => n + 1 + t.replies, 0)).toBe(payloads.length);

    // Each thread freshly loaded, by the broker and by a member.
    for (const reader of [page, posters[1]!]) {
      const detectors = await armDetectors(reader);
      for (const thread of threads) {
        detectors.reset();
        await reader.goto(thread.path);
        await expect(replies(reader)).toHaveCount(thread.replies);
        await settle(reader);
        // Open every disclosure and focus every link in the posts: a handler that survived would fire now.
        await reader.locator("article .prose-kring details").evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        for (const link of await reader.locator("article .prose-kring a").all()) await link.focus();
        await settle(reader);
        await expectNothingRan(detectors, thread.path);
      }
    }
  });
}

test("control: the detectors see an un-nonced inline script blocked and a nonced one run", async ({ page }) => {
  const slug = newSlug("control");
  await signIn(page, newEmail("control"));
  await createNetwork(page, { slug, name: "XSS Control" });
  const path = await postThread(page, slug, "Control thread", "Nothing but text.");

  // The thread page as the server sends it, plus two scripts: one without the nonce (as an
  // injected payload would be), one with this response's nonce (as the app's own scripts are).
  await page.route(`**${path}`, async (route) => {
    if (route.request().resourceType() !== "document") return route.fallback();
    const response = await route.fetch();
    const nonce = scriptNonce(response.headers()["content-security-policy"] ?? null);
    expect(nonce).toBeTruthy();
    const html = await response.text();
    const at = html.lastIndexOf("</body>");
    const injected =
      `<script>window.__xss=(window.__xss||0)+1;alert("un-nonced")</script>` +
      `<script nonce="${nonce}">window.__xss=(window.__xss||0)+10;alert("nonced");fetch("/xss-control-fetched")</script>`;
    await route.fulfill({ response, body: html.slice(0, at) + injected + html.slice(at) });
  });

  const detectors = await armDetectors(page);
  await page.goto(path);
  await settle(page);
  await expect.poll(() => detectors.executions()).toContain("request http://localhost:" + new URL(page.url()).port + "/xss-control-fetched");

  const violations = await detectors.violations();
  expect(violations).toHaveLength(1);
  expect(violations[0]).toMatch(/^script-src-elem blocked inline/);
  expect(detectors.consoleReports().length).toBeGreaterThanOrEqual(1);

  const executions = await detectors.executions();
  // Only the nonced script ran: the counter is 10, not 11, and only its dialog opened.
  expect(executions).toContain("window.__xss = 10");
  expect(executions).toContain('alert(nonced)');
  expect(executions).not.toContain('alert(un-nonced)');
  expect(executions).toContain("fetch(/xss-control-fetched)");
});
