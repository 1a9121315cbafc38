// Lists a Kring network's threads and milestones through the read API, knowing nothing but the
// OpenAPI document and a token (issue 22, decision 047). Run with Node 24 (it strips the types):
//
//   KRING_TOKEN=kring_… node scripts/api-example.ts https://kring.example.org my-network
//
// It reads the document at /api/v1/openapi.json, finds the operations `listThreads` and
// `listMilestones` in it, builds their addresses from the document's server and path templates,
// and follows each list's `next` cursor to the last page. Problems (RFC 9457) are printed as they
// come, with their `detail`.

type Fetch = (input: string, init?: { headers?: Record<string, string> }) => Promise<Response>;

type Operation = { operationId?: string };
type OpenApi = { servers?: { url: string }[]; paths: Record<string, Record<string, Operation>> };
type Page = { data: Record<string, unknown>[]; next: string | null };

/** The path template of an operation, by its id, from the document alone. */
function pathOf(doc: OpenApi, operationId: string): string {
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (methods.get?.operationId === operationId) return path;
  }
  throw new Error(`the OpenAPI document has no GET operation "${operationId}"`);
}

/** Every item of a list, page by page, following `next`. */
async function readAll(fetcher: Fetch, url: string, token: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const pageUrl = new URL(url);
    pageUrl.searchParams.set("limit", "100");
    if (cursor) pageUrl.searchParams.set("cursor", cursor);
    const response = await fetcher(pageUrl.toString(), { headers: { authorization: `Bearer ${token}`, "accept-language": "en" } });
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string };
      throw new Error(`${response.status} ${problem.title ?? ""}: ${problem.detail ?? ""}`.trim());
    }
    const page = (await response.json()) as Page;
    items.push(...page.data);
    cursor = page.next;
  } while (cursor);
  return items;
}

/** The network's threads and milestones, found through the OpenAPI document at `baseUrl`. */
export async function listThreadsAndMilestones(options: { baseUrl: string; slug: string; token: string; fetch?: Fetch }) {
  const fetcher: Fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl.replace(/\/$/, "");
  const docResponse = await fetcher(`${base}/api/v1/openapi.json`);
  if (!docResponse.ok) throw new Error(`no OpenAPI document at ${base}/api/v1/openapi.json (${docResponse.status})`);
  const doc = (await docResponse.json()) as OpenApi;
  const server = new URL(doc.servers?.[0]?.url ?? "/", `${base}/`).toString().replace(/\/$/, "");
  const address = (operationId: string) => server + pathOf(doc, operationId).replace("{slug}", encodeURIComponent(options.slug));
  const threads = await readAll(fetcher, address("listThreads"), options.token);
  const milestones = await readAll(fetcher, address("listMilestones"), options.token);
  return {
    threads: threads.map((t) => ({ title: String(t.title), replies: Number(t.replyCount) })),
    milestones: milestones.map((m) => ({ title: String(m.title), status: String(m.status) })),
  };
}

async function main() {
  const [baseUrl, slug] = process.argv.slice(2);
  const token = process.env.KRING_TOKEN;
  if (!baseUrl || !slug || !token) {
    console.error("usage: KRING_TOKEN=kring_… node scripts/api-example.ts <base-url> <network-slug>");
    process.exit(2);
  }
  const { threads, milestones } = await listThreadsAndMilestones({ baseUrl, slug, token });
  console.log(`Threads (${threads.length}):`);
  for (const t of threads) console.log(`  - ${t.title} (${t.replies} replies)`);
  console.log(`Milestones (${milestones.length}):`);
  for (const m of milestones) console.log(`  - ${m.title} [${m.status}]`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
