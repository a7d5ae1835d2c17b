import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { WorldMap } from "~/components/outputs/world-map";
import { listLabsWithCounts } from "~/models/lab.server";
import { markdownExcerpt } from "~/utils/markdown.server";
import { plural } from "~/utils/misc";
import { countryName } from "~/utils/countries";
import { pageTitle } from "~/utils/site";
import { shareMeta } from "~/utils/share";
import { LAND_IMAGE_URL, MAP_HEIGHT, MAP_WIDTH, project } from "~/utils/world-map.server";
import directoryStyles from "~/styles/directory.css";
import outputStyles from "~/styles/outputs.css";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: directoryStyles },
  { rel: "stylesheet", href: outputStyles },
];

export const meta: MetaFunction = (args) => [
  { title: pageTitle("Labs and locations") },
  ...shareMeta(args, {
    title: "Labs and locations",
    description: "Where our researchers work: our labs on a map, their cities and their people.",
    card: "labs",
  }),
];

export function loader() {
  const labs = listLabsWithCounts(getDb());
  return {
    labs: labs.map(({ description, latitude, longitude, ...lab }) => ({
      ...lab,
      countryName: countryName(lab.country),
      onMap: latitude !== null && longitude !== null,
      excerpt: markdownExcerpt(description, 160),
    })),
    map: {
      landImage: LAND_IMAGE_URL,
      width: MAP_WIDTH,
      height: MAP_HEIGHT,
      dots: labs.flatMap((l) =>
        l.latitude !== null && l.longitude !== null
          ? [
              {
                slug: l.slug,
                name: l.name,
                city: l.city,
                country: countryName(l.country),
                ...project(l.longitude, l.latitude),
              },
            ]
          : [],
      ),
    },
  };
}

export default function LabsIndex() {
  const { labs, map } = useLoaderData<typeof loader>();
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
        <div className="labs-layout">
          {map.dots.length > 0 ? (
            <figure className="labs-map">
              <WorldMap
                landImage={map.landImage}
                width={map.width}
                height={map.height}
                dots={map.dots}
              />
              <figcaption className="muted small">
                Each dot is a lab: choose one to open its page. Land outline: Natural Earth (public
                domain).
              </figcaption>
            </figure>
          ) : null}
          <section aria-labelledby="lab-list-heading">
            <h2 id="lab-list-heading" className="visually-hidden">
              Every lab
            </h2>
            <ul className="lab-list">
              {labs.map((lab) => (
                <li key={lab.slug} className="card">
                  <h3>
                    <Link to={`/labs/${lab.slug}`}>{lab.name}</Link>
                  </h3>
                  <p className="meta-line">
                    {lab.city}, {lab.countryName} · {plural(lab.peopleCount, "researcher")}
                  </p>
                  {lab.excerpt ? <p>{lab.excerpt}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
