/** The pieces every form of /account shares: its own Conform state, the current-password field, the form frame. */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, FormErrors } from "~/components/forms";
import { intentSchemas } from "./schema";

const CLIENT = intentSchemas();
export type Intent = keyof typeof CLIENT;

/** One form of the page: its own Conform state, given the action's answer only when it was for this form. */
export function useIntentForm(intent: Intent, lastResult: SubmissionResult<string[]> | undefined) {
  const schema = CLIENT[intent];
  const mine = lastResult?.initialValue?.intent === intent ? lastResult : undefined;
  return useForm({
    id: `account-${intent}`,
    lastResult: mine,
    constraint: getZodConstraint(schema),
    // Not onBlur: an error appearing as the field loses focus moves the submit button
    // away from a click already under way (mouse down blurs, mouse up misses).
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

export function CurrentPasswordField({
  field,
}: {
  field: ReturnType<typeof useIntentForm>[1]["currentPassword"];
}) {
  return (
    <Field
      label="Current password"
      errors={field.errors}
      inputProps={{
        ...getInputProps(field, { type: "password" }),
        autoComplete: "current-password",
      }}
    />
  );
}

export function IntentForm({
  intent,
  form,
  className,
  children,
}: {
  intent: Intent;
  form: ReturnType<typeof useIntentForm>[0];
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" className={className} {...getFormProps(form)} noValidate>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      {children}
    </Form>
  );
}
