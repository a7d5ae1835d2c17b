/**
 * The admin form of an event (/admin/events/new and /admin/events/:id) and its
 * schema. Conform validates with the same schema in the browser and in the
 * action; database rules (lab, areas and speakers exist, the end follows the
 * start) come back from saveEvent as field errors.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { EVENT_KINDS } from "~/lib/enums";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { EVENT_KIND_LABELS } from "~/lib/event-labels";
import { optionalTextField, textField } from "~/utils/form-fields";
import { isTimeZone } from "~/utils/time";

const localDateTime = (msg: string) =>
  z.string({ message: msg }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, msg);

const httpUrl = z
  .string()
  .trim()
  .max(500, "Keep the link under 500 characters")
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "Enter a full http(s) link, like https://example.org/…")
  .optional();

export const EventSchema = z.object({
  title: textField("Enter a title of at least 3 characters", { min: 3, max: 200 }),
  kind: z.enum(EVENT_KINDS, { message: "Choose a kind of event" }),
  startsAt: localDateTime("Enter the start as a date and time"),
  endsAt: localDateTime("Enter the end as a date and time"),
  timeZone: z
    .string({ message: "Choose a time zone" })
    .refine(isTimeZone, "Choose a time zone from the list"),
  labId: z.number({ message: "Choose a lab" }).int().positive().optional(),
  venueName: optionalTextField({ max: 200 }),
  venueAddress: optionalTextField({ max: 300 }),
  onlineUrl: httpUrl,
  abstract: optionalTextField({ max: 20_000, multiline: true }),
  recordingUrl: httpUrl,
  slidesUrl: httpUrl,
  areaIds: z.array(z.number().int().positive()).max(10).default([]),
  speakers: optionalTextField({ max: 3000, multiline: true }),
});

const NOT_SAVED = "Please correct the fields marked below. Nothing was saved.";

export type EventFormValues = {
  title: string;
  kind: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  labId: string;
  venueName: string;
  venueAddress: string;
  onlineUrl: string;
  abstract: string;
  recordingUrl: string;
  slidesUrl: string;
  areaIds: string[];
  speakers: string;
};

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export function EventForm({
  defaultValue,
  lastResult,
  labs,
  areas,
  timeZones,
  submitLabel,
}: {
  defaultValue?: Partial<EventFormValues>;
  lastResult?: SubmissionResult<string[]>;
  labs: Array<{ id: number; name: string }>;
  areas: Array<{ id: number; name: string }>;
  timeZones: string[];
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id: "event-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(EventSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventSchema }),
  });
  const chosenAreas = asList(fields.areaIds.initialValue).map(String);
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
      <fieldset className="form-section">
        <legend>The event</legend>
        <Field
          label="Title"
          errors={fields.title.errors}
          inputProps={getInputProps(fields.title, { type: "text" })}
        />
        <SelectField
          label="Kind"
          errors={fields.kind.errors}
          selectProps={getSelectProps(fields.kind)}
        >
          {EVENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {EVENT_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <Field
          label="Starts (local time where it happens)"
          errors={fields.startsAt.errors}
          inputProps={getInputProps(fields.startsAt, { type: "datetime-local" })}
        />
        <Field
          label="Ends (local time where it happens)"
          errors={fields.endsAt.errors}
          inputProps={getInputProps(fields.endsAt, { type: "datetime-local" })}
        />
        <SelectField
          label="Time zone"
          hint="The zone of the place it happens in; visitors also see their own time."
          errors={fields.timeZone.errors}
          selectProps={getSelectProps(fields.timeZone)}
        >
          <option value="">Choose a time zone</option>
          {timeZones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
        <fieldset className="field">
          <legend>Research areas</legend>
          {areas.map((a) => (
            <div key={a.id} className="checkbox-row">
              <input
                type="checkbox"
                id={`event-area-${a.id}`}
                name={fields.areaIds.name}
                value={a.id}
                defaultChecked={chosenAreas.includes(String(a.id))}
              />
              <label htmlFor={`event-area-${a.id}`}>{a.name}</label>
            </div>
          ))}
        </fieldset>
      </fieldset>
      <fieldset className="form-section">
        <legend>Where (a lab, another venue, online, or a venue with a stream)</legend>
        <SelectField
          label="Lab"
          errors={fields.labId.errors}
          selectProps={getSelectProps(fields.labId)}
        >
          <option value="">Not at one of our labs</option>
          {labs.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </SelectField>
        <Field
          label="Other venue (optional)"
          errors={fields.venueName.errors}
          inputProps={getInputProps(fields.venueName, { type: "text" })}
        />
        <Field
          label="Venue address (optional)"
          errors={fields.venueAddress.errors}
          inputProps={getInputProps(fields.venueAddress, { type: "text" })}
        />
        <Field
          label="Online link (optional)"
          errors={fields.onlineUrl.errors}
          inputProps={getInputProps(fields.onlineUrl, { type: "url" })}
        />
      </fieldset>
      <fieldset className="form-section">
        <legend>Speakers and abstract</legend>
        <TextareaField
          label="Speakers"
          hint={
            'One per line: a researcher\'s profile address (like "ana-lima"), or an external speaker as "Name, Affiliation".'
          }
          errors={fields.speakers.errors}
          textareaProps={{ ...getTextareaProps(fields.speakers), rows: 4 }}
        />
        <TextareaField
          label="Abstract (Markdown)"
          errors={fields.abstract.errors}
          textareaProps={{ ...getTextareaProps(fields.abstract), rows: 10 }}
        />
        <Field
          label="Recording link (shown once it is over, optional)"
          errors={fields.recordingUrl.errors}
          inputProps={getInputProps(fields.recordingUrl, { type: "url" })}
        />
        <Field
          label="Slides link (shown once it is over, optional)"
          errors={fields.slidesUrl.errors}
          inputProps={getInputProps(fields.slidesUrl, { type: "url" })}
        />
      </fieldset>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
