/** The text forms of /admin/settings (organisation, home page, privacy): each its own Conform state, posting its own `intent`. */
import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field, FormErrors, TextareaField } from "~/components/forms";

import { NOT_SAVED, SaveButton, SettingsCard, useSettingsForm, type Reply } from "./form-parts";

export type OrganisationValues = {
  name: string;
  shortName: string;
  contactEmail: string;
  contactPhone: string;
  postalAddress: string;
  socialLinks: string;
};

export function OrganisationForm({
  values,
  lastResult,
}: {
  values: OrganisationValues;
  lastResult: Reply;
}) {
  const [form, fields] = useSettingsForm("organisation", lastResult, values);
  return (
    <SettingsCard
      id="organisation"
      title="Organisation"
      intro="How the site names you, and how visitors reach you."
    >
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="organisation" />
        <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
        <div className="settings-grid">
          <Field
            label="Organisation name"
            hint="In the header, page titles, emails and search results."
            errors={fields.name.errors}
            inputProps={getInputProps(fields.name, { type: "text" })}
          />
          <Field
            label="Short name"
            hint="Optional: for tight places, such as calendar entries."
            errors={fields.shortName.errors}
            inputProps={getInputProps(fields.shortName, { type: "text" })}
          />
          <Field
            label="Contact email"
            errors={fields.contactEmail.errors}
            inputProps={{
              ...getInputProps(fields.contactEmail, { type: "email" }),
              autoComplete: "off",
            }}
          />
          <Field
            label="Phone"
            errors={fields.contactPhone.errors}
            inputProps={getInputProps(fields.contactPhone, { type: "tel" })}
          />
        </div>
        <TextareaField
          label="Postal address"
          errors={fields.postalAddress.errors}
          textareaProps={{ ...getTextareaProps(fields.postalAddress), rows: 4 }}
        />
        <TextareaField
          label="Social links"
          hint="Your profiles elsewhere, one https:// address per line. Shown in the footer and given to search engines."
          errors={fields.socialLinks.errors}
          textareaProps={{ ...getTextareaProps(fields.socialLinks), rows: 3 }}
        />
        <SaveButton>Save organisation</SaveButton>
      </Form>
    </SettingsCard>
  );
}
export type HomeValues = {
  homeHeading: string;
  homeIntro: string;
  homeCtaLabel: string;
  homeCtaUrl: string;
};
export function HomeForm({ values, lastResult }: { values: HomeValues; lastResult: Reply }) {
  const [form, fields] = useSettingsForm("home", lastResult, values);
  return (
    <SettingsCard id="home" title="Home page" intro="The banner at the top of the home page.">
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="home" />
        <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
        <Field
          label="Heading"
          hint="Left blank, the organisation's name."
          errors={fields.homeHeading.errors}
          inputProps={getInputProps(fields.homeHeading, { type: "text" })}
        />
        <TextareaField
          label="Introduction"
          hint="A sentence or two; a blank line starts a new paragraph."
          errors={fields.homeIntro.errors}
          textareaProps={{ ...getTextareaProps(fields.homeIntro), rows: 4 }}
        />
        <div className="settings-grid">
          <Field
            label="Call to action"
            hint="The main button's label, such as “Meet the people”."
            errors={fields.homeCtaLabel.errors}
            inputProps={getInputProps(fields.homeCtaLabel, { type: "text" })}
          />
          <Field
            label="Call to action link"
            hint="A path on this site (/careers) or an https:// address."
            errors={fields.homeCtaUrl.errors}
            inputProps={getInputProps(fields.homeCtaUrl, { type: "text" })}
          />
        </div>
        <SaveButton>Save home page</SaveButton>
      </Form>
    </SettingsCard>
  );
}

export function PrivacyForm({
  values,
  lastResult,
}: {
  values: { privacyController: string; privacyContact: string };
  lastResult: Reply;
}) {
  const [form, fields] = useSettingsForm("privacy", lastResult, values);
  return (
    <SettingsCard
      id="privacy"
      title="Privacy contacts"
      intro="Shown on the privacy page, where candidates look for who holds their data."
    >
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="privacy" />
        <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
        <TextareaField
          label="Privacy controller"
          hint="The organisation responsible for personal data: its legal name and address."
          errors={fields.privacyController.errors}
          textareaProps={{ ...getTextareaProps(fields.privacyController), rows: 4 }}
        />
        <TextareaField
          label="Data-protection contact"
          hint="How to reach your data-protection officer, such as an email address."
          errors={fields.privacyContact.errors}
          textareaProps={{ ...getTextareaProps(fields.privacyContact), rows: 3 }}
        />
        <SaveButton>Save privacy contacts</SaveButton>
      </Form>
    </SettingsCard>
  );
}
