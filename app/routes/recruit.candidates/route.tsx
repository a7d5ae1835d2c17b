/** Search candidates by name, email, headline, answers and notes; one entry per person with their applications beneath, paged by person. Staff only. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, SelectField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { parsePage } from "~/utils/search";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";
import { filterChoices, SearchParams, searchCandidates } from "./queries.server";
import reviewStyles from "~/styles/review.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reviewStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Candidates", "Recruiting") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  const db = getDb();
  const url = new URL(request.url);
  const get = (k: string) => url.searchParams.get(k) || undefined;
  const search = SearchParams.parse({
    q: get("q"),
    opening: get("opening"),
    stage: get("stage"),
    status: get("status"),
    from: get("from"),
    to: get("to"),
  });
  const page = parsePage(url.searchParams.get("page"));
  return { search, page, ...searchCandidates(db, search, page), ...filterChoices(db) };
}

export default function Candidates() {
  const { search, page, total, applicationTotal, rows, pageCount, openings, stageNames } =
    useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <h1>Candidates</h1>
        <p className="lede">Search names, emails, headlines, screening answers and notes.</p>
      </header>
      <Form method="get" className="stack card">
        <Field
          label="Search"
          inputProps={{ name: "q", type: "search", defaultValue: search.q ?? "" }}
        />
        <div className="grid">
          <SelectField
            label="Opening"
            selectProps={{ name: "opening", defaultValue: search.opening ?? "" }}
          >
            <option value="">Any opening</option>
            {openings.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Stage"
            selectProps={{ name: "stage", defaultValue: search.stage ?? "" }}
          >
            <option value="">Any stage</option>
            {stageNames.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Status"
            selectProps={{ name: "status", defaultValue: search.status ?? "" }}
          >
            <option value="">Any status</option>
            {["active", "rejected", "hired", "withdrawn"].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </SelectField>
          <Field
            label="Applied from"
            inputProps={{ name: "from", type: "date", defaultValue: search.from ?? "" }}
          />
          <Field
            label="Applied until"
            inputProps={{ name: "to", type: "date", defaultValue: search.to ?? "" }}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            Search candidates
          </button>
        </div>
      </Form>
      <p className="results-summary" role="status">
        {plural(total, "candidate")} · {plural(applicationTotal, "application")}
      </p>
      {rows.length === 0 ? (
        <p className="empty-state">No candidates match.</p>
      ) : (
        <ol className="person-results" aria-label="Matching candidates">
          {rows.map((p) => (
            <li key={p.candidateId} className="person-result">
              <h2>
                <Link to={`/recruit/applications/${p.applications[0].id}`}>{p.name}</Link>
              </h2>
              <p className="small muted">
                {p.email}
                {p.headline ? ` · ${p.headline}` : ""}
              </p>
              <ul className="person-apps" aria-label={`Applications of ${p.name}`}>
                {p.applications.map((a) => (
                  <li key={a.id}>
                    <Link to={`/recruit/applications/${a.id}`}>{a.opening}</Link>
                    <span className="small muted">
                      {" "}
                      · {a.stage} ·{" "}
                      <span className={`status-badge status-badge--${a.status}`}>{a.status}</span> ·
                      applied {formatStaffDate(a.createdAt)}
                    </span>{" "}
                    <Link to={`/recruit/openings/${a.openingId}`} className="small">
                      board<span className="visually-hidden"> of {a.opening}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
