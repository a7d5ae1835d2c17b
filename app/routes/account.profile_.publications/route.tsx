/**
 * /account/profile/publications — a candidate's own publication list, which
 * the hiring teams of the roles they apply to read. Import from a BibTeX
 * file or paste or an ORCID works export (reviewed with a checkbox per
 * entry before anything is saved; duplicates merged), remove entries.
 * Candidates only; every step works without JavaScript.
 */
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireCandidate } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ImportForm, ReviewImport } from "~/components/letters/publication-import";
import {
  listCandidatePublications,
  markCandidateDuplicates,
  removeCandidatePublication,
  saveCandidatePublications,
} from "~/models/publication-import.server";
import applyStyles from "~/styles/apply.css";
import lettersStyles from "~/styles/letters.css";
import { getDb } from "~/utils/db.server";
import { citationOf } from "~/utils/publication-entry";
import { pageTitle } from "~/utils/site";
import { handleParse, handleSaveOrRemove, isMultipart } from "~/handlers/publication-import.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: applyStyles },
  { rel: "stylesheet", href: lettersStyles },
];
export const meta: MetaFunction = () => [{ title: pageTitle("My publications") }];

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireCandidate(request);
  return {
    publications: listCandidatePublications(getDb(), user.id).map((p) => ({
      id: p.id,
      title: p.title,
      year: p.year,
      doi: p.doi,
      ...citationOf(p),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireCandidate(request);
  const db = getDb();
  if (isMultipart(request)) {
    const parsed = await handleParse(request);
    if (parsed.problem) return parsed.problem;
    return data({
      step: "review" as const,
      entries: parsed.entries,
      problems: parsed.problems,
      duplicates: markCandidateDuplicates(db, user.id, parsed.entries),
    });
  }
  const result = await handleSaveOrRemove(request);
  if (result.remove !== undefined) {
    removeCandidatePublication(db, user.id, result.remove);
    throw redirect("/account/profile/publications?removed=1");
  }
  const { added, merged } = saveCandidatePublications(db, user.id, result.chosen);
  throw redirect(`/account/profile/publications?added=${added}&merged=${merged}`);
}

export default function PublicationsPage() {
  const { publications } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const added = params.get("added");
  return (
    <div className="container narrow">
      {added !== null ? (
        <p className="notice" role="status">
          Saved: {added} added, {params.get("merged") ?? 0} merged with publications already on your
          list.
        </p>
      ) : params.get("removed") ? (
        <p className="notice" role="status">
          Publication removed.
        </p>
      ) : null}
      <header className="page-header">
        <p className="meta-line">
          <Link to="/account/profile">Back to your profile</Link>
        </p>
        <h1>My publications</h1>
        <p className="lede">
          The hiring teams of the roles you apply for can read this list. Import it from BibTeX or
          from an ORCID works export; nothing is saved until you confirm.
        </p>
      </header>
      {actionData?.step === "review" ? (
        <section aria-labelledby="review-heading" className="card">
          <h2 id="review-heading">Choose what to save</h2>
          <ReviewImport
            entries={actionData.entries}
            duplicates={actionData.duplicates}
            problems={actionData.problems}
          />
        </section>
      ) : (
        <section aria-labelledby="import-heading" className="card">
          <h2 id="import-heading">Import publications</h2>
          <ImportForm lastResult={actionData?.step === "import" ? actionData : undefined} />
        </section>
      )}
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">Your list ({publications.length})</h2>
        {publications.length === 0 ? (
          <p className="muted">No publications yet.</p>
        ) : (
          <ul className="referee-list">
            {publications.map((p) => (
              <li key={p.id}>
                <strong>{p.title}</strong>
                <p className="small muted">
                  {[p.authors, p.venue, p.year ?? "no year", p.doi ? `doi:${p.doi}` : null]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="id" value={p.id} />
                  <button type="submit" className="button button--small button--secondary">
                    Remove<span className="visually-hidden"> {p.title}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
