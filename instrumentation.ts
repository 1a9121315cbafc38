// Next.js calls register() once per server process, before it serves requests.
// The build never touches the database: with the embedded default, a build
// worker opening the same PGlite folder as a running server would corrupt it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startNodeServer } = await import("./instrumentation-node");
  await startNodeServer();
}
