import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * One door to the data: only lib/db and the domain's queries.ts / mutations.ts
 * may import the Prisma client. Everything else goes through them.
 */
const prismaImports = {
  patterns: [
    {
      group: ["@/lib/db/client", "**/lib/db/client", "**/db/client", "@/lib/db/generated/client", "**/generated/client", "@prisma/client", "@prisma/client/*"],
      message: "Only lib/db and lib/**/queries.ts / mutations.ts may use the Prisma client.",
    },
    dbInternals(),
  ],
};

/** lib/db's own parts behind lib/db/client.ts (the pool, PGlite, the tenant binding): lib/db only. */
function dbInternals() {
  return {
    group: ["@/lib/db/postgres", "@/lib/db/pglite", "@/lib/db/tenant-binding", "**/db/postgres", "**/db/pglite", "**/db/tenant-binding"],
    message: "Use lib/db/client.ts (db, dbAcross, dbSystem); the pool, PGlite and tenant binding are lib/db's own.",
  };
}

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".next-*/**", "node_modules/**", ".data/**", "lib/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "tests/.tmp/**"] },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    rules: { "no-restricted-imports": ["error", prismaImports] },
  },
  {
    // Routes and presentation reach the database only through a domain's queries.ts / mutations.ts,
    // never lib/db itself (its live listener and availability included).
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          ...prismaImports,
          patterns: [
            ...prismaImports.patterns,
            { group: ["@/lib/db/*", "**/lib/db/*"], message: "app/ and components/ use a domain's queries.ts / mutations.ts, not lib/db." },
          ],
        },
      ],
    },
  },
  {
    // The data layer itself, and the scripts and tests that build databases.
    // scripts/network-import.ts opens and closes the database as db:seed does; its reads and writes are lib/portability's.
    files: ["lib/db/**", "lib/**/queries.ts", "lib/**/mutations.ts", "prisma/**", "tests/**", "bench/**", "scripts/network-import.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Reads and writes across networks bypass no check, but they name more than one network
    // (dbAcross) or every network (dbSystem): reviewed paths only (decision 022).
    files: ["lib/**/queries.ts", "lib/**/mutations.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/db/client",
              importNames: ["dbAcross", "dbSystem", "executeAsOwner"],
              message: "Cross-network access is a reviewed path (decision 022): list the file in eslint.config.mjs, saying why.",
            },
          ],
          patterns: [dbInternals()],
        },
      ],
    },
  },
  {
    // The reviewed cross-network paths (decision 022):
    files: [
      "lib/networks/queries.ts", // the directory's member counts of the listed networks
      "lib/notifications/queries.ts", // a person's notifications in their own networks
      "lib/notifications/mutations.ts", // marking them read
      "lib/portfolio/queries.ts", // the funder's dashboard and export over their funder networks
      "lib/accounts/queries.ts", // a person's data export from every network they belonged to
      "lib/accounts/mutations.ts", // deleting an account: in each network it belonged to, its audit entry, its name taken out of quotes of it and their revisions; an unsubscribe link's one network
      "lib/digests/mutations.ts", // the notification mail sweep (system): every person's unmailed notifications
      "lib/reminders/mutations.ts", // the reminder sweep (system)
      "lib/gatherings/queries.ts", // a person's next gatherings across their own networks (the site's home)
      "lib/portability/queries.ts", // the export worker (no session) reads the one network whose export it claimed, that network alone (decision 046); the import asks whether an export was imported before, in any network (decision 049)
      "lib/portability/mutations.ts", // the export queue (system): claiming any network's waiting export and expiring old files; then writing that one network's row (decision 046); the import writes its one new network (decision 049)
      "lib/calendar/queries.ts", // calendar feeds found by their secret, not a session: the one network a private feed names; a person's going/maybe gatherings in their own networks (decision 037)
      "lib/api/queries.ts", // a read API token found by its hash, not a session: within the one network the address names (decision 047)
      "lib/api/mutations.ts", // a token's "last used", within the one network it was found in (decision 047)
      "lib/webhooks/mutations.ts", // the webhook queue (system): claiming any network's due deliveries; then writing that one delivery's network (decision 050)
    ],
    rules: { "no-restricted-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
