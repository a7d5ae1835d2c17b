/** Pieces of the review page's header: the stage navigation and the hired-profile card. */
import { Form, Link } from "@remix-run/react";

/** Previous / next candidate in the same stage (board order); j / k do the same with JavaScript. */
export function StageNav({
  prevId,
  nextId,
  stageName,
}: {
  prevId: number | null;
  nextId: number | null;
  stageName: string;
}) {
  return (
    <nav aria-label={`Candidates in ${stageName}`} className="stage-nav">
      {prevId ? (
        <Link to={`/recruit/applications/${prevId}`} rel="prev" className="button button--ghost">
          ← Previous <kbd aria-hidden="true">k</kbd>
        </Link>
      ) : (
        <span className="stage-nav__none">First in {stageName}</span>
      )}
      {nextId ? (
        <Link to={`/recruit/applications/${nextId}`} rel="next" className="button button--ghost">
          Next <kbd aria-hidden="true">j</kbd> →
        </Link>
      ) : (
        <span className="stage-nav__none">Last in {stageName}</span>
      )}
    </nav>
  );
}

/** For admins on a hired application: make (or open) the researcher profile. */
export function HiredProfile({ profile }: { profile: { id: number; name: string } | null }) {
  return (
    <section aria-labelledby="profile-h" className="card">
      <h2 id="profile-h">Researcher profile</h2>
      {profile ? (
        <p>
          A researcher profile was made from this hire:{" "}
          <Link to={`/admin/people/${profile.id}`}>edit {profile.name}&rsquo;s profile</Link>.
        </p>
      ) : (
        <Form method="post" className="stack">
          <p>
            Makes a directory profile from this application: name, headline as title, the
            opening&rsquo;s lab and areas, and the candidate&rsquo;s homepage, ORCID, Scholar and
            GitHub links. It is public at once (current, not featured) with an empty bio; you finish
            it on the next page.
          </p>
          <div>
            <button type="submit" name="intent" value="create_profile" className="button">
              Create researcher profile
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
