/**
 * The app's <Link>: Remix's <Link> in the browser; on the server, for a
 * plain path ("/people/ada"), the very same <a> written directly.
 *
 * Why: Remix's <Link> resolves its `to` against the route matches several
 * times per render (useHref, useResolvedPath, useNavigate each serialise the
 * matches), which cost about 8 µs a link — a tenth of `/people`'s server CPU
 * (issue 11). A path that starts with one "/" resolves to itself, so the
 * server can write it as is. The markup is identical (href, data-discover
 * for lazy route discovery, every other prop), so hydration attaches Remix's
 * <Link> to it, with its client-side navigation and prefetching.
 * Relative and search-only targets ("?page=2", "edit") and objects still go
 * through Remix's <Link> on the server too. ESLint points every import of
 * <Link> here.
 */
import { Link as RemixLink, type LinkProps } from "@remix-run/react";
import { forwardRef } from "react";

const ServerLink = forwardRef<HTMLAnchorElement, LinkProps>(function ServerLink(props, ref) {
  const { to } = props;
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) {
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
  return (
    <a
      {...anchor}
      ref={ref}
      href={to}
      data-discover={discover === "render" && !reloadDocument ? "true" : undefined}
    >
      {children}
    </a>
  );
});

export const Link = typeof document === "undefined" ? ServerLink : RemixLink;
