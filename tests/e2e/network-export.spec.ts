import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

const SLUG = "siac";

test("a member allows their address in the export; a broker exports the network, sees it ready and downloads it", async ({ page: broker, newPage }) => {
  test.setTimeout(120_000);
  // A member of the SIAC demo allows their address in this network's export, on their profile.
  const tomas = await newPage();
  await signIn(tomas, "tomas@siac.example");
  await tomas.goto("/profile");
  const consent = tomas.getByRole("checkbox", { name: /My email address may be included in the export of/ });
  await expect(consent).not.toBeChecked();
  await consent.check();
  await consent.locator("xpath=ancestor::form").getByRole("button").click();
  await expect(consent.locator("xpath=ancestor::form").getByRole("status")).toBeVisible();

  // The SIAC demo broker (lib/db/demo-content.ts) starts the export from the network's settings.
  await signIn(broker, "mara@siac.example");
  await broker.goto(`/n/${SLUG}/settings`);
  await broker.getByRole("link", { name: "Export the network" }).click();
  await expect(broker.getByRole("heading", { name: "Export the network", level: 1 })).toBeVisible();
  await broker.getByRole("button", { name: "Export the whole network" }).click();
  await expect(broker.getByRole("status").filter({ hasText: "The export has started." })).toBeVisible();
  // A second click while it is built: refused, said why.
  await broker.getByRole("button", { name: "Export the whole network" }).click();
  await expect(broker.getByRole("alert").filter({ hasText: "already being built" })).toBeVisible();
  // Built in the background; the page follows its progress until the download is there.
  const download = broker.getByRole("link", { name: "Download the ZIP" });
  await expect(download).toBeVisible({ timeout: 60_000 });
  await expectNoSeriousA11yViolations(broker, "network export, ready");

  // The notice in the centre leads to the same page. The newest is first: other tests (the headers
  // crawl) may have exported the demo network before, each with its own notice.
  await broker.goto("/notifications");
  await broker.getByRole("link", { name: /Your export of .+ is ready/ }).first().click();
  await expect(broker).toHaveURL(new RegExp(`/n/${SLUG}/settings/export$`));

  const [file] = await Promise.all([broker.waitForEvent("download"), broker.getByRole("link", { name: "Download the ZIP" }).click()]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`^kring-${SLUG}-export-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  const files = unzipSync(new Uint8Array(readFileSync((await file.path())!)));
  const manifest = JSON.parse(strFromU8(files["manifest.json"]!)) as { format: string; counts: Record<string, number> };
  expect(manifest.format).toBe("kring-network-export");
  expect(manifest.counts.Thread).toBeGreaterThan(0);
  const people = strFromU8(files["data/Person.jsonl"]!);
  expect(people).toContain("tomas@siac.example");
  expect(people).not.toContain("mara@siac.example");
  expect(strFromU8(files["README.md"]!)).toContain("## Thread");

  // The same link for another broker of the network, or for a member: nothing.
  const href = (await broker.getByRole("link", { name: "Download the ZIP" }).getAttribute("href"))!;
  const refused = await tomas.request.get(href);
  expect(refused.status()).toBe(404);
});
