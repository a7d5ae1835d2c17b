import { Form, Link, NavLink } from "@remix-run/react";
import type { Role } from "../../db/schema";
import { ORG_NAME } from "~/utils/site";

type HeaderUser = { name: string; role: Role } | null;

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? "nav-link nav-link--active" : "nav-link";

export function SiteHeader({ user }: { user: HeaderUser }) {
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="brand" aria-label={`${ORG_NAME} home`}>
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{ORG_NAME}</span>
        </Link>
        <nav aria-label="Main" className="site-nav">
          <NavLink to="/people" className={navLinkClass}>
            People
          </NavLink>
          <NavLink to="/labs" className={navLinkClass}>
            Labs
          </NavLink>
          <NavLink to="/areas" className={navLinkClass}>
            Research areas
          </NavLink>
          <NavLink to="/careers" className={navLinkClass}>
            Careers
          </NavLink>
        </nav>
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
          <Link to="/careers">Careers</Link>
          <Link to="/privacy">Privacy</Link>
        </nav>
      </div>
    </footer>
  );
}
