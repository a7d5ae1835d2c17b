import { AuthenticatedOrcid, OrcidIcon } from "~/components/outside-sign-in";

/**
 * The account page's ORCID card: the authenticated iD with an unlink button,
 * or a button to connect one. Both post to /auth/orcid (app/routes/auth.orcid.ts).
 */
export function OrcidSection({ linked }: { linked: string | null }) {
  return (
    <section className="card" aria-labelledby="orcid-heading">
      <h2 id="orcid-heading">ORCID iD</h2>
      {linked ? (
        <>
          <p>
            Your authenticated ORCID iD: <AuthenticatedOrcid orcid={linked} />. You can sign in with
            ORCID, and hiring teams see the iD as authenticated.
          </p>
          <form method="post" action="/auth/orcid">
            <input type="hidden" name="intent" value="unlink" />
            <button type="submit" className="button button--ghost">
              Unlink my ORCID iD
            </button>
          </form>
        </>
      ) : (
        <>
          <p>
            Connect your ORCID iD to sign in with ORCID and show hiring teams an iD ORCID has
            confirmed is yours.
          </p>
          <form method="post" action="/auth/orcid">
            <input type="hidden" name="intent" value="link" />
            <button type="submit" className="button button--ghost">
              <OrcidIcon /> Connect your ORCID iD
            </button>
          </form>
        </>
      )}
    </section>
  );
}
