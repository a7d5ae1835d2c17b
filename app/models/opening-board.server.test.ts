/**
 * The board's "new since your last visit" marker: a reload or the
 * revalidation after a move is the same visit (no write); a load after a
 * pause starts a new one.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { boardVisits } from "../../db/schema";
import { openingWithStages, staffUser } from "../../tests/fixtures";
import { getDb, type DB } from "~/utils/db.server";
import { recordBoardVisit, VISIT_GAP_MS } from "~/models/opening-board.server";

let db: DB;
beforeAll(() => {
  db = getDb();
});

const stored = (userId: number, openingId: number) =>
  db
    .select({ at: boardVisits.lastVisitedAt })
    .from(boardVisits)
    .where(and(eq(boardVisits.userId, userId), eq(boardVisits.openingId, openingId)))
    .get()?.at ?? null;

describe("recordBoardVisit", () => {
  it("keeps one visit across quick reloads and starts a new one after a pause", async () => {
    const user = await staffUser(db, "recruiter");
    const { opening } = openingWithStages(db);
    const t0 = Date.UTC(2026, 11, 2, 9, 0, 0);

    expect(recordBoardVisit(db, user.id, opening.id, t0)).toBeNull();
    expect(stored(user.id, opening.id)).toBe(t0);

    // A reload 10 s later is the same visit: the marker stays where it was.
    expect(recordBoardVisit(db, user.id, opening.id, t0 + 10_000)).toBe(t0);
    expect(stored(user.id, opening.id)).toBe(t0);

    // After the gap, the next load sees the first visit and records itself.
    const later = t0 + VISIT_GAP_MS + 1;
    expect(recordBoardVisit(db, user.id, opening.id, later)).toBe(t0);
    expect(stored(user.id, opening.id)).toBe(later);
  });

  it("keeps visits per user and per opening apart", async () => {
    const a = await staffUser(db, "recruiter");
    const b = await staffUser(db, "recruiter");
    const first = openingWithStages(db).opening;
    const second = openingWithStages(db).opening;
    const t0 = Date.UTC(2026, 11, 2, 10, 0, 0);
    recordBoardVisit(db, a.id, first.id, t0);
    expect(recordBoardVisit(db, b.id, first.id, t0 + 1_000)).toBeNull();
    expect(recordBoardVisit(db, a.id, second.id, t0 + 1_000)).toBeNull();
    expect(recordBoardVisit(db, a.id, first.id, t0 + 2_000)).toBe(t0);
  });
});
