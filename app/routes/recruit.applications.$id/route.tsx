/**
 * Candidate review: profile, answers, cover letter, resume, other
 * applications, the full (internal + public) timeline, notes, scorecards and
 * the same move/reject/hire actions as the board. Staff only: the loader and
 * the action each call requireRole; creating a researcher profile from a
 * hired application is for admins only (checked again in its branch).
 * j / k jump to the next / previous candidate in the same stage when
 * JavaScript runs (links otherwise).
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { hasRole, requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HireConfirmPage, HireDialogProvider } from "~/components/recruit/hire-dialog";
import {
  ActionMessage,
  HireForm,
  MoveForm,
  RejectForm,
  PIPELINE_INTENTS,
} from "~/components/recruit/pipeline-forms";
import { NoteSchema, ScorecardSchema } from "~/components/recruit/review-panels";
import { addNote, saveScorecard } from "~/models/pipeline-notes.server";
import { REJECT_REASON_OPTIONS } from "~/lib/pipeline-options";
import { createProfileFromHire, findProfileFromHire } from "~/models/researcher-admin.server";
import { getDb } from "~/utils/db.server";
import { HiredProfile, StageNav } from "./header";
import { ReviewSections } from "./sections";
import reviewStyles from "~/styles/review.css";
import { HiringLink } from "~/components/hiring/staff-panels";
import { listLettersForStaff } from "~/models/reference-letters.server";
import { listCandidatePublications } from "~/models/publication-import.server";
import { useStageShortcuts } from "./shortcuts";
import { citationOf } from "~/utils/publication-entry";
import { requireId } from "~/utils/route-params";
import { daysBetween, invariantResponse } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";
import { getApplication, getReviewDetails } from "~/models/application-review.server";
import { runPipelineAction } from "~/handlers/pipeline-action.server";
import { getLinkedOrcid } from "~/auth/orcid.server";
import { requireFormData } from "~/utils/form-data.server";
import { publicOrigin } from "~/utils/origin.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reviewStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: pageTitle(
      data ? `${data.app.name} for ${data.app.openingTitle}` : "Candidate review",
      "Recruiting",
    ),
  },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "recruiter");
  const db = getDb();
  const app = getApplication(db, requireId(params.id));
  invariantResponse(app, "Application not found", { status: 404 });
  // Admins finish a hire by turning it into a researcher profile (or following the link to the one made).
  const isAdmin = hasRole(user, "admin");
  const hiredProfile = isAdmin && app.status === "hired" ? findProfileFromHire(db, app.id) : null;
  return {
    app,
    isAdmin,
    hiredProfile,
    daysInStage: daysBetween(app.stageEnteredAt, Date.now()),
    ...getReviewDetails(db, app, user.id),
    letters: listLettersForStaff(db, app.id),
    // The iD the candidate proved by signing in to ORCID (not just typed in).
    authenticatedOrcid: getLinkedOrcid(db, app.candidateId),
    publications: listCandidatePublications(db, app.candidateId).map((p) => ({
      id: p.id,
      title: p.title,
      year: p.year,
      doi: p.doi,
      ...citationOf(p),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "recruiter");
  const db = getDb();
  const app = getApplication(db, requireId(params.id));
  invariantResponse(app, "Application not found", { status: 404 });
  const actor = { actorId: user.id, origin: publicOrigin(request) };
  const formData = await requireFormData(request);
  const intent = String(formData.get("intent") ?? "");

  if (PIPELINE_INTENTS.includes(intent))
    return runPipelineAction(db, actor, app.openingId, formData);
  if (intent === "create_profile") {
    requireRole(request, "admin");
    const result = createProfileFromHire(db, app.id);
    if (!result.ok)
      return data({ ok: false, message: result.message, form: undefined }, { status: 400 });
    return redirect(`/admin/people/${result.id}${result.created ? "?created=1" : ""}`);
  }
  if (intent === "note") {
    const s = parseWithZod(formData, { schema: NoteSchema });
    if (s.status !== "success")
      return data(
        { ...s.reply(), form: "note" as const, ok: false, message: "The note was not saved." },
        { status: 400 },
      );
    addNote(db, actor, { applicationId: app.id, body: s.value.body });
    return data({
      ...s.reply({ resetForm: true }),
      form: "note" as const,
      ok: true,
      message: "Note added.",
    });
  }
  if (intent === "scorecard") {
    const s = parseWithZod(formData, { schema: ScorecardSchema });
    const fieldErrors: Record<string, string[]> = {};
    const ratings: Record<string, number> = {};
    app.criteria.forEach((c, i) => {
      const r = s.status === "success" ? s.value.ratings[i] : undefined;
      if (r === undefined) fieldErrors[`ratings[${i}]`] = [`Rate ${c} from 1 to 4`];
      else ratings[c] = r;
    });
    if (s.status !== "success" || Object.keys(fieldErrors).length) {
      return data(
        {
          ...s.reply({ fieldErrors }),
          form: "scorecard" as const,
          ok: false,
          message: "The scorecard was not saved.",
        },
        { status: 400 },
      );
    }
    saveScorecard(db, actor, {
      applicationId: app.id,
      ratings,
      recommendation: s.value.recommendation,
      comment: s.value.comment,
    });
    return data({
      ...s.reply(),
      form: "scorecard" as const,
      ok: true,
      message: "Scorecard saved.",
    });
  }
  return data(
    { ok: false, message: "That request could not be understood.", form: undefined },
    { status: 400 },
  );
}

export default function Review() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { app, profile } = d;
  useStageShortcuts(d.prevId, d.nextId);
  const target = { id: app.id, version: app.version, name: app.name, stageId: app.stageId };
  if (actionData && "confirmHire" in actionData && actionData.confirmHire)
    return (
      <div className="container">
        <HireConfirmPage confirm={actionData.confirmHire} />
      </div>
    );
  return (
    <div className="container container--wide review-page">
      <header className="review-header">
        <div>
          <p className="meta-line">
            <Link to={`/recruit/openings/${app.openingId}`}>{app.openingTitle}</Link> /{" "}
            {app.stageName}
          </p>
          <h1>{app.name}</h1>
          <p className="meta-line">
            {profile?.headline ? `${profile.headline} · ` : ""}
            {profile?.location ? `${profile.location} · ` : ""}
            <a href={`mailto:${app.email}`}>{app.email}</a>
          </p>
          <ul className="review-facts" aria-label="Application facts">
            <li>
              Status{" "}
              <span className={`status-badge status-badge--${app.status}`}>{app.status}</span>
            </li>
            <li>
              In {app.stageName} for <strong>{d.daysInStage}</strong> days
            </li>
            <li>Applied {formatStaffDate(app.createdAt)}</li>
            {app.source ? <li>Source: {app.source}</li> : null}
          </ul>
        </div>
        <StageNav prevId={d.prevId} nextId={d.nextId} stageName={app.stageName} />
      </header>
      <ActionMessage data={actionData} />
      {app.status === "active" ? (
        <HireDialogProvider
          openingTitle={app.openingTitle}
          hiredStageName={d.stages.find((s) => s.hired)?.name ?? "Hired"}
        >
          <section aria-label="Actions" className="card button-row review-actions">
            <MoveForm app={target} stages={d.stages} />
            <HireForm app={target} />
            <RejectForm app={target} reasons={REJECT_REASON_OPTIONS} />
          </section>
        </HireDialogProvider>
      ) : null}
      {app.status === "hired" && d.isAdmin ? <HiredProfile profile={d.hiredProfile} /> : null}
      <HiringLink applicationId={app.id} />
      <ReviewSections d={d} actionData={actionData} />
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <div className="container">
            <h1>Application not found</h1>
          </div>
        ),
      }}
    />
  );
}
