/**
 * The world map of /labs, drawn on the server as one SVG path: the land
 * outline of Natural Earth (public domain) at 1:110m from the world-atlas
 * package, projected with a plain equirectangular projection. No tile server
 * and no script: the content security policy allows neither, and the map
 * only needs to show where a handful of labs are.
 *
 * The path is computed once per process (about 20 KB of SVG).
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

let cached: string | null = null;

/** The SVG path data of the world's land masses, projected onto the map frame. */
export function landPath(): string {
  if (cached !== null) return cached;
  // The JSON ships with the package; reading it at run time keeps it out of the server bundle.
  const require = createRequire(import.meta.url);
  const topology = require("world-atlas/land-110m.json") as Topology;
  cached = topologyToPath(topology);
  return cached;
}

/** Decodes TopoJSON arcs (quantised, delta-encoded) and writes every ring as a path. */
export function topologyToPath(topology: Topology): string {
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
      // Relative moves ("l3 -2") between whole units keep the path short.
      let d = "";
      let steps = 0;
      let px = 0;
      let py = 0;
      const points = ring(indexes);
      // Antarctica is outside the frame: its clipped ring would draw a line across the map.
      if (points.some(([, lat]) => lat < SOUTH - 2)) continue;
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
      if (steps >= 3) parts.push(`${d}z`);
    }
  }
  return parts.join("");
}
