import { z } from "zod";
import { slugField } from "@/lib/form-fields";
import { describeField } from "./fields";

/**
 * The zod schemas of the export's rows (issue 22, decision 046). One schema per kind of record,
 * built from the table's columns as PostgreSQL reports them, so a column added later is exported
 * without anyone remembering to (and the test asks for its description). The worker parses every
 * row with its schema before writing it, and the JSON Schema and the README of the ZIP are
 * generated from the same schemas.
 */

/** A column as the worker reads it from the catalogue. */
export type ColumnInfo = {
  name: string;
  type: "text" | "uuid" | "int" | "bigint" | "bool" | "timestamp" | "date" | "json" | "enum";
  array: boolean;
  nullable: boolean;
  /** The allowed values, for an enum column. */
  values?: readonly string[];
};

/** What a field's metadata holds: the English description (JSON Schema's `description`) and the Dutch one. */
type FieldMeta = { description: string; descriptionNl: string };

function scalar(column: ColumnInfo): z.ZodType {
  switch (column.type) {
    case "text":
    case "uuid":
      return z.string();
    case "int":
      return z.int();
    // Written as a decimal string: JSON numbers lose integers beyond 2^53 in most readers.
    case "bigint":
      return z.string().regex(/^-?\d+$/);
    case "bool":
      return z.boolean();
    case "timestamp":
      return z.iso.datetime();
    case "date":
      return z.iso.date();
    case "json":
      return z.json();
    case "enum":
      return z.enum(column.values as [string, ...string[]]);
  }
}

/** The schema of one kind's rows; throws for a column without a description (the tests catch it first). */
export function rowSchema(table: string, columns: readonly ColumnInfo[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const column of columns) {
    const description = describeField(table, column.name);
    if (!description) throw new Error(`export: no description for ${table}.${column.name} (lib/portability/fields.ts)`);
    let field: z.ZodType = column.array ? z.array(scalar(column)) : scalar(column);
    if (column.nullable) field = field.nullable();
    shape[column.name] = field.meta({ description: description[0], descriptionNl: description[1] } satisfies FieldMeta);
  }
  return z.strictObject(shape);
}

export type RowSchema = ReturnType<typeof rowSchema>;

/** A person as the export names them: only the members' names, and an address only where the member allowed it. */
export const PERSON_COLUMNS: readonly ColumnInfo[] = [
  { name: "id", type: "text", array: false, nullable: false },
  { name: "name", type: "text", array: false, nullable: true },
  { name: "bio", type: "text", array: false, nullable: false },
  { name: "email", type: "text", array: false, nullable: true },
];

/** The fields of a schema with their English and Dutch descriptions, in order (for the README and the CSV header). */
export function fieldsOf(schema: RowSchema): { name: string; en: string; nl: string; type: string }[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const meta = (field.meta() ?? {}) as Partial<FieldMeta>;
    const json = z.toJSONSchema(field) as { type?: string | string[]; format?: string; enum?: string[]; anyOf?: { type?: string; format?: string; enum?: string[] }[] };
    const main = json.anyOf?.find((o) => o.type !== "null") ?? json;
    const type = main.enum ? main.enum.join(" | ") : [main.type, main.format].filter(Boolean).join(", ");
    return { name, en: meta.description ?? "", nl: meta.descriptionNl ?? "", type: `${type}${json.anyOf ? " (or null)" : ""}` };
  });
}

/** The JSON Schema (draft 2020-12) of one kind, generated from its zod schema. */
export function jsonSchemaOf(kind: string, schema: RowSchema): Record<string, unknown> {
  return { $id: `urn:kring-network-export:1:${kind}`, title: kind, ...z.toJSONSchema(schema, { target: "draft-2020-12" }) };
}

/** A broker starts an export of the whole network: the form names only the network. */
export const startNetworkExportSchema = z.object({ slug: slugField });
