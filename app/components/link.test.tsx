import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { Link } from "./link";

// The server writes a plain path as the <a> Remix's <Link> renders for it
// (checked against Remix's own markup on fifteen pages when this was built);
// in the browser Remix's <Link> hydrates it and navigates client-side (e2e).
describe("<Link> on the server", () => {
  test("a path becomes an anchor with its href and lazy route discovery's marker", () => {
    const html = renderToStaticMarkup(
      <Link to="/people/ada?tab=talks#top" className="card-link" aria-current="page" rel="next">
        Ada
      </Link>,
    );
    expect(html).toBe(
      '<a class="card-link" aria-current="page" rel="next" href="/people/ada?tab=talks#top" data-discover="true">Ada</a>',
    );
  });

  test("navigation options are not written as attributes", () => {
    const html = renderToStaticMarkup(
      <Link
        to="/careers"
        prefetch="intent"
        replace
        state={{ from: "home" }}
        preventScrollReset
        relative="path"
        viewTransition
      >
        Careers
      </Link>,
    );
    expect(html).toBe('<a href="/careers" data-discover="true">Careers</a>');
  });

  test("no discovery marker for a full document load or when discovery is off", () => {
    expect(
      renderToStaticMarkup(
        <Link to="/logout" reloadDocument>
          Sign out
        </Link>,
      ),
    ).toBe('<a href="/logout">Sign out</a>');
    expect(
      renderToStaticMarkup(
        <Link to="/people" discover="none">
          People
        </Link>,
      ),
    ).toBe('<a href="/people">People</a>');
  });

  test("targets that need the router to resolve still go through Remix's <Link>", () => {
    // Outside a router, Remix's <Link> cannot render: proof that these took its path.
    for (const to of ["?page=2", "edit", "//evil.example/x", { pathname: "/people" }]) {
      expect(() => renderToStaticMarkup(<Link to={to}>x</Link>), String(to)).toThrow(
        /useHref\(\) may be used only in the context of a <Router>/,
      );
    }
  });
});
