// The demo content: the networks, people, threads, reflections and initiatives a fresh Kring
// shows, drawn from the source texts (SIAC in English, Pathfinders in Dutch). Data only: the
// records are written by seedDemo (lib/db/demo.ts) through the factories the tests use.
import type { Area, GrowthStage, JoinPolicy, Level, Locale, MilestoneStatus, Role, SupportKind } from "./generated/enums";
import { defaultPrinciples } from "@/lib/networks/defaults";

type DemoPerson = { email: string; name: string; bio: string; locale: Locale; role: Role };
type DemoReply = { by: number; body: string };
export type DemoThread = {
  by: number;
  title: string;
  body: string;
  level: Level;
  area: Area;
  replies: DemoReply[];
};
type DemoCycle = {
  title: string;
  /** Submitted reflections, by index into `people` (brokers and members only). */
  reflections: { by: number; area: Area; body: string }[];
  /**
   * With a synthesis the cycle is in its WE phase: the broker wrote it (citing every reflection)
   * and asked for consent, so the members find the consent request in their first digest. Without
   * one it is in its I phase: it is the members' turn to reflect.
   */
  synthesis?: string;
};
/**
 * An earlier cycle, closed: its reflections, the synthesis everyone answered, a concern, and the
 * broker's closing. It is the start of the network's journey (the journey page, and the public
 * home of a public network).
 */
type DemoPastCycle = {
  title: string;
  question: string;
  /** When it closed, in days before the seed. */
  closedDaysAgo: number;
  reflections: { by: number; area: Area; body: string }[];
  synthesis: string;
  /** A concern with the synthesis, by index into `people`; the others agreed. */
  concern: { by: number; text: string };
};
type DemoMilestone = {
  title: string;
  unlocks: string;
  /** Target date in days from the seed. */
  targetInDays: number;
  /** Amount needed in euro cents (integer minor units). */
  amountNeeded: bigint;
  status: MilestoneStatus;
  progress: number;
  /** The growth stage of this step ("find support for this step" filters the support map by it). */
  stage: GrowthStage;
  /** The lesson of a learned milestone (also posted to the lessons log, with `area`). */
  lesson?: { body: string; area: Area };
};
type DemoInitiative = {
  name: string;
  description: string;
  systemChange: string;
  /** The team, by index into `people` (brokers and members). */
  team: number[];
  milestones: DemoMilestone[];
  /** The demo funder's pledge: milestone index and euro cents. */
  pledge: { milestone: number; amount: bigint; condition: string };
  /** A progress update by the first team member. */
  update: { milestone: number; body: string; progress: number };
  /** A co-funding pledge by another funder (index into `people`), in euro cents. */
  coPledge?: { by: number; milestone: number; amount: bigint; condition: string };
};
/**
 * One entry of a network's support map: listed by the broker and checked `checkedDaysAgo` days ago
 * (over 365: flagged "may be out of date"), or, with `suggestedBy` (index into `people`), a member's
 * suggestion still waiting for a broker.
 */
type DemoSupportEntry = {
  provider: string;
  name: string;
  description: string;
  kinds: SupportKind[];
  /** None: every stage. */
  stages: GrowthStage[];
  eligibility: string;
  region: string;
  url?: string;
  email?: string;
  phone?: string;
  sourceUrl?: string;
  checkedDaysAgo?: number;
  suggestedBy?: number;
};
type DemoAgendaItem = { title: string; minutes: number; host?: number; thread?: number };
/**
 * A network's gatherings (issue 19): a series of past ones, every four weeks at 19:30 local, the
 * last one four weeks before the seed, each with its agenda and who came; and one upcoming public one
 * with answers. People by index into `people`, threads by index into `threads`.
 */
type DemoGatherings = {
  timeZone: string;
  /**
   * A gathering that took place (`daysAgo`, lasting `hours`), people going, its attendance not yet
   * recorded: a host records it.
   */
  kickoff?: { title: string; purpose: string; daysAgo: number; hours: number; place: { name: string; address: string; accessibility: string }; agenda: DemoAgendaItem[]; going: number[] };
  series?: {
    place: { name: string; address: string; accessibility: string };
    /** Oldest first. */
    occurrences: { title: string; purpose: string; agenda: DemoAgendaItem[]; came: number[]; guests: string[] }[];
  };
  /** One still to come: in person (`place`, on the public landing page) or online (`onlineUrl`, members only). */
  upcoming?: {
    title: string;
    purpose: string;
    inDays: number;
    place?: { name: string; address: string; accessibility: string };
    onlineUrl?: string;
    capacity?: number;
    agenda: DemoAgendaItem[];
    going: number[];
    maybe: number[];
  };
};
export type DemoNetwork = {
  slug: string;
  name: string;
  purpose: string;
  workingQuestion: string;
  principles: string[];
  locale: Locale;
  joinPolicy: JoinPolicy;
  people: DemoPerson[];
  /** Threads by index into `people`, oldest first. */
  threads: DemoThread[];
  /** The open reflection cycle, in its I phase, on the network's working question. */
  cycle: DemoCycle;
  pastCycle?: DemoPastCycle;
  /** An initiative with a growth path in EUR, a pledge, an update and a lesson. */
  initiative: DemoInitiative;
  /** The broker's reply in the first thread that mentions the first member (`{name}`), unread. */
  mentionReply: string;
  /** Someone whose request to join waits for the broker (a network that takes requests): the count and the notification. */
  applicant?: Omit<DemoPerson, "role"> & { message: string };
  gatherings?: DemoGatherings;
  /** The network's support map (issue 20); see DemoSupportEntry. */
  supportMap?: DemoSupportEntry[];
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
    threads: [
      {
        by: 0,
        title: "What are we working on, and is this the real question?",
        body: "In Berlin we agreed that before anything else we need a clear working question. Mine, as a start:\n\n> How can committed citizens form a network and co-create **with** institutions instead of being driven by them?\n\nIs this the real question for your city too?",
        level: "network",
        area: "objectives",
        replies: [
          {
            by: 1,
            body: "For my city I would narrow it: which institutions, and who decides what co-creation means? Otherwise we end up organising another programme.",
          },
          {
            by: 2,
            body: "In Baia Mare the question behind the question is trust. People have seen many projects come and go. Maybe our working question should name that.",
          },
        ],
      },
      {
        by: 1,
        title: "Means: accelerators, partners and funds",
        body: "We worked on vision, purpose and observations. Our next step is the means: the approach, creating accelerators, partners and funds. What do we already have between us that is not money?",
        level: "network",
        area: "means",
        replies: [
          {
            by: 3,
            body: "As a fund we would rather co-fund a few steps on a growth path than one fixed output. Tell us which milestones would unlock the most.",
          },
        ],
      },
      {
        by: 2,
        title: "Intrinsic motivation is our starting point",
        body: "Social innovation would not exist without the intrinsic motivation of people to act. Autonomy, mastery and purpose, not external motivators. How do we keep that alive once budgets arrive?",
        level: "social_innovation",
        area: "vision_values",
        replies: [],
      },
    ],
    cycle: {
      title: "After Berlin: what is our real question?",
      synthesis:
        "## What connects us\n\nWe came to Berlin from five cities with different projects, and found the same wish: citizens who co-create with institutions instead of being driven by them. Trust comes first: people have seen many projects come and go.\n\n## Our common interest\n\nThe means we talk about are still mostly money, yet the knowledge and contacts between us are bigger than any budget. Our real question is how citizens keep meeting and deciding together when a programme ends.\n\n## What we will do next\n\n- Tomas maps the accelerators, partners and funds that already exist in our five cities, and shares the map before our next meeting.\n- Ioana asks the municipality of Baia Mare to co-create one step with us, not to run it for us.\n- We meet online in four weeks to choose one step to take together.",
      reflections: [
        {
          by: 1,
          area: "means",
          body: "**My involvement:** I came to Berlin as a researcher and left as part of a group. That changed how I look at my own role.\n\n**My autonomy:** I can map which accelerators, partners and funds already exist in our five cities, without waiting for a programme.\n\n**My ownership:** I take on that map, and I will share it before our next meeting.\n\n**What I observe:** most of the means we talk about are still money. The knowledge and contacts between us are bigger than any budget.",
        },
        {
          by: 2,
          area: "observations_facts",
          body: "**My involvement:** in Baia Mare I am the one people ask when a project ends and nothing stays behind.\n\n**My autonomy:** I can keep a small group of citizens meeting, with or without funding.\n\n**My ownership:** I take on asking the municipality to co-create one step with us, not to run it for us.\n\n**What I observe:** trust is the real starting point here. People have seen many projects come and go.",
        },
      ],
    },
    mentionReply: "@{name} would you share your experience here?",
    supportMap: [
      {
        provider: "European Commission",
        name: "European Social Fund Plus (ESF+): social innovation calls",
        description: "EU co-funding for social innovation that is **tested locally and then scaled**, through national managing authorities and the EU-level Social Innovation+ calls.",
        kinds: ["grant"],
        stages: ["pilot", "scaling"],
        eligibility: "Public bodies, civil society organisations and social economy enterprises, usually in a partnership across member states.",
        region: "European Union",
        url: "https://ec.europa.eu/european-social-fund-plus/en",
        sourceUrl: "https://ec.europa.eu/european-social-fund-plus/en/social-innovation",
        checkedDaysAgo: 40,
      },
      {
        provider: "European Innovation Council",
        name: "EIC Accelerator",
        description: "Grants and equity for start-ups and SMEs with an innovation ready to scale, including impact ventures.",
        kinds: ["grant", "loan"],
        stages: ["scaling"],
        eligibility: "Single start-ups and SMEs in the EU or an associated country.",
        region: "European Union",
        url: "https://eic.ec.europa.eu/eic-funding-opportunities/eic-accelerator_en",
        checkedDaysAgo: 75,
      },
      {
        provider: "European Commission",
        name: "European Social Innovation Competition",
        description: "A yearly prize competition on a social challenge, with coaching for the semi-finalists and prizes for three winners.",
        kinds: ["prize", "coaching"],
        stages: ["idea", "pilot"],
        eligibility: "Anyone in the EU or an associated country with an early-stage idea on the year's theme.",
        region: "European Union",
        url: "https://eusic.challenges.org",
        checkedDaysAgo: 120,
      },
      {
        provider: "Ashoka",
        name: "Ashoka Fellowship",
        description: "A lifelong network of social entrepreneurs with a **system-changing idea**, with a stipend for the first years where needed.",
        kinds: ["network", "grant"],
        stages: ["system_change"],
        eligibility: "Individuals leading a new idea for system change, nominated and selected in several rounds.",
        region: "Worldwide",
        url: "https://www.ashoka.org/en/program/ashoka-fellowship",
        checkedDaysAgo: 200,
      },
      {
        provider: "EIT Community",
        name: "New European Bauhaus Lab",
        description: "Co-creation projects and a community of practice around beautiful, sustainable and inclusive places.",
        kinds: ["network", "research"],
        stages: [],
        eligibility: "Cities, civil society and research partners across Europe.",
        region: "European Union",
        url: "https://new-european-bauhaus.europa.eu",
        checkedDaysAgo: 30,
      },
      {
        provider: "Social Innovation Exchange (SIX)",
        name: "SIX peer learning programme",
        description: "Peer coaching and exchange between social innovators and public servants from different countries.",
        kinds: ["coaching", "network"],
        stages: ["pilot", "scaling"],
        eligibility: "Teams of a city and its citizen initiatives.",
        region: "Europe",
        url: "https://socialinnovationexchange.org",
        email: "hello@socialinnovationexchange.example",
        checkedDaysAgo: 90,
      },
      {
        provider: "European Investment Fund",
        name: "Social impact loans through local intermediaries",
        description: "Guaranteed microloans and impact loans, offered by banks and microfinance institutions in each country.",
        kinds: ["loan"],
        stages: ["scaling"],
        eligibility: "Social enterprises and micro-enterprises; ask the intermediary in your country.",
        region: "European Union",
        url: "https://www.eif.org/what_we_do/microfinance/index.htm",
        checkedDaysAgo: 60,
      },
      {
        provider: "Goteo Foundation",
        name: "Matchfunding calls",
        description: "Crowdfunding campaigns that a public or private fund **doubles**, euro for euro, up to a cap.",
        kinds: ["matched_crowdfunding"],
        stages: ["idea", "pilot"],
        eligibility: "Citizen projects with a social return, open source where possible.",
        region: "Spain and Europe",
        url: "https://www.goteo.org",
        checkedDaysAgo: 150,
      },
      {
        provider: "PILOT Legal Aid Network",
        name: "Pro bono legal help for civil society",
        description: "Volunteer lawyers answer questions on statutes, data protection and contracts for citizen initiatives.",
        kinds: ["legal"],
        stages: [],
        eligibility: "Non-profit citizen initiatives.",
        region: "Europe",
        email: "help@pilotlegal.example",
        phone: "+32 2 555 01 23",
        // Last checked over a year ago: the map flags it.
        checkedDaysAgo: 430,
      },
      {
        provider: "Maker spaces of the partner cities",
        name: "Free workshop and meeting space for citizen labs",
        description: "The open labs of Baia Mare and Berlin lend their rooms to citizen initiatives between sessions.",
        kinds: ["space"],
        stages: ["idea", "pilot"],
        eligibility: "Citizen initiatives of the network.",
        region: "Baia Mare, Berlin",
        // A member's suggestion, waiting for the broker.
        suggestedBy: 2,
      },
    ],
    gatherings: {
      timeZone: "Europe/Berlin",
      kickoff: {
        title: "Kick-off in Berlin",
        purpose: "Two days in one room: **I** and **WE**. Each of us brings their ambition for their city; together we find what connects us.",
        daysAgo: 3,
        hours: 30,
        place: {
          name: "Stadtteilzentrum Kreuzberg, Berlin",
          address: "Wassertorstraße 10, 10969 Berlin",
          accessibility: "Step-free entrance, lift, quiet room on the first floor.",
        },
        agenda: [
          { title: "Arrival and introductions", minutes: 60, host: 0 },
          { title: "I: our own ambitions, in pairs", minutes: 120, host: 1, thread: 0 },
          { title: "WE: what connects us", minutes: 180, host: 0 },
        ],
        going: [0, 1, 2],
      },
      // The synthesis ends with it: "We meet online in four weeks to choose one step to take together."
      upcoming: {
        title: "Online: choosing our first step",
        purpose: "Four weeks after Berlin, online: we choose **one step** to take together, from the synthesis of our cycle.",
        inDays: 24,
        onlineUrl: "https://meet.siac.example/first-step",
        agenda: [
          { title: "Where each city stands", minutes: 30, host: 0 },
          { title: "Choosing one step", minutes: 60, host: 1, thread: 0 },
        ],
        going: [0],
        maybe: [2],
      },
    },
    applicant: {
      email: "lucas@siac.example",
      name: "Lucas Moreau",
      bio: "Runs a neighbourhood energy cooperative in Lyon.",
      locale: "en",
      message: "We started an energy cooperative in our street and keep running into the same walls with the city. I would like to learn from your cycles and share what worked for us.",
    },
    initiative: {
      name: "City co-creation labs",
      description:
        "Committed citizens and city institutions meet in open labs in Baia Mare, Berlin and three more cities, around questions the citizens bring themselves.",
      systemChange:
        "Institutions that co-create with citizens instead of steering them: city agendas that start from citizens' own questions.",
      team: [0, 2],
      milestones: [
        {
          title: "A first co-creation session with the city of Baia Mare",
          unlocks: "A shared agenda between citizen initiatives and the municipality.",
          targetInDays: -30,
          amountNeeded: 300000n,
          status: "learned",
          progress: 60,
          stage: "idea",
          lesson: {
            body: "Starting from the municipality's agenda made the citizens passive. The next session starts from the questions citizens bring themselves, and the city joins as one of the partners.",
            area: "means",
          },
        },
        {
          title: "Open labs running in three cities",
          unlocks: "A place where citizens and civil servants meet without a fixed agenda, every month.",
          targetInDays: 45,
          amountNeeded: 1500000n,
          status: "active",
          progress: 40,
          stage: "pilot",
        },
        {
          title: "Peer exchange across five countries",
          unlocks: "Citizens learn from each other's failures and successes, not only from their own.",
          targetInDays: 90,
          amountNeeded: 800000n,
          status: "planned",
          progress: 0,
          stage: "scaling",
        },
        {
          title: "A policy pilot co-created with one city",
          unlocks: "The first city rule written together with the citizens it concerns.",
          targetInDays: 180,
          amountNeeded: 2000000n,
          status: "planned",
          progress: 0,
          stage: "system_change",
        },
      ],
      pledge: { milestone: 1, amount: 500000n, condition: "Co-funded with the cities' own programmes, not instead of them." },
      update: {
        milestone: 1,
        body: "The Berlin and Baia Mare labs meet monthly now. Notes of the last session: [lab notes](https://example.org/siac/lab-notes).",
        progress: 40,
      },
    },
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
      {
        // The SIAC funder funds here too, so its funder dashboard spans both demo networks.
        email: "fund@cityfund.example",
        name: "City Futures Fund",
        bio: "A foundation that co-funds social innovation across European cities.",
        locale: "en",
        role: "funder",
      },
    ],
    threads: [
      {
        by: 0,
        title: "Ruimte voor toevalligheid",
        body: "Concrete business cases bleken moeilijk te realiseren. Wat wel werkte, was de aanwezige *ruimte voor toevalligheid*. Hoe houden we die ruimte open nu we willen opschalen?",
        level: "network",
        area: "observations_facts",
        replies: [
          {
            by: 1,
            body: "Door elkaar te blijven ontmoeten zonder vaste agenda. Vijftien keer bij elkaar komen heeft meer opgeleverd dan elk plan.",
          },
          {
            by: 2,
            body: "Bij 'Maak Tilburg Beter' weten we ook niet wat de commerciële waarde is, maar dat er iets uit komt is zeker.",
          },
        ],
      },
      {
        by: 1,
        title: "Hoe verbinden we lokale initiatieven met het bestuurlijke circuit?",
        body: "Is bij sociale innovatie sturing nodig, of gaat het juist om zelf de agenda te bepalen? Wat is het minimum aan structuur dat helpt zonder de energie te smoren?",
        level: "context",
        area: "means",
        replies: [
          {
            by: 3,
            body: "Als fonds kunnen we over de grenzen van beleidsdomeinen heen meefinancieren, als de initiatieven zelf de mijlpalen kiezen.",
          },
        ],
      },
    ],
    pastCycle: {
      title: "Het eerste jaar: wat bracht de beweging ons?",
      question: "Wat heeft het samenkomen ons als organisaties en als mensen opgeleverd, en wat nemen we mee?",
      closedDaysAgo: 120,
      reflections: [
        {
          by: 1,
          area: "observations_facts",
          body: "**Wat ik waarneem:** we wilden concrete business cases, en die kwamen er nauwelijks. Wat er wel kwam: mensen die elkaar nu bellen zonder afspraak.",
        },
        {
          by: 2,
          area: "means",
          body: "**Mijn betrokkenheid:** de Social Innovation Week is mede uit onze bijeenkomsten voortgekomen. Dat had niemand vooraf kunnen plannen.",
        },
        {
          by: 0,
          area: "vision_values",
          body: "**Mijn eigenaarschap:** ik heb de bijeenkomsten georganiseerd en zie nu dat de ruimte tussen de agendapunten het meeste opleverde.",
        },
      ],
      synthesis:
        "## Wat ons verbindt\n\nWe kwamen voor de business cases en bleven voor elkaar. De ruil van kennis en netwerken leverde meer op dan geld.\n\n## Ons gemeenschappelijk belang\n\nRuimte voor toevalligheid: ontmoetingen zonder vooraf vastgelegde uitkomst, waar nieuwe verbindingen ontstaan.\n\n## Wat we hierna gaan doen\n\nWe blijven samenkomen, en onderzoeken in een volgende cyclus hoe we die ruimte houden terwijl we groeien.",
      concern: { by: 1, text: "Als we groeien, wie bewaakt dan dat de bijeenkomsten open blijven en geen vergadercircuit worden?" },
    },
    cycle: {
      title: "Na vijftien bijeenkomsten: wat is onze echte vraag?",
      reflections: [
        {
          by: 1,
          area: "objectives",
          body: "**Mijn betrokkenheid:** ik zit hier namens een woningcorporatie, maar ik kom voor de mensen, niet voor de functie.\n\n**Mijn autonomie:** ik kan in mijn eigen organisatie ruimte maken voor één experiment zonder vooraf vastgelegde uitkomst.\n\n**Mijn eigenaarschap:** ik neem op me om dat experiment voor de zomer te starten en te delen wat het oplevert, ook als het mislukt.\n\n**Wat ik waarneem:** concrete business cases bleken moeilijk; de beweging zelf leverde meer op dan elk plan.",
        },
        {
          by: 2,
          area: "vision_values",
          body: "**Mijn betrokkenheid:** mijn studenten willen Tilburg beter maken; ik wil dat hun energie niet verdwijnt in het bestuurlijke circuit.\n\n**Mijn autonomie:** ik kan studenten koppelen aan lokale initiatieven, zonder dat daar eerst een convenant voor nodig is.\n\n**Mijn eigenaarschap:** ik neem de verbinding tussen hogeschool en initiatieven op me.\n\n**Wat ik waarneem:** er is veel ruimte voor toevalligheid, en juist daar ontstaan de nieuwe verbindingen.",
        },
      ],
    },
    mentionReply: "@{name} wil jij hier je ervaring bij delen?",
    initiative: {
      name: "Maak Tilburg Beter: studenten en buurtinitiatieven",
      description:
        "Studenten van de hogeschool werken een semester lang mee met een buurtinitiatief in Tilburg, op een vraag die het initiatief zelf stelt.",
      systemChange:
        "Onderwijs dat leert in de stad in plaats van over de stad, en buurtinitiatieven die blijvend een plek hebben in het curriculum.",
      team: [0, 2],
      milestones: [
        {
          title: "De eerste vijf koppels van student en initiatief",
          unlocks: "Bewijs dat studenten en buurtinitiatieven elkaar iets te bieden hebben.",
          targetInDays: -20,
          amountNeeded: 250000n,
          status: "learned",
          progress: 50,
          stage: "idea",
          lesson: {
            body: "Koppelen via een formulier werkte niet: studenten vonden hun initiatief pas toen ze samen de buurt in gingen. We houden ruimte voor toevalligheid.",
            area: "means",
          },
        },
        {
          title: "Een vaste ontmoetingsplek in de Piushaven",
          unlocks: "Een plek waar studenten, bewoners en de gemeente elkaar elke week zonder agenda treffen.",
          targetInDays: 60,
          amountNeeded: 1200000n,
          status: "active",
          progress: 60,
          stage: "pilot",
        },
        {
          title: "Experimenteerruimte bij de woningcorporatie",
          unlocks: "Eén experiment zonder vooraf vastgelegde uitkomst, met het recht om te mislukken.",
          targetInDays: 120,
          amountNeeded: 750000n,
          status: "planned",
          progress: 0,
          stage: "scaling",
        },
        {
          title: "Een structurele plek in het curriculum",
          unlocks: "Elk jaar een nieuwe lichting studenten die in de stad leert, zonder nieuw convenant.",
          targetInDays: 240,
          amountNeeded: 2500000n,
          status: "planned",
          progress: 0,
          stage: "system_change",
        },
      ],
      pledge: { milestone: 1, amount: 400000n, condition: "Samen met de gemeente, over de grenzen van beleidsdomeinen heen." },
      coPledge: { by: 4, milestone: 2, amount: 300000n, condition: "Co-funded with the regional fund, across the borders of policy areas." },
      update: {
        milestone: 1,
        body: "Sinds september komen we elke dinsdag samen in de Piushaven. Verslag van de laatste bijeenkomst: [verslag](https://example.org/pathfinders/verslag).",
        progress: 60,
      },
    },
    supportMap: [
      {
        provider: "Provincie Noord-Brabant",
        name: "Subsidie maatschappelijke initiatieven",
        description: "Een bijdrage voor initiatieven van inwoners die een **maatschappelijke opgave** in Brabant aanpakken, met cofinanciering door de gemeente of een fonds.",
        kinds: ["grant"],
        stages: ["pilot", "scaling"],
        eligibility: "Stichtingen en verenigingen in Noord-Brabant; geen winstoogmerk.",
        region: "Noord-Brabant",
        url: "https://www.brabant.nl/subsidies",
        phone: "+31 73 681 28 12",
        sourceUrl: "https://www.brabant.nl/subsidies-en-financiering",
        checkedDaysAgo: 20,
      },
      {
        provider: "Brabantse Ontwikkelings Maatschappij (BOM)",
        name: "Impactfinanciering voor sociale ondernemers",
        description: "Leningen en participaties voor Brabantse ondernemingen met maatschappelijke impact die willen groeien.",
        kinds: ["loan"],
        stages: ["scaling"],
        eligibility: "Sociale ondernemingen in Brabant met een verdienmodel.",
        region: "Noord-Brabant",
        url: "https://www.bom.nl",
        checkedDaysAgo: 95,
      },
      {
        provider: "Stichting DOEN",
        name: "Bijdrage voor groene, sociale en creatieve vernieuwers",
        description: "Subsidies, leningen en participaties voor pioniers die werken aan een groenere, socialere of creatievere samenleving.",
        kinds: ["grant", "loan"],
        stages: ["pilot", "scaling"],
        eligibility: "Vernieuwende initiatieven in Nederland; kijk eerst of je vraag in een lopende regeling past.",
        region: "Nederland",
        url: "https://www.doen.nl",
        checkedDaysAgo: 130,
      },
      {
        provider: "Oranje Fonds",
        name: "Bijdrage voor sociale initiatieven",
        description: "Steun voor initiatieven die mensen met elkaar verbinden, vooral wie er alleen voor staat.",
        kinds: ["grant"],
        stages: ["idea", "pilot"],
        eligibility: "Stichtingen en verenigingen met een sociaal doel; geen individuele aanvragen.",
        region: "Nederland",
        url: "https://www.oranjefonds.nl",
        checkedDaysAgo: 60,
      },
      {
        provider: "Voor je Buurt",
        name: "Crowdfunding met verdubbeling door de gemeente",
        description: "Campagnes voor buurtinitiatieven waar de gemeente of een fonds elke gedoneerde euro aanvult, tot een maximum.",
        kinds: ["matched_crowdfunding"],
        stages: ["idea", "pilot"],
        eligibility: "Bewonersinitiatieven in deelnemende gemeenten.",
        region: "Tilburg",
        url: "https://www.voorjebuurt.nl",
        checkedDaysAgo: 45,
      },
      {
        provider: "Kennisdeel Tilburg",
        name: "Coachingtraject voor buurtinitiatieven",
        description: "Zes gesprekken met een ervaren coach over je plan, je team en je volgende stap.",
        kinds: ["coaching"],
        stages: ["idea", "pilot"],
        eligibility: "Initiatiefnemers in Midden-Brabant.",
        region: "Midden-Brabant",
        email: "coaching@kennisdeel.example",
        checkedDaysAgo: 30,
      },
      {
        provider: "Bibliotheek Midden-Brabant",
        name: "Vergaderzaal in de LocHal",
        description: "Een vergaderzaal voor twintig mensen, gratis voor maatschappelijke initiatieven, op aanvraag.",
        kinds: ["space"],
        stages: [],
        eligibility: "Maatschappelijke initiatieven uit de regio.",
        region: "Tilburg",
        url: "https://www.bibliotheekmiddenbrabant.nl",
        phone: "+31 13 542 62 50",
        checkedDaysAgo: 15,
      },
      {
        provider: "Juridisch Loket",
        name: "Juridisch spreekuur voor stichtingen en verenigingen",
        description: "Gratis advies over statuten, aansprakelijkheid en contracten.",
        kinds: ["legal"],
        stages: [],
        eligibility: "Vrijwilligersorganisaties zonder eigen jurist.",
        region: "Nederland",
        url: "https://www.juridischloket.nl",
        phone: "0800 8020",
        // Al meer dan een jaar niet gecontroleerd: de kaart markeert het.
        checkedDaysAgo: 400,
      },
      {
        provider: "Tilburg University",
        name: "Wetenschapswinkel",
        description: "Studenten en onderzoekers beantwoorden onderzoeksvragen van maatschappelijke organisaties.",
        kinds: ["research"],
        stages: ["pilot", "system_change"],
        eligibility: "Maatschappelijke organisaties zonder budget voor onderzoek.",
        region: "Midden-Brabant",
        url: "https://www.tilburguniversity.edu",
        checkedDaysAgo: 170,
      },
      {
        provider: "Netwerk Sociale Innovatie Brabant",
        name: "Lerend netwerk van Brabantse makelaars",
        description: "Elk kwartaal een intervisie met makelaars uit andere Brabantse gemeenten.",
        kinds: ["network"],
        stages: ["scaling", "system_change"],
        eligibility: "Makelaars en trekkers van sociale initiatieven in Brabant.",
        region: "Noord-Brabant",
        // Een voorstel van een lid, dat op de makelaar wacht.
        suggestedBy: 1,
      },
    ],
    gatherings: {
      timeZone: "Europe/Amsterdam",
      series: {
        place: {
          name: "LocHal, Tilburg",
          address: "Burgemeester Brokxlaan 1000, 5041 SG Tilburg",
          accessibility: "Drempelvrij, lift naar alle verdiepingen, invalidentoilet op de begane grond. Tien minuten lopen van station Tilburg.",
        },
        occurrences: [
          {
            title: "Pathfinders-bijeenkomst 12: ruimte voor toevalligheid",
            purpose: "Terugkijken op elf bijeenkomsten: wat leverde de **beweging** op, los van de business cases?",
            agenda: [
              { title: "Welkom en rondje: wat nam je mee van de vorige keer?", minutes: 20, host: 0 },
              { title: "Ruimte voor toevalligheid: voorbeelden uit het afgelopen jaar", minutes: 45, host: 1, thread: 0 },
              { title: "Wat houden we vast?", minutes: 25, host: 0 },
            ],
            came: [0, 1, 2],
            guests: ["Wim (bibliotheek)"],
          },
          {
            title: "Pathfinders-bijeenkomst 13: lokaal en bestuurlijk",
            purpose: "Hoe verbinden we lokale initiatieven met het bestuurlijke circuit zonder de energie te verliezen?",
            agenda: [
              { title: "Welkom", minutes: 10, host: 0 },
              { title: "Gesprek met een wethouder: wat heeft de gemeente nodig?", minutes: 50, host: 1, thread: 1 },
              { title: "Afspraken en volgende stappen", minutes: 30, host: 0 },
            ],
            came: [0, 1],
            guests: ["Wethouder Van den Berg", "Anouk (gemeente)"],
          },
          {
            title: "Pathfinders-bijeenkomst 14: Maak Tilburg Beter",
            purpose: "Studenten en buurtinitiatieven vertellen wat de eerste koppels opleverden.",
            agenda: [
              { title: "Welkom", minutes: 10, host: 0 },
              { title: "Drie koppels van student en initiatief vertellen", minutes: 45, host: 2 },
              { title: "Wat leren we ervan voor het curriculum?", minutes: 35, host: 2, thread: 0 },
            ],
            came: [0, 1, 2],
            guests: ["Lotte (student)", "Daan (student)", "Buurtcomité Piushaven"],
          },
          {
            title: "Pathfinders-bijeenkomst 15: na vijftien keer",
            purpose: "Wat is onze echte vraag? We openen samen de reflectiecyclus.",
            agenda: [
              { title: "Welkom en terugblik op vijftien bijeenkomsten", minutes: 20, host: 0 },
              { title: "IK: ieder voor zich, vier vragen", minutes: 30, host: 0 },
              { title: "WIJ: wat verbindt ons?", minutes: 40, host: 1, thread: 1 },
            ],
            came: [0, 1, 2],
            guests: [],
          },
        ],
      },
      upcoming: {
        title: "Pathfinders-bijeenkomst 16: de Piushaven als ontmoetingsplek",
        purpose: "We bekijken samen de plek in de Piushaven en bespreken wat een **vaste ontmoetingsplek** vraagt. Iedereen is welkom, ook wie nog geen lid is.",
        inDays: 10,
        place: {
          name: "Buurthuis Piushaven, Tilburg",
          address: "Piushaven 20, 5017 AN Tilburg",
          accessibility: "Begane grond, drempelvrij. Parkeren aan de kade; bus 4 stopt om de hoek.",
        },
        capacity: 30,
        agenda: [
          { title: "Inloop met koffie", minutes: 15 },
          { title: "Rondleiding door de Piushaven", minutes: 45, host: 2 },
          { title: "Wat vraagt een vaste ontmoetingsplek?", minutes: 45, host: 0, thread: 1 },
          { title: "Afspraken", minutes: 15, host: 0 },
        ],
        going: [0, 2],
        maybe: [1],
      },
    },
  },
];

/**
 * The published harvest of one of a network's past gatherings (issue 19 item 8, decision 038).
 * `gathering` indexes the network's past gatherings, oldest first (the kick-off, then the series);
 * `by` and `threads` index `people` and `threads`; `milestone` the initiative's growth path;
 * `cycle`: the harvest names the network's open reflection cycle (it opened or fed it).
 */
export type DemoHarvest = {
  gathering: number;
  by: number;
  summary: string;
  agreements: string;
  nextSteps: string;
  insights: { body: string; level: Level; area: Area }[];
  threads: number[];
  milestone?: number;
  cycle?: boolean;
};

/**
 * The demo harvests per network slug, in the network's language, drawn from the Pathfinders' source
 * text: their fifteen meetings read as one story in the journey. SIAC's kick-off has none: the
 * end-to-end test of gatherings writes and publishes it.
 */
export const demoHarvests: Record<string, DemoHarvest[]> = {
  "pathfinders-midden-brabant": [
    {
      gathering: 0,
      by: 0,
      summary:
        "We keken terug op elf bijeenkomsten. Concrete business cases bleken moeilijk te realiseren; wat wél werkte, was de **ruimte voor toevalligheid**: de kennis en de netwerken die ontstaan als dertig mensen uit bedrijfsleven, kennisinstellingen, overheid en bibliotheek elkaar blijven ontmoeten.",
      agreements: "- We meten de Pathfinders niet langer aan het aantal business cases.\n- Iedereen neemt de volgende keer één voorbeeld mee van een toevallige ontmoeting die iets opleverde.",
      nextSteps: "- Joris verzamelt de voorbeelden in het gesprek *Ruimte voor toevalligheid*.",
      insights: [
        { body: "Het gaat niet zozeer om het geld, maar om de beweging: de ruil van andere soorten kapitaal dan geld.", level: "social_innovation", area: "vision_values" },
        { body: "We hebben middel en doel omgedraaid: we denken dat we geld nodig hebben om samen te werken.", level: "context", area: "observations_facts" },
      ],
      threads: [0],
    },
    {
      gathering: 1,
      by: 0,
      summary:
        "Een gesprek met wethouder Van den Berg over de vraag hoe lokale initiatieven en het bestuurlijke circuit elkaar vinden. De gemeente wil graag, maar zoekt een vaste gesprekspartner in plaats van dertig losse initiatieven.",
      agreements: "- De Pathfinders vragen de gemeente om één vast aanspreekpunt.\n- We houden zelf de agenda in handen: de gemeente schuift aan, ze stuurt niet.",
      nextSteps: "- Hanneke schrijft een voorstel voor een vast overleg, eens per kwartaal.",
      insights: [
        { body: "Sturing van bovenaf dooft de energie; een beetje structuur kan haar juist katalyseren.", level: "network", area: "means" },
        { body: "Social innovation was tot voor kort vooral een bestuurlijk, abstract begrip: we moeten elkaars taal leren.", level: "context", area: "observations_facts" },
      ],
      threads: [1],
    },
    {
      gathering: 2,
      by: 2,
      summary:
        "Drie koppels van student en buurtinitiatief vertelden wat de eerste maanden van *Maak Tilburg Beter* opleverden. Wat de commerciële waarde is, weten we niet, maar dat er iets uit komt, is zeker.",
      agreements: "- De eerste vijf koppels gelden als bewijs voor de mijlpaal van ons initiatief.\n- Fontys en de Pathfinders zoeken samen een vaste plek in het curriculum.",
      nextSteps: "- Fatima bespreekt met Fontys hoe de koppels in het curriculum passen.",
      insights: [
        { body: "Studenten brengen tijd en een frisse blik mee; initiatieven brengen de straat. Allebei zijn nodig.", level: "network", area: "means" },
        { body: "Opschalen zonder de opgewekte energie te verliezen vraagt kleine, vaste koppels, geen groot programma.", level: "social_innovation", area: "objectives" },
      ],
      threads: [0],
      milestone: 0,
    },
    {
      gathering: 3,
      by: 0,
      summary:
        "Na vijftien bijeenkomsten keken we terug en vroegen we ons af: wat is onze **echte** vraag? Ieder schreef eerst voor zich (IK), daarna zochten we samen wat ons verbindt (WIJ). Deze bijeenkomst opende de reflectiecyclus die nu loopt.",
      agreements: "- Iedereen schrijft de komende weken zijn eigen reflectie in Kring.\n- We houden de bijeenkomsten vast, elke vier weken.",
      nextSteps: "- De volgende bijeenkomst is in de Piushaven: daar bespreken we een vaste ontmoetingsplek.",
      insights: [
        { body: "Het geeft energie om gelijkgestemden tegen te komen: dat is de kern van de Pathfinders, niet een bijzaak.", level: "network", area: "vision_values" },
        { body: "Hoe maken we dit strategisch en systemisch zonder dat de energie verloren gaat? Dat is misschien onze echte vraag.", level: "social_innovation", area: "objectives" },
      ],
      threads: [1],
      cycle: true,
    },
  ],
};

/**
 * "I can help with" of the demo members (decision 041), by network slug and email: the vocabulary's
 * slugs and a free tag, so a new request in either network finds someone on a fresh install.
 */
export const demoHelpTags: Record<string, Record<string, string[]>> = {
  siac: {
    "mara@siac.example": ["facilitation", "meeting-space"],
    "tomas@siac.example": ["city-hall", "open-data", "accelerators"],
    "ioana@siac.example": ["translation", "facilitation", "citizen-participation"],
  },
  "pathfinders-midden-brabant": {
    "hanneke@pathfinders.example": ["vergaderruimte", "facilitatie"],
    "joris@pathfinders.example": ["gemeente", "wonen"],
    "fatima@pathfinders.example": ["onderwijs", "coaching", "subsidie"],
  },
};

/**
 * Offers and requests (issue 20, decision 039) of a demo network: its tag vocabulary and its
 * posts, people by index into `people`, a milestone by index into the initiative's; one of them
 * fulfilled, with a thank-you and a lesson for the lessons log.
 */
type DemoPost = {
  by: number;
  direction: "offer" | "request";
  capital: "knowledge" | "contacts" | "time" | "place" | "materials" | "other";
  title: string;
  body: string;
  tags: string[];
  town: string;
  /** A place offer's address, shown by its author's choice. */
  address?: string;
  milestone?: number;
  /** Shown to the network's funders too. */
  funders?: boolean;
  daysAgo: number;
  expiresInDays: number;
  fulfilled?: { helper: number; thanks: string; lesson: string };
};
export type DemoExchange = { tags: { slug: string; en: string; nl: string }[]; posts: DemoPost[] };

export const demoExchange: Record<string, DemoExchange> = {
  siac: {
    tags: [
      { slug: "meeting-space", en: "Meeting space", nl: "Vergaderruimte" },
      { slug: "facilitation", en: "Facilitation", nl: "Facilitatie" },
      { slug: "city-hall", en: "City hall contacts", nl: "Contacten bij de gemeente" },
      { slug: "translation", en: "Translation", nl: "Vertaling" },
      { slug: "open-data", en: "Open data", nl: "Open data" },
    ],
    posts: [
      {
        by: 1,
        direction: "request",
        capital: "place",
        title: "A room for 20 people in Baia Mare",
        body: "For the first co-creation session with the city we need a room for about **20 people**, on a weekday afternoon, reachable by public transport. A projector would help.",
        tags: ["meeting-space"],
        town: "Baia Mare",
        milestone: 0,
        funders: true,
        daysAgo: 6,
        expiresInDays: 40,
      },
      {
        by: 2,
        direction: "offer",
        capital: "knowledge",
        title: "I can facilitate a co-creation session",
        body: "I have facilitated a dozen sessions between citizens and city officials. Happy to prepare and host one of yours, in English or Romanian.",
        tags: ["facilitation"],
        town: "Cluj-Napoca",
        funders: true,
        daysAgo: 4,
        expiresInDays: 55,
      },
      {
        by: 0,
        direction: "offer",
        capital: "contacts",
        title: "Introductions to the open-data team of Berlin",
        body: "I know the people behind Berlin's open-data portal and can introduce you, if your initiative works with city data.",
        tags: ["city-hall", "open-data"],
        town: "Berlin",
        daysAgo: 3,
        expiresInDays: 30,
      },
      {
        by: 1,
        direction: "offer",
        capital: "place",
        title: "Meeting room at our community centre",
        body: "Our community centre has a meeting room for 15 people, free on Tuesday and Thursday evenings.",
        tags: ["meeting-space"],
        town: "Lisbon",
        address: "Rua da Esperança 12, Lisbon",
        daysAgo: 2,
        expiresInDays: 50,
      },
      {
        by: 2,
        direction: "request",
        capital: "time",
        title: "Translating our workshop guide into Romanian",
        body: "The workshop guide of the Berlin kick-off is in English. We need a few hours of help to translate it for the Baia Mare session.",
        tags: ["translation"],
        town: "Baia Mare",
        milestone: 0,
        daysAgo: 20,
        expiresInDays: 40,
        fulfilled: {
          helper: 1,
          thanks: "Thank you, Tomas, for the evenings you spent on this: the guide reads as if it was **written** in Romanian.",
          lesson: "Translate a workshop guide together with someone from the city itself: the words officials use differ from the dictionary's.",
        },
      },
    ],
  },
  "pathfinders-midden-brabant": {
    tags: [
      { slug: "vergaderruimte", en: "Meeting space", nl: "Vergaderruimte" },
      { slug: "coaching", en: "Coaching", nl: "Coaching" },
      { slug: "subsidie", en: "Funding applications", nl: "Subsidieaanvragen" },
      { slug: "gemeente", en: "Municipality", nl: "Gemeente" },
      { slug: "onderwijs", en: "Education", nl: "Onderwijs" },
    ],
    posts: [
      {
        by: 1,
        direction: "request",
        capital: "place",
        title: "Ruimte voor 20 mensen in Tilburg",
        body: "Voor de bijeenkomsten van de koppels van student en initiatief zoeken we een ruimte voor ongeveer **20 mensen**, op een doordeweekse avond, goed bereikbaar met de fiets.",
        tags: ["vergaderruimte"],
        town: "Tilburg",
        milestone: 1,
        funders: true,
        daysAgo: 5,
        expiresInDays: 45,
      },
      {
        by: 2,
        direction: "offer",
        capital: "place",
        title: "Vergaderzaal in de bibliotheek, Tilburg",
        body: "Via de bibliotheek kan ik een vergaderzaal voor twintig mensen regelen, op dinsdag- en donderdagavond. Koffie en thee zijn er.",
        tags: ["vergaderruimte"],
        town: "Tilburg",
        address: "Burgemeester Brokxlaan 1000, Tilburg",
        daysAgo: 3,
        expiresInDays: 50,
      },
      {
        by: 0,
        direction: "offer",
        capital: "knowledge",
        title: "Coaching bij het schrijven van een subsidieaanvraag",
        body: "Ik heb een tiental aanvragen bij fondsen en de provincie begeleid. Ik denk graag een uur mee over de jouwe.",
        tags: ["subsidie", "coaching"],
        town: "Midden-Brabant",
        funders: true,
        daysAgo: 8,
        expiresInDays: 30,
      },
      {
        by: 1,
        direction: "request",
        capital: "materials",
        title: "Gereedschap voor een pop-up werkplaats",
        body: "Voor een pop-up werkplaats in de Piushaven zoeken we gereedschap te leen: schroefmachines, zaagtafels, werkbanken.",
        tags: [],
        town: "Tilburg",
        daysAgo: 2,
        expiresInDays: 20,
      },
      {
        by: 2,
        direction: "request",
        capital: "contacts",
        title: "Contact bij de gemeente voor een buurtexperiment",
        body: "Wie kent iemand bij de gemeente Tilburg die over experimenteerruimte in de wijk gaat? We willen een buurtexperiment voorleggen.",
        tags: ["gemeente"],
        town: "Tilburg",
        milestone: 2,
        daysAgo: 25,
        expiresInDays: 35,
        fulfilled: {
          helper: 0,
          thanks: "Dank je, Hanneke: dankzij jouw introductie zaten we binnen twee weken aan tafel bij de wijkregisseur.",
          lesson: "Begin bij de wijkregisseur, niet bij het stadhuis: die kent de buurt en weet wie er over experimenteerruimte gaat.",
        },
      },
    ],
  },
};

/**
 * The private conversations (issue 20, decision 039) of a demo network: on a member's request, the
 * "I can help" of another member and the answer; on the broker's own offer, a member's "I'm
 * interested" and the broker's answer. `post` indexes the network's posts in `demoExchange`, people
 * index `people`; messages in order, the last one unread by the person it went to.
 */
export type DemoConversation = { post: number; by: number; messages: { by: number; body: string; hoursAgo: number }[] };

export const demoConversations: Record<string, DemoConversation[]> = {
  siac: [
    {
      post: 0,
      by: 2,
      messages: [
        {
          by: 2,
          body: "The cultural centre in Baia Mare lends its **hall** to citizen groups on weekday afternoons, projector included. I can ask them for you.",
          hoursAgo: 30,
        },
        { by: 1, body: "That would be perfect. A Thursday afternoon, from two to five, if they can.", hoursAgo: 26 },
        { by: 2, body: "They said yes for Thursday the 17th. I will meet you at the entrance at a quarter to two.", hoursAgo: 3 },
      ],
    },
    {
      post: 2,
      by: 1,
      messages: [
        { by: 1, body: "Our lab works with the open data of Baia Mare: an introduction would help us compare notes with Berlin.", hoursAgo: 20 },
        { by: 0, body: "Gladly. I will write to them this week and put you in copy.", hoursAgo: 5 },
      ],
    },
  ],
  "pathfinders-midden-brabant": [
    {
      post: 0,
      by: 2,
      messages: [
        { by: 2, body: "De bibliotheek heeft een **vergaderzaal** voor twintig mensen. Ik kan hem voor jullie vragen.", hoursAgo: 28 },
        { by: 1, body: "Graag! Een dinsdagavond zou ideaal zijn, vanaf half acht.", hoursAgo: 25 },
        { by: 2, body: "Dinsdag de 15e is hij vrij. Ik heb hem op onze naam gezet.", hoursAgo: 4 },
      ],
    },
    {
      post: 2,
      by: 1,
      messages: [
        { by: 1, body: "Wij willen in het voorjaar een aanvraag doen bij het Brabantfonds. Heb je in maart een uur?", hoursAgo: 22 },
        { by: 0, body: "Zeker. Stuur me je eerste opzet, dan plannen we een uur in de eerste week van maart.", hoursAgo: 6 },
      ],
    },
  ],
};
