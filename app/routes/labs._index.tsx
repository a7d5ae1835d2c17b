import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listLabsWithCounts } from "~/models/lab.server";
import { markdownExcerpt } from "~/utils/markdown.server";
import { plural } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import directoryStyles from "~/styles/directory.css";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: directoryStyles }];

export const meta: MetaFunction = () => [
  { title: pageTitle("Labs and locations") },
  {
    name: "description",
    content: "Where our researchers work: our labs, their cities and their people.",
  },
];

export function loader() {
  return {
    labs: listLabsWithCounts(getDb()).map(({ description, ...lab }) => ({
      ...lab,
      excerpt: markdownExcerpt(description, 160),
    })),
  };
}

export default function LabsIndex() {
  const { labs } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <header className="page-header">
        <h1>Labs and locations</h1>
        <p className="lede">
          Our researchers work from labs in these cities, and often across them.
        </p>
      </header>
      {labs.length === 0 ? (
        <p className="empty-state">No labs have been published yet.</p>
      ) : (
        <ul className="area-list">
          {labs.map((lab) => (
            <li key={lab.slug} className="card">
              <h2>
                <Link to={`/labs/${lab.slug}`}>{lab.name}</Link>
              </h2>
              <p className="meta-line">
                {lab.city}, {lab.country} · {plural(lab.peopleCount, "researcher")}
              </p>
              {lab.excerpt ? <p>{lab.excerpt}</p> : null}
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
