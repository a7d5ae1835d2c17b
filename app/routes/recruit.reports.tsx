/**
 * Hiring reports for one opening (?opening=<id>) or all: funnel, conversion,
 * median time in stage, time to hire, applications per week and sources.
 * SVG charts with the numbers in tables beside them; CSV at /recruit/reports.csv.
 * Definitions live in app/models/reports.server.ts. Staff only.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField } from "~/components/forms";
import { BarChart } from "~/components/recruit/bar-chart";
import { getReport, reportScope } from "~/models/reports.server";
import { openingChoices } from "~/models/opening-choices.server";
import { getDb } from "~/utils/db.server";
import { getId } from "~/utils/route-params";
import { formatPercent, plural } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";
import { TableWrap } from "~/components/table-wrap";

export const meta: MetaFunction = () => [{ title: pageTitle("Reports", "Recruiting") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  const db = getDb();
  const opening = reportScope(db, getId(new URL(request.url).searchParams.get("opening")));
  return {
    opening,
    openings: openingChoices(db),
    report: getReport(db, opening?.id ?? null),
  };
}

const days = (n: number | null) => (n === null ? "–" : `${n} d`);

export default function Reports() {
  const { opening, openings: options, report } = useLoaderData<typeof loader>();
  const scope = opening ? opening.title : "All openings";
  const csvHref = `/recruit/reports.csv${opening ? `?opening=${opening.id}` : ""}`;
  return (
    <div className="container">
      <header className="page-header section-header">
        <div>
          <h1>Reports</h1>
          <p className="lede">
            {scope}: {report.total} applications.
          </p>
        </div>
        <a href={csvHref} className="button button--ghost" download>
          Download CSV
        </a>
      </header>
      <Form method="get" className="search-form search-form--1">
        <SelectField
          label="Opening"
          selectProps={{ name: "opening", defaultValue: opening?.id ?? "" }}
        >
          <option value="">All openings</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          Show report
        </button>
      </Form>

      <section aria-labelledby="funnel-h">
        <h2 id="funnel-h">Funnel</h2>
        <p className="hint">
          {opening
            ? "Applications that reached each stage of this opening's pipeline (their current stage or any stage they were moved into; Hired counts the hired), their share of all applications, and the share of the stage before that got there."
            : "Across openings, by kind of stage: an application reached a kind when it reached, in its own opening's pipeline, the first stage of that kind or of a later one. Hired counts the hired; custom stages are part of the step before them. Shares are of all applications, conversion of the row before."}
        </p>
        <div className="report-block">
          <BarChart
            title={`Funnel: applications reaching each ${opening ? "stage" : "kind of stage"}, ${scope}`}
            data={report.funnel.map((f) => ({
              label: f.label,
              value: f.reached,
              note: formatPercent(f.share),
            }))}
          />
          <TableWrap label="Funnel numbers">
            <table className="data-table">
              <caption className="visually-hidden">Funnel numbers</caption>
              <thead>
                <tr>
                  <th scope="col">{opening ? "Stage" : "Kind of stage"}</th>
                  <th scope="col" className="num">
                    Reached
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                  <th scope="col" className="num">
                    Conversion
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.funnel.map((f) => (
                  <tr key={f.position}>
                    <th scope="row">{f.label}</th>
                    <td className="num">{f.reached}</td>
                    <td className="num">{formatPercent(f.share)}</td>
                    <td className="num">{formatPercent(f.conversion)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      </section>

      <section aria-labelledby="time-h">
        <h2 id="time-h">Time in stage</h2>
        <p className="hint">
          Median days of completed stays (until a move or a decision)
          {opening ? "" : ", by kind of stage (custom stages together)"}. Median time to hire, from
          applying to being hired: <strong>{days(report.timeToHire.medianDays)}</strong> over{" "}
          {plural(report.timeToHire.hires, "hire")} (every hired application).
        </p>
        <div className="report-block">
          <BarChart
            title={`Median days in each stage, ${scope}`}
            data={report.stageTimes.map((s) => ({ label: s.label, value: s.medianDays }))}
            format={(n) => `${n} d`}
          />
          <TableWrap label="Time in stage numbers">
            <table className="data-table">
              <caption className="visually-hidden">Time in stage numbers</caption>
              <thead>
                <tr>
                  <th scope="col">{opening ? "Stage" : "Kind of stage"}</th>
                  <th scope="col" className="num">
                    Median days
                  </th>
                  <th scope="col" className="num">
                    Completed stays
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.stageTimes.map((s) => (
                  <tr key={s.position}>
                    <th scope="row">{s.label}</th>
                    <td className="num">{days(s.medianDays)}</td>
                    <td className="num">{s.stays}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      </section>

      <section aria-labelledby="weeks-h">
        <h2 id="weeks-h">Applications per week</h2>
        <div className="report-block">
          <BarChart
            title={`Applications per week, last 12 weeks, ${scope}`}
            data={report.perWeek.map((w) => ({
              label: `from ${formatStaffDate(w.weekStart)}`,
              value: w.count,
            }))}
          />
          <TableWrap label="Applications per week numbers">
            <table className="data-table">
              <caption className="visually-hidden">Applications per week</caption>
              <thead>
                <tr>
                  <th scope="col">Week starting</th>
                  <th scope="col" className="num">
                    Applications
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.perWeek.map((w) => (
                  <tr key={w.weekStart}>
                    <th scope="row">{formatStaffDate(w.weekStart)}</th>
                    <td className="num">{w.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      </section>

      <section aria-labelledby="sources-h">
        <h2 id="sources-h">Sources</h2>
        <div className="report-block">
          <BarChart
            title={`Applications by source, ${scope}`}
            data={report.sources.map((s) => ({ label: s.source, value: s.count }))}
          />
          <TableWrap label="Applications by source numbers">
            <table className="data-table">
              <caption className="visually-hidden">Applications by source</caption>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col" className="num">
                    Applications
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.sources.map((s) => (
                  <tr key={s.source}>
                    <th scope="row">{s.source}</th>
                    <td className="num">{s.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
