import { Link } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pageTitle } from "~/utils/site";

/**
 * The 404 page for every path no other route matches. The loader always
 * throws, so what renders is the ErrorBoundary with the site's 404 words,
 * served with status 404. The action does the same for non-GET requests.
 */
export function loader() {
  throw new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

export function action() {
  throw new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

export const meta: MetaFunction = () => [{ title: pageTitle("Page not found") }];

/** Never reached in practice (the loader throws); kept so the route has a sensible page. */
export default function NotFound() {
  return (
    <div className="container narrow error-page">
      <h1>Page not found</h1>
      <p className="lede">We could not find the page you were looking for.</p>
      <p>
        <Link to="/" className="button">
          Go to the home page
        </Link>{" "}
        <Link to="/careers" className="button button--ghost">
          See open roles
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
