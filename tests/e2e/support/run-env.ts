import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where this end-to-end run keeps its data. The Playwright config is evaluated by the
 * runner and again by every worker; the run id chosen by the runner reaches the workers,
 * the web server and the global teardown through the environment, so all agree.
 */
export const E2E_TMP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../.tmp");

export type E2eDatabase =
  | { kind: "postgres"; adminUrl: string; url: string; name: string }
  | { kind: "pglite"; dataDir: string };

/**
 * Sign-in links per address in 15 minutes on the end-to-end server (KRING_RATE_SIGNIN_PER_ADDRESS;
 * the default is 5). The suite signs the demo people in many times within minutes, one test after
 * another; rate-limit.spec.ts proves the limit and its message at this value.
 */
export const E2E_SIGNIN_PER_ADDRESS = 20;

/** `<unix seconds>_<random>`: unique per run, and its age can be read back to sweep leftovers. */
export function e2eRunId(): string {
  process.env.KRING_E2E_RUN_ID ??= `${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
  return process.env.KRING_E2E_RUN_ID;
}

const localHosts = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** The tests create and drop databases: refuse anything but a server on this machine. */
export function assertLocalDatabaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("TEST_DATABASE_URL is not a valid URL");
  }
  if (!/^postgres(ql)?:$/.test(url.protocol)) throw new Error("TEST_DATABASE_URL must be a postgres:// URL");
  const socketHost = url.searchParams.get("host");
  const local = url.hostname === "" ? socketHost === null || socketHost.startsWith("/") : localHosts.has(url.hostname);
  if (!local) {
    throw new Error(
      `Refusing to create and drop end-to-end databases on "${url.hostname}": TEST_DATABASE_URL must point at a local PostgreSQL (localhost, 127.0.0.1, ::1 or a Unix socket).`,
    );
  }
  return url;
}

/** This run's database: a fresh `kring_e2e_<run id>` on TEST_DATABASE_URL's server, else a fresh PGlite folder. */
export function e2eDatabase(): E2eDatabase {
  const id = e2eRunId();
  const admin = process.env.TEST_DATABASE_URL;
  if (admin) {
    const adminUrl = assertLocalDatabaseUrl(admin);
    const name = `kring_e2e_${id}`;
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return { kind: "postgres", adminUrl: adminUrl.toString(), url: url.toString(), name };
  }
  return { kind: "pglite", dataDir: path.join(E2E_TMP_DIR, `e2e-${id}`) };
}
