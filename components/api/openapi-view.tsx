import type { ReactNode } from "react";
import { openApiDocument } from "@/lib/api/openapi";

/**
 * What the reference pages (components/api/reference.tsx, components/api/records.tsx) read of the
 * OpenAPI document, and the one way both write a type. Every element they render is a plain one
 * with as few attributes as will do: the HTML and its inline copy for React both grow with it.
 */

export type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  items?: Schema;
  $ref?: string;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
};

export type Parameter = { name: string; in: string; description?: string; required?: boolean; schema?: Schema };
export type Answer = { description?: string; headers?: Record<string, unknown>; content?: Record<string, { schema?: Schema }> };
export type Operation = {
  summary?: string;
  description?: string;
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, Answer>;
};
type Paths = Record<string, Record<string, Operation>>;

export type ApiDocument = { info: { version: string }; paths: Paths; webhooks?: Paths; components?: { schemas?: Record<string, Schema> } };

export function apiDocument(): ApiDocument {
  return openApiDocument() as unknown as ApiDocument;
}

/** The page with every record's fields; a record's place on it is `#<name>`. */
export const RECORDS_PAGE = "/api/docs/records";

export function refName(ref: string): string {
  return ref.split("/").at(-1) ?? ref;
}

/** The first body of an answer or a request: its media type and schema. */
export function bodyOf(content: Record<string, { schema?: Schema }> | undefined): [string, Schema | undefined] | undefined {
  const [type, body] = Object.entries(content ?? {})[0] ?? [];
  return type ? [type, body?.schema] : undefined;
}

function typeParts(schema: Schema | undefined, records: string): ReactNode[] {
  if (!schema) return [];
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return [
      <a key={name} href={`${records}#${name}`}>
        {name}
      </a>,
    ];
  }
  if (schema.anyOf) return schema.anyOf.flatMap((s, i) => (i ? [" | ", ...typeParts(s, records)] : typeParts(s, records)));
  if (schema.const !== undefined) return [JSON.stringify(schema.const)];
  if (schema.enum) return [schema.enum.map((v) => JSON.stringify(v)).join(" | ")];
  if (schema.type === "array") {
    const items = typeParts(schema.items, records);
    // `("a" | "b")[]`: an array of either, never an "a" or an array of "b".
    return items.some((part) => typeof part === "string" && part.includes(" | ")) ? ["(", ...items, ")[]"] : [...items, "[]"];
  }
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "object");
  return [schema.format ? `${type} (${schema.format})` : type];
}

/**
 * A schema as a short type: `string (date-time)`, `Thread[]`, `"a" | "b"`, `string | null`, each
 * record's name a link to its place on the records page (`records`: that page's address, "" on it).
 * Plain text where no record is named, with the text `before` and `after` it, so it stays one string
 * in the page (two strings side by side cost a marker between them in the HTML).
 */
export function typeOf(schema: Schema | undefined, { records = RECORDS_PAGE, before = "", after = "" } = {}): ReactNode {
  const parts = [before, ...typeParts(schema, records), after].reduce<ReactNode[]>((all, part) => {
    if (part === "") return all;
    const last = all.at(-1);
    if (typeof part === "string" && typeof last === "string") all[all.length - 1] = last + part;
    else all.push(part);
    return all;
  }, []);
  return parts.length === 1 ? parts[0] : parts;
}
