import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

function describe(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`)
        .join("\n");
      const more = v.nodes.length > 5 ? `\n    ... and ${v.nodes.length - 5} more` : "";
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join("\n");
}

/**
 * Runs axe (WCAG 2.0-2.2 A/AA) on the page as it is now and fails on serious or critical
 * violations, listing each with its elements. Minor and moderate ones are attached to the
 * report without failing.
 */
export async function expectNoSeriousA11yViolations(page: Page, label?: string): Promise<void> {
  const name = label ?? new URL(page.url()).pathname;
  // Next.js streams a page's metadata, and a refresh after an action swaps it: check the
  // settled page, whose title has arrived (a missing title still fails, after the wait).
  await expect.poll(() => page.title(), { message: `${name} has a title` }).not.toBe("");
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const other = results.violations.filter((v) => !serious.includes(v));
  if (other.length > 0) {
    await test.info().attach(`axe ${name} (minor/moderate)`, { body: describe(other), contentType: "text/plain" });
  }
  expect(serious.length, `axe: serious/critical violations on ${name}:\n${describe(serious)}\n`).toBe(0);
}
