/** The look of /admin/settings: colours with their contrast checks and a live drawing, and the logo. */
import { getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { ErrorList, Field, FormErrors } from "~/components/forms";
import {
  brandPalette,
  colourChecks,
  formatRatio,
  normaliseHex,
  TEXT_CONTRAST,
} from "~/utils/colour";

import { NOT_SAVED, SaveButton, SettingsCard, useSettingsForm, type Reply } from "./form-parts";

/** A drawing of the header, a link and a button in the chosen colours (attributes, not styles: the policy allows them). */
function ColourPreview({
  primary,
  accent,
  name,
}: {
  primary: string;
  accent: string;
  name: string;
}) {
  const { strong } = brandPalette(primary, accent);
  return (
    <svg
      className="colour-preview"
      viewBox="0 0 360 132"
      role="img"
      aria-label="Preview: the header, a link and a button in these colours"
    >
      <rect width="360" height="132" rx="10" fill="#f7f6f2" />
      <path d="M0 10a10 10 0 0 1 10-10h340a10 10 0 0 1 10 10v30H0z" fill={strong} />
      <text x="16" y="25" fill="#ffffff" fontSize="13" fontWeight="700">
        {name.length > 26 ? `${name.slice(0, 25)}…` : name}
      </text>
      <rect x="252" y="9" width="96" height="22" rx="5" fill={accent} />
      <text x="300" y="24" fill={strong} fontSize="11" fontWeight="600" textAnchor="middle">
        Create account
      </text>
      <rect x="16" y="50" width="328" height="34" rx="6" fill="#ffffff" stroke="#d9d6cc" />
      <text x="28" y="72" fill={primary} fontSize="13" textDecoration="underline">
        A link to a researcher&apos;s profile
      </text>
      <rect x="16" y="94" width="128" height="28" rx="6" fill={primary} />
      <text x="80" y="112" fill="#ffffff" fontSize="12" fontWeight="600" textAnchor="middle">
        Meet the people
      </text>
    </svg>
  );
}

/** The contrast of every pairing, as the admin types (JavaScript) or as last submitted. */
function ContrastList({ primary, accent }: { primary: string; accent: string }) {
  const p = normaliseHex(primary);
  const a = normaliseHex(accent);
  if (!p || !a) return null;
  return (
    <ul className="contrast-list" aria-label="Contrast of these colours">
      {colourChecks(p, a).map((check) => (
        <li key={check.where} className={check.ok ? "contrast-ok" : "contrast-low"}>
          <span className="contrast-list__verdict">{check.ok ? "Passes" : "Too low"}</span>{" "}
          {check.field === "brandColour" ? "Brand colour" : "Accent colour"} {check.where}:{" "}
          <strong>{formatRatio(check.ratio)}</strong>
          {check.ok ? null : ` (text needs ${TEXT_CONTRAST}:1)`}
        </li>
      ))}
    </ul>
  );
}

function LookForm({
  values,
  lastResult,
  name,
}: {
  values: { brandColour: string; accentColour: string };
  lastResult: Reply;
  name: string;
}) {
  const [form, fields] = useSettingsForm("look", lastResult, values);
  // What the preview shows: the typed colours once they are colours, else the saved ones.
  const [typed, setTyped] = useState({
    primary: String(fields.brandColour.initialValue ?? values.brandColour),
    accent: String(fields.accentColour.initialValue ?? values.accentColour),
  });
  const primary = normaliseHex(typed.primary) ?? values.brandColour;
  const accent = normaliseHex(typed.accent) ?? values.accentColour;
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      onInput={(event) => {
        const target = event.target as HTMLInputElement;
        if (target.name === "brandColour") setTyped((t) => ({ ...t, primary: target.value }));
        if (target.name === "accentColour") setTyped((t) => ({ ...t, accent: target.value }));
      }}
    >
      <input type="hidden" name="intent" value="look" />
      <FormErrors id={form.errorId} errors={form.errors ?? (form.valid ? null : [NOT_SAVED])} />
      <div className="settings-colours">
        <div>
          <Field
            label="Brand colour"
            hint="Links, buttons and the header. A hex colour like #1d3b6a."
            errors={fields.brandColour.errors}
            inputProps={{
              ...getInputProps(fields.brandColour, { type: "text" }),
              autoComplete: "off",
              spellCheck: false,
              className: "colour-input",
            }}
          />
          <Field
            label="Accent colour"
            hint="The main buttons in the header and banner, and the current page's underline."
            errors={fields.accentColour.errors}
            inputProps={{
              ...getInputProps(fields.accentColour, { type: "text" }),
              autoComplete: "off",
              spellCheck: false,
              className: "colour-input",
            }}
          />
        </div>
        <ColourPreview primary={primary} accent={accent} name={name} />
      </div>
      <ContrastList primary={primary} accent={accent} />
      <SaveButton>Save colours</SaveButton>
    </Form>
  );
}

function LogoForm({
  logo,
  error,
}: {
  logo: { src: string; width: number; height: number } | null;
  error?: string[] | null;
}) {
  return (
    <div className="logo-form">
      <div className="logo-form__current">
        {logo ? (
          <img src={logo.src} alt="The current logo" width={logo.width} height={logo.height} />
        ) : (
          <p className="muted">No logo yet: the header shows the name alone.</p>
        )}
      </div>
      <Form method="post" encType="multipart/form-data" className="logo-form__upload">
        <div className="field">
          <label htmlFor="logo">Logo (SVG or PNG, at most 1 MB)</label>
          <p id="logo-hint" className="hint">
            Scripts and links to other sites are removed from an SVG. A PNG copy is made for emails
            and link previews.
          </p>
          <input
            id="logo"
            name="logo"
            type="file"
            accept="image/svg+xml,image/png"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "logo-hint logo-error" : "logo-hint"}
          />
          <ErrorList id="logo-error" errors={error} />
        </div>
        <p className="button-row">
          <button type="submit" className="button">
            Upload logo
          </button>
        </p>
      </Form>
      {logo ? (
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value="remove_logo"
            className="button button--ghost button--small"
          >
            Remove logo
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export function LookSection(props: {
  values: { brandColour: string; accentColour: string };
  lastResult: Reply;
  name: string;
  logo: { src: string; width: number; height: number } | null;
  logoError?: string[] | null;
}) {
  return (
    <SettingsCard
      id="look"
      title="Logo and colours"
      intro="Colours are checked against the backgrounds they are used on: text must keep a contrast of at least 4.5:1 (WCAG AA)."
    >
      <h3>Logo</h3>
      <LogoForm logo={props.logo} error={props.logoError} />
      <h3>Colours</h3>
      <LookForm values={props.values} lastResult={props.lastResult} name={props.name} />
    </SettingsCard>
  );
}
