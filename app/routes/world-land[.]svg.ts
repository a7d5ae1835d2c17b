/**
 * /world-land.svg — the land outline that the labs map and each lab's locator
 * draw under their pins (app/utils/world-map.server.ts). It never changes
 * while a build serves, so browsers keep it a year; pages name it with a
 * version in the query.
 */
import { landSvg } from "~/utils/world-map.server";

export function loader() {
  return new Response(landSvg(), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
