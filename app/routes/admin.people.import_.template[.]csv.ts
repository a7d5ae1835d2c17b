/**
 * The import's template: the header row and one example person, in the
 * organisation's own first lab and area so the example imports as it is.
 * Admins only, like the import.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server";
import { directoryChoices } from "~/models/researcher-admin.server";
import { PEOPLE_COLUMNS } from "~/models/people-csv.server";
import { toCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const { labs, areas } = directoryChoices(getDb());
  const example = [
    "Ada Example",
    "ada.example@example.org",
    "Research Scientist",
    labs[0]?.name ?? "Your lab",
    areas
      .slice(0, 2)
      .map((a) => a.name)
      .join("; "),
    // ORCID's own example iD, with a valid check digit.
    "0000-0002-1825-0097",
    "https://example.org/ada",
    "Works on reliable systems. Bios are **Markdown**.",
  ];
  return new Response(`\uFEFF${toCsv([[...PEOPLE_COLUMNS], example])}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="people-template.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
