/**
 * What the import's action sends for the preview. The column names live
 * here, on the server, and reach the page as data: a browser bundle never
 * carries a column's name as a literal (e2e/browser-bundles.spec.ts).
 */
import type { ImportPlan } from "~/models/people-import.server";
import type { PeopleColumn } from "~/models/people-csv.server";

/** Most rows the preview lists (invalid ones first); the counts cover all of them. */
const SHOWN_ROWS = 300;

const COLUMN_LABELS: Record<PeopleColumn, string> = {
  name: "name",
  email: "email",
  title: "title",
  lab: "lab",
  areas: "areas",
  orcid: "ORCID iD",
  homepage: "homepage",
  bio: "bio",
};

const DELIMITERS = { ",": "commas", ";": "semicolons", "\t": "tabs" } as const;

/** What the action sends for the preview: the counts, the rows worth reading, the stored file's name. */
export function previewData(
  plan: ImportPlan,
  about: { token: string; fileName: string; encoding: string; delimiter: keyof typeof DELIMITERS },
) {
  const worth = plan.rows.filter((r) => r.status !== "unchanged");
  const shown = [
    ...worth.filter((r) => r.status === "invalid"),
    ...worth.filter((r) => r.status !== "invalid"),
  ]
    .slice(0, SHOWN_ROWS)
    .sort((a, b) => a.row - b.row);
  return {
    step: "preview" as const,
    ...about,
    delimiter: DELIMITERS[about.delimiter],
    counts: plan.counts,
    rows: shown,
    hidden: worth.length - shown.length,
    unknownLabs: plan.unknownLabs,
    unknownAreas: plan.unknownAreas,
    columnLabels: COLUMN_LABELS,
    error: null as string | null,
  };
}
