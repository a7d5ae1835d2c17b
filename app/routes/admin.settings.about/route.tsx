/**
 * /admin/settings/about — the about page's words: the research lens and the
 * values (Markdown), a quote and who said it. Each Markdown block has a
 * preview rendered by the same safe Markdown module as the page: without
 * JavaScript the Preview button renders it (storing nothing); with it the
 * preview follows the typing (POST /admin/settings/about/preview). Admins
 * only; saving is audited and reaches /about at once.
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
import { SettingsNav } from "~/components/settings-nav";
import { getSettings, saveSettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { pageTitle } from "~/utils/site";
import settingsStyles from "~/styles/settings.css";
import { AboutSchema } from "~/components/settings/about-schema";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: settingsStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("About page", "Settings", "Admin") }];

type Previews = { aboutLens: string; aboutValues: string };

function previewsOf(texts: { aboutLens: string; aboutValues: string }): Previews {
  return {
    aboutLens: renderMarkdown(texts.aboutLens),
    aboutValues: renderMarkdown(texts.aboutValues),
  };
}

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const s = getSettings(getDb());
  const values = {
    aboutLens: s.aboutLens,
    aboutValues: s.aboutValues,
    aboutQuote: s.aboutQuote,
    aboutQuoteBy: s.aboutQuoteBy,
  };
  return { values, previews: previewsOf(values) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const submission = parseWithZod(await requireFormData(request), { schema: AboutSchema });
  if (submission.status !== "success")
    return data({ reply: submission.reply(), previews: null }, { status: 400 });
  const { intent, ...texts } = submission.value;
  if (intent === "preview") return { reply: submission.reply(), previews: previewsOf(texts) };
  saveSettings(getDb(), { userId: user.id, ip: getClientIp(context) }, texts);
  return redirect("/admin/settings/about?saved=1");
}

/** Live previews while typing (JavaScript only), fetched without reloading the page's data. */
function useLivePreviews(initial: Previews) {
  const [previews, setPreviews] = useState(initial);
  const timer = useRef<number | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => setPreviews(initial), [initial]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  function refresh(form: HTMLFormElement) {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      controller.current?.abort();
      controller.current = new AbortController();
      const body = new FormData(form);
      try {
        const response = await fetch("/admin/settings/about/preview", {
          method: "POST",
          body,
          signal: controller.current.signal,
        });
        if (response.ok) setPreviews((await response.json()) as Previews);
      } catch {
        // An aborted or failed preview keeps the last one; saving still works.
      }
    }, 250);
  }
  return { previews, refresh };
}

function Preview({ html, label }: { html: string; label: string }) {
  return (
    <div className="markdown-preview" aria-live="polite">
      <p className="markdown-preview__label">{label}</p>
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}

export default function AboutEditor() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "about-texts",
    lastResult: actionData?.reply,
    defaultValue: page.values,
    constraint: getZodConstraint(AboutSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AboutSchema }),
  });
  const { previews, refresh } = useLivePreviews(actionData?.previews ?? page.previews);
  const shownPreview = actionData?.previews && actionData.reply.status === "success";
  return (
    <div className="container settings">
      <header className="page-header">
        <h1>Settings</h1>
        <p className="lede">
          The words of your <Link to="/about">about page</Link>. The research directions and the
          numbers come from the directory.
        </p>
      </header>
      <SettingsNav />
      {params.get("saved") ? (
        <p className="notice" role="status">
          About page saved. Visitors see it on their next page.
        </p>
      ) : null}
      {shownPreview ? (
        <p className="notice notice--info" role="status">
          Preview below; nothing is saved until you choose “Save about page”.
        </p>
      ) : null}
      <Form
        method="post"
        {...getFormProps(form)}
        className="card settings-card about-editor"
        onInput={(event) => refresh(event.currentTarget)}
      >
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="markdown-block">
          <TextareaField
            label="Research lens (Markdown)"
            hint="What the organisation studies and how it looks at it. **Bold**, *italic*, lists and links."
            errors={fields.aboutLens.errors}
            textareaProps={{ ...getTextareaProps(fields.aboutLens), rows: 10 }}
          />
          <Preview html={previews.aboutLens} label="Preview: research lens" />
        </div>
        <div className="markdown-block">
          <TextareaField
            label="Values (Markdown)"
            hint="A list works well: “- **Rigour.** What it means here.”"
            errors={fields.aboutValues.errors}
            textareaProps={{ ...getTextareaProps(fields.aboutValues), rows: 10 }}
          />
          <Preview html={previews.aboutValues} label="Preview: values" />
        </div>
        <div className="settings-grid">
          <TextareaField
            label="Quote"
            hint="Shown large, in quotation marks; leave blank for none."
            errors={fields.aboutQuote.errors}
            textareaProps={{ ...getTextareaProps(fields.aboutQuote), rows: 3 }}
          />
          <Field
            label="Quote by"
            hint="Who said or wrote it."
            errors={fields.aboutQuoteBy.errors}
            inputProps={getInputProps(fields.aboutQuoteBy, { type: "text" })}
          />
        </div>
        <p className="button-row">
          <button type="submit" name="intent" value="save" className="button">
            Save about page
          </button>
          <button type="submit" name="intent" value="preview" className="button button--ghost">
            Preview
          </button>
        </p>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
