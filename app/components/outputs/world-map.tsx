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
  landImage,
  width,
  height,
  dots,
}: {
  /** URL of the land outline (an SVG image in the same frame), drawn under the pins. */
  landImage: string;
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
      <image href={landImage} x={0} y={0} width={width} height={height} aria-hidden="true" />
      {dots.map((d) => (
        <Link
          key={d.slug}
          to={`/labs/${d.slug}`}
          className="world-map__dot"
          aria-label={`${d.name}, ${d.city}, ${d.country}`}
        >
          <circle cx={d.x} cy={d.y} r={14} className="world-map__halo" />
          <circle cx={d.x} cy={d.y} r={7} className="world-map__pin" />
          {/* Near the right edge the name goes to the left of its pin, inside the map. */}
          <text
            x={d.x > width - 130 ? d.x - 11 : d.x + 11}
            y={d.y + 5}
            textAnchor={d.x > width - 130 ? "end" : "start"}
            className="world-map__label"
            aria-hidden="true"
          >
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
  landImage,
  x,
  y,
  mapWidth,
  mapHeight,
}: {
  landImage: string;
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
      <image href={landImage} x={0} y={0} width={mapWidth} height={mapHeight} />
      <circle cx={x} cy={y} r={9} className="world-map__halo" />
      <circle cx={x} cy={y} r={4.5} className="world-map__pin" />
    </svg>
  );
}
import { Link } from "@remix-run/react";
