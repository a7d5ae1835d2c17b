/**
 * The opening editor's action, shared by the new and edit routes: reads any
 * body without a 500, answers Conform's list intents (add / remove / move a
 * row) and the no-JavaScript team search with the updated form and no write,
 * previews the Markdown, and saves through the model in one transaction.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { checkOpening, saveOpening } from "~/models/opening-admin.server";
import { getTeamPeople, previewOf, searchTeamPeople } from "~/models/opening-form-values.server";
import type { TeamPerson } from "~/lib/opening-form";
import type { DB } from "~/utils/db.server";
import { OpeningFormSchema, ROW_NOUNS } from "~/components/recruit/opening-form-schema";

const RELOAD = "Reload the page and try again; nothing was saved.";

/** "questions[1].options" + 3 → "Question 2, choice 4". */
function rowName(listPath: string, index: number) {
  const parts: string[] = [];
  for (const m of listPath.matchAll(/(\w+)\[(\d+)\]/g))
    parts.push(`${ROW_NOUNS[m[1]] ?? m[1]} ${Number(m[2]) + 1}`);
  const list = /(\w+)$/.exec(listPath)?.[1] ?? listPath;
  const noun = ROW_NOUNS[list] ?? `Row of ${list}`;
  parts.push(`${parts.length ? noun.toLowerCase() : noun} ${index + 1}`);
  return parts.join(", ");
}

/**
 * Why the posted rows cannot be read, or null. A browser sends every list
 * (`stages`, `questions[0].options`, ...) numbered from 0, without gaps, in
 * order; a hand-made or corrupted body (`stages[25].name` with only
 * `stages[0]`, `stages[1]` before `stages[0]`) would otherwise become a sparse
 * or reshuffled list. Works for any list, so new fieldsets are covered too.
 */
function rowKeyProblem(formData: FormData): string | null {
  const lists = new Map<string, number[]>();
  for (const key of formData.keys()) {
    for (const m of key.matchAll(/\[(\d+)\]/g)) {
      const listPath = key.slice(0, m.index);
      const index = Number(m[1]);
      if (m[1].length > 1 && m[1].startsWith("0"))
        return `${rowName(listPath, index)} has a malformed number. ${RELOAD}`;
      const seen = lists.get(listPath) ?? [];
      if (!seen.includes(index)) seen.push(index);
      lists.set(listPath, seen);
    }
  }
  for (const [listPath, seen] of lists) {
    const sorted = [...seen].sort((a, b) => a - b);
    const gap = sorted.findIndex((n, i) => n !== i);
    if (gap !== -1)
      return `${rowName(listPath, sorted[gap])} was sent without ${rowName(listPath, gap).toLowerCase()} before it. ${RELOAD}`;
    const outOfOrder = seen.findIndex((n, i) => n !== i);
    if (outOfOrder !== -1)
      return `${rowName(listPath, seen[outOfOrder])} arrived before ${rowName(listPath, outOfOrder).toLowerCase()}: the rows are out of order. ${RELOAD}`;
  }
  return null;
}

/** What the editor gets back besides Conform's result. */
export type OpeningReply = SubmissionResult<string[]> & {
  preview: { description: string; qualifications: string } | null;
  /** The people whose ids the form holds, so new team rows show a name and photo. */
  people: TeamPerson[];
  /** Matches of the no-JavaScript "Find people" search. */
  matches: TeamPerson[] | null;
};

const idsIn = (v: unknown): number[] =>
  (Array.isArray(v) ? v : [v]).map((x) => Number(x)).filter((n) => Number.isSafeInteger(n));

function withoutConformState(formData: FormData) {
  const copy = new FormData();
  for (const [k, v] of formData) if (k !== "__intent__" && k !== "__state__") copy.append(k, v);
  return copy;
}

/** Conform's parse throws on a malformed intent or a list that is not a list; that is a 400. */
function safeParse(formData: FormData) {
  try {
    return { submission: parseWithZod(formData, { schema: OpeningFormSchema }), problem: null };
  } catch {
    const problem = `The form could not be read. ${RELOAD}`;
    try {
      const submission = parseWithZod(withoutConformState(formData), {
        schema: OpeningFormSchema,
      });
      return { submission, problem };
    } catch {
      return { submission: null, problem };
    }
  }
}

/**
 * Handles one post of the opening form. Returns the reply to render (with its
 * status) or, after a save, the opening's id.
 */
export function handleOpeningForm(
  db: DB,
  formData: FormData,
  openingId: number | null,
): { kind: "reply"; status: number; body: OpeningReply } | { kind: "saved"; id: number } {
  const { submission, problem: parseProblem } = safeParse(formData);
  const problem = parseProblem ?? rowKeyProblem(formData);
  const extras = (payload: Record<string, unknown> | undefined) => ({
    preview: null,
    people: getTeamPeople(db, idsIn(payload?.team)),
    matches: null,
  });
  if (!submission)
    return {
      kind: "reply",
      status: 400,
      body: { status: "error", error: { "": [problem!] }, ...extras(undefined) },
    };
  const reply = (
    result: SubmissionResult<string[]>,
    status: number,
    more: Partial<OpeningReply> = {},
  ) => ({
    kind: "reply" as const,
    status,
    body: { ...result, ...extras(submission.payload), ...more },
  });

  if (problem) return reply(submission.reply({ formErrors: [problem] }), 400);
  // Add / remove / move a row: Conform already applied it to the payload.
  // Errors wait for "save": a row just added is blank, not wrong.
  if (submission.status === undefined) return reply({ ...submission.reply(), error: {} }, 200);
  if (submission.status !== "success") return reply(submission.reply(), 400);
  const v = submission.value;
  if (v.intent === "preview") return reply(submission.reply(), 200, { preview: previewOf(v) });
  if (v.intent === "find-people")
    return reply(submission.reply(), 200, { matches: searchTeamPeople(db, v.teamQuery) });
  const checked = checkOpening(db, openingId, v);
  if (!checked.ok) return reply(submission.reply({ fieldErrors: checked.errors }), 400);
  return { kind: "saved", id: saveOpening(db, openingId, checked.value).id };
}
