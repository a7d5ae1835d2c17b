/**
 * /admin/people/:id/publications — import a researcher's publications from
 * a BibTeX file or paste or an ORCID works export: parse, review the list
 * (a checkbox per entry; duplicates of the public list flagged), save.
 * Duplicates (same DOI, or same folded title and year) are merged, entries
 * without a year are skipped (the public profile groups by year), and the
 * save and its audit row are one transaction. Admins only, loader and action.
 */
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { auditAdminChange } from "~/auth/audit.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ImportForm, ReviewImport } from "~/components/letters/publication-import";
import {
  markResearcherDuplicates,
  writeResearcherPublications,
} from "~/models/publication-import.server";
import { getResearcherForEdit } from "~/models/researcher-admin.server";
import { handleParse, handleSaveOrRemove, isMultipart } from "~/handlers/publication-import.server";
import applyStyles from "~/styles/apply.css";
import lettersStyles from "~/styles/letters.css";
import recruitStyles from "~/styles/recruit.css";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: recruitStyles },
  { rel: "stylesheet", href: applyStyles },
  { rel: "stylesheet", href: lettersStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Import publications: ${data.researcher.name}` : "Import", "Admin") },
];

function requireResearcher(idParam: string | undefined) {
  const found = getResearcherForEdit(getDb(), requireId(idParam));
  invariantResponse(found, "Researcher not found", { status: 404 });
  return found;
}

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const { researcher: r, pubs } = requireResearcher(params.id);
  return {
    researcher: { id: r.id, slug: r.slug, name: r.name },
    pubs: pubs.map((p) => ({ id: p.id, title: p.title, venue: p.venue, year: p.year })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const db = getDb();
  const { researcher: r } = requireResearcher(params.id);
  if (isMultipart(request)) {
    const parsed = await handleParse(request);
    if (parsed.problem) return parsed.problem;
    return data({
      step: "review" as const,
      entries: parsed.entries,
      problems: parsed.problems,
      duplicates: markResearcherDuplicates(db, r.id, parsed.entries),
    });
  }
  const result = await handleSaveOrRemove(request);
  invariantResponse(result.remove === undefined, "Bad request");
  const saved = db.transaction((tx) => {
    const counts = writeResearcherPublications(tx, r.id, result.chosen);
    const { added, merged, skipped } = counts;
    auditAdminChange(tx, {
      action: "directory.publications_imported",
      actorUserId: user.id,
      ip: getClientIp(context),
      summary:
        `Imported publications into researcher ${r.id}: ` +
        `${added} added, ${merged} merged with existing entries` +
        (skipped ? `, ${skipped} skipped for lack of a year.` : "."),
      facts: { researcherId: r.id, added, merged, skipped },
    });
    return counts;
  });
  const done = new URLSearchParams({
    added: String(saved.added),
    merged: String(saved.merged),
    skipped: String(saved.skipped),
  });
  throw redirect(`/admin/people/${r.id}/publications?${done}`);
}

export default function ImportResearcherPublications() {
  const { researcher, pubs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const added = params.get("added");
  const skipped = Number(params.get("skipped") ?? 0);
  return (
    <div className="container narrow">
      {added !== null ? (
        <p className="notice" role="status">
          Saved: {added} added, {params.get("merged") ?? 0} merged with publications already listed
          {skipped ? `, ${skipped} skipped because they have no year` : ""}.
        </p>
      ) : null}
      <header className="page-header">
        <p className="meta-line">
          <Link to={`/admin/people/${researcher.id}`}>Back to {researcher.name}</Link> ·{" "}
          <Link to={`/people/${researcher.slug}`}>Public profile</Link>
        </p>
        <h1>Import publications for {researcher.name}</h1>
        <p className="lede">
          From a BibTeX file or paste, or an ORCID works export. Nothing is saved until you confirm;
          publications already listed are merged, not doubled.
        </p>
      </header>
      {actionData?.step === "review" ? (
        <section aria-labelledby="review-heading" className="card">
          <h2 id="review-heading">Choose what to publish</h2>
          <ReviewImport
            entries={actionData.entries}
            duplicates={actionData.duplicates}
            problems={actionData.problems}
            note="Entries without a year are skipped: the public profile lists publications by year."
          />
        </section>
      ) : (
        <section aria-labelledby="import-heading" className="card">
          <h2 id="import-heading">Import</h2>
          <ImportForm lastResult={actionData?.step === "import" ? actionData : undefined} />
        </section>
      )}
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">On the public profile ({pubs.length})</h2>
        {pubs.length === 0 ? (
          <p className="muted">No publications yet.</p>
        ) : (
          <ul className="referee-list">
            {pubs.map((p) => (
              <li key={p.id}>
                <strong>{p.title}</strong>
                <p className="small muted">{[p.venue, p.year].filter(Boolean).join(" · ")}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container narrow error-page">
            <h1>Researcher not found</h1>
          </div>
        ),
      }}
    />
  );
}
