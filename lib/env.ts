import { z } from "zod";

/**
 * Configuration, validated once. `appEnv` is Kring's own notion of where it runs:
 * - development: `next dev`, the embedded database, the outbox page;
 * - test: the built app under test (outbox page on, so end-to-end tests can sign in);
 * - production: real mail only; the outbox page does not exist.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    KRING_ENV: z.enum(["development", "test", "production"]).optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
    KRING_DATA_DIR: z.string().min(1).default(".data"),
    KRING_SEED_DEMO: z.enum(["0", "1"]).optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    EMAIL_FROM: z.string().min(3).default("Kring <no-reply@kring.localhost>"),
    AUTH_SECRET: z.string().min(16).optional(),
    KRING_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
  })
  .transform((raw) => {
    const appEnv =
      raw.KRING_ENV ?? (raw.NODE_ENV === "production" ? "production" : raw.NODE_ENV === "test" ? "test" : "development");
    return {
      ...raw,
      appEnv,
      /** The outbox page and the outbox transport exist only outside production. */
      outboxEnabled: appEnv !== "production",
      /** Pages for development and measurement (the benchmark's bare page) exist only outside production. */
      devPagesEnabled: appEnv !== "production",
      /**
       * Where people reach Kring, for links in emails sent outside a request (reminders):
       * KRING_PUBLIC_URL, else AUTH_URL, else (outside production) the development address.
       */
      publicUrl: raw.KRING_PUBLIC_URL ?? raw.AUTH_URL ?? "http://localhost:3000",
      /** Demo networks are seeded on first start: by default into the embedded database only. */
      seedDemo: raw.KRING_SEED_DEMO ? raw.KRING_SEED_DEMO === "1" : !raw.DATABASE_URL,
    };
  })
  .superRefine((env, ctx) => {
    if (env.appEnv === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "AUTH_SECRET is required in production" });
    }
    if (env.appEnv === "production" && !env.KRING_PUBLIC_URL && !env.AUTH_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["KRING_PUBLIC_URL"],
        message: "KRING_PUBLIC_URL (or AUTH_URL) is required in production (links in reminder emails)",
      });
    }
    if (env.appEnv === "production" && !env.SMTP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message: "SMTP_URL is required in production (sign-in links are sent by email)",
      });
    }
  });

export type Env = z.output<typeof schema>;

let cached: Env | undefined;

function blankToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

/** Parses the environment on first use and fails with every problem listed. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(blankToUndefined(process.env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Kring cannot start, the configuration is invalid:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
