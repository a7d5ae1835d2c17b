/**
 * The stored texts: the migration seeded every kind's shipped English text;
 * an edited text is what the next message uses, and a reset brings the
 * shipped one back, each audited; unknown merge fields and hand-written links
 * are refused with a message that says which; the preview renders a draft
 * with the kind's sample values, Markdown and all.
 */
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import * as s from "../../db/schema";
import { staffUser } from "../../tests/fixtures";
import { parsedMail } from "../../tests/mail";
import { getDb } from "~/utils/db.server";
import { queueEmail } from "~/emails/mailer.server";
import { applicationReceivedEmail } from "./application";
import { EMAIL_KINDS, type EmailKind } from "./registry";
import {
  renderEmailPreview,
  saveEmailTemplate,
  templateFor,
  validateEmailTemplate,
} from "./templates.server";

const db = getDb();
const kinds = Object.keys(EMAIL_KINDS) as EmailKind[];
let actor: { userId: number; ip: string };

beforeAll(async () => {
  actor = { userId: (await staffUser(db, "admin", "Ada Admin")).id, ip: "203.0.113.9" };
});

const received = () =>
  applicationReceivedEmail({
    candidate: { name: "Tom Template", email: "tom@example.test" },
    opening: { title: "Field Ecologist" },
    applicationUrl: "https://careers.example.org/applications/9",
  });
const lastMail = () => db.select().from(s.outbox).orderBy(desc(s.outbox.id)).get()!;

describe("the seeded templates", () => {
  test("the migration stored every kind's shipped English text, edited by nobody", () => {
    const rows = db.select().from(s.emailTemplates).where(eq(s.emailTemplates.locale, "en")).all();
    expect(rows.map((r) => r.kind).sort()).toEqual([...kinds].sort());
    for (const r of rows) {
      const shipped = EMAIL_KINDS[r.kind as EmailKind].defaults.en;
      expect({ subject: r.subject, body: r.bodyMarkdown }, r.kind).toEqual(shipped);
      expect(r.updatedBy).toBeNull();
    }
  });

  test.each(kinds)("the shipped text of %s passes its own checks", (kind) => {
    expect(validateEmailTemplate(kind, EMAIL_KINDS[kind].defaults.en)).toBeNull();
  });
});

describe("checking a template", () => {
  test("an unknown merge field is named, with the fields the message has", () => {
    const problems = validateEmailTemplate("application.received", {
      subject: "Hello {{candidate.fistName}}",
      body: "Dear {{ candidate.name }}, {{opening.salary}}",
    });
    expect(problems?.subject).toEqual([
      expect.stringMatching(/^\{\{candidate\.fistName\}\} is not a merge field of this message\./),
    ]);
    expect(problems?.subject?.[0]).toContain("{{candidate.firstName}}");
    expect(problems?.body).toEqual([
      expect.stringMatching(/^\{\{opening\.salary\}\} is not a merge field/),
    ]);
  });

  test("unpaired braces, hand-written links, empty or multi-line subjects are refused", () => {
    expect(
      validateEmailTemplate("application.received", {
        subject: "Hi",
        body: "Hello {{candidate.name",
      })?.body,
    ).toEqual([expect.stringContaining("has no partner")]);
    const link = validateEmailTemplate("application.received", {
      subject: "Hi",
      body: "See [our site](https://evil.example) or ![x](https://t.example/p.png)",
    });
    expect(link?.body).toEqual([
      "Links are not written by hand: they come from this message's link fields ({{application.url}}).",
    ]);
    expect(
      validateEmailTemplate("application.received", { subject: " ", body: "x" })?.subject,
    ).toEqual(["A message needs a subject."]);
    expect(
      validateEmailTemplate("application.received", { subject: "a\nb", body: "x" })?.subject,
    ).toEqual(["A subject is one line."]);
  });
});

describe("editing a template", () => {
  test("the edited text is what the next message says; a reset brings back the shipped one; both audited", async () => {
    const saved = saveEmailTemplate(db, actor, {
      kind: "application.received",
      locale: "en",
      template: {
        subject: "Thanks, {{candidate.firstName}}: {{opening.title}}",
        body: "Dear {{candidate.firstName}},\r\n\r\n**Thank you** for applying to {{org.name}}.\r\n\r\n- Follow it: {{application.url}}\r\n- Reply any time",
      },
    });
    expect(saved).toEqual({ ok: true });
    queueEmail(db, received());
    const edited = await parsedMail(lastMail());
    expect(edited.mail.subject).toBe("Thanks, Tom: Field Ecologist");
    expect(edited.mail.text).toBe(
      "Dear Tom,\n\nThank you for applying to Northlight Research.\n\n- Follow it: https://careers.example.org/applications/9\n- Reply any time",
    );
    expect(edited.mail.html).toContain("<strong>Thank you</strong>");
    expect(edited.mail.html).toMatch(
      /<li[^>]*>Follow it: <a href="https:\/\/careers\.example\.org\/applications\/9"/,
    );
    const row = db
      .select()
      .from(s.emailTemplates)
      .where(
        and(eq(s.emailTemplates.kind, "application.received"), eq(s.emailTemplates.locale, "en")),
      )
      .get()!;
    expect(row.updatedBy).toBe(actor.userId);

    expect(
      saveEmailTemplate(db, actor, {
        kind: "application.received",
        locale: "en",
        template: "reset",
      }),
    ).toEqual({ ok: true });
    queueEmail(db, received());
    expect(lastMail().subject).toBe("We received your application: Field Ecologist");
    expect(templateFor(db, "application.received")).toEqual({
      ...EMAIL_KINDS["application.received"].defaults.en,
      locale: "en",
    });

    const audit = db
      .select({ action: s.auditLog.action, actor: s.auditLog.actorUserId })
      .from(s.auditLog)
      .where(eq(s.auditLog.actorUserId, actor.userId))
      .all();
    expect(audit.map((a) => a.action)).toEqual(["email.template_saved", "email.template_reset"]);
  });

  test("a text with an unknown field is refused and nothing changes", () => {
    const before = templateFor(db, "offer.sent");
    const outcome = saveEmailTemplate(db, actor, {
      kind: "offer.sent",
      locale: "en",
      template: { subject: "Offer: {{offer.salary}}", body: "Hello" },
    });
    expect(outcome).toMatchObject({ ok: false, problems: { subject: [expect.any(String)] } });
    expect(templateFor(db, "offer.sent")).toEqual(before);
  });

  test("a language without its own text falls back to English", () => {
    expect(templateFor(db, "offer.sent", "de")).toEqual({
      ...EMAIL_KINDS["offer.sent"].defaults.en,
      locale: "en",
    });
  });
});

describe("the preview", () => {
  test("renders the stored text with the kind's sample values", () => {
    const { email, problems } = renderEmailPreview(db, { kind: "interview.invitation" });
    expect(problems).toBeNull();
    expect(email.subject).toBe(
      "Interview invitation: Technical interview for Research Scientist, Machine Learning",
    );
    expect(email.text).toContain("When: Thursday 10 December 2026, 14:00–15:00 (Europe/Zurich)");
    expect(email.text).toContain("A note from the hiring team:\nPlease bring a short summary");
    expect(email.html).toContain("Northlight Research");
  });

  test("a draft naming an object's built-in properties renders them as nothing and reports them", () => {
    const { email, problems } = renderEmailPreview(db, {
      kind: "account.welcome",
      draft: { subject: "{{constructor}}Hi", body: "A{{hasOwnProperty}}B {{toString}}C" },
    });
    expect(email.subject).toBe("Hi");
    expect(email.text).toBe("AB C");
    expect(problems?.subject).toHaveLength(1);
    expect(problems?.body).toHaveLength(2);
  });

  test("renders a draft as typed and reports what is wrong with it", () => {
    const { email, problems } = renderEmailPreview(db, {
      kind: "account.welcome",
      draft: { subject: "Hi {{candidate.firstName}}", body: "## Welcome\n\nHi {{candidate.nme}}!" },
    });
    expect(email.subject).toBe("Hi Ada");
    expect(email.text).toBe("Welcome\n\nHi !");
    expect(email.html).toMatch(/<h2[^>]*>Welcome<\/h2>/);
    expect(problems?.body).toEqual([expect.stringContaining("{{candidate.nme}}")]);
  });
});
