/** /publications/:id/bibtex — one publication as a BibTeX entry. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { citationKey, toBibtex } from "~/models/publication-export.server";
import { getPublicationForExport } from "~/models/publication.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { requireId } from "~/utils/route-params";

export function loader({ params }: LoaderFunctionArgs) {
  const publication = getPublicationForExport(getDb(), requireId(params.id));
  invariantResponse(publication, "Not found", { status: 404 });
  return new Response(toBibtex([publication]), {
    headers: {
      "Content-Type": "text/x-bibtex; charset=utf-8",
      "Content-Disposition": `attachment; filename="${citationKey(publication)}.bib"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}
