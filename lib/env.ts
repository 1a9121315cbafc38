import { z } from "zod";

/** A rate limit read from the environment: at most `limit` hits per `windowMs` (decision 018). */
export type RateSetting = { limit: number; windowMs: number };

const RATE_UNITS_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const RATE_WINDOW_MAX_MS = 7 * RATE_UNITS_MS.d;

/**
 * `count/window` (`5/15m`, `30/5m`, `1000/1h`; units s, m, h, d), or `0` / `off` for no limit
 * (null). Windows run from one second to seven days.
 */
function rate(fallback: string) {
  return z
    .string()
    .trim()
    .default(fallback)
    .transform((text, ctx): RateSetting | null => {
      if (text === "0" || text.toLowerCase() === "off") return null;
      const match = /^(\d{1,9})\/(\d{1,6})(s|m|h|d)$/.exec(text);
      const limit = Number(match?.[1]);
      const windowMs = Number(match?.[2]) * RATE_UNITS_MS[(match?.[3] ?? "s") as keyof typeof RATE_UNITS_MS];
      if (!match || limit < 1 || windowMs < 1_000 || windowMs > RATE_WINDOW_MAX_MS) {
        ctx.addIssue({
          code: "custom",
          message: `expected count/window such as 5/15m (units s, m, h, d; window at most 7d), or off; got "${text}"`,
        });
        return z.NEVER;
      }
      return { limit, windowMs };
    });
}

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
    /** The port `next dev` / `next start` listen on; only for the development public URL. */
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    // Rate limits (decisions 018, 028): sign-in links per address and per client IP, posts per
    // person, and every write through an action per person (per client IP for a visitor).
    KRING_RATE_SIGNIN_PER_ADDRESS: rate("5/15m"),
    KRING_RATE_SIGNIN_PER_IP: rate("100/15m"),
    KRING_RATE_POSTS: rate("30/5m"),
    KRING_RATE_WRITES: rate("300/1h"),
    // Calendar feeds and .ics downloads, per feed address (per client IP for the public ones; decision 037).
    KRING_RATE_FEEDS: rate("120/1h"),
    // Read API requests, per token (decision 047).
    KRING_RATE_API: rate("1000/1h"),
    // Invitations sent by email, per network (decision 034): a broker cannot spray addresses.
    KRING_RATE_INVITATION_MAIL: rate("50/1d"),
    // How many proxies in front of Kring append to X-Forwarded-For; 0 trusts none (decision 018).
    KRING_TRUST_PROXY: z.coerce.number({ error: "expected 0, 1 or the number of proxies" }).int().min(0).max(10).default(0),
    // Immediate email: how long a thread must be quiet before its news goes out as one mail, and
    // how often the mail sweep runs (decision 032). Tests shorten both.
    KRING_MAIL_QUIET_SECONDS: z.coerce.number({ error: "expected seconds" }).int().min(1).max(3600).default(120),
    KRING_MAIL_SWEEP_SECONDS: z.coerce.number({ error: "expected seconds" }).int().min(1).max(3600).default(30),
    // Webhooks (decision 050): IP literals a webhook may be sent to although they are private or
    // loopback, over http too. For tests only (a local receiver); refused in production.
    KRING_WEBHOOK_TEST_HOSTS: z.string().optional(),
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
       * Where people reach Kring: the origin of every link Kring puts in an email (sign-in links,
       * reminders, everything later) and of Auth.js's callbacks. Only this setting decides it;
       * no request header does (decision 029). KRING_PUBLIC_URL, else AUTH_URL (the name Auth.js
       * reads, accepted as the same setting), else outside production `http://localhost:$PORT`.
       */
      publicUrl: new URL(raw.KRING_PUBLIC_URL ?? raw.AUTH_URL ?? `http://localhost:${raw.PORT}`).origin,
      /**
       * What signs sessions (Auth.js) and unsubscribe links: AUTH_SECRET, required in production;
       * outside production a fixed secret keeps `npm run dev` a one-command start.
       */
      signingSecret: raw.AUTH_SECRET ?? "kring-development-secret-do-not-use-in-production",
      /** Demo networks are seeded on first start: by default into the embedded database only. */
      seedDemo: raw.KRING_SEED_DEMO ? raw.KRING_SEED_DEMO === "1" : !raw.DATABASE_URL,
      /** Rate limits; null where turned off. */
      rateLimits: {
        signInPerAddress: raw.KRING_RATE_SIGNIN_PER_ADDRESS,
        signInPerIp: raw.KRING_RATE_SIGNIN_PER_IP,
        posts: raw.KRING_RATE_POSTS,
        writes: raw.KRING_RATE_WRITES,
        feeds: raw.KRING_RATE_FEEDS,
        api: raw.KRING_RATE_API,
        invitationMail: raw.KRING_RATE_INVITATION_MAIL,
      },
      /** Proxies whose X-Forwarded-For entries are believed; 0: the socket's address only. */
      trustedProxies: raw.KRING_TRUST_PROXY,
      /** Immediate email's quiet time and the mail sweep's interval, in milliseconds. */
      mail: { quietMs: raw.KRING_MAIL_QUIET_SECONDS * 1000, sweepMs: raw.KRING_MAIL_SWEEP_SECONDS * 1000 },
      /** Hosts (IP literals) webhooks may reach despite the address rules: tests only (decision 050). */
      webhookTestHosts: (raw.KRING_WEBHOOK_TEST_HOSTS ?? "")
        .split(",")
        .map((h) => h.trim())
        .filter(Boolean),
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
        message:
          "KRING_PUBLIC_URL is required in production: every link in an email (sign-in links included) is built from it, never from the request's Host",
      });
    }
    // An origin: Kring is served at the root of its host. AUTH_URL may also name Auth.js's path.
    const origin = { KRING_PUBLIC_URL: /^https?:\/\/[^/?#]+\/?$/, AUTH_URL: /^https?:\/\/[^/?#]+(\/api\/auth)?\/?$/ } as const;
    for (const name of ["KRING_PUBLIC_URL", "AUTH_URL"] as const) {
      const value = env[name];
      if (value && !origin[name].test(value)) {
        ctx.addIssue({ code: "custom", path: [name], message: `expected an origin such as https://kring.example (no path); got "${value}"` });
      }
    }
    if (env.KRING_PUBLIC_URL && env.AUTH_URL && new URL(env.KRING_PUBLIC_URL).origin !== new URL(env.AUTH_URL).origin) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_URL"],
        message: "AUTH_URL and KRING_PUBLIC_URL differ: set KRING_PUBLIC_URL only (Kring gives Auth.js the same address)",
      });
    }
    if (env.appEnv === "production" && env.webhookTestHosts.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["KRING_WEBHOOK_TEST_HOSTS"],
        message: "KRING_WEBHOOK_TEST_HOSTS is for tests only: in production webhooks never reach private or loopback addresses",
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

function blankToUndefined(source: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

/** Parses a set of variables (the process's, or a test's) and fails with every problem listed. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(blankToUndefined(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Kring cannot start, the configuration is invalid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Parses the environment on first use and fails with every problem listed. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
