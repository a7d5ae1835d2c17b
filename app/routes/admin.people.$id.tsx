/**
 * Edit a researcher: profile fields, publications (add/remove), photo and
 * retirement (status alumni). Admins only, in the loader and the action.
 * The photo form is multipart (checked in app/utils/uploads.server.ts).
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import {
  ResearcherForm,
  ResearcherSchema,
  type ResearcherFormValues,
} from "~/components/recruit/researcher-form";
import { AddPublicationForm, PublicationSchema } from "~/components/recruit/publication-form";
import { requireId } from "~/utils/route-params";
import {
  checkResearcherRefs,
  directoryChoices,
  addPublication,
  findResearcher,
  getResearcherForEdit,
  removePublication,
  retireResearcher,
  saveResearcher,
  storePhoto,
} from "~/models/researcher-admin.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { parsePhotoUpload } from "~/utils/uploads.server";
import { invariantResponse } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import { getResearcherAccount, inviteResearcher } from "~/models/researcher-account.server";
import { deliverOutbox } from "~/emails/mailer.server";
import { publicOrigin } from "~/utils/origin.server";
import { AccountSection } from "~/components/recruit/researcher-account";
import { PhotoSection } from "~/components/recruit/researcher-photo";
import recruitStyles from "~/styles/recruit.css";

export const links = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Edit ${data.researcher.name}` : "Edit researcher", "Admin") },
];

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const db = getDb();
  const found = getResearcherForEdit(db, requireId(params.id));
  invariantResponse(found, "Researcher not found", { status: 404 });
  const { researcher: r, areaIds, pubs } = found;
  const account = getResearcherAccount(db, r.id);
  const values: ResearcherFormValues = {
    name: r.name,
    title: r.title,
    labId: String(r.labId),
    areaIds: areaIds.map(String),
    bio: r.bio,
    homepageUrl: r.homepageUrl ?? "",
    orcid: r.orcid ?? "",
    scholarUrl: r.scholarUrl ?? "",
    githubUrl: r.githubUrl ?? "",
    status: r.status,
    featured: r.featured,
    staffEmail: account?.email ?? "",
  };
  return {
    researcher: {
      id: r.id,
      slug: r.slug,
      name: r.name,
      status: r.status,
      hasPhoto: r.photoFileId !== null,
    },
    values,
    pubs,
    account: account && {
      email: account.email,
      state: account.state,
      invitedAt: account.invitedAt,
      inviteExpiresAt: account.inviteExpiresAt,
      linkedAt: account.linkedAt,
      user: account.user && {
        name: account.user.name,
        email: account.user.email,
        role: account.user.role,
      },
    },
    ...directoryChoices(db),
  };
}

const RemovePublicationSchema = z.object({
  intent: z.literal("remove_publication"),
  publicationId: z.number().int().positive(),
});

/** The answer for a refused photo: the upload is not a Conform form, so the reply is built here. */
function photoReply(error: string): SubmissionResult<string[]> {
  return { status: "error", initialValue: { intent: "photo" }, error: { photo: [error] } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const db = getDb();
  const r = findResearcher(db, requireId(params.id));
  invariantResponse(r, "Researcher not found", { status: 404 });
  const back = `/admin/people/${r.id}`;
  const actor = { userId: user.id, ip: getClientIp(context) };

  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const upload = await parsePhotoUpload(request);
    if (!upload.ok) return data(photoReply(upload.error), { status: upload.status });
    await storePhoto(db, r.id, actor, upload);
    return redirect(`${back}?photo=1`);
  }

  const formData = await requireFormData(request);
  const intent = formData.get("intent");
  if (intent === "invite") {
    const outcome = inviteResearcher(
      db,
      r.id,
      { ...actor, name: user.name },
      publicOrigin(request),
    );
    if (!outcome.ok)
      return data(
        {
          status: "error",
          initialValue: { intent: "invite" },
          error: { "": [INVITE_REFUSED[outcome.reason]] },
        } satisfies SubmissionResult<string[]>,
        { status: 400 },
      );
    void deliverOutbox(db);
    return redirect(`${back}?invited=1#account-h`);
  }
  if (intent === "retire") {
    retireResearcher(db, r.id, actor);
    return redirect(`${back}?retired=1`);
  }
  if (intent === "remove_publication") {
    const s = parseWithZod(formData, { schema: RemovePublicationSchema });
    if (s.status !== "success")
      return data(s.reply({ formErrors: ["Unknown publication"] }), { status: 400 });
    removePublication(db, r.id, s.value.publicationId, actor);
    return redirect(`${back}?saved=1`);
  }
  if (intent === "add_publication") {
    const s = parseWithZod(formData, { schema: PublicationSchema });
    if (s.status !== "success") return data(s.reply(), { status: 400 });
    const { pubTitle: title, venue, year, pubUrl: url } = s.value;
    addPublication(db, r.id, { title, venue, year, url }, actor);
    return redirect(`${back}?saved=1`);
  }
  const s = parseWithZod(formData, { schema: ResearcherSchema });
  if (s.status !== "success") return data(s.reply(), { status: 400 });
  const errors = checkResearcherRefs(db, s.value, r.id);
  if (Object.keys(errors).length) return data(s.reply({ fieldErrors: errors }), { status: 400 });
  saveResearcher(db, r.id, s.value, actor);
  return redirect(`${back}?saved=1`);
}

type Intent = "save" | "add_publication" | "remove_publication" | "photo" | "invite";

const INVITE_REFUSED = {
  no_email: "Add a staff email to the profile first.",
  linked: "This profile is already linked to an account.",
  missing: "Researcher not found.",
} as const;

/** The action's answer when it belongs to the form posting `intent`. */
function replyFor(lastResult: SubmissionResult<string[]> | undefined, intent: Intent) {
  return lastResult?.initialValue?.intent === intent ? lastResult : undefined;
}

export default function EditResearcher() {
  const { researcher, values, pubs, labs, areas, account } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const photoErrors = replyFor(lastResult, "photo")?.error?.photo;
  const removeErrors = replyFor(lastResult, "remove_publication")?.error?.[""];
  const inviteErrors = replyFor(lastResult, "invite")?.error?.[""];
  return (
    <div className="container narrow">
      <header className="page-header">
        <p className="meta-line">
          <Link to="/admin/people">People</Link> ·{" "}
          <Link to={`/people/${researcher.slug}`}>Public profile</Link>
        </p>
        <h1>Edit {researcher.name}</h1>
        <p className="meta-line">Status: {researcher.status}</p>
      </header>
      {params.get("created") ||
      params.get("saved") ||
      params.get("photo") ||
      params.get("invited") ||
      params.get("retired") ? (
        <p className="notice" role="status">
          {params.get("retired")
            ? "Moved to alumni."
            : params.get("photo")
              ? "Photo updated."
              : params.get("invited")
                ? "Invitation sent."
                : "Saved."}
        </p>
      ) : null}
      <section aria-labelledby="profile-h" className="form-section">
        <h2 id="profile-h">Profile</h2>
        <ResearcherForm
          key={JSON.stringify(values)}
          values={values}
          lastResult={replyFor(lastResult, "save")}
          labs={labs}
          areas={areas}
          submitLabel="Save profile"
        />
      </section>

      <AccountSection account={account} errors={inviteErrors} />

      <PhotoSection slug={researcher.slug} hasPhoto={researcher.hasPhoto} errors={photoErrors} />

      <section aria-labelledby="pubs-h" className="form-section">
        <h2 id="pubs-h">Publications</h2>
        <FormErrors errors={removeErrors} />
        <ul className="plain-list stack">
          {pubs.map((p) => (
            <li key={p.id}>
              {p.title} —{" "}
              <span className="muted">
                {p.venue}, {p.year}
              </span>{" "}
              <Form method="post" className="inline-form">
                <input type="hidden" name="publicationId" value={p.id} />
                <button
                  type="submit"
                  name="intent"
                  value="remove_publication"
                  className="button button--ghost button--small"
                >
                  Remove<span className="visually-hidden"> {p.title}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <AddPublicationForm lastResult={replyFor(lastResult, "add_publication")} />
        <p>
          <Link to={`/admin/people/${researcher.id}/publications`}>
            Import publications from BibTeX or ORCID
          </Link>
        </p>
      </section>

      {researcher.status === "current" ? (
        <section aria-labelledby="retire-h" className="form-section">
          <h2 id="retire-h">Retire</h2>
          <p>Retiring moves this person to the alumni list; their profile stays online.</p>
          <Form method="post">
            <button type="submit" name="intent" value="retire" className="button button--danger">
              Move to alumni
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
