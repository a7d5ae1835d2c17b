import { Link, useLocation } from "@remix-run/react";

/**
 * Server-rendered paging links that keep every other query parameter
 * (search words and filters), so a result page can be shared.
 */
export function Pagination({
  page,
  pageCount,
  label = "Pagination",
}: {
  page: number;
  pageCount: number;
  label?: string;
}) {
  const location = useLocation();
  if (pageCount <= 1) return null;
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    if (p <= 1) params.delete("page");
    else params.set("page", String(p));
    const qs = params.toString();
    return qs ? `${location.pathname}?${qs}` : location.pathname;
  };
  const pages = pageWindow(page, pageCount);
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          Previous page
        </Link>
      ) : null}
      {pages.map((p, i) =>
        p === null ? (
          <span key={`gap-${i}`} aria-hidden="true">
            …
          </span>
        ) : p === page ? (
          <span key={p} aria-current="page">
            <span className="visually-hidden">Page </span>
            {p}
          </span>
        ) : (
          <Link key={p} to={hrefFor(p)} aria-label={`Page ${p}`}>
            {p}
          </Link>
        ),
      )}
      {page < pageCount ? (
        <Link to={hrefFor(page + 1)} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

/** Page numbers to show: first, last, and two either side of the current one. */
export function pageWindow(page: number, pageCount: number): Array<number | null> {
  const set = new Set<number>([1, pageCount]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pageCount) set.add(p);
  const sorted = [...set].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}
