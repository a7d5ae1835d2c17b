/**
 * Open roles of the e2e database and answering their screening questions:
 * shared by the specs that apply (apply, candidate, privacy).
 */
import { and, asc, eq, gt, isNull, or } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { openings, screeningQuestions } from "../db/schema";
import { e2eDb } from "./fixtures";

/** Open roles that take applications now, oldest first (stable across runs of the same seed). */
export function openRoles() {
  return e2eDb()
    .select({ id: openings.id, slug: openings.slug, title: openings.title })
    .from(openings)
    .where(
      and(
        eq(openings.status, "open"),
        or(isNull(openings.closesAt), gt(openings.closesAt, Date.now() + 3_600_000)),
      ),
    )
    .orderBy(asc(openings.id))
    .all();
}

/** Answers every screening question of the opening the way a person would: by label. */
export async function answerQuestions(page: Page, openingId: number) {
  const questions = e2eDb()
    .select()
    .from(screeningQuestions)
    .where(eq(screeningQuestions.openingId, openingId))
    .orderBy(asc(screeningQuestions.position))
    .all();
  for (const q of questions) {
    if (q.type === "yes_no") {
      await page.getByRole("group", { name: q.label }).getByLabel("Yes", { exact: true }).check();
    } else if (q.type === "single_choice") {
      const group = page.getByRole("group", { name: q.label });
      if (await group.count()) await group.getByLabel(q.options[0], { exact: true }).check();
      else await page.getByLabel(q.label).selectOption(q.options[0]);
    } else {
      await page.getByLabel(q.label).fill("An answer typed in the end-to-end test.");
    }
  }
}
