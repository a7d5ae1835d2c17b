/** /publications.bib?… — the current publications search as BibTeX (at most 1,000 entries). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { toBibtex } from "~/models/publication-export.server";
import { listPublicationsForExport } from "~/models/publication.server";
import { getDb } from "~/utils/db.server";
import { parsePublicationSearch } from "~/handlers/publication-search.server";

export function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { filters } = parsePublicationSearch(db, new URL(request.url).searchParams);
  const body = toBibtex(listPublicationsForExport(db, filters, 1000));
  return new Response(body, {
    headers: {
      "Content-Type": "text/x-bibtex; charset=utf-8",
      "Content-Disposition": 'attachment; filename="publications.bib"',
      "Cache-Control": "public, max-age=300",
    },
  });
}
