import { asc, eq, sql } from "drizzle-orm";
import { openings, screeningQuestions, stages } from "../../../db/schema";
import type { DB } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";
import { preparedFor } from "~/utils/prepared.server";
import type { ApplyQuestion } from "./schema";

/** Prepared once per connection: the form page and every submission run these. */
const queries = preparedFor((db) => ({
  openingBySlug: db
    .select({
      id: openings.id,
      slug: openings.slug,
      title: openings.title,
      status: openings.status,
      closesAt: openings.closesAt,
      lettersRequired: openings.lettersRequired,
    })
    .from(openings)
    .where(eq(openings.slug, sql.placeholder("slug")))
    .prepare(),
  questions: db
    .select({
      id: screeningQuestions.id,
      label: screeningQuestions.label,
      type: screeningQuestions.type,
      required: screeningQuestions.required,
      options: screeningQuestions.options,
    })
    .from(screeningQuestions)
    .where(eq(screeningQuestions.openingId, sql.placeholder("openingId")))
    .orderBy(asc(screeningQuestions.position))
    .prepare(),
  // Only the first stage's public status is needed; its internal name stays here.
  firstStage: db
    .select({ id: stages.id, publicStatus: stages.publicStatus })
    .from(stages)
    .where(eq(stages.openingId, sql.placeholder("openingId")))
    .orderBy(asc(stages.position))
    .limit(1)
    .prepare(),
}));

/**
 * The opening behind `slug` if it takes applications now, with its questions
 * and first stage. Unknown and draft openings are 404 (a draft's existence is
 * not confirmed); closed or past their closing date are 410 Gone.
 */
export function requireOpenOpening(db: DB, slug: string | undefined, now = Date.now()) {
  const q = queries(db);
  const opening = slug ? q.openingBySlug.get({ slug }) : undefined;
  invariantResponse(opening && opening.status !== "draft", "Not found", { status: 404 });
  invariantResponse(
    opening.status !== "closed" && (opening.closesAt == null || opening.closesAt >= now),
    `${opening.title} is no longer accepting applications.`,
    { status: 410 },
  );
  const questions: ApplyQuestion[] = q.questions.all({ openingId: opening.id });
  const firstStage = q.firstStage.get({ openingId: opening.id });
  invariantResponse(firstStage, "This role has no pipeline yet.", { status: 409 });
  return { opening, questions, firstStage };
}
