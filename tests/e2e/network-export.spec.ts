import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

/**
 * On the Dutch demo network, in Dutch: no other test exports it (the headers crawl exports SIAC, in
 * parallel), so the export started here is the only one and the page and notice lead to it.
 */
const SLUG = "pathfinders-midden-brabant";

test("a member allows their address in the export; a broker exports the network, sees it ready and downloads it (in Dutch)", async ({ page: broker, newPage }) => {
  test.setTimeout(120_000);
  // A member of the Pathfinders demo (lib/db/demo-content.ts; profile in Dutch) allows their address in this network's export.
  const joris = await newPage();
  await signIn(joris, "joris@pathfinders.example");
  await joris.goto("/profile");
  const consent = joris.getByRole("checkbox", { name: /Mijn e-mailadres mag in de export van Pathfinders Midden-Brabant staan/ });
  await expect(consent).not.toBeChecked();
  await consent.check();
  await consent.locator("xpath=ancestor::form").getByRole("button").click();
  await expect(consent.locator("xpath=ancestor::form").getByRole("status")).toBeVisible();

  // The network's broker starts the export from its settings.
  await signIn(broker, "hanneke@pathfinders.example");
  await broker.goto(`/n/${SLUG}/settings`);
  await broker.getByRole("link", { name: "Het netwerk exporteren" }).click();
  await expect(broker.getByRole("heading", { name: "Het netwerk exporteren", level: 1 })).toBeVisible();
  await broker.getByRole("button", { name: "Exporteer het hele netwerk" }).click();
  await expect(broker.getByRole("status").filter({ hasText: "De export is gestart." })).toBeVisible();
  // A second click while it is built: refused, said why.
  await broker.getByRole("button", { name: "Exporteer het hele netwerk" }).click();
  await expect(broker.getByRole("alert").filter({ hasText: "Er wordt al een export van dit netwerk gemaakt." })).toBeVisible();
  // Built in the background; the page follows its progress until the download is there. The newest
  // export is listed first (on a database used before, earlier exports are listed below it).
  const newest = broker.getByTestId("network-export").first();
  const download = newest.getByRole("link", { name: "Download de ZIP" });
  await expect(download).toBeVisible({ timeout: 60_000 });
  await expectNoSeriousA11yViolations(broker, "network export, ready, Dutch");

  // The notice in the centre leads to the same page. The newest notice is first: each export has its own.
  await broker.goto("/notifications");
  await broker.getByRole("link", { name: /Je export van Pathfinders Midden-Brabant is klaar/ }).first().click();
  await expect(broker).toHaveURL(new RegExp(`/n/${SLUG}/settings/export$`));

  const [file] = await Promise.all([broker.waitForEvent("download"), newest.getByRole("link", { name: "Download de ZIP" }).click()]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`^kring-${SLUG}-export-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  const files = unzipSync(new Uint8Array(readFileSync((await file.path())!)));
  const manifest = JSON.parse(strFromU8(files["manifest.json"]!)) as { format: string; counts: Record<string, number> };
  expect(manifest.format).toBe("kring-network-export");
  expect(manifest.counts.Thread).toBeGreaterThan(0);
  const people = strFromU8(files["data/Person.jsonl"]!);
  expect(people).toContain("joris@pathfinders.example");
  expect(people).not.toContain("hanneke@pathfinders.example");
  expect(strFromU8(files["README.md"]!)).toContain("## Thread");

  // The same link for another broker of the network, or for a member: nothing.
  const href = (await newest.getByRole("link", { name: "Download de ZIP" }).getAttribute("href"))!;
  const refused = await joris.request.get(href);
  expect(refused.status()).toBe(404);
});
