/**
 * Demo terms for the seeded openings: employment type, duration and
 * pay or stipend, derived deterministically from each opening's kind and id so
 * that every seed run gives the same values. About a fifth state no pay, as
 * real postings sometimes do, so the page shows both cases.
 */
import { eq } from "drizzle-orm";
import { labs, openings } from "./schema";
import type { OpeningKind } from "../app/lib/enums";
import type { DB } from "../app/utils/db.server";

/** Pay currency by the lab's country code; EUR elsewhere. */
const CURRENCY: Record<string, string> = {
  CH: "CHF",
  NO: "NOK",
  DK: "DKK",
  SE: "SEK",
  GB: "GBP",
  US: "USD",
  CA: "CAD",
};

const TERMS: Record<
  OpeningKind,
  {
    type: "full_time" | "temporary" | "intern";
    months: number | null;
    period: "year" | "month";
    base: number;
  }
> = {
  researcher: { type: "full_time", months: null, period: "year", base: 92_000 },
  engineer: { type: "full_time", months: null, period: "year", base: 88_000 },
  postdoc: { type: "temporary", months: 24, period: "year", base: 70_000 },
  fellowship: { type: "temporary", months: 12, period: "month", base: 4_200 },
  intern: { type: "intern", months: 6, period: "month", base: 2_800 },
};

export function seedOpeningTerms(db: DB) {
  const rows = db
    .select({ id: openings.id, kind: openings.kind, country: labs.country })
    .from(openings)
    .innerJoin(labs, eq(labs.id, openings.labId))
    .all();
  // One transaction: row by row, each update would be its own durable commit.
  // One prepared statement: Drizzle's builder would build and prepare the
  // same SQL again for each of the openings.
  const update = db.$client.prepare(
    `update openings set employment_type = ?, duration_months = ?, pay_min = ?, pay_max = ?, pay_currency = ?, pay_period = ?
     where id = ?`,
  );
  db.transaction(() => {
    for (const row of rows) {
      const t = TERMS[row.kind];
      const statesPay = row.id % 5 !== 0;
      const step = t.period === "year" ? 2_000 : 100;
      const min = t.base + (row.id % 7) * step;
      update.run(
        t.type,
        t.months,
        statesPay ? min : null,
        statesPay ? (t.period === "year" ? min + 12_000 : min) : null,
        statesPay ? (CURRENCY[row.country] ?? "EUR") : null,
        statesPay ? t.period : null,
        row.id,
      );
    }
  });
}
