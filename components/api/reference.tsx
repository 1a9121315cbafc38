import { getLocale, getTranslations } from "next-intl/server";
import { apiDocument, bodyOf, RECORDS_PAGE, typeOf, type Answer, type Operation, type Parameter } from "@/components/api/openapi-view";
import { PAGE_MAX } from "@/lib/api/limits";
import { PROBLEMS, type ProblemCode } from "@/lib/api/policy";

/**
 * The read API's reference (decision 047), rendered on the server from the OpenAPI document
 * itself: every path with its scope, parameters and answers, and every problem it can give. The
 * records those answers are made of have their own page (components/api/records.tsx), each record
 * name here a link to it. What every list or every path shares (its parameters, its error
 * answers) is written once, under the intro, and each endpoint names it and describes only its own.
 * No script, no outside font: the document is the one source, this is only its reading view.
 */

type Endpoint = { path: string; method: string; op: Operation };

/** What every one of `lists` holds, as `same` compares (in the first list's order). */
function common<T>(lists: T[][], same: (a: T, b: T) => boolean): T[] {
  const [first = [], ...rest] = lists;
  return first.filter((item) => rest.every((list) => list.some((other) => same(item, other))));
}

const describe = (p: Parameter) => p.description ?? p.schema?.description ?? "";
const sameParameter = (a: Parameter, b: Parameter) => a.in === b.in && a.name === b.name && describe(a) === describe(b);
/** The same status with the same description, headers and body. */
const sameAnswer = ([s, a]: [string, Answer], [t, b]: [string, Answer]) => s === t && JSON.stringify(a) === JSON.stringify(b);

/** What an answer is: `No such thread. (application/problem+json: Problem)`, the record a link. */
function answerText(a: Answer, before = "") {
  const body = bodyOf(a.content);
  const text = `${before}${a.description ?? ""}`;
  return body ? typeOf(body[1], { before: `${text} (${body[0]}: `, after: ")" }) : text;
}

export async function ApiReference() {
  const [t, tp, locale] = await Promise.all([getTranslations("api.docs"), getTranslations("api.problem"), getLocale()]);
  const doc = apiDocument();
  const endpoints: Endpoint[] = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  // The parameters every list takes (a list answers with a `Link` to its next page), and the answers every endpoint can give.
  const lists = endpoints.filter(({ op }) => op.responses?.["200"]?.headers?.["Link"]);
  const sharedParameters = common(
    lists.map(({ op }) => op.parameters ?? []),
    sameParameter,
  );
  const sharedAnswers = common(
    endpoints.map(({ op }) => Object.entries(op.responses ?? {})),
    sameAnswer,
  );
  const seeAnswers = `: ${t("describedUnder", { section: t("errors") })}`;
  return (
    <div className="api-ref max-w-4xl space-y-6 wrap-anywhere">
      <section aria-labelledby="api-docs" className="card">
        <h1 id="api-docs">
          {`${t("title")} `}
          <span>{`v${doc.info.version}`}</span>
        </h1>
        <p>
          {`${t("intro")} `}
          <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
        </p>
        <p>
          {`${t("recordsLink")} `}
          <a href={RECORDS_PAGE}>{t("schemas")}</a>
        </p>
        {/* The document's own words (summaries, descriptions) are English: said once, and marked where they stand alone. */}
        {locale === "en" ? null : <p>{t("documentLanguage")}</p>}
        <h2>{t("auth")}</h2>
        <p>{t("authText")}</p>
        <h2>{t("paging")}</h2>
        <p>{t("pagingText")}</p>
        <h2 id="api-parameters">{t("common")}</h2>
        <p>{t("commonText")}</p>
        <dl>
          {sharedParameters.flatMap((p) => [
            <dt key={`${p.name}:`}>
              <code>{p.name}</code>
              {` (${p.in})`}
            </dt>,
            <dd key={p.name}>{typeOf(p.schema, { after: `: ${describe(p)}` })}</dd>,
          ])}
        </dl>
        <h2 id="api-errors">{t("errors")}</h2>
        <p>{t("errorsText")}</p>
        <p>{t("commonAnswers")}</p>
        <dl>
          {sharedAnswers.flatMap(([status, a]) => [
            <dt key={`${status}:`}>
              <code>{status}</code>
            </dt>,
            <dd key={status}>{answerText(a)}</dd>,
          ])}
        </dl>
        <h2>{t("example")}</h2>
        <p>{t("exampleText")}</p>
      </section>
      <section aria-labelledby="api-endpoints" className="space-y-4">
        <h2 id="api-endpoints">{t("endpoints")}</h2>
        {endpoints.map(({ path, method, op }) => {
          const shared = (op.parameters ?? []).filter((p) => sharedParameters.some((s) => sameParameter(p, s)));
          const own = (op.parameters ?? []).filter((p) => !shared.includes(p));
          const answers = Object.entries(op.responses ?? {}).filter((a) => !sharedAnswers.some((s) => sameAnswer(a, s)));
          return (
            <article key={`${method} ${path}`} className="card">
              <h3 id={op.operationId} lang="en">
                {op.summary}
              </h3>
              <p>
                <code>{`${method.toUpperCase()} /api/v1${path}`}</code>
              </p>
              <dl>
                <dt>{t("scope")}</dt>
                <dd lang="en">{op.description}</dd>
                {shared.length + own.length ? <dt>{t("parameters")}</dt> : null}
                {shared.length ? (
                  <dd>
                    <a href="#api-parameters">{shared.map((p) => p.name).join(", ")}</a>
                    {`: ${t("describedUnder", { section: t("common") })}`}
                  </dd>
                ) : null}
                {own.map((p) => (
                  <dd key={p.name}>
                    <code>{p.name}</code>
                    {typeOf(p.schema, { before: ` (${p.in}) `, after: `: ${describe(p)}` })}
                  </dd>
                ))}
                <dt>{t("statuses")}</dt>
                {answers.map(([status, a]) => (
                  <dd key={status}>
                    <code>{status}</code>
                    {answerText(a, " ")}
                  </dd>
                ))}
                {sharedAnswers.length ? (
                  <dd>
                    <a href="#api-errors">{sharedAnswers.map(([status]) => status).join(", ")}</a>
                    {seeAnswers}
                  </dd>
                ) : null}
              </dl>
            </article>
          );
        })}
      </section>
      <section aria-labelledby="api-problems" className="card">
        <h2 id="api-problems">{t("problems")}</h2>
        <dl>
          {(Object.entries(PROBLEMS) as [ProblemCode, number][]).map(([code, status]) => (
            <div key={code} id={`problem-${code}`}>
              <dt>
                <code>{status}</code> <code>{code}</code>
                {`: ${tp(`${code}.title`)}`}
              </dt>
              <dd>{tp(`${code}.detail`, { max: PAGE_MAX })}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
