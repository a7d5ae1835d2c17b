/**
 * Migration 0040: the country names labs were stored with become ISO 3166-1
 * alpha-2 codes, in whatever case or form people typed them; a value it does
 * not recognise is left for an admin to choose from the list.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, countryName } from "../app/utils/countries";
import { getDb } from "../app/utils/db.server";
import { createLab } from "../tests/builders";
import { labs } from "./schema";

const MIGRATION = fs.readFileSync(
  path.join(import.meta.dirname, "migrations", "0040_lab_country_codes.sql"),
  "utf8",
);

function migrate(stored: string[]): string[] {
  const db = getDb();
  const ids = stored.map((country) => createLab(db, { country }).id);
  db.$client.exec(MIGRATION);
  return ids.map((id) => db.select().from(labs).where(eq(labs.id, id)).get()!.country);
}

describe("lab countries as ISO 3166-1 codes", () => {
  it("turns the names the demo and admins stored into codes", () => {
    expect(
      migrate([
        "Japan",
        "Switzerland",
        "  south korea ",
        "SOUTH KOREA",
        "Netherlands",
        "The Netherlands",
        "USA",
        "United Kingdom",
        "Türkiye",
        "Turkey",
        "Côte d’Ivoire",
        "Cote d'Ivoire",
        "Schweiz",
        "Brasil",
        "jp",
        "CH",
      ]),
    ).toEqual([
      "JP",
      "CH",
      "KR",
      "KR",
      "NL",
      "NL",
      "US",
      "GB",
      "TR",
      "TR",
      "CI",
      "CI",
      "CH",
      "BR",
      "JP",
      "CH",
    ]);
  });

  it("recognises the English name of every country as shown on the pages", () => {
    const named = migrate(COUNTRY_CODES.map((code) => countryName(code)));
    expect(named).toEqual([...COUNTRY_CODES]);
  });

  it("leaves a value it does not know as it was, and the page shows it as written", () => {
    expect(migrate(["Atlantis", "Kenya and Uganda"])).toEqual(["Atlantis", "Kenya and Uganda"]);
    expect(countryName("Atlantis")).toBe("Atlantis");
    expect(countryName("KE")).toBe("Kenya");
  });
});
