/**
 * What the opening editor is rendered from: a new or stored opening's form
 * values, the labs, areas and programs to choose from, the hiring team's
 * people and the team search, and the Markdown preview. Checking and saving
 * what comes back are in opening-admin.server.ts.
 */
import { eq, inArray, sql } from "drizzle-orm";
import {
  applications,
  labs,
  openings,
  openingTeam,
  programs,
  researchers,
  screeningQuestions,
  stages,
} from "../../db/schema";
import type { OpeningFormValues, TeamPerson } from "~/lib/opening-form";
import { DEFAULT_STAGES } from "~/lib/pipeline-options";
import type { DB } from "~/utils/db.server";
import { directoryChoices } from "./researcher-admin.server";
import { getOpeningAreaIds } from "./opening.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { isoDate } from "~/utils/time";

const personColumns = {
  id: researchers.id,
  name: researchers.name,
  slug: researchers.slug,
  title: researchers.title,
  lab: labs.name,
  hasPhoto: sql<boolean>`(${researchers.photoFileId} IS NOT NULL)`.mapWith(Boolean),
};

/** Researchers by id (unknown ids are left out), for the team list. */
export function getTeamPeople(db: DB, ids: number[]): TeamPerson[] {
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (!wanted.length) return [];
  return db
    .select(personColumns)
    .from(researchers)
    .innerJoin(labs, eq(labs.id, researchers.labId))
    .where(inArray(researchers.id, wanted))
    .all();
}

/**
 * Researchers whose name contains `query` (case-insensitive), current
 * researchers first, then alphabetical; at most `limit`.
 */
export function searchTeamPeople(db: DB, query: string, limit = 8): TeamPerson[] {
  const q = query.trim().toLowerCase().slice(0, 100);
  if (!q) return [];
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select(personColumns)
    .from(researchers)
    .innerJoin(labs, eq(labs.id, researchers.labId))
    .where(sql`${researchers.sortName} LIKE ${pattern} ESCAPE '\\'`)
    .orderBy(
      sql`${researchers.status} <> 'current'`,
      sql`instr(${researchers.sortName}, ${q}) <> 1`,
      researchers.sortName,
      researchers.id,
    )
    .limit(limit)
    .all();
}

/** Blank values for a new opening, starting from the default pipeline. */
export function emptyOpeningValues(): OpeningFormValues {
  return {
    title: "",
    kind: "researcher",
    labId: "",
    areaIds: [],
    location: "",
    remotePolicy: "onsite",
    summary: "",
    description: "",
    qualifications: "",
    closesAt: "",
    employmentType: "",
    durationMonths: "",
    payMin: "",
    payMax: "",
    payCurrency: "",
    payPeriod: "",
    programId: "",
    lettersRequired: "0",
    team: [],
    criteria: "Research depth\nCommunication\nCollaboration",
    questions: [],
    stages: DEFAULT_STAGES.map((s) => ({ id: "", name: s.name, kind: s.kind })),
  };
}

/** The form values of a stored opening, and the people on its hiring team. */
export function openingValues(
  db: DB,
  openingId: number,
): { values: OpeningFormValues; teamPeople: TeamPerson[]; lockedStageIds: number[] } | null {
  const o = db.select().from(openings).where(eq(openings.id, openingId)).get();
  if (!o) return null;
  const areaIds = getOpeningAreaIds(db, o.id);
  const team = db
    .select({ id: openingTeam.researcherId })
    .from(openingTeam)
    .where(eq(openingTeam.openingId, o.id))
    .orderBy(openingTeam.position)
    .all()
    .map((t) => t.id);
  const qs = db
    .select()
    .from(screeningQuestions)
    .where(eq(screeningQuestions.openingId, o.id))
    .orderBy(screeningQuestions.position)
    .all();
  const st = db
    .select()
    .from(stages)
    .where(eq(stages.openingId, o.id))
    .orderBy(stages.position)
    .all();
  const locked = db
    .selectDistinct({ id: applications.stageId })
    .from(applications)
    .where(eq(applications.openingId, o.id))
    .all()
    .map((r) => r.id);
  return {
    values: {
      title: o.title,
      kind: o.kind,
      labId: String(o.labId),
      areaIds: areaIds.map(String),
      location: o.location,
      remotePolicy: o.remotePolicy,
      summary: o.summary,
      description: o.description,
      qualifications: o.qualifications,
      closesAt: o.closesAt ? isoDate(o.closesAt) : "",
      employmentType: o.employmentType ?? "",
      durationMonths: o.durationMonths == null ? "" : String(o.durationMonths),
      payMin: o.payMin == null ? "" : String(o.payMin),
      payMax: o.payMax == null ? "" : String(o.payMax),
      payCurrency: o.payCurrency ?? "",
      payPeriod: o.payPeriod ?? "",
      programId: o.programId == null ? "" : String(o.programId),
      lettersRequired: String(o.lettersRequired),
      team: team.map(String),
      criteria: o.scorecardCriteria.join("\n"),
      questions: qs.map((q) => ({
        id: String(q.id),
        label: q.label,
        type: q.type,
        required: q.required,
        options: q.options,
      })),
      stages: st.map((s) => ({ id: String(s.id), name: s.name, kind: s.kind })),
    },
    teamPeople: getTeamPeople(db, team),
    lockedStageIds: locked,
  };
}

/** Labs, areas and programs to choose from in the form. */
export function getFormChoices(db: DB) {
  return {
    programs: db
      .select({ id: programs.id, name: programs.name })
      .from(programs)
      .orderBy(programs.position, programs.name)
      .all(),
    ...directoryChoices(db),
  };
}

/** The server-rendered Markdown preview of what was typed. */
export function previewOf(values: { description: string; qualifications: string }) {
  return {
    description: renderMarkdown(values.description),
    qualifications: renderMarkdown(values.qualifications),
  };
}
