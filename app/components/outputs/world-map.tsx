import { Link } from "@remix-run/react";

export type MapDot = {
  slug: string;
  name: string;
  city: string;
  country: string;
  x: number;
  y: number;
};

/**
 * The labs on a world map, drawn by the server (no script, no tiles). Every
 * dot is a link with an accessible name, reachable with Tab; the list beside
 * the map carries the same links for people who do not use the picture.
 */
export function WorldMap({
  land,
  width,
  height,
  dots,
}: {
  land: string;
  width: number;
  height: number;
  dots: MapDot[];
}) {
  return (
    <svg
      className="world-map"
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-labelledby="world-map-title"
    >
      <title id="world-map-title">Map of our labs</title>
      <path className="world-map__land" d={land} aria-hidden="true" />
      {dots.map((d) => (
        <Link
          key={d.slug}
          to={`/labs/${d.slug}`}
          className="world-map__dot"
          aria-label={`${d.name}, ${d.city}, ${d.country}`}
        >
          <circle cx={d.x} cy={d.y} r={14} className="world-map__halo" />
          <circle cx={d.x} cy={d.y} r={7} className="world-map__pin" />
          <text x={d.x + 11} y={d.y + 5} className="world-map__label" aria-hidden="true">
            {d.city}
          </text>
        </Link>
      ))}
    </svg>
  );
}

/**
 * A lab's illustration: the stretch of the world map around it, with its dot.
 * Decorative (the address and city are written beside it).
 */
export function LabLocator({
  land,
  x,
  y,
  mapWidth,
  mapHeight,
}: {
  land: string;
  x: number;
  y: number;
  mapWidth: number;
  mapHeight: number;
}) {
  const w = 240;
  const h = 140;
  const left = Math.min(Math.max(x - w / 2, 0), mapWidth - w);
  const top = Math.min(Math.max(y - h / 2, 0), mapHeight - h);
  return (
    <svg
      className="lab-locator"
      viewBox={`${left} ${top} ${w} ${h}`}
      aria-hidden="true"
      focusable="false"
    >
      <rect x={left} y={top} width={w} height={h} className="lab-locator__sea" />
      <path className="world-map__land" d={land} />
      <circle cx={x} cy={y} r={9} className="world-map__halo" />
      <circle cx={x} cy={y} r={4.5} className="world-map__pin" />
    </svg>
  );
}
