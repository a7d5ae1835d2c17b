/**
 * /admin/settings/sign-in — how staff sign in: "Require single sign-on for
 * staff" (password sign-in then refused for recruiters and admins) and the
 * one break-glass admin who may still sign in with a password and an
 * authenticator. Admins only; audited (app/models/sign-in-settings.server.ts).
 * Requiring single sign-on needs it configured (OIDC_* variables).
 */
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { outsideSignIns } from "~/auth/oidc.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormErrors, SelectField } from "~/components/forms";
import {
  breakGlassCandidates,
  getSignInSettings,
  saveSignInSettings,
} from "~/models/sign-in-settings.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import settingsStyles from "~/styles/settings.css";
import { SettingsNav } from "~/components/settings-nav";

export const links = () => [{ rel: "stylesheet", href: settingsStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Staff sign-in", "Admin") }];

const SignInSettingsSchema = z.object({
  requireStaffSso: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
  breakGlassUserId: z.coerce
    .number({ message: "Choose an admin from the list." })
    .int()
    .positive()
    .optional()
    .transform((v) => v ?? null),
});

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const db = getDb();
  return {
    settings: getSignInSettings(db),
    admins: breakGlassCandidates(db),
    sso: outsideSignIns().sso,
    saved: new URL(request.url).searchParams.get("saved") === "1",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  const submission = parseWithZod(await requireFormData(request), {
    schema: SignInSettingsSchema,
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (submission.value.requireStaffSso && !outsideSignIns().sso)
    return data(
      submission.reply({
        formErrors: [
          "Single sign-on is not set up (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET): it cannot be required.",
        ],
      }),
      { status: 400 },
    );
  const saved = saveSignInSettings(getDb(), submission.value, {
    userId: admin.id,
    ip: getClientIp(context),
  });
  if (!saved.ok)
    return data(submission.reply({ fieldErrors: { [saved.field]: [saved.message] } }), {
      status: 400,
    });
  return redirect("/admin/settings/sign-in?saved=1");
}

export default function SignInSettingsPage() {
  const { settings, admins, sso, saved } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "sign-in-settings",
    lastResult,
    constraint: getZodConstraint(SignInSettingsSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSettingsSchema }),
  });
  return (
    <div className="container narrow stack">
      <header className="page-header">
        <h1>Staff sign-in</h1>
        <p className="lede">
          {sso
            ? `Staff can sign in with ${sso} (single sign-on).`
            : "Single sign-on is not set up: staff sign in with a password and an authenticator."}
        </p>
      </header>
      <SettingsNav />
      {saved ? (
        <p className="notice notice--info" role="status">
          Saved.
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field">
          <div className="checkbox-row">
            <input
              {...getInputProps(fields.requireStaffSso, { type: "checkbox" })}
              id="requireStaffSso"
              defaultChecked={settings.requireStaffSso}
            />
            <label htmlFor="requireStaffSso">
              Require single sign-on for staff: recruiters and admins cannot sign in with a password
              (candidates still can).
            </label>
          </div>
          <ErrorList errors={fields.requireStaffSso.errors} />
        </div>
        <SelectField
          label="Break-glass admin"
          hint="The one admin who may still sign in with a password and an authenticator code, for when the identity provider is down. Every such sign-in is in the audit log. Only admins with an authenticator are listed."
          errors={fields.breakGlassUserId.errors}
          selectProps={{
            ...getSelectProps(fields.breakGlassUserId),
            defaultValue: settings.breakGlassUserId ?? "",
          }}
        >
          <option value="">None</option>
          {admins.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email})
            </option>
          ))}
        </SelectField>
        <div className="button-row">
          <button type="submit" className="button">
            Save
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
