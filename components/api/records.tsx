import { getLocale, getTranslations } from "next-intl/server";
import type { ReactElement } from "react";
import { apiDocument, bodyOf, refName, typeOf, type Schema } from "@/components/api/openapi-view";

/**
 * The records of the read API's reference (decision 047), on their own page: every record the
 * endpoints answer with and every message a webhook sends (decision 050), field by field, from the
 * OpenAPI document's schemas. A record's place is `#<name>`, where the reference links its answers.
 */

/**
 * A record's fields (each name set as code by the page's class), an object's own fields (or an
 * array's items') nested under the field. Plain functions, not components, and no empty children:
 * each component and each `null` would be one more entry in the page's inline copy for React.
 */
function fields(schema: Schema, optional: string, key: string): ReactElement {
  return (
    <dl key={key}>
      {Object.entries(schema.properties ?? {}).flatMap(([field, s]) => {
        const inner = s.type === "array" ? s.items : s;
        const note = [schema.required && !schema.required.includes(field) ? `, ${optional}` : "", s.description ? `: ${s.description}` : ""].join("");
        const type = typeOf(s, { records: "", after: note });
        return [
          <dt key={`${field}:`}>{field}</dt>,
          <dd key={field}>{inner?.properties ? [type, fields(inner, optional, field)] : type}</dd>,
        ];
      })}
    </dl>
  );
}

/** A record: its name (its anchor), what it is, its fields. */
function record([name, schema]: [string, Schema], optional: string): ReactElement[] {
  return [
    <h3 key={name} id={name}>
      {name}
    </h3>,
    ...(schema.description
      ? [
          <p key={`${name}.`} lang="en">
            {schema.description}
          </p>,
        ]
      : []),
    fields(schema, optional, `${name}:`),
  ];
}

export async function ApiRecords() {
  const [t, locale] = await Promise.all([getTranslations("api.docs"), getLocale()]);
  const doc = apiDocument();
  // The webhooks' messages (what each POSTs) are records too; what the webhooks say of themselves is said once.
  const webhooks = Object.values(doc.webhooks ?? {}).flatMap((methods) => Object.values(methods));
  const messages = new Set(webhooks.map((op) => bodyOf(op.requestBody?.content)?.[1]?.$ref).flatMap((ref) => (ref ? [refName(ref)] : [])));
  const notes = [...new Set(webhooks.flatMap((op) => [op.description, ...Object.values(op.responses ?? {}).map((a) => a.description)]))];
  const records = Object.entries(doc.components?.schemas ?? {});
  const answers = records.filter(([name]) => !messages.has(name));
  const sent = records.filter(([name]) => messages.has(name));
  const optional = t("optional");
  return (
    <div className="api-ref api-records max-w-4xl space-y-6 wrap-anywhere">
      <section aria-labelledby="api-records" className="card">
        <h1 id="api-records">
          {`${t("recordsTitle")} `}
          <span>{`v${doc.info.version}`}</span>
        </h1>
        <p>
          {`${t("recordsIntro")} `}
          <a href="/api/docs">{t("title")}</a>
        </p>
        {locale === "en" ? null : <p>{t("documentLanguage")}</p>}
        <nav aria-label={t("recordsIndex")}>
          {[...answers, ...sent].flatMap(([name], i) => {
            const link = (
              <a key={name} href={`#${name}`}>
                {name}
              </a>
            );
            return i ? [" · ", link] : [link];
          })}
        </nav>
      </section>
      <section aria-labelledby="api-answers" className="card">
        <h2 id="api-answers">{t("schemas")}</h2>
        {answers.flatMap((r) => record(r, optional))}
      </section>
      {sent.length ? (
        <section aria-labelledby="api-webhooks" className="card">
          <h2 id="api-webhooks">{t("webhooks")}</h2>
          {notes.flatMap((note) =>
            note
              ? [
                  <p key={note} lang="en">
                    {note}
                  </p>,
                ]
              : [],
          )}
          {sent.flatMap((r) => record(r, optional))}
        </section>
      ) : null}
    </div>
  );
}
