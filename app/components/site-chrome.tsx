import { Form, Link, NavLink } from "@remix-run/react";
import type { Role } from "~/lib/enums";
import { socialLabel } from "~/utils/links";
import { getBrand, type Brand } from "~/utils/site";

/** Who is signed in; `approvals` counts the offers waiting for this admin's approval. */
type HeaderUser = { name: string; role: Role; approvals?: number } | null;

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? "nav-link nav-link--active" : "nav-link";

const MAIN_LINKS = [
  ["/about", "About"],
  ["/people", "People"],
  ["/labs", "Labs"],
  ["/areas", "Research areas"],
  ["/publications", "Research outputs"],
  ["/events", "Events"],
  ["/programs", "Programs"],
  ["/careers", "Careers"],
] as const;

function MainLinks() {
  return (
    <>
      {MAIN_LINKS.map(([to, label]) => (
        <NavLink key={to} to={to} className={navLinkClass}>
          {label}
        </NavLink>
      ))}
    </>
  );
}

/** A logo this much wider than tall is a wordmark: it carries the name, so the text is left to screen readers. */
const WORDMARK_RATIO = 2.5;

function BrandLink({ brand }: { brand: Brand }) {
  const logo = brand.logo;
  const wordmark = logo !== null && logo.width / logo.height >= WORDMARK_RATIO;
  return (
    <Link to="/" className="brand">
      {logo ? (
        <span className="brand__logo">
          <img src={logo.src} alt="" width={logo.width} height={logo.height} />
        </span>
      ) : (
        <span className="brand__mark" aria-hidden="true" />
      )}
      <span className={wordmark ? "visually-hidden" : "brand__name"}>
        {brand.name}
        <span className="visually-hidden"> home</span>
      </span>
    </Link>
  );
}

/**
 * The bar over every page. On staff pages (`workspace`) the public links fold
 * into a "Public site" disclosure at every width, so the bar is one row and
 * the workspace's own navigation sits right under it.
 */
export function SiteHeader({
  user,
  brand,
  workspace = false,
}: {
  user: HeaderUser;
  brand: Brand | null;
  workspace?: boolean;
}) {
  return (
    <header className={workspace ? "site-header site-header--workspace" : "site-header"}>
      <div className="container site-header__inner">
        <BrandLink brand={brand ?? getBrand()} />
        {/* Wide screens: the links in a row. Phones: the same links behind a
            <details> disclosure (no JavaScript needed); CSS shows one or the other. */}
        <nav aria-label="Main" className="site-nav site-nav--wide">
          <MainLinks />
        </nav>
        <details className="site-menu">
          <summary className="site-menu__toggle">{workspace ? "Public site" : "Menu"}</summary>
          <nav aria-label="Main" className="site-menu__panel">
            <MainLinks />
          </nav>
        </details>
        <nav aria-label="Account" className="site-nav site-nav--account">
          {user ? (
            <>
              {user.role === "candidate" ? (
                <NavLink to="/applications" className={navLinkClass}>
                  My applications
                </NavLink>
              ) : (
                <NavLink to="/recruit" className={navLinkClass}>
                  Recruiting
                </NavLink>
              )}
              {user.role === "admin" ? (
                <NavLink to="/admin" className={navLinkClass}>
                  Admin
                  {user.approvals ? (
                    <span className="nav-badge">
                      {user.approvals}
                      <span className="visually-hidden">
                        {user.approvals === 1
                          ? " offer waits for your approval"
                          : " offers wait for your approval"}
                      </span>
                    </span>
                  ) : null}
                </NavLink>
              ) : null}
              <NavLink to="/account" className={navLinkClass}>
                Account
              </NavLink>
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="button button--ghost button--small">
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/login" className={navLinkClass}>
                Sign in
              </NavLink>
              <Link to="/signup" className="button button--small">
                Create account
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}

export function SiteFooter({ brand, fictional }: { brand: Brand | null; fictional: boolean }) {
  const { name, sameAs } = brand ?? getBrand();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p>
          {fictional
            ? `${name} is a fictional research organisation; every person and role here is generated demo data.`
            : `© ${name}`}
        </p>
        <nav aria-label="Footer">
          <Link to="/about">About</Link>
          <Link to="/people">People</Link>
          <Link to="/labs">Labs and locations</Link>
          <Link to="/areas">Research areas</Link>
          <Link to="/publications">Research outputs</Link>
          <Link to="/events">Events</Link>
          <Link to="/programs">Programs</Link>
          <Link to="/careers">Careers</Link>
          <Link to="/privacy">Privacy</Link>
        </nav>
        {sameAs.length ? (
          <ul className="site-footer__social" aria-label={`${name} elsewhere`}>
            {sameAs.map((url) => (
              <li key={url}>
                <a href={url} rel="me noopener noreferrer">
                  {socialLabel(url)}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </footer>
  );
}
