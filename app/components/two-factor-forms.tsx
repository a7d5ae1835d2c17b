/**
 * The forms of two-factor authentication (/login/two-factor and
 * /account/two-factor) and their schemas: Conform validates with the same
 * schema in the browser and in the action.
 */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { Field, FormErrors } from "~/components/forms";
import { safeRedirect } from "~/utils/redirect";
import { passwordField, textField } from "~/utils/form-fields";

/** An authentication code (6 digits) or, where allowed, a recovery code (xxxxx-xxxxx). */
const CodeField = textField("Enter the code from your authenticator app.", { max: 20 });
/** Where to go afterwards: a same-origin path, "/" when missing or foreign. */
const RedirectTo = z
  .string()
  .optional()
  .transform((v) => safeRedirect(v));

export const SignInCodeSchema = z.object({ code: CodeField, redirectTo: RedirectTo });

// Changing two-factor settings asks for the password again (ASVS 7.5.1), with a code.
export const EnableSchema = z.object({
  intent: z.literal("enable"),
  password: passwordField(),
  code: CodeField,
  redirectTo: RedirectTo,
});
export const RegenerateSchema = z.object({
  intent: z.literal("regenerate"),
  password: passwordField(),
  code: CodeField,
});
const DisableSchema = z.object({
  intent: z.literal("disable"),
  password: passwordField(),
  code: CodeField,
});
export const TwoFactorIntentSchema = z.discriminatedUnion("intent", [
  EnableSchema,
  RegenerateSchema,
  DisableSchema,
]);

type Schema = typeof SignInCodeSchema | typeof EnableSchema | typeof RegenerateSchema;

/**
 * A form with an "Authentication code" field (plus hidden fields), validated
 * by `schema`; schemas with a `password` field show "Password" first.
 */
export function CodeForm({
  id,
  schema,
  lastResult,
  hint,
  hidden,
  submitLabel,
  children,
}: {
  id: string;
  schema: Schema;
  lastResult?: SubmissionResult<string[]>;
  hint: ReactNode;
  hidden: Record<string, string>;
  submitLabel: string;
  children?: ReactNode;
}) {
  const asksPassword = "password" in schema.shape;
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {asksPassword ? (
        <Field
          label="Password"
          hint="Your account's password, to confirm it is you."
          errors={fields.password.errors}
          inputProps={{
            ...getInputProps(fields.password, { type: "password" }),
            id: `${id}-password`,
            autoComplete: "current-password",
          }}
        />
      ) : null}
      <Field
        label="Authentication code"
        hint={hint}
        errors={fields.code.errors}
        inputProps={{
          ...getInputProps(fields.code, { type: "text" }),
          id: `${id}-code`,
          autoComplete: "one-time-code",
          spellCheck: false,
        }}
      />
      {children}
      <div className="button-row">
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

/** Turning two-factor authentication off: the password and a current code. */
export function DisableForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "disable-form",
    lastResult,
    constraint: getZodConstraint(DisableSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DisableSchema }),
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="disable" />
      <Field
        label="Password"
        errors={fields.password.errors}
        inputProps={{
          ...getInputProps(fields.password, { type: "password" }),
          id: "disable-password",
          autoComplete: "current-password",
        }}
      />
      <Field
        label="Authentication code"
        hint="The 6-digit code from your authenticator app, or one of your recovery codes."
        errors={fields.code.errors}
        inputProps={{
          ...getInputProps(fields.code, { type: "text" }),
          id: "disable-code",
          autoComplete: "one-time-code",
          spellCheck: false,
        }}
      />
      <div className="button-row">
        <button type="submit" className="button button--danger">
          Turn off two-factor authentication
        </button>
      </div>
    </Form>
  );
}
