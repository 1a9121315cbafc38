// Stand-in for the `server-only` package in tests (aliased in tests/vitest.config.ts).
export {};
