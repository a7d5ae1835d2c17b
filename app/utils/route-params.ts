/**
 * Route parameters, parsed once for every route. A parameter that cannot name
 * a row is a 404, the same answer as a row that does not exist, so ids are
 * not probed by their format.
 */
import { invariantResponse } from "./misc";

/** A positive integer id (1 to 15 digits, no leading zero), or null. */
export function getId(value: string | undefined | null): number | null {
  if (!value || !/^[1-9]\d{0,14}$/.test(value)) return null;
  return Number(value);
}

/** The id in `value`, or a thrown 404 response. */
export function requireId(value: string | undefined | null): number {
  const id = getId(value);
  invariantResponse(id !== null, "Not found", { status: 404 });
  return id;
}

/** How many pages `total` rows fill at `perPage` a page (at least one, so page 1 always exists). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
