/**
 * The pipeline board of one opening: a column per stage with its count and
 * one page of compact cards, each card's actions behind one disclosure, a
 * bulk bar for the selected cards, drag-and-drop with JavaScript — all of it
 * working as plain forms without. Access: recruiters and admins (checked in
 * the loader and in the action). Changes go through app/models/pipeline.server.ts.
 */
import { LettersBadge } from "~/components/letters/letters-badge";
import { letterCounts } from "~/models/reference.server";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BoardShortcuts } from "~/components/recruit/board/board-shortcuts";
import { BulkBar } from "~/components/recruit/board/bulk-bar";
import { PipelineBoard } from "~/components/recruit/board/pipeline-board";
import { RejectPanel } from "~/components/recruit/board/reject-panel";
import { HireConfirmPage, HireDialogProvider } from "~/components/recruit/hire-dialog";
import { ActionMessage } from "~/components/recruit/pipeline-forms";
import { REJECT_REASON_OPTIONS } from "~/lib/pipeline-options";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { daysBetween, invariantResponse, plural } from "~/utils/misc";
import { OPENING_STATUS_LABELS } from "~/lib/enums";
import { publicOrigin } from "~/utils/origin.server";
import { requireId } from "~/utils/route-params";
import { pageTitle } from "~/utils/site";
import { runPipelineAction } from "~/handlers/pipeline-action.server";
import {
  getAverageRatings,
  getCounts,
  getOpening,
  getRejectTarget,
  getStageCards,
  getStages,
  PAGE_SIZE,
  recordBoardVisit,
} from "~/models/opening-board.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Pipeline: ${data.opening.title}` : "Pipeline", "Recruiting") },
];

/** How many cards to show in a stage: `?show_<stageId>=40` after "Show more" (a multiple of the page, at most 1,000). */
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
  const rejectId = Number(url.searchParams.get("reject"));
  const rejecting =
    Number.isSafeInteger(rejectId) && rejectId > 0
      ? (getRejectTarget(db, opening.id, rejectId) ?? null)
      : null;
  const letters = letterCounts(
    db,
    columns.flatMap((c) => c.cards.map((card) => card.id)),
  );
  return {
    opening: { id: opening.id, title: opening.title, status: opening.status },
    perStatus: counts.perStatus,
    stages: stageRows.map((s) => ({ id: s.id, name: s.name, hired: s.kind === "hired" })),
    rejecting,
    columns: columns.map(({ stage, limit, cards }) => ({
      id: stage.id,
      name: stage.name,
      hired: stage.kind === "hired",
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
  const { opening, columns, stages, perStatus, rejecting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.confirmHire)
    return (
      <div className="container">
        <HireConfirmPage confirm={actionData.confirmHire} />
      </div>
    );
  const hiredStage = stages.find((s) => s.hired);
  return (
    <HireDialogProvider openingTitle={opening.title} hiredStageName={hiredStage?.name ?? "Hired"}>
      <div className="board-page">
        <header className="board-header">
          <div>
            <p className="meta-line">
              <Link to="/recruit/openings">Openings</Link>{" "}
              <span className={`status-badge status-badge--${opening.status}`}>
                {OPENING_STATUS_LABELS[opening.status]}
              </span>
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
            <BoardShortcuts />
            <Link to={`/recruit/openings/${opening.id}/edit`} className="button button--ghost">
              Edit opening
            </Link>
            <Link to={`/recruit/reports?opening=${opening.id}`} className="button button--ghost">
              Reports
            </Link>
          </p>
        </header>

        <ActionMessage data={actionData} />
        {rejecting ? <RejectPanel target={rejecting} reasons={REJECT_REASON_OPTIONS} /> : null}

        <PipelineBoard
          columns={columns}
          stages={stages}
          cardExtra={(card) => <LettersBadge count={card.letters} />}
        />
        <BulkBar stages={stages} reasons={REJECT_REASON_OPTIONS} />
      </div>
    </HireDialogProvider>
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
