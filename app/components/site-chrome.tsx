import { Form, Link, NavLink } from "@remix-run/react";
import type { Role } from "../../db/schema";
import { ORG_NAME } from "~/utils/site";

type HeaderUser = { name: string; role: Role } | null;

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? "nav-link nav-link--active" : "nav-link";

const MAIN_LINKS = [
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

export function SiteHeader({ user }: { user: HeaderUser }) {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="brand" aria-label={`${ORG_NAME} home`}>
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{ORG_NAME}</span>
        </Link>
        {/* Wide screens: the links in a row. Phones: the same links behind a
            <details> disclosure (no JavaScript needed); CSS shows one or the other. */}
        <nav aria-label="Main" className="site-nav site-nav--wide">
          <MainLinks />
        </nav>
        <details className="site-menu">
          <summary className="site-menu__toggle">Menu</summary>
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
                <NavLink to="/admin/users" className={navLinkClass}>
                  Admin
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

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p>
          {ORG_NAME} is a fictional research organisation; every person and role here is generated
          demo data.
        </p>
        <nav aria-label="Footer">
          <Link to="/people">People</Link>
          <Link to="/labs">Labs and locations</Link>
          <Link to="/areas">Research areas</Link>
          <Link to="/publications">Research outputs</Link>
          <Link to="/events">Events</Link>
          <Link to="/programs">Programs</Link>
          <Link to="/careers">Careers</Link>
          <Link to="/privacy">Privacy</Link>
        </nav>
      </div>
    </footer>
  );
}
