/**
 * The openings as staff pick them from a list (the Reports and Candidates
 * filters). Two roles may share a title ("Research Scientist" in two labs);
 * such titles carry their lab and kind, and the status too when even those
 * agree, so every choice names exactly one opening.
 */
import { asc, eq } from "drizzle-orm";
import { labs, openings } from "../../db/schema";
import type { DB } from "~/utils/db.server";
import { OPENING_KIND_LABELS } from "~/utils/site";
import { OPENING_STATUS_LABELS } from "~/lib/enums";

export type OpeningChoice = { id: number; title: string; label: string };

export function openingChoices(db: DB): OpeningChoice[] {
  const rows = db
    .select({
      id: openings.id,
      title: openings.title,
      kind: openings.kind,
      status: openings.status,
      lab: labs.name,
    })
    .from(openings)
    .innerJoin(labs, eq(labs.id, openings.labId))
    .orderBy(asc(openings.title), asc(labs.name), asc(openings.id))
    .all();
  const tally = (key: (r: (typeof rows)[number]) => string) => {
    const n = new Map<string, number>();
    for (const r of rows) n.set(key(r), (n.get(key(r)) ?? 0) + 1);
    return (r: (typeof rows)[number]) => n.get(key(r))!;
  };
  const sameTitle = tally((r) => r.title);
  const sameLabAndKind = tally((r) => `${r.title}\u0000${r.lab}\u0000${r.kind}`);
  const sameStatus = tally((r) => `${r.title}\u0000${r.lab}\u0000${r.kind}\u0000${r.status}`);
  return rows.map((r) => {
    let label = r.title;
    if (sameTitle(r) > 1) label += ` — ${r.lab}, ${OPENING_KIND_LABELS[r.kind]}`;
    if (sameLabAndKind(r) > 1) label += ` (${OPENING_STATUS_LABELS[r.status].toLowerCase()})`;
    if (sameStatus(r) > 1) label += ` #${r.id}`;
    return { id: r.id, title: r.title, label };
  });
}
