/**
 * The app's <Link>: Remix's <Link> in the browser; on the server, for a
 * plain path ("/people/ada"), the very same <a> written directly.
 *
 * Why: Remix's <Link> resolves its `to` against the route matches several
 * times per render (useHref, useResolvedPath, useNavigate each serialise the
 * matches), which cost about 8 µs a link — a tenth of `/people`'s server CPU
 * (issue 11). A clean absolute path resolves to itself, so the server can
 * write it as is. The markup is the same (href, data-discover for lazy route
 * discovery, every other prop, and the same element tree, so `useId` inside
 * a link agrees with the browser's), and hydration attaches Remix's <Link>
 * to it, with its client-side navigation and prefetching. Anything Remix
 * would rewrite — relative and search-only targets ("?page=2", "edit"),
 * objects, "//" or "." segments, an empty "?" or "#" — still goes through
 * Remix's <Link> on the server too (docs/decisions/0013-server-link.md).
 * ESLint points every import of <Link> here.
 */
import { Link as RemixLink, type LinkProps } from "@remix-run/react";
import { forwardRef } from "react";

/**
 * An absolute path React Router leaves as it is: one leading "/", no empty or
 * "."/".." segment in the path, and no empty "?" or "#" (it drops those).
 */
export function isPlainPath(to: string): boolean {
  const path = to.split(/[?#]/, 1)[0];
  return (
    path.startsWith("/") &&
    !path.includes("//") &&
    !/\/\.\.?(\/|$)/.test(path) &&
    !/[?#]$/.test(to) &&
    !to.includes("?#")
  );
}

const ServerLink = forwardRef<HTMLAnchorElement, LinkProps>(function ServerLink(props, ref) {
  const { to } = props;
  if (typeof to !== "string" || !isPlainPath(to)) {
    return <RemixLink ref={ref} {...props} />;
  }
  const {
    discover = "render",
    reloadDocument,
    // Client-side navigation options: nothing to write on the server.
    to: _to,
    prefetch: _prefetch,
    replace: _replace,
    state: _state,
    preventScrollReset: _preventScrollReset,
    relative: _relative,
    viewTransition: _viewTransition,
    children,
    ...anchor
  } = props;
  // The same tree as Remix's <Link>: a fragment of the anchor and an empty
  // prefetch slot, so ids from useId() below it match the browser's.
  return (
    <>
      <a
        {...anchor}
        ref={ref}
        href={to}
        data-discover={discover === "render" && !reloadDocument ? "true" : undefined}
      >
        {children}
      </a>
      {null}
    </>
  );
});

export const Link = typeof document === "undefined" ? ServerLink : RemixLink;
