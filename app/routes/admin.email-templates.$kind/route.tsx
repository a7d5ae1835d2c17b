/**
 * /admin/email-templates/:kind — one message's subject and Markdown body, as
 * an admin edits them: its merge fields listed with what they hold, a preview
 * with sample values (subject, text part, and the HTML part in a sandboxed
 * frame) that follows the typing with JavaScript and comes from the Preview
 * button without it, checks that refuse unknown fields and hand-written
 * links beside the field, and a reset to the shipped text. The layout is
 * code. Admins only; every save and reset is audited
 * (saveEmailTemplate in app/emails/templates.server.ts).
 */
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, TextareaField } from "~/components/forms";
import { DEFAULT_LOCALE, EMAIL_KINDS, isEmailKind, mergeFieldsOf } from "~/emails/registry";
import {
  listEmailTemplates,
  renderEmailPreview,
  sampleSubject,
  saveEmailTemplate,
  templateFor,
} from "~/emails/templates.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { invariantResponse } from "~/utils/misc";
import { pageTitle } from "~/utils/site";
import { formatStaffDate } from "~/utils/time";
import templateStyles from "~/styles/email-templates.css";
import { TemplateSchema } from "~/components/settings/email-template-schema";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: templateStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `“${data.title}”` : "Email template", "Email templates") },
];

/** Longer drafts than this are not put in the HTML frame's address (servers refuse long URLs). */
const MAX_PREVIEW_QUERY = 6000;

type Preview = { subject: string; text: string; htmlSrc: string | null };

function previewOf(kind: string, rendered: { subject: string; text: string }, draft?: Draft) {
  const base = `/admin/email-templates/${encodeURIComponent(kind)}/html`;
  const query = draft ? `?${new URLSearchParams(draft)}` : "";
  return {
    subject: rendered.subject,
    text: rendered.text,
    htmlSrc: query.length > MAX_PREVIEW_QUERY ? null : base + query,
  } satisfies Preview;
}

type Draft = { subject: string; body: string };

function kindOf(params: LoaderFunctionArgs["params"]) {
  const kind = params.kind ?? "";
  invariantResponse(isEmailKind(kind), "There is no such email.", { status: 404 });
  return kind;
}

export function loader({ request, params }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const kind = kindOf(params);
  const db = getDb();
  const spec = EMAIL_KINDS[kind];
  const current = templateFor(db, kind);
  const summary = listEmailTemplates(db).find((t) => t.kind === kind)!;
  const { email } = renderEmailPreview(db, { kind });
  return {
    kind,
    description: spec.description,
    title: sampleSubject(db, kind, spec.defaults.en.subject),
    values: { subject: current.subject, body: current.body },
    fields: Object.entries(mergeFieldsOf(kind)).map(([name, f]) => ({
      name,
      description: f.description,
      link: f.type === "url",
      optional: "optional" in f && Boolean(f.optional),
    })),
    edited: summary.edited
      ? { on: formatStaffDate(summary.edited.at), by: summary.edited.by }
      : null,
    preview: previewOf(kind, email),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const kind = kindOf(params);
  const submission = parseWithZod(await requireFormData(request), { schema: TemplateSchema });
  if (submission.status !== "success")
    return data({ reply: submission.reply(), preview: null }, { status: 400 });
  const db = getDb();
  const actor = { userId: user.id, ip: getClientIp(context) };
  const value = submission.value;
  if (value.intent === "reset") {
    saveEmailTemplate(db, actor, { kind, locale: DEFAULT_LOCALE, template: "reset" });
    return redirect(`/admin/email-templates/${encodeURIComponent(kind)}?reset=1`);
  }
  const draft = { subject: value.subject, body: value.body };
  if (value.intent === "preview") {
    const { email, problems } = renderEmailPreview(db, { kind, draft });
    return data(
      {
        reply: submission.reply({ fieldErrors: problems ?? {} }),
        preview: previewOf(kind, email, draft),
      },
      { status: problems ? 400 : 200 },
    );
  }
  const saved = saveEmailTemplate(db, actor, { kind, locale: DEFAULT_LOCALE, template: draft });
  if (!saved.ok)
    return data(
      { reply: submission.reply({ fieldErrors: saved.problems }), preview: null },
      { status: 400 },
    );
  return redirect(`/admin/email-templates/${encodeURIComponent(kind)}?saved=1`);
}

/** With JavaScript: the preview follows the typing, fetched without reloading the page. */
function useLivePreview(kind: string, initial: Preview) {
  const [preview, setPreview] = useState(initial);
  const timer = useRef<number | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => setPreview(initial), [initial]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  function refresh(form: HTMLFormElement) {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      const fields = new FormData(form);
      const draft = { subject: String(fields.get("subject")), body: String(fields.get("body")) };
      const query = new URLSearchParams(draft).toString();
      if (query.length > MAX_PREVIEW_QUERY) return;
      controller.current?.abort();
      controller.current = new AbortController();
      try {
        const response = await fetch(
          `/admin/email-templates/${encodeURIComponent(kind)}/preview?${query}`,
          { signal: controller.current.signal },
        );
        if (!response.ok) return;
        const rendered = (await response.json()) as { subject: string; text: string };
        setPreview(previewOf(kind, rendered, draft));
      } catch {
        // An aborted or failed preview keeps the last one; saving still works.
      }
    }, 300);
  }
  return { preview, refresh };
}

export default function EmailTemplateEditor() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: `template-${page.kind}`,
    lastResult: actionData?.reply,
    defaultValue: page.values,
    constraint: getZodConstraint(TemplateSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TemplateSchema }),
  });
  const { preview, refresh } = useLivePreview(page.kind, actionData?.preview ?? page.preview);
  return (
    <div className="container template-editor">
      <p className="small">
        <Link to="/admin/email-templates">All email templates</Link>
      </p>
      <header className="page-header">
        <h1>“{page.title}”</h1>
        <p className="lede">{page.description}</p>
        <p className="small">
          {page.edited
            ? `Edited ${page.edited.on}${page.edited.by ? ` by ${page.edited.by}` : ""}.`
            : "This message uses the shipped text."}
        </p>
      </header>
      {params.get("saved") ? (
        <p className="notice" role="status">
          Saved. The next message of this kind uses the new text.
        </p>
      ) : null}
      {params.get("reset") ? (
        <p className="notice" role="status">
          The shipped text is back.
        </p>
      ) : null}
      {actionData?.preview && actionData.reply.status === "success" ? (
        <p className="notice notice--info" role="status">
          Preview below; nothing is saved until you choose “Save template”.
        </p>
      ) : null}
      <div className="template-editor__grid">
        <Form
          method="post"
          {...getFormProps(form)}
          className="card stack"
          onInput={(event) => refresh(event.currentTarget)}
        >
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            label="Subject"
            errors={fields.subject.errors}
            inputProps={getInputProps(fields.subject, { type: "text" })}
          />
          <TextareaField
            label="Body (Markdown)"
            hint="**Bold**, *italic*, lists and paragraphs. Merge fields in double braces are filled in for each message; links come only from link fields."
            errors={fields.body.errors}
            textareaProps={{ ...getTextareaProps(fields.body), rows: 16 }}
          />
          <p className="button-row">
            <button type="submit" name="intent" value="save" className="button">
              Save template
            </button>
            <button type="submit" name="intent" value="preview" className="button button--ghost">
              Preview
            </button>
          </p>
        </Form>
        <aside className="card stack" aria-labelledby="fields-heading">
          <h2 id="fields-heading">Merge fields</h2>
          <dl className="merge-fields">
            {page.fields.map((f) => (
              <div key={f.name}>
                <dt>
                  <code>{`{{${f.name}}}`}</code>
                </dt>
                <dd>
                  {f.description}
                  {f.link ? " (a link)" : ""}
                  {f.optional ? " — may be empty: its paragraph is then left out" : ""}
                </dd>
              </div>
            ))}
          </dl>
        </aside>
      </div>
      <section className="card stack" aria-labelledby="preview-heading" aria-live="polite">
        <h2 id="preview-heading">Preview with sample values</h2>
        <p>
          <span className="template-preview__label">Subject</span> {preview.subject}
        </p>
        <h3>Plain text</h3>
        <pre className="template-preview__text">{preview.text}</pre>
        <h3>HTML</h3>
        {preview.htmlSrc ? (
          <iframe
            className="template-preview__frame"
            src={preview.htmlSrc}
            title="HTML part of the preview"
            sandbox=""
            referrerPolicy="no-referrer"
          />
        ) : (
          <p className="hint">
            This draft is too long to show its HTML before it is saved; the plain text above is
            exact.
          </p>
        )}
      </section>
      {page.edited ? (
        <Form method="post" className="card stack template-reset">
          <h2>Go back to the shipped text</h2>
          <p>Your edits to this message are removed; the change is recorded in the audit log.</p>
          <p>
            <button type="submit" name="intent" value="reset" className="button button--danger">
              Reset to the shipped text
            </button>
          </p>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
