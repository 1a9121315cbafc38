import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import { openApiDocument } from "@/lib/api/openapi";
import { PAGE_MAX } from "@/lib/api/limits";
import { PROBLEMS, type ProblemCode } from "@/lib/api/policy";

/**
 * The read API's reference (decision 047), rendered on the server from the OpenAPI document
 * itself: every path with its scope, parameters and answers, and every record with its fields.
 * No script, no outside font: the document is the one source, this is only its reading view.
 */

type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  description?: string;
  items?: Schema;
  $ref?: string;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
};

type Parameter = { name: string; in: string; description?: string; required?: boolean; schema?: Schema };
type Operation = {
  summary?: string;
  description?: string;
  operationId?: string;
  parameters?: Parameter[];
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};

function refName(ref: string): string {
  return ref.split("/").at(-1) ?? ref;
}

/** A schema as a short type: `string (date-time)`, `Thread[]`, `"a" | "b"`, `string | null`. */
function typeOf(schema: Schema | undefined): string {
  if (!schema) return "";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.type === "array") return `${typeOf(schema.items)}[]`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "object");
  return schema.format ? `${type} (${schema.format})` : type;
}

export async function ApiReference() {
  const [t, tp] = await Promise.all([getTranslations("api.docs"), getTranslations("api.problem")]);
  const doc = openApiDocument() as unknown as {
    info: { version: string };
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const schemas = Object.entries(doc.components?.schemas ?? {});
  return (
    <div className="max-w-4xl space-y-6 wrap-anywhere">
      <section aria-labelledby="api-docs" className={`${cardClass} space-y-3`}>
        <h1 id="api-docs" className="text-2xl font-semibold">
          {t("title")} <span className="text-base font-normal text-muted">v{doc.info.version}</span>
        </h1>
        <p>
          {t("intro")}{" "}
          <a href="/api/v1/openapi.json" className="underline">
            /api/v1/openapi.json
          </a>
        </p>
        <h2 className="text-lg font-semibold">{t("auth")}</h2>
        <p>{t("authText")}</p>
        <h2 className="text-lg font-semibold">{t("paging")}</h2>
        <p>{t("pagingText")}</p>
        <h2 className="text-lg font-semibold">{t("errors")}</h2>
        <p>{t("errorsText")}</p>
        <h2 className="text-lg font-semibold">{t("example")}</h2>
        <p>{t("exampleText")}</p>
      </section>
      <section aria-labelledby="api-endpoints" className="space-y-4">
        <h2 id="api-endpoints" className="text-xl font-semibold">
          {t("endpoints")}
        </h2>
        {Object.entries(doc.paths).flatMap(([path, methods]) =>
          Object.entries(methods).map(([method, op]) => (
            <article key={`${method} ${path}`} id={op.operationId} className={`${cardClass} space-y-2`} aria-labelledby={`${op.operationId}-title`}>
              <h3 id={`${op.operationId}-title`} className="text-lg font-semibold">
                {op.summary}
              </h3>
              <p>
                <code className="break-all">
                  {method.toUpperCase()} /api/v1{path}
                </code>
              </p>
              <p className="text-sm">
                {t("scope")}: {op.description}
              </p>
              {op.parameters?.length ? (
                // A wide table scrolls inside a named region the keyboard can reach (a phone's width).
                <div className="overflow-x-auto" role="region" tabIndex={0} aria-label={`${op.summary}: ${t("parameters")}`}>
                  <table className="w-full text-left text-sm">
                    <caption className="text-left font-medium">{t("parameters")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("field")}</th>
                        <th scope="col">{t("type")}</th>
                        <th scope="col">{t("description")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {op.parameters.map((p) => (
                        <tr key={`${p.in}-${p.name}`}>
                          <td>
                            <code>{p.name}</code> ({p.in})
                          </td>
                          <td>{typeOf(p.schema)}</td>
                          <td>{p.description ?? p.schema?.description ?? ""}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
              <dl className="text-sm">
                <dt className="font-medium">{t("statuses")}</dt>
                {Object.entries(op.responses ?? {}).map(([status, r]) => {
                  const [type, body] = Object.entries(r.content ?? {})[0] ?? [];
                  return (
                    <dd key={status}>
                      <code>{status}</code> {r.description} {type ? <span className="text-muted">({type}: {typeOf(body?.schema)})</span> : null}
                    </dd>
                  );
                })}
              </dl>
            </article>
          )),
        )}
      </section>
      <section aria-labelledby="api-problems" className={`${cardClass} space-y-3`}>
        <h2 id="api-problems" className="text-xl font-semibold">
          {t("problems")}
        </h2>
        <dl className="space-y-3">
          {(Object.entries(PROBLEMS) as [ProblemCode, number][]).map(([code, status]) => (
            <div key={code} id={`problem-${code}`}>
              <dt className="font-medium">
                <code>{status}</code> <code>{code}</code>: {tp(`${code}.title`)}
              </dt>
              <dd className="text-sm">{tp(`${code}.detail`, { max: PAGE_MAX })}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="api-schemas" className="space-y-4">
        <h2 id="api-schemas" className="text-xl font-semibold">
          {t("schemas")}
        </h2>
        {schemas.map(([name, schema]) => (
          <article key={name} id={`schema-${name}`} className={`${cardClass} space-y-2`} aria-labelledby={`schema-${name}-title`}>
            <h3 id={`schema-${name}-title`} className="text-lg font-semibold">
              {name}
            </h3>
            {schema.description ? <p className="text-sm">{schema.description}</p> : null}
            <div className="overflow-x-auto" role="region" tabIndex={0} aria-label={name}>
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{name}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("field")}</th>
                    <th scope="col">{t("type")}</th>
                    <th scope="col">{t("description")}</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(schema.properties ?? {}).map(([field, s]) => (
                    <tr key={field}>
                      <td>
                        <code>{field}</code>
                      </td>
                      <td>{typeOf(s)}</td>
                      <td>{s.description ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </article>
        ))}
      </section>
    </div>
  );
}
