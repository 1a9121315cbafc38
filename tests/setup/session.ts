import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The signed-in person as the mocked `auth()` (see integration.ts) reports it.
 * `signInAs` sets it for the rest of a test; `asUser` for one call chain, so
 * concurrent actions (Promise.all) can run as different people.
 */
export type SessionUser = { id: string; email: string; name: string | null };

let current: SessionUser | null = null;
const scoped = new AsyncLocalStorage<{ user: SessionUser | null }>();

function pick(user: SessionUser | null): SessionUser | null {
  return user ? { id: user.id, email: user.email, name: user.name } : null;
}

export function signInAs(user: SessionUser | null): void {
  current = pick(user);
}

export function asUser<T>(user: SessionUser | null, fn: () => Promise<T>): Promise<T> {
  return scoped.run({ user: pick(user) }, fn);
}

/** What Auth.js's `auth()` returns with a database session: the user, or null. */
export function currentSession() {
  const store = scoped.getStore();
  const user = store ? store.user : current;
  return user ? { user: { ...user }, expires: new Date(Date.now() + 86_400_000).toISOString() } : null;
}

type Cookie = { name: string; value: string };

/** A minimal stand-in for the `cookies()` store of next/headers. */
export class CookieJar {
  private readonly store = new Map<string, Cookie>();
  get(name: string): Cookie | undefined {
    return this.store.get(name);
  }
  getAll(): Cookie[] {
    return [...this.store.values()];
  }
  has(name: string): boolean {
    return this.store.has(name);
  }
  set(nameOrCookie: string | Cookie, value?: string): this {
    const cookie = typeof nameOrCookie === "string" ? { name: nameOrCookie, value: value ?? "" } : nameOrCookie;
    this.store.set(cookie.name, { name: cookie.name, value: cookie.value });
    return this;
  }
  delete(name: string): this {
    this.store.delete(name);
    return this;
  }
  clear(): void {
    this.store.clear();
  }
}

export const cookieJar = new CookieJar();
export const requestHeaders = new Headers();

export function resetRequest(): void {
  current = null;
  cookieJar.clear();
  for (const key of [...requestHeaders.keys()]) requestHeaders.delete(key);
}
