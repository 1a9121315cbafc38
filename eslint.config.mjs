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
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".next-*/**", "node_modules/**", ".data/**", "lib/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "tests/.tmp/**"] },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    rules: { "no-restricted-imports": ["error", prismaImports] },
  },
  {
    // The data layer itself, and the scripts and tests that build databases.
    files: ["lib/db/**", "lib/**/queries.ts", "lib/**/mutations.ts", "prisma/**", "tests/**", "bench/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
