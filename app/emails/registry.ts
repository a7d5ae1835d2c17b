/**
 * Every kind of message the app sends, by name: its description, merge
 * fields (with sample values) and default texts. The admin's template editor
 * lists these; queueEmail() refuses a kind that is not here.
 */
import { ACCOUNT_EMAILS } from "./account";
import { APPLICATION_EMAILS } from "./application";
import { HIRING_EMAILS } from "./hiring";
import type { EmailKindSpec, FieldSpec, TemplateText } from "./kind";
import { PIPELINE_EMAILS } from "./pipeline";
import { REFERENCE_EMAILS } from "./references";

export const EMAIL_KINDS = {
  ...ACCOUNT_EMAILS,
  ...APPLICATION_EMAILS,
  ...PIPELINE_EMAILS,
  ...HIRING_EMAILS,
  ...REFERENCE_EMAILS,
} as const satisfies Record<string, EmailKindSpec>;

export type EmailKind = keyof typeof EMAIL_KINDS;

/** The language every kind has a text in; others fall back to it. */
export const DEFAULT_LOCALE = "en";

/** Fields every message can use; the pipeline fills them, not the builders. */
export const GLOBAL_FIELDS = {
  "org.name": { description: "The organisation's name", sample: "Northlight Research" },
} as const satisfies Record<string, FieldSpec>;

export function isEmailKind(kind: string): kind is EmailKind {
  return Object.hasOwn(EMAIL_KINDS, kind);
}

/** Every merge field a kind's templates may use: its own and the global ones. */
export function mergeFieldsOf(kind: EmailKind): Readonly<Record<string, FieldSpec>> {
  return { ...GLOBAL_FIELDS, ...EMAIL_KINDS[kind].fields };
}

/** The shipped text of a kind in `locale`, else in English. */
export function defaultTemplate(kind: EmailKind, locale: string = DEFAULT_LOCALE): TemplateText {
  const defaults: EmailKindSpec["defaults"] = EMAIL_KINDS[kind].defaults;
  return defaults[locale] ?? defaults.en;
}
