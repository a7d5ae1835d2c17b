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
import type { OpeningKind, RemotePolicy } from "../../db/schema";
import type { DB } from "~/utils/db.server";

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
  const now = filter.now ?? Date.now();
  const joins: SQL[] = [];
  const where: SQL[] = [sql`o.status = 'open'`, sql`(o.closes_at IS NULL OR o.closes_at > ${now})`];
  if (filter.teamMemberId !== undefined) {
    joins.push(
      sql`JOIN opening_team t ON t.opening_id = o.id AND t.researcher_id = ${filter.teamMemberId}`,
    );
  }
  if (filter.areaId !== undefined) {
    joins.push(
      sql`JOIN opening_areas oa ON oa.opening_id = o.id AND oa.area_id = ${filter.areaId}`,
    );
  }
  if (filter.labId !== undefined) where.push(sql`o.lab_id = ${filter.labId}`);
  return db.all<OpenRole>(sql`
    SELECT o.id, o.slug, o.title, o.kind, o.location, o.remote_policy AS remotePolicy,
      o.published_at AS publishedAt, o.closes_at AS closesAt, l.name AS labName
    FROM openings o
    JOIN labs l ON l.id = o.lab_id
    ${sql.join(joins, sql` `)}
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY o.published_at DESC, o.id DESC
    LIMIT ${filter.limit ?? 10}`);
}
