// Which messages reach the browser. The root layout hands client components only the namespaces
// in ROOT_CLIENT_NAMESPACES; a page, layout or component that renders client components needing
// more wraps them in <ClientMessages namespaces={[...]}> (components/i18n/client-messages.tsx).
// Sending every message on every page cost about 4 ms of server time per request and 40 kB of
// HTML (decision 024). This test follows the imports from every route file: each client module
// it reaches (with everything that module imports) may only use namespaces that the root or a
// <ClientMessages> on the way provides, so a new component or page cannot miss its messages.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { ROOT_CLIENT_NAMESPACES } from "@/lib/i18n/client-namespaces";
import en from "@/lib/i18n/messages/en.json";
import { isClientModule, sources } from "./source-files";

const root = process.cwd();

type Module = { file: string; client: boolean; imports: string[]; namespaces: string[]; provides: string[] };

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const modules = new Map<string, Module>();
function load(file: string): Module {
  let known = modules.get(file);
  if (known) return known;
  const text = readFileSync(file, "utf8");
  const specs = [
    ...[...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)";/gms)].map((m) => m[1]!),
    ...[...text.matchAll(/^export\s+(?!type\s)[^;]*?from\s+"([^"]+)";/gms)].map((m) => m[1]!),
    ...[...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!),
  ];
  known = {
    file,
    client: isClientModule(text),
    imports: specs.map((s) => resolveImport(file, s)).filter((f): f is string => f !== null),
    namespaces: [
      ...[...text.matchAll(/useTranslations\(\s*"([^".]+)(?:\.[^"]*)?"\s*\)/g)].map((m) => m[1]!),
      ...(/useTranslations\(\s*\)/.test(text) ? ["*"] : []),
    ],
    provides: [...text.matchAll(/<ClientMessages\s+namespaces=\{\[([^\]]*)\]\}/g)].flatMap((m) =>
      [...m[1]!.matchAll(/"([^"]+)"/g)].map((n) => n[1]!),
    ),
  };
  modules.set(file, known);
  return known;
}

/** Every namespace the client module and everything it imports use, with the module that uses each. */
function clientNeeds(file: string, seen = new Set<string>(), out = new Map<string, string>()): Map<string, string> {
  if (seen.has(file)) return out;
  seen.add(file);
  const m = load(file);
  for (const ns of m.namespaces) if (!out.has(ns)) out.set(ns, path.relative(root, file));
  for (const dep of m.imports) clientNeeds(dep, seen, out);
  return out;
}

type Finding = { entry: string; via: string; namespace: string; usedIn: string };

/** Walks the server modules from a route file; checks every client module it reaches. */
function check(entry: string): { findings: Finding[]; needed: Set<string> } {
  const findings: Finding[] = [];
  const needed = new Set<string>();
  const walk = (file: string, provided: Set<string>, seen: Set<string>) => {
    if (seen.has(file)) return;
    seen.add(file);
    const m = load(file);
    if (m.client) {
      for (const [namespace, usedIn] of clientNeeds(file)) {
        needed.add(namespace);
        if (!provided.has(namespace)) findings.push({ entry: path.relative(root, entry), via: path.relative(root, file), namespace, usedIn });
      }
      return;
    }
    const inner = new Set([...provided, ...m.provides]);
    for (const dep of m.imports) walk(dep, inner, seen);
  };
  walk(entry, new Set(ROOT_CLIENT_NAMESPACES), new Set());
  return { findings, needed };
}

/**
 * Each `<ClientMessages>` of a route file that is not the outermost element of something the
 * page's own function returns: one inside a helper (a provider per list item repeats the
 * messages in the payload and hides the list's keys) or inside another provider. Early returns
 * of the page may each have their own.
 */
function misplacedProviders(file: string, text = readFileSync(file, "utf8")): string[] {
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const problems: string[] = [];
  const isProvider = (node: ts.Node): node is ts.JsxElement =>
    ts.isJsxElement(node) && node.openingElement.tagName.getText(sourceFile) === "ClientMessages";
  const visit = (node: ts.Node, fn: ts.Node | null, insideProvider: boolean) => {
    let nextFn = fn;
    if (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) {
      nextFn = node;
    }
    if (isProvider(node)) {
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
      const pageFunction = fn !== null && ts.isFunctionDeclaration(fn) && !!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (insideProvider) problems.push(`line ${line}: inside another <ClientMessages>`);
      else if (!pageFunction) problems.push(`line ${line}: inside a function other than the page`);
      node.forEachChild((child) => visit(child, nextFn, true));
      return;
    }
    node.forEachChild((child) => visit(child, nextFn, insideProvider));
  };
  visit(sourceFile, null, false);
  return problems;
}

const routeFiles = sources(path.join(root, "app")).filter((f) =>
  /\/(page|layout|template|error|not-found|loading|default)\.tsx$/.test(f),
);

describe("messages for client components", () => {
  it("finds the route files and their client modules", () => {
    expect(routeFiles.length).toBeGreaterThan(20);
    expect(check(path.join(root, "app/n/[slug]/(space)/dialogue/[threadId]/page.tsx")).needed).toContain("dialogue");
  });

  it("names only namespaces that exist", () => {
    const all = [...ROOT_CLIENT_NAMESPACES, ...[...modules.values()].flatMap((m) => m.provides)];
    expect(all.filter((ns) => !(ns in en))).toEqual([]);
  });

  it.each(routeFiles.map((f) => [path.relative(root, f)]))("%s: one <ClientMessages>, around what the page returns", (file) => {
    expect(misplacedProviders(path.join(root, file))).toEqual([]);
  });

  it("the provider check sees a provider inside a helper or inside another provider", () => {
    const source = `export default function Page() {
      const item = () => <ClientMessages namespaces={["a"]}><li /></ClientMessages>;
      if (x) return <ClientMessages namespaces={["a"]}><p /></ClientMessages>;
      return <ClientMessages namespaces={["a"]}><ClientMessages namespaces={["b"]}><ul>{item()}</ul></ClientMessages></ClientMessages>;
    }`;
    expect(misplacedProviders("page.tsx", source)).toEqual(["line 2: inside a function other than the page", "line 4: inside another <ClientMessages>"]);
  });

  it.each(routeFiles.map((f) => [path.relative(root, f)]))("%s: every client component gets its messages", (file) => {
    const { findings } = check(path.join(root, file));
    expect(
      findings.map((f) => `${f.via} needs "${f.namespace}" (used in ${f.usedIn}): add it to a <ClientMessages> around it`),
    ).toEqual([]);
  });
});
