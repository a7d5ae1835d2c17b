/** /programs: internships, residencies, fellowships and PhD programmes, each with its application window. */
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { WindowStatus } from "~/components/events/program-parts";
import { PROGRAM_KIND_LABELS } from "~/lib/event-labels";
import { listPrograms } from "~/models/program.server";
import { getDb } from "~/utils/db.server";
import { plural } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import directoryStyles from "~/styles/directory.css";
import eventStyles from "~/styles/events.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: eventStyles },
];

export const meta: MetaFunction = (args) => [
  { title: pageTitle("Academic programs") },
  ...shareMeta(args, {
    title: "Academic programs",
    description:
      "Internships, residencies, fellowships and PhD programmes: who they are for and when to apply.",
    card: "programs",
  }),
];

export function loader() {
  return {
    programs: listPrograms(getDb(), Date.now()).map((p) => ({
      ...p,
      kindLabel: PROGRAM_KIND_LABELS[p.kind],
    })),
  };
}

export default function ProgramsIndex() {
  const { programs } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <h1>Academic programs</h1>
        <p className="lede">
          Internships, residencies, fellowships and a joint PhD programme for people at every stage
          of a research career. Each runs on a yearly timeline.
        </p>
      </header>
      {programs.length === 0 ? (
        <p className="muted">No programs are listed yet.</p>
      ) : (
        <ul className="plain-list program-list">
          {programs.map((p) => (
            <li key={p.slug} className="card">
              <p className="meta-line">
                <span className="tag tag--accent">{p.kindLabel}</span> {p.duration}
              </p>
              <h2>
                <Link to={`/programs/${p.slug}`}>{p.name}</Link>
              </h2>
              <p>{p.summary}</p>
              <WindowStatus window={p.window} compact />
              {p.openRoles > 0 ? (
                <p className="meta-line">{plural(p.openRoles, "open role")}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
