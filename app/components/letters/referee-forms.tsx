/**
 * The candidate's referee forms (on /applications/:id/referees): name a
 * referee, remind one (a button), replace one who has not answered. Each is
 * a plain POST form with an `intent`, so everything works without JavaScript.
 */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms";
import { RefereeFormSchema } from "./referee-schema";

type LastResult = SubmissionResult<string[]> | undefined;

export function RefereeFieldsForm({
  formId,
  intent,
  refereeId,
  submitLabel,
  lastResult,
}: {
  formId: string;
  intent: "add" | "replace";
  refereeId?: number;
  submitLabel: string;
  lastResult: LastResult;
}) {
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    constraint: getZodConstraint(RefereeFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RefereeFormSchema }),
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      {refereeId ? <input type="hidden" name="refereeId" value={refereeId} /> : null}
      <Field
        label="Referee's name"
        errors={fields.name.errors}
        inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "off" }}
      />
      <Field
        label="Referee's email address"
        hint="We email them a link to upload their letter."
        errors={fields.email.errors}
        inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "off" }}
      />
      <Field
        label="How you know them"
        hint="For example: PhD supervisor, postdoc host, co-author."
        errors={fields.relationship.errors}
        inputProps={getInputProps(fields.relationship, { type: "text" })}
      />
      <div>
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

export function RemindForm({ refereeId, name }: { refereeId: number; name: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="remind" />
      <input type="hidden" name="refereeId" value={refereeId} />
      <button type="submit" className="button button--small button--secondary">
        Send {name} a reminder
      </button>
    </Form>
  );
}
