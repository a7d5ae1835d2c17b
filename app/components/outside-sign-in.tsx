/**
 * The buttons of the outside sign-ins: "Sign in with {organisation}" for
 * staff single sign-on and "Sign in with ORCID" for candidates, and the
 * authenticated ORCID iD as ORCID's display guidelines show it (the green iD
 * icon beside the full https://orcid.org/ address). Plain HTML forms: they
 * post to resource routes that send the browser on to the provider, with or
 * without JavaScript.
 */

/** The iD icon (a local copy; ORCID asks for it beside every authenticated iD). */
export function OrcidIcon() {
  return <img src="/orcid-id.svg" alt="ORCID iD" width={16} height={16} className="orcid-icon" />;
}

/** An authenticated ORCID iD: icon and the full link, as ORCID's guidelines ask. */
export function AuthenticatedOrcid({ orcid }: { orcid: string }) {
  return (
    <span className="orcid-id">
      <OrcidIcon />{" "}
      <a href={`https://orcid.org/${orcid}`} rel="noopener noreferrer">
        https://orcid.org/{orcid}
      </a>
    </span>
  );
}

/** "Sign in with ORCID": posts to /auth/orcid, coming back to `redirectTo`. */
export function OrcidSignInButton({ redirectTo }: { redirectTo: string }) {
  return (
    <form method="post" action="/auth/orcid" className="outside-sign-in">
      <input type="hidden" name="intent" value="sign-in" />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button type="submit" className="button button--ghost orcid-button">
        <OrcidIcon /> Sign in with ORCID
      </button>
    </form>
  );
}

/** "Sign in with {name}": staff single sign-on, posting to /auth/oidc. */
export function SsoSignInButton({ name, redirectTo }: { name: string; redirectTo: string }) {
  return (
    <form method="post" action="/auth/oidc" className="outside-sign-in">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button type="submit" className="button button--ghost">
        Sign in with {name}
      </button>
    </form>
  );
}
