// Remix's own <Link>, to compare with: the app imports ~/components/link.
// eslint-disable-next-line no-restricted-imports
import { Link as RemixLink } from "@remix-run/react";
import { useId, type ComponentProps, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, test } from "vitest";
import { isPlainPath, Link } from "./link";

/** Attributes of every element, sorted, with the text: markup compared regardless of attribute order. */
function normalised(html: string): string {
  return html.replace(/<([a-z]+)((?: [^\s=>]+="[^"]*")*)>/g, (_, tag: string, attrs: string) => {
    const sorted = (attrs.match(/ [^\s=>]+="[^"]*"/g) ?? []).sort().join("");
    return `<${tag}${sorted}>`;
  });
}

function inRouter(node: ReactNode) {
  return renderToStaticMarkup(<StaticRouter location="/people/ada?tab=x">{node}</StaticRouter>);
}

function IdLabel() {
  const id = useId();
  return <span id={id}>label</span>;
}

// In the browser Remix's <Link> hydrates the server's anchor and navigates
// client-side (e2e); on the server the markup must be the one it would write.
describe("<Link> on the server writes what Remix's <Link> writes", () => {
  // Clean paths, written directly...
  const plain = [
    "/people/ada",
    "/people/ada?tab=talks&page=2#top",
    "/",
    "/people/",
    "/p/josé ü?q=a b#h",
    "/p%20q",
  ];
  // ...and targets React Router resolves or rewrites, which take Remix's <Link>.
  const resolved = [
    "/people//x",
    "/a//",
    "/a/./b",
    "/people/..",
    "/people?",
    "/a#",
    "/a?#b",
    "?page=2",
    "edit",
    "../labs",
    "//elsewhere.example/x",
  ];
  const targets = [...plain, ...resolved];
  const props: Array<Partial<ComponentProps<typeof Link>>> = [
    {},
    { className: "card-link", "aria-current": "page", rel: "next" },
    { target: "_blank", prefetch: "intent", replace: true, state: { a: 1 } },
    { reloadDocument: true },
    { discover: "none", preventScrollReset: true },
  ];
  test.each(targets)("%s", (to) => {
    for (const p of props) {
      const ours = inRouter(
        <Link to={to} {...p}>
          <IdLabel />
        </Link>,
      );
      const remix = inRouter(
        <RemixLink to={to} {...p}>
          <IdLabel />
        </RemixLink>,
      );
      expect(normalised(ours), JSON.stringify(p)).toBe(normalised(remix));
    }
  });

  test("plain paths take the direct path; anything React Router would rewrite does not", () => {
    expect(targets.filter(isPlainPath)).toEqual(plain);
  });
});

describe("<Link> on the server, outside a router", () => {
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
