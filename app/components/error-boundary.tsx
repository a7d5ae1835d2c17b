import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";

type StatusHandler = (info: { status: number; statusText: string; data: unknown }) => ReactNode;

const defaultHandlers: Record<number, StatusHandler> = {
  400: () => (
    <ErrorMessage
      title="That request could not be understood"
      body="Please check what you entered and try again."
    />
  ),
  403: () => (
    <ErrorMessage
      title="You do not have access to this page"
      body="If you think you should, ask an administrator."
    />
  ),
  404: () => (
    <ErrorMessage
      title="Page not found"
      body="We could not find the page you were looking for. It may have moved, or the role may have closed."
    />
  ),
  413: () => <ErrorMessage title="That upload is too large" body="Please send a smaller file." />,
  429: () => <ErrorMessage title="Too many attempts" body="Please wait a little and try again." />,
};

function ErrorMessage({ title, body }: { title: string; body: ReactNode }) {
  return (
    <div className="container narrow error-page">
      <h1>{title}</h1>
      <p className="lede">{body}</p>
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

/**
 * The one error view: per-status words (overridable per route) for thrown
 * responses, and a generic message for anything unexpected. It never shows a
 * stack trace or the error's message.
 */
export function GeneralErrorBoundary({
  statusHandlers,
}: {
  statusHandlers?: Record<number, StatusHandler>;
}) {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const handler = statusHandlers?.[error.status] ?? defaultHandlers[error.status];
    if (handler) return <>{handler(error)}</>;
    return (
      <ErrorMessage title={`Something went wrong (${error.status})`} body="Please try again." />
    );
  }
  return (
    <ErrorMessage
      title="Something went wrong on our side"
      body="The error has been logged. Please try again in a moment."
    />
  );
}
