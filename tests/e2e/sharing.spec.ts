import pg from "pg";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { signIn } from "./support/auth";
import { e2eDatabase } from "./support/run-env";
import { expect, test } from "./support/test";

const SLUG = "pathfinders-midden-brabant";
const MILESTONE = "Een vaste ontmoetingsplek in de Piushaven";

/** The shared copy as the commons holds it, read from this run's database. */
async function commonsItem(proposalId: string) {
  const db = e2eDatabase();
  if (db.kind !== "postgres") return null;
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; title: string; body: string; attribution: string; licence: string; sourceName: string; region: string; withdrawnAt: Date | null }>(
      `SELECT id, title, body, attribution::text, licence::text, "sourceName", region, "withdrawnAt" FROM "CommonsItem" WHERE "proposalId" = $1`,
      [proposalId],
    );
    return rows[0] ?? null;
  } finally {
    await client.end();
  }
}

test("a broker proposes a lesson, its author consents anonymously, the broker publishes, the author withdraws it (in Dutch)", async ({ page: fatima, newPage }) => {
  test.setTimeout(120_000);
  const word = `Kruiwagenproef${Date.now().toString(36)}`;
  // Fatima (a member of the Pathfinders demo, on the initiative's team) writes a lesson naming Joris.
  await signIn(fatima, "fatima@pathfinders.example");
  await fatima.goto(`/n/${SLUG}/initiatives`);
  await fatima.getByRole("link", { name: "Maak Tilburg Beter: studenten en buurtinitiatieven" }).click();
  const card = fatima.getByRole("listitem").filter({ has: fatima.getByRole("heading", { name: MILESTONE }) });
  await card.getByText("Een update plaatsen", { exact: true }).click();
  await card.getByRole("combobox", { name: "Soort update" }).selectOption({ label: "Leerles" });
  await card.getByRole("combobox", { name: "Gebied" }).selectOption({ index: 1 });
  await card
    .getByRole("textbox", { name: "Update" })
    .fill(`De ${word} met Joris van Dijk werkte pas toen bewoners zelf de sleutel hadden. Bel Joris op 06-12345678 of mail joris@pathfinders.example.`);
  await card.getByRole("button", { name: "Een update plaatsen" }).click();
  await expect(card.getByText("Update geplaatst.")).toBeVisible();

  // Hanneke, the broker, proposes it for the commons from the lessons log.
  const hanneke = await newPage();
  await signIn(hanneke, "hanneke@pathfinders.example");
  await hanneke.goto(`/n/${SLUG}/initiatives/lessons`);
  const lesson = hanneke.getByRole("listitem").filter({ hasText: word });
  await lesson.getByRole("button", { name: /^Delen met de commons/ }).click();
  await expect(hanneke.getByRole("heading", { name: MILESTONE, level: 1 })).toBeVisible();
  await expect(hanneke.getByTestId("proposal-status")).toHaveText("instemming gevraagd");
  const proposalId = hanneke.url().split("/").pop()!;
  await expectNoSeriousA11yViolations(hanneke, "proposal for the commons, broker");

  // Fatima is asked: the home says so; she reads the text before and after, and agrees anonymously under CC0.
  await fatima.goto(`/n/${SLUG}`);
  await fatima.getByRole("link", { name: /voorstel om met de commons te delen vraagt/ }).click();
  await expect(fatima.getByRole("heading", { name: "Gedeeld met de commons", level: 1 })).toBeVisible();
  await fatima.getByRole("link", { name: MILESTONE }).click();
  const anonymous = fatima.getByTestId("preview-anonymous");
  await expect(anonymous).toContainText(word);
  await expect(anonymous).not.toContainText("Joris");
  await expect(anonymous).not.toContainText("06-12345678");
  await expect(anonymous).not.toContainText("@pathfinders.example");
  await expect(fatima.getByRole("article", { name: "Zoals voorgesteld" })).toContainText("Joris van Dijk");
  await fatima.getByRole("radio", { name: /^Anoniem/ }).check();
  await fatima.getByRole("radio", { name: /^CC0 1\.0/ }).check();
  await expectNoSeriousA11yViolations(fatima, "proposal for the commons, consent");
  await fatima.getByRole("button", { name: "Instemmen met delen" }).click();
  await expect(fatima.getByTestId("proposal-status")).toHaveText("klaar om te publiceren");

  // Hanneke publishes it.
  await hanneke.reload();
  await hanneke.getByRole("button", { name: "Publiceren" }).click();
  await expect(hanneke.getByTestId("proposal-status")).toHaveText("in de commons");
  const item = await commonsItem(proposalId);
  if (item) {
    expect(item).toMatchObject({ attribution: "anonymous", licence: "cc0_1_0", sourceName: "", region: "Noord-Brabant", withdrawnAt: null });
    expect(item.body).toContain(word);
    for (const gone of ["Joris", "Dijk", "06-12345678", "@pathfinders.example", "Pathfinders"]) expect(item.body).not.toContain(gone);
  }

  // A member of the other network finds it in the commons by a Dutch search.
  const tomas = await newPage();
  await signIn(tomas, "tomas@siac.example");
  await tomas.goto(`/commons?q=${encodeURIComponent(word)}`);
  await expect(tomas.getByRole("link", { name: MILESTONE })).toBeVisible();
  await expectNoSeriousA11yViolations(tomas, "commons, found");

  // Fatima withdraws it: the copy is emptied.
  await fatima.reload();
  await fatima.getByRole("button", { name: "Terugtrekken" }).click();
  await expect(fatima.getByTestId("proposal-status")).toHaveText("teruggetrokken");
  const after = await commonsItem(proposalId);
  if (after) expect(after).toMatchObject({ title: "", body: "", sourceName: "", region: "" });
  if (after) expect(after.withdrawnAt).not.toBeNull();
  // It is gone from the commons' search on the next request, and its address answers 410.
  if (after) expect((await tomas.request.get(`/commons/${after.id}`)).status()).toBe(410);
  await tomas.goto(`/commons?q=${encodeURIComponent(word)}`);
  await expect(tomas.getByRole("link", { name: MILESTONE })).toHaveCount(0);
});
