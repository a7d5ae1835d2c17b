import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listAreasWithCounts } from "~/models/area.server";
import { plural } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import directoryStyles from "~/styles/directory.css";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: directoryStyles }];

export const meta: MetaFunction = (args) => [
  { title: pageTitle("Research areas") },
  ...shareMeta(args, {
    title: "Research areas",
    description:
      "The research directions our labs work in, with the people and open roles in each.",
    card: "areas",
  }),
];

export function loader() {
  return { areas: listAreasWithCounts(getDb()) };
}

export default function AreasIndex() {
  const { areas } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <h1>Research areas</h1>
        <p className="lede">
          Our work is organised in a few broad directions. Most researchers belong to more than one.
        </p>
      </header>
      {areas.length === 0 ? (
        <p className="empty-state">No research areas have been published yet.</p>
      ) : (
        <ul className="area-list">
          {areas.map((a) => (
            <li key={a.slug} className="card">
              <h2>
                <Link to={`/areas/${a.slug}`}>{a.name}</Link>
              </h2>
              <p>{a.summary}</p>
              <p className="meta-line">{plural(a.peopleCount, "researcher")}</p>
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
