/**
 * What a message kind is: who receives it, its named merge fields (with
 * sample values for previews) and its default subject and Markdown body per
 * language. Each journey module (account.ts, application.ts, …) defines its
 * kinds with `defineEmail` and a builder per kind that fills the fields;
 * registry.ts gathers them. The stored, editable texts live in the
 * `email_templates` table, seeded from these defaults.
 */

/** One merge field, written `{{name}}` in a subject or body. */
export type FieldSpec = {
  /** What the field holds, for the people who edit templates. */
  description: string;
  /** The value a preview shows. */
  sample: string;
  /**
   * "text" (the default): shown as typed, never markup and never a link.
   * "multiline": text whose line breaks are kept.
   * "url": an address the app builds itself (from PUBLIC_ORIGIN); the only
   * kind of value that becomes a link.
   */
  type?: "text" | "multiline" | "url";
  /**
   * A field that may be empty. The paragraph (or list item) holding an empty
   * optional field is left out, so "A note from the hiring team: {{note}}"
   * disappears when there is no note.
   */
  optional?: boolean;
};

export type TemplateText = { subject: string; body: string };

export type EmailKindSpec = {
  /** When the message is sent, in one sentence. */
  description: string;
  /** Who receives it (the later language choice follows the candidate's). */
  audience: "candidate" | "staff" | "referee" | "account";
  fields: Readonly<Record<string, FieldSpec>>;
  /** The shipped texts per language; English is always there. */
  defaults: { readonly en: TemplateText } & Readonly<Record<string, TemplateText>>;
};

/** Declares a message kind; `const` keeps its field names for the builders' types. */
export function defineEmail<const S extends EmailKindSpec>(spec: S): S {
  return spec;
}

/** The values a builder passes for a kind: every field, optional ones may be empty. */
export type ValuesOf<S extends EmailKindSpec> = {
  [F in keyof S["fields"]]: S["fields"][F] extends { optional: true }
    ? string | null | undefined
    : string;
};

/** A message on its way to the outbox: which kind, to whom, with what values. */
export type OutgoingEmail = {
  kind: string;
  to: string;
  values: Readonly<Record<string, string | null | undefined>>;
  /** The language of the template to use (English when that language has none). */
  locale?: string;
  /** An iCalendar object (.ics text with its METHOD), attached as text/calendar. */
  calendar?: string | null;
};

/**
 * Builds a message of kind `kind` from `kinds` (a journey module's table):
 * the type checker holds the builder to the kind's field names.
 */
export function outgoing<
  T extends Readonly<Record<string, EmailKindSpec>>,
  K extends keyof T & string,
>(
  _kinds: T,
  kind: K,
  message: {
    to: string;
    values: ValuesOf<T[K]>;
    locale?: string;
    calendar?: string | null;
  },
): OutgoingEmail {
  return { kind, ...message };
}

/** The closing line of every message's default body. */
export const SIGN_OFF = "— The {{org.name}} careers team";

/** Common sample values, so previews of different kinds tell one consistent story. */
export const SAMPLE = {
  name: "Ada Lovelace",
  firstName: "Ada",
  opening: "Research Scientist, Machine Learning",
  applicationUrl: "https://careers.example.org/applications/42",
} as const;

/**
 * The first word of a person's name, for `{{….firstName}}` fields. Names are
 * not always given-name first, so the shipped texts greet by the full name.
 */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}
