/**
 * The pipeline board of one opening: a column per stage with its count and
 * one page of cards; per-card move/reject/hire forms and a bulk bar, all
 * working without JavaScript. Access: recruiters and admins (checked in the
 * loader and in the action). Changes go through app/models/pipeline.server.ts.
 */
import { LettersBadge } from "~/components/letters/letters-badge";
import { letterCounts } from "~/models/reference.server";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ActionMessage, HireForm, MoveForm, RejectForm } from "~/components/recruit/pipeline-forms";
import { REJECT_REASON_OPTIONS } from "~/models/pipeline-options";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/origin.server";
import { requireFormData } from "~/utils/form-data.server";
import { requireId } from "~/utils/route-params";
import { daysBetween, invariantResponse, plural } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import {
  getAverageRatings,
  getCounts,
  getOpening,
  getStageCards,
  getStages,
  PAGE_SIZE,
  recordBoardVisit,
} from "./queries.server";
import { runPipelineAction } from "./pipeline-action.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Pipeline: ${data.opening.title}` : "Pipeline", "Recruiting") },
];

/** How many cards to show in a stage: `?show_<stageId>=100` after "Show more". */
function limitFor(url: URL, stageId: number): number {
  const raw = url.searchParams.get(`show_${stageId}`);
  const n = raw && /^\d{1,5}$/.test(raw) ? Number(raw) : PAGE_SIZE;
  return Math.min(Math.max(Math.ceil(n / PAGE_SIZE) * PAGE_SIZE, PAGE_SIZE), 1000);
}

export function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireRole(request, "recruiter");
  const db = getDb();
  const opening = getOpening(db, requireId(params.id));
  invariantResponse(opening, "Opening not found", { status: 404 });
  const url = new URL(request.url);
  const stageRows = getStages(db, opening.id);
  const counts = getCounts(db, opening.id);
  const lastVisit = recordBoardVisit(db, user.id, opening.id);
  const now = Date.now();
  const columns = stageRows.map((stage) => {
    const limit = limitFor(url, stage.id);
    return { stage, limit, cards: getStageCards(db, stage.id, limit) };
  });
  const ratings = getAverageRatings(
    db,
    columns.flatMap((c) => c.cards.map((card) => card.id)),
  );
  const letters = letterCounts(
    db,
    columns.flatMap((c) => c.cards.map((card) => card.id)),
  );
  return {
    opening: {
      id: opening.id,
      title: opening.title,
      status: opening.status,
      slug: opening.slug,
      closesAt: opening.closesAt,
    },
    perStatus: counts.perStatus,
    stages: stageRows.map((s) => ({ id: s.id, name: s.name })),
    columns: columns.map(({ stage, limit, cards }) => ({
      id: stage.id,
      name: stage.name,
      count: counts.perStage[stage.id] ?? 0,
      limit,
      cards: cards.map((c) => ({
        id: c.id,
        version: c.version,
        status: c.status,
        stageId: c.stageId,
        name: c.name,
        headline: c.headline ?? "",
        daysInStage: daysBetween(c.stageEnteredAt, now),
        rating: ratings.get(c.id) ?? null,
        isNew: lastVisit === null || c.createdAt > lastVisit,
        letters: letters[c.id] ?? null,
      })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "recruiter");
  const db = getDb();
  const opening = getOpening(db, requireId(params.id));
  invariantResponse(opening, "Opening not found", { status: 404 });
  const actor = { actorId: user.id, origin: publicOrigin(request) };
  return runPipelineAction(db, actor, opening.id, await requireFormData(request));
}

export default function Board() {
  const { opening, columns, stages, perStatus } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const showMoreHref = (stageId: number, limit: number) => {
    const params = new URLSearchParams(location.search);
    params.set(`show_${stageId}`, String(limit + 50));
    return `?${params}`;
  };
  return (
    <div className="container">
      <header className="page-header section-header">
        <div>
          <p className="meta-line">
            <Link to="/recruit/openings">Openings</Link> / {opening.status}
          </p>
          <h1>{opening.title}</h1>
          <p className="meta-line">
            {plural(perStatus.active ?? 0, "active application")} · {perStatus.hired ?? 0} hired ·{" "}
            <Link to={`/recruit/candidates?opening=${opening.id}&status=rejected`}>
              {perStatus.rejected ?? 0} rejected
            </Link>{" "}
            · {perStatus.withdrawn ?? 0} withdrawn
          </p>
        </div>
        <p className="button-row">
          <Link to={`/recruit/openings/${opening.id}/edit`} className="button button--ghost">
            Edit opening
          </Link>
          <Link to={`/recruit/reports?opening=${opening.id}`} className="button button--ghost">
            Reports
          </Link>
        </p>
      </header>

      <ActionMessage data={actionData} />

      <Form
        method="post"
        id="bulk-form"
        className="bulk-bar"
        aria-label="Bulk actions for selected candidates"
      >
        <fieldset>
          <legend>Selected candidates</legend>
          <div>
            <label htmlFor="bulk-stage">Move selected to</label>
            <select id="bulk-stage" name="stageId">
              {stages.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" name="intent" value="bulk_move" className="button button--small">
            Move selected
          </button>
        </fieldset>
        <fieldset>
          <legend className="visually-hidden">Reject selected</legend>
          <div>
            <label htmlFor="bulk-reason">Rejection reason</label>
            <select id="bulk-reason" name="reason" defaultValue="">
              <option value="">Choose a reason</option>
              {REJECT_REASON_OPTIONS.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="bulk-message">Message to candidates (optional)</label>
            <input id="bulk-message" name="message" maxLength={2000} />
          </div>
          <button
            type="submit"
            name="intent"
            value="bulk_reject"
            className="button button--small button--danger"
          >
            Reject selected
          </button>
        </fieldset>
      </Form>

      <div className="board">
        {columns.map((col) => (
          <section key={col.id} className="board-column" aria-labelledby={`col-${col.id}`}>
            <h2 id={`col-${col.id}`}>
              {col.name} <span className="count-pill">{col.count}</span>
            </h2>
            {col.cards.length === 0 ? (
              <p className="muted small">No candidates in this stage.</p>
            ) : null}
            <ol>
              {col.cards.map((card) => (
                <li key={card.id} className="board-card">
                  <div className="board-card__top">
                    {card.status === "active" ? (
                      <input
                        type="checkbox"
                        name="items"
                        value={`${card.id}:${card.version}`}
                        form="bulk-form"
                        id={`select-${card.id}`}
                        aria-label={`Select ${card.name}`}
                      />
                    ) : null}
                    <div>
                      <h3>
                        <Link to={`/recruit/applications/${card.id}`}>{card.name}</Link>
                      </h3>
                      {card.headline ? <p className="meta-line">{card.headline}</p> : null}
                      <p className="meta-line small">
                        {plural(card.daysInStage, "day")} in stage
                        {card.rating !== null
                          ? ` · rating ${card.rating.toFixed(1)} / 4`
                          : " · not rated"}{" "}
                        {card.isNew ? <span className="flag-new">New</span> : null}
                        <LettersBadge count={card.letters} />
                        {card.status === "hired" ? (
                          <span className="status-badge status-badge--offer">Hired</span>
                        ) : null}
                      </p>
                    </div>
                  </div>
                  {card.status === "active" ? (
                    <div className="board-card__actions">
                      <MoveForm app={card} stages={stages} compact />
                      <RejectForm app={card} reasons={REJECT_REASON_OPTIONS} />
                      <HireForm app={card} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
            {col.count > col.cards.length ? (
              <p className="small">
                Showing {col.cards.length} of {col.count}.{" "}
                <Link to={showMoreHref(col.id, col.limit)} preventScrollReset>
                  Show more<span className="visually-hidden"> in {col.name}</span>
                </Link>
              </p>
            ) : null}
          </section>
        ))}
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
            <h1>Opening not found</h1>
          </div>
        ),
      }}
    />
  );
}
