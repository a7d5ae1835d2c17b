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
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { hasRole, requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ActionMessage, HireForm, MoveForm, RejectForm } from "~/components/recruit/pipeline-forms";
import {
  Notes,
  NoteSchema,
  Scorecards,
  ScorecardSchema,
  Timeline,
} from "~/components/recruit/review-panels";
import { PIPELINE_INTENTS } from "~/components/recruit/pipeline-forms";
import { addNote, saveScorecard } from "~/models/pipeline.server";
import { REJECT_REASON_OPTIONS } from "~/models/pipeline-options";
import { createProfileFromHire, findProfileFromHire } from "~/models/researcher-admin.server";
import { getDb } from "~/utils/db.server";
import { ReviewLetters, ReviewPublications } from "~/components/letters/review-letters";
import { listLettersForStaff } from "~/models/reference.server";
import { listCandidatePublications } from "~/models/publication-import.server";
import { ApplicationMaterial } from "./material";
import { useStageShortcuts } from "./shortcuts";
import { requireId } from "~/utils/route-params";
import { daysBetween, invariantResponse } from "~/utils/misc";
import { formatDate, pageTitle } from "~/utils/site";
import { getApplication, getReviewDetails } from "./queries.server";
import { runPipelineAction } from "../recruit.openings.$id/pipeline-action.server";
import { requireFormData } from "~/utils/form-data.server";
import { publicOrigin } from "~/utils/origin.server";

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
    publications: listCandidatePublications(db, app.candidateId),
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
  return (
    <div className="container">
      <header className="page-header">
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
        <p className="meta-line">
          Status: <strong>{app.status}</strong> · in {app.stageName} for {d.daysInStage} days ·
          applied {formatDate(app.createdAt)}
          {app.source ? ` · source: ${app.source}` : ""}
        </p>
        <nav aria-label="Candidates in this stage" className="button-row small">
          {d.prevId ? (
            <Link to={`/recruit/applications/${d.prevId}`} rel="prev">
              Previous candidate (k)
            </Link>
          ) : null}
          {d.nextId ? (
            <Link to={`/recruit/applications/${d.nextId}`} rel="next">
              Next candidate (j)
            </Link>
          ) : null}
        </nav>
      </header>
      <ActionMessage data={actionData} />
      {app.status === "active" ? (
        <section aria-label="Actions" className="card button-row">
          <MoveForm app={target} stages={d.stages} />
          <HireForm app={target} />
          <RejectForm app={target} reasons={REJECT_REASON_OPTIONS} />
        </section>
      ) : null}
      {app.status === "hired" && d.isAdmin ? (
        <section aria-labelledby="profile-h" className="card">
          <h2 id="profile-h">Researcher profile</h2>
          {d.hiredProfile ? (
            <p>
              A researcher profile was made from this hire:{" "}
              <Link to={`/admin/people/${d.hiredProfile.id}`}>
                edit {d.hiredProfile.name}&rsquo;s profile
              </Link>
              .
            </p>
          ) : (
            <Form method="post" className="stack">
              <p>
                Makes a directory profile from this application: name, headline as title, the
                opening&rsquo;s lab and areas, and the candidate&rsquo;s homepage, ORCID, Scholar
                and GitHub links. It is public at once (current, not featured) with an empty bio;
                you finish it on the next page.
              </p>
              <div>
                <button type="submit" name="intent" value="create_profile" className="button">
                  Create researcher profile
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
      <div className="review-layout">
        <div className="stack">
          <ApplicationMaterial app={app} profile={profile} answers={d.answers} resume={d.resume} />
          <ReviewLetters applicationId={app.id} letters={d.letters} />
          <ReviewPublications publications={d.publications} />
          <section aria-labelledby="notes-h">
            <h2 id="notes-h">Notes</h2>
            <Notes
              notes={d.notes}
              lastResult={actionData?.form === "note" ? actionData : undefined}
            />
          </section>
          <section aria-labelledby="scores-h">
            <h2 id="scores-h">Scorecards</h2>
            {app.criteria.length ? (
              <Scorecards
                criteria={app.criteria}
                scorecards={d.scorecards}
                mine={d.myScorecard}
                lastResult={actionData?.form === "scorecard" ? actionData : undefined}
              />
            ) : (
              <p className="muted">This opening names no scorecard criteria yet.</p>
            )}
          </section>
        </div>
        <aside className="stack">
          <section aria-labelledby="timeline-h">
            <h2 id="timeline-h">Timeline</h2>
            <Timeline events={d.events} />
          </section>
          <section aria-labelledby="others-h">
            <h2 id="others-h">Other applications</h2>
            {d.others.length === 0 ? <p className="muted">None.</p> : null}
            <ul className="plain-list stack">
              {d.others.map((o) => (
                <li key={o.id}>
                  <Link to={`/recruit/applications/${o.id}`}>{o.opening}</Link>
                  <div className="small muted">
                    {o.stage} · {o.status} · {formatDate(o.createdAt)}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
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
