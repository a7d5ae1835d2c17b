/**
 * The stored texts of each message kind (`email_templates`, one row per kind
 * and language) and the functions around them: composing a message for the
 * outbox, the preview with sample values, checking and saving an edited text.
 *
 * Which text a message uses, in order: the stored one in its language, the
 * shipped one in its language, the stored English one, the shipped English
 * one. The layout (header, colours, footer) is code and not editable.
 */
import { and, eq, sql } from "drizzle-orm";
import { emailTemplates, users } from "../../db/schema";
import { auditAdminChange, type AuditActor } from "~/auth/audit.server";
import type { Writer } from "~/utils/db.server";
import { preparedForWriter } from "~/utils/prepared.server";
import { brandOf, getSettings } from "~/models/settings.server";
import { getEnv } from "~/utils/env.server";
import type { Brand } from "~/utils/site";
import type { OutgoingEmail, TemplateText } from "./kind";
import {
  DEFAULT_LOCALE,
  defaultTemplate,
  EMAIL_KINDS,
  type EmailKind,
  isEmailKind,
  mergeFieldsOf,
} from "./registry";
import {
  checkTemplate,
  renderSubject,
  renderTemplate,
  type RenderedEmail,
  type TemplateProblems,
} from "./render.server";

const q = preparedForWriter((db) => ({
  get: db
    .select({ subject: emailTemplates.subject, body: emailTemplates.bodyMarkdown })
    .from(emailTemplates)
    .where(
      and(
        eq(emailTemplates.kind, sql.placeholder("kind")),
        eq(emailTemplates.locale, sql.placeholder("locale")),
      ),
    )
    .prepare(),
}));

/** The text a message of `kind` in `locale` is rendered from, and the language it is in. */
export function templateFor(
  db: Writer,
  kind: EmailKind,
  locale: string = DEFAULT_LOCALE,
): TemplateText & { locale: string } {
  const stored = q(db).get.get({ kind, locale });
  if (stored) return { ...stored, locale };
  const shipped: Record<string, TemplateText | undefined> = EMAIL_KINDS[kind].defaults;
  if (locale !== DEFAULT_LOCALE) {
    const own = shipped[locale];
    if (own) return { ...own, locale };
    return templateFor(db, kind, DEFAULT_LOCALE);
  }
  return { ...defaultTemplate(kind), locale: DEFAULT_LOCALE };
}

/** A message ready for the outbox: rendered subject and parts, and what it was made from. */
export type ComposedEmail = RenderedEmail & {
  kind: EmailKind;
  locale: string;
  to: string;
  calendar: string | null;
};

/**
 * Renders a message with its kind's stored text (synchronously: it runs in
 * the transaction that queues it). A kind that does not exist or a missing
 * required value is a programming error and throws, so the transaction rolls
 * back rather than sending a message with a hole in it.
 */
export function composeEmail(db: Writer, email: OutgoingEmail): ComposedEmail {
  if (!isEmailKind(email.kind)) throw new Error(`Unknown email kind "${email.kind}".`);
  const kind = email.kind;
  const fields = EMAIL_KINDS[kind].fields;
  for (const [name, spec] of Object.entries(fields)) {
    const optional = "optional" in spec && spec.optional;
    if (!optional && typeof email.values[name] !== "string")
      throw new Error(`The "${kind}" email needs a value for {{${name}}}.`);
  }
  const template = templateFor(db, kind, email.locale);
  const brand = emailBrand(db);
  const rendered = renderTemplate(template, {
    fields: mergeFieldsOf(kind),
    values: { ...email.values, "org.name": brand.name },
    brand,
    locale: template.locale,
  });
  return {
    ...rendered,
    kind,
    locale: template.locale,
    to: email.to,
    calendar: email.calendar ?? null,
  };
}

/**
 * The organisation as its messages show it: from the settings (read through
 * `db`, which may be the transaction queueing the message), with the logo's
 * address made absolute — a message is read far from this site.
 */
export function emailBrand(db: Writer): Brand & { logoUrl: string | null } {
  const brand = brandOf(getSettings(db));
  const env = getEnv();
  const origin = (env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return { ...brand, logoUrl: brand.logo ? `${origin}${brand.logo.png}` : null };
}

/** Every field of a kind with its sample value, the organisation's real name included. */
export function sampleValues(db: Writer, kind: EmailKind): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(mergeFieldsOf(kind))) values[name] = spec.sample;
  values["org.name"] = getSettings(db).name;
  return values;
}

/** `subject` with the kind's sample values filled in, as a reader would see it. */
export function sampleSubject(db: Writer, kind: EmailKind, subject: string): string {
  return renderSubject(subject, mergeFieldsOf(kind), sampleValues(db, kind));
}

/**
 * The preview an editor shows: `draft` (what is being typed) or else the
 * stored text, rendered with the kind's sample values, and what is wrong with
 * it (null when nothing is). Shows the draft even when it has problems:
 * unknown fields render as nothing.
 */
export function renderEmailPreview(
  db: Writer,
  input: { kind: EmailKind; locale?: string; draft?: TemplateText },
): { email: RenderedEmail; problems: TemplateProblems | null } {
  const locale = input.locale ?? DEFAULT_LOCALE;
  const template = input.draft ?? templateFor(db, input.kind, locale);
  const fields = mergeFieldsOf(input.kind);
  const brand = emailBrand(db);
  const email = renderTemplate(template, {
    fields,
    values: sampleValues(db, input.kind),
    brand,
    locale,
  });
  return { email, problems: checkTemplate(template, fields) };
}

/** What is wrong with a subject and body for `kind` (unknown merge fields, hand-written links…), or null. */
export function validateEmailTemplate(kind: EmailKind, template: TemplateText) {
  return checkTemplate(template, mergeFieldsOf(kind));
}

export type SaveTemplateOutcome = { ok: true } | { ok: false; problems: TemplateProblems };

/**
 * Stores an edited subject and body for a kind and language after checking
 * them, with its audit row in the same write. `reset` puts the shipped text
 * back (the row is removed, so a later change of the shipped text applies).
 */
export function saveEmailTemplate(
  db: Writer,
  actor: AuditActor,
  input: { kind: EmailKind; locale: string; template: TemplateText | "reset"; now?: number },
): SaveTemplateOutcome {
  const { kind, locale } = input;
  const where = and(eq(emailTemplates.kind, kind), eq(emailTemplates.locale, locale));
  if (input.template === "reset") {
    db.delete(emailTemplates).where(where).run();
    auditAdminChange(db, {
      action: "email.template_reset",
      actorUserId: actor.userId,
      ip: actor.ip,
      summary: `Reset the “${kind}” email (${locale}) to the shipped text`,
      facts: { kind, locale },
    });
    return { ok: true };
  }
  const template = {
    subject: input.template.subject.trim(),
    body: input.template.body.replace(/\r\n?/g, "\n").trim(),
  };
  const problems = validateEmailTemplate(kind, template);
  if (problems) return { ok: false, problems };
  const row = {
    subject: template.subject,
    bodyMarkdown: template.body,
    updatedAt: input.now ?? Date.now(),
    updatedBy: actor.userId,
  };
  db.insert(emailTemplates)
    .values({ kind, locale, ...row })
    .onConflictDoUpdate({ target: [emailTemplates.kind, emailTemplates.locale], set: row })
    .run();
  auditAdminChange(db, {
    action: "email.template_saved",
    actorUserId: actor.userId,
    ip: actor.ip,
    summary: `Edited the “${kind}” email (${locale})`,
    facts: { kind, locale },
  });
  return { ok: true };
}

/** One message kind as the template editor lists it. */
export type EmailTemplateSummary = {
  kind: EmailKind;
  description: string;
  audience: (typeof EMAIL_KINDS)[EmailKind]["audience"];
  subject: string;
  /** The subject as a reader sees it, with the kind's sample values. */
  sampleSubject: string;
  /** Null while the kind sends its shipped text; else when and by whom it was last edited. */
  edited: { at: number; by: string | null } | null;
};

/**
 * Every kind of message in `locale`, in the registry's order (grouped by the
 * journey that sends it), with the subject it is sent with now and whether
 * the organisation has changed its text.
 */
export function listEmailTemplates(
  db: Writer,
  locale: string = DEFAULT_LOCALE,
): EmailTemplateSummary[] {
  const rows = db
    .select({
      kind: emailTemplates.kind,
      subject: emailTemplates.subject,
      body: emailTemplates.bodyMarkdown,
      updatedAt: emailTemplates.updatedAt,
      updatedBy: emailTemplates.updatedBy,
      byName: users.name,
    })
    .from(emailTemplates)
    .leftJoin(users, eq(users.id, emailTemplates.updatedBy))
    .where(eq(emailTemplates.locale, locale))
    .all();
  const stored = new Map(rows.map((r) => [r.kind, r]));
  return (Object.keys(EMAIL_KINDS) as EmailKind[]).map((kind) => {
    const spec = EMAIL_KINDS[kind];
    const row = stored.get(kind);
    const shipped = defaultTemplate(kind, locale);
    const changed =
      row &&
      (row.updatedBy !== null || row.subject !== shipped.subject || row.body !== shipped.body);
    return {
      kind,
      description: spec.description,
      audience: spec.audience,
      subject: row?.subject ?? shipped.subject,
      sampleSubject: sampleSubject(db, kind, row?.subject ?? shipped.subject),
      edited: changed ? { at: row.updatedAt, by: row.byName } : null,
    };
  });
}
