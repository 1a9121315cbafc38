import type { Db } from "./client";
import { makeMembership, makeNetwork, makeUser } from "./factories";
import type { Locale, Role } from "./generated/enums";
import { defaultPrinciples } from "@/lib/networks/defaults";

type DemoPerson = { email: string; name: string; bio: string; locale: Locale; role: Role };
type DemoNetwork = {
  slug: string;
  name: string;
  purpose: string;
  workingQuestion: string;
  principles: string[];
  locale: Locale;
  joinPolicy: "open" | "request" | "invitation";
  people: DemoPerson[];
};

/** The demo networks, drawn from the source texts (SIAC in English, Pathfinders in Dutch). */
export const demoNetworks: DemoNetwork[] = [
  {
    slug: "siac",
    name: "SIAC: Social Innovation Acceleration in Cities",
    purpose:
      "A network of committed citizens from five countries who work together on their ambitions for social innovation in their cities, and co-create with institutions instead of being driven by them. We start from intrinsic motivation and a shared purpose, not from positions or roles.",
    workingQuestion:
      "How can a group of committed citizens form a network and co-create with institutions instead of being driven by them? What are we working on, and is this the real question?",
    principles: defaultPrinciples.en,
    locale: "en",
    joinPolicy: "request",
    people: [
      {
        email: "mara@siac.example",
        name: "Mara Lindqvist",
        bio: "Broker of the SIAC network. Convened the Berlin kick-off.",
        locale: "en",
        role: "broker",
      },
      {
        email: "tomas@siac.example",
        name: "Tomas Novak",
        bio: "Urban researcher; works on the means: accelerators, partners and funds.",
        locale: "en",
        role: "member",
      },
      {
        email: "ioana@siac.example",
        name: "Ioana Pop",
        bio: "Citizen initiative in Baia Mare.",
        locale: "en",
        role: "member",
      },
      {
        email: "fund@cityfund.example",
        name: "City Futures Fund",
        bio: "A foundation that co-funds social innovation across European cities.",
        locale: "en",
        role: "funder",
      },
    ],
  },
  {
    slug: "pathfinders-midden-brabant",
    name: "Pathfinders Midden-Brabant",
    purpose:
      "Dertig mensen uit bedrijfsleven, kennisinstellingen, overheid en bibliotheek vertalen maatschappelijke thema's naar oplossingen waar zowel de samenleving als hun organisaties iets mee kunnen. Het gaat niet zozeer om geld, maar om de beweging: de ruil van kennis en netwerken, met ruimte voor toevalligheid.",
    workingQuestion:
      "Hoe krijgen we een social innovation ecosysteem in Midden-Brabant van de grond, en hoe verbinden we lokale initiatieven met het bestuurlijke circuit zonder de opgewekte energie te verliezen?",
    principles: defaultPrinciples.nl,
    locale: "nl",
    joinPolicy: "open",
    people: [
      {
        email: "hanneke@pathfinders.example",
        name: "Hanneke Smits",
        bio: "Makelaar van de Pathfinders; organiseert de bijeenkomsten.",
        locale: "nl",
        role: "broker",
      },
      {
        email: "joris@pathfinders.example",
        name: "Joris van Dijk",
        bio: "Transition leader bij een woningcorporatie.",
        locale: "nl",
        role: "member",
      },
      {
        email: "fatima@pathfinders.example",
        name: "Fatima El Amrani",
        bio: "Docent bij de hogeschool; begeleidt studenten in 'Maak Tilburg Beter'.",
        locale: "nl",
        role: "member",
      },
      {
        email: "fonds@brabantfonds.example",
        name: "Brabants Innovatiefonds",
        bio: "Regionaal fonds dat langjarig meefinanciert over de grenzen van beleidsdomeinen heen.",
        locale: "nl",
        role: "funder",
      },
    ],
  },
];

/** Creates the demo networks that do not exist yet. Safe to run any number of times. */
export async function seedDemo(prisma: Db): Promise<string[]> {
  const created: string[] = [];
  for (const demo of demoNetworks) {
    if (await prisma.network.findUnique({ where: { slug: demo.slug }, select: { id: true } })) continue;
    const users = [];
    for (const person of demo.people) {
      const existing = await prisma.user.findUnique({ where: { email: person.email } });
      users.push({
        person,
        user:
          existing ??
          (await makeUser(prisma, { email: person.email, name: person.name, bio: person.bio, locale: person.locale })),
      });
    }
    const [broker, ...others] = users;
    if (!broker) continue;
    const network = await makeNetwork(prisma, {
      slug: demo.slug,
      name: demo.name,
      purpose: demo.purpose,
      workingQuestion: demo.workingQuestion,
      principles: demo.principles,
      visibility: "public",
      joinPolicy: demo.joinPolicy,
      locale: demo.locale,
      brokerId: broker.user.id,
    });
    for (const { person, user } of others) {
      await makeMembership(prisma, { networkId: network.id, userId: user.id, role: person.role });
    }
    await prisma.auditEntry.create({
      data: { networkId: network.id, actorId: broker.user.id, action: "network.created" },
    });
    created.push(demo.slug);
  }
  return created;
}
