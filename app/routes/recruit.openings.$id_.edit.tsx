/**
 * Edit an opening and move it through its lifecycle:
 * draft → open (publish) → closed (optionally notifying every active
 * applicant) → open again (reopen). Validation: opening-admin.server.ts.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TextareaField } from "~/components/forms";
import { OpeningForm } from "~/components/recruit/opening-form";
import {
  getFormChoices,
  LifecycleSchema,
  openingValues,
  openOpening,
  parseOpeningForm,
  previewOf,
  saveOpening,
  type OpeningActionData,
} from "~/models/opening-admin.server";
import { closeOpening, idParam } from "~/models/pipeline.server";
import { DEFAULT_CLOSING_MESSAGE } from "~/emails/pipeline";
import { publicOrigin } from "~/utils/origin.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { deliverOutbox } from "~/utils/mailer.server";
import { invariantResponse } from "~/utils/misc";
import { formatDate, pageTitle } from "~/utils/site";
import { getOpening } from "./recruit.openings.$id/queries.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.opening.title}` : "Edit opening", "Recruiting") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  const db = getDb();
  const opening = getOpening(db, idParam(params.id));
  invariantResponse(opening, "Opening not found", { status: 404 });
  return {
    opening: {
      id: opening.id,
      title: opening.title,
      slug: opening.slug,
      status: opening.status,
      publishedAt: opening.publishedAt,
      closedAt: opening.closedAt,
      closesAt: opening.closesAt,
    },
    values: openingValues(db, opening.id)!,
    pastClosing: opening.closesAt !== null && opening.closesAt < Date.now(),
    ...getFormChoices(db),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireRole(request, "recruiter");
  const db = getDb();
  const opening = getOpening(db, idParam(params.id));
  invariantResponse(opening, "Opening not found", { status: 404 });
  const formData = await requireFormData(request);
  const intent = formData.get("intent");

  if (intent === "publish" || intent === "reopen" || intent === "close") {
    const submission = parseWithZod(formData, { schema: LifecycleSchema });
    if (submission.status !== "success")
      return data({ lifecycleError: "Please check the closing options." }, { status: 400 });
    const v = submission.value;
    if (v.intent === "close") {
      const n = closeOpening(
        { db, actorId: user.id, origin: publicOrigin(request) },
        { openingId: opening.id, notify: v.notify, message: v.message },
      );
      await deliverOutbox();
      return redirect(`/recruit/openings/${opening.id}/edit?closed=${n}`);
    }
    openOpening(db, opening.id);
    return redirect(`/recruit/openings/${opening.id}/edit?published=1`);
  }

  const result = parseOpeningForm(db, formData, opening.id);
  if (result.intent === "preview") {
    return data<OpeningActionData>({
      values: result.values,
      errors: result.ok ? {} : result.errors,
      preview: previewOf(result.values),
    });
  }
  if (!result.ok)
    return data<OpeningActionData>(
      { values: result.values, errors: result.errors, preview: null },
      { status: 400 },
    );
  saveOpening(db, opening.id, result.value);
  return redirect(`/recruit/openings/${opening.id}/edit?saved=1`);
}

type ActionData = Partial<OpeningActionData> & { lifecycleError?: string };

export default function EditOpening() {
  const { opening, values, labs, areas, pastClosing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  return (
    <div className="container narrow">
      <header className="page-header">
        <p className="meta-line">
          <Link to="/recruit/openings">Openings</Link> /{" "}
          <Link to={`/recruit/openings/${opening.id}`}>Pipeline</Link>
        </p>
        <h1>Edit {opening.title}</h1>
        <p className="meta-line">
          Status:{" "}
          <strong>
            {opening.status === "open" && pastClosing ? "Closed for applications" : opening.status}
          </strong>
          {opening.publishedAt ? ` · published ${formatDate(opening.publishedAt)}` : ""}
          {opening.closedAt && opening.status === "closed"
            ? ` · closed ${formatDate(opening.closedAt)}`
            : ""}
          {opening.status === "open" ? (
            <>
              {" · "}
              <Link to={`/careers/${opening.slug}`}>View on the careers site</Link>
            </>
          ) : null}
        </p>
      </header>
      {params.get("created") ? (
        <p className="notice" role="status">
          Opening created as a draft.
        </p>
      ) : null}
      {params.get("saved") ? (
        <p className="notice" role="status">
          Changes saved.
        </p>
      ) : null}
      {params.get("published") ? (
        <p className="notice" role="status">
          The opening is open and listed on the careers site.
        </p>
      ) : null}
      {params.get("closed") ? (
        <p className="notice" role="status">
          The opening is closed.{" "}
          {params.get("closed") !== "0"
            ? `${params.get("closed")} active applicants were notified.`
            : ""}
        </p>
      ) : null}
      {actionData?.lifecycleError ? (
        <p className="form-error" role="alert">
          {actionData.lifecycleError}
        </p>
      ) : null}

      <section aria-labelledby="lifecycle" className="form-section">
        <h2 id="lifecycle">Publishing</h2>
        {opening.status === "draft" ? (
          <Form method="post">
            <p>This opening is a draft: only staff can see it.</p>
            <button type="submit" name="intent" value="publish" className="button">
              Publish opening
            </button>
          </Form>
        ) : opening.status === "open" ? (
          <Form method="post">
            <p>Closing removes it from the careers site and stops new applications.</p>
            <div className="checkbox-row">
              <input type="checkbox" id="notify" name="notify" defaultChecked />
              <label htmlFor="notify">
                Notify every active applicant (their applications end with a decision)
              </label>
            </div>
            <TextareaField
              label="Closing message to applicants"
              hint="Leave empty to send the standard message."
              textareaProps={{
                name: "message",
                rows: 3,
                placeholder: DEFAULT_CLOSING_MESSAGE,
                maxLength: 2000,
              }}
            />
            <button type="submit" name="intent" value="close" className="button button--danger">
              Close opening
            </button>
          </Form>
        ) : (
          <Form method="post">
            <p>This opening is closed.</p>
            <button type="submit" name="intent" value="reopen" className="button">
              Reopen opening
            </button>
          </Form>
        )}
        {pastClosing ? (
          <p className="notice notice--warning">
            The closing date has passed, so it no longer takes applications.
          </p>
        ) : null}
      </section>

      <OpeningForm
        key={JSON.stringify(actionData?.values ?? values)}
        values={actionData?.values ?? values}
        errors={actionData?.errors}
        preview={actionData?.preview}
        labs={labs}
        areas={areas}
        submitLabel="Save changes"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
