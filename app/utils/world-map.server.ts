/**
 * The world map of /labs and each lab's locator: the land outline of Natural
 * Earth (public domain) at 1:110m from the world-atlas package, projected with
 * a plain equirectangular projection, drawn as one SVG path. No tile server
 * and no script: the content security policy allows neither, and the map only
 * needs to show where a handful of labs are.
 *
 * The land is one static image, /world-land.svg (app/routes/world-land[.]svg.ts,
 * about 20 KB, cached by browsers for a year), which the pages' own SVG draws
 * under their pins: it is not repeated in every page's HTML and loader data.
 * It is computed once per process.
 */
import { createRequire } from "node:module";

type Topology = {
  arcs: Array<Array<[number, number]>>;
  transform: { scale: [number, number]; translate: [number, number] };
  objects: { land: { geometries: Array<{ type: string; arcs: number[][][] | number[][] }> } };
};

/** The map's frame: 1000 units wide, from 84° N down to 58° S (Antarctica is left out). */
export const MAP_WIDTH = 1000;
const NORTH = 84;
const SOUTH = -58;
const UNIT = MAP_WIDTH / 360;
export const MAP_HEIGHT = Math.round((NORTH - SOUTH) * UNIT);

/** Equirectangular projection of WGS 84 degrees onto the map frame. */
export function project(longitude: number, latitude: number): { x: number; y: number } {
  return {
    x: Math.round((longitude + 180) * UNIT * 10) / 10,
    y: Math.round((NORTH - latitude) * UNIT * 10) / 10,
  };
}

/** Where pages find the land image; bump `v` if the outline ever changes. */
export const LAND_IMAGE_URL = "/world-land.svg?v=1";

let cached: string | null = null;

/** The SVG path data of the world's land masses, projected onto the map frame. */
function landPath(): string {
  if (cached !== null) return cached;
  // The JSON ships with the package; reading it at run time keeps it out of the server bundle.
  const require = createRequire(import.meta.url);
  const topology = require("world-atlas/land-110m.json") as Topology;
  cached = topologyToPath(topology);
  return cached;
}

/** The land as a standalone SVG image in the map frame, coloured as the maps draw it. */
export function landSvg(): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" width="${MAP_WIDTH}" height="${MAP_HEIGHT}">`,
    `<path fill="#c9cfbf" stroke="#aab29f" stroke-width="0.6" d="${landPath()}"/>`,
    "</svg>",
    "",
  ].join("\n");
}

/** Decodes TopoJSON arcs (quantised, delta-encoded) and writes every ring as a path. */
function topologyToPath(topology: Topology): string {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty] as [number, number];
    });
  });
  const ring = (indexes: number[]) => {
    const points: Array<[number, number]> = [];
    for (const i of indexes) {
      const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };
  const rings: number[][][] = [];
  for (const g of topology.objects.land.geometries) {
    if (g.type === "Polygon") rings.push(...(g.arcs as number[][]).map((r) => [r]));
    else if (g.type === "MultiPolygon") rings.push(...(g.arcs as number[][][]));
  }
  const parts: string[] = [];
  for (const polygon of rings) {
    for (const indexes of polygon) {
      const points = ring(indexes);
      // Antarctica is outside the frame: its clipped ring would draw a line across the map.
      if (points.some(([, lat]) => lat < SOUTH - 2)) continue;
      for (const piece of splitAtAntimeridian(points)) {
        const d = ringPath(piece);
        if (d) parts.push(d);
      }
    }
  }
  return parts.join("");
}

/**
 * A ring that crosses the 180th meridian (eastern Russia, Fiji) jumps from one
 * edge of the map to the other; drawn as one ring, that jump is a line across
 * the whole map. Cut there, each piece closes along the map's edge instead.
 */
function splitAtAntimeridian(points: Array<[number, number]>): Array<Array<[number, number]>> {
  const cuts: number[] = [];
  for (let i = 1; i < points.length; i++)
    if (Math.abs(points[i][0] - points[i - 1][0]) > 180) cuts.push(i);
  if (cuts.length === 0) return [points];
  const pieces = cuts.map((cut, k) => points.slice(cut, cuts[k + 1] ?? points.length));
  // The ring is closed: what comes before the first cut continues the last piece.
  pieces[pieces.length - 1] = pieces[pieces.length - 1].concat(points.slice(0, cuts[0]));
  return pieces;
}

/** One ring as an SVG subpath in relative moves, or "" when it is too small to draw. */
function ringPath(points: Array<[number, number]>): string {
  // Relative moves ("l3 -2") between whole units keep the path short.
  let d = "";
  let steps = 0;
  let px = 0;
  let py = 0;
  for (const [lon, lat] of points) {
    const x = Math.round((lon + 180) * UNIT);
    const y = Math.round((NORTH - lat) * UNIT);
    if (d && x === px && y === py) continue;
    if (!d) d = `M${x} ${y}l`;
    else {
      // Implicit repeated "l" commands: "l3 2 4 0 -1 2".
      d += `${steps ? " " : ""}${x - px} ${y - py}`;
      steps++;
    }
    px = x;
    py = y;
  }
  // A ring reduced to a dot or a line at this scale is not worth drawing.
  return steps >= 3 ? `${d}z` : "";
}
