import { expect, type Page } from "@playwright/test";

export type NewNetwork = {
  slug: string;
  name: string;
  purpose?: string;
  workingQuestion?: string;
  visibility?: "Public" | "Listed" | "Private";
  joining?: "Open to join" | "Join by request" | "By invitation";
};

/** Creates a network through /networks/new as the signed-in page's person (who becomes its broker). */
export async function createNetwork(page: Page, n: NewNetwork): Promise<Required<NewNetwork>> {
  const full = {
    purpose: `Purpose of ${n.name}: people working together on it.`,
    workingQuestion: `What does ${n.name} work on?`,
    visibility: "Public" as const,
    joining: "Open to join" as const,
    ...n,
  };
  await page.goto("/networks/new");
  await page.getByLabel("Address").fill(full.slug);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(full.name);
  await page.getByLabel("Purpose").fill(full.purpose);
  await page.getByLabel("Working question").fill(full.workingQuestion);
  await page.getByLabel("Visibility").selectOption({ label: full.visibility });
  await page.getByLabel("Joining").selectOption({ label: full.joining });
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page).toHaveURL(new RegExp(`/n/${full.slug}$`));
  return full;
}
