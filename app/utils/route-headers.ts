import type { HeadersFunction } from "@remix-run/node";

type HeadersArgs = Parameters<HeadersFunction>[0];

/** The `Retry-After` a route's action, loader or thrown response set, if any. */
function retryAfterOf({ actionHeaders, loaderHeaders, errorHeaders }: HeadersArgs): string | null {
  for (const source of [errorHeaders, actionHeaders, loaderHeaders]) {
    const value = source?.get("Retry-After");
    if (value) return value;
  }
  return null;
}

/**
 * A route's `headers` export that keeps the `Retry-After` of a throttled
 * answer. Remix builds a page's headers from the routes' `headers` exports
 * alone (only `Set-Cookie` passes through by itself), so a 429 from an action
 * would reach the browser without it. `own` adds the route's other headers.
 */
export function keepRetryAfter(own?: (args: HeadersArgs) => HeadersInit): HeadersFunction {
  return (args) => {
    const headers = new Headers(own ? own(args) : args.parentHeaders);
    const retryAfter = retryAfterOf(args);
    if (retryAfter) headers.set("Retry-After", retryAfter);
    return headers;
  };
}
