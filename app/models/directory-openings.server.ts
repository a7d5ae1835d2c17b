/**
 * The small "open roles" lists shown around the directory: on the home page,
 * a profile ("Open roles on my team"), an area page and a lab page.
 *
 * Careers has its own, richer queries (app/models/opening.server.ts); these
 * are kept separate on purpose so the directory only depends on the table.
 * "Open" means what the public careers site means: status 'open' and not past
 * its closing date.
 */
import { sql, type SQL } from "drizzle-orm";
import type { OpeningKind, RemotePolicy } from "~/lib/enums";
import type { DB } from "~/utils/db.server";
import { preparedFor } from "~/utils/prepared.server";

export type OpenRole = {
  id: number;
  slug: string;
  title: string;
  kind: OpeningKind;
  location: string;
  remotePolicy: RemotePolicy;
  publishedAt: number | null;
  closesAt: number | null;
  labName: string;
};

/** Which optional filters an open-roles list has: team member, area, lab ("1" or "0" each). */
type RolesShape = `${"0" | "1"}${"0" | "1"}${"0" | "1"}`;

/** The open-roles query of one shape, prepared per database (app/utils/prepared.server.ts). */
const rolesQuery = preparedFor((db, shape: RolesShape) => {
  const [team, area, lab] = [...shape].map((c) => c === "1");
  const joins: SQL[] = [];
  const where: SQL[] = [
    sql`o.status = 'open'`,
    sql`(o.closes_at IS NULL OR o.closes_at > ${sql.placeholder("now")})`,
  ];
  if (team)
    joins.push(
      sql`JOIN opening_team t ON t.opening_id = o.id AND t.researcher_id = ${sql.placeholder("teamMemberId")}`,
    );
  if (area)
    joins.push(
      sql`JOIN opening_areas oa ON oa.opening_id = o.id AND oa.area_id = ${sql.placeholder("areaId")}`,
    );
  if (lab) where.push(sql`o.lab_id = ${sql.placeholder("labId")}`);
  return db
    .select({
      id: sql<number>`o.id`,
      slug: sql<string>`o.slug`,
      title: sql<string>`o.title`,
      kind: sql<OpeningKind>`o.kind`,
      location: sql<string>`o.location`,
      remotePolicy: sql<RemotePolicy>`o.remote_policy`,
      publishedAt: sql<number | null>`o.published_at`,
      closesAt: sql<number | null>`o.closes_at`,
      labName: sql<string>`l.name`,
    })
    .from(sql`openings o JOIN labs l ON l.id = o.lab_id ${sql.join(joins, sql` `)}`)
    .where(sql.join(where, sql` AND `))
    .orderBy(sql`o.published_at DESC, o.id DESC`)
    .limit(sql.placeholder("limit"))
    .prepare();
});

/**
 * Open roles, newest first, optionally narrowed to one lab, one area, or the
 * openings whose hiring team includes one researcher.
 */
export function listOpenRoles(
  db: DB,
  filter: {
    labId?: number;
    areaId?: number;
    teamMemberId?: number;
    limit?: number;
    now?: number;
  } = {},
): OpenRole[] {
  const bit = (v: number | undefined) => (v === undefined ? "0" : "1");
  return rolesQuery(db, `${bit(filter.teamMemberId)}${bit(filter.areaId)}${bit(filter.labId)}`).all(
    {
      now: filter.now ?? Date.now(),
      teamMemberId: filter.teamMemberId,
      areaId: filter.areaId,
      labId: filter.labId,
      limit: filter.limit ?? 10,
    },
  );
}
