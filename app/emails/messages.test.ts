/**
 * Every kind of message, as a mail client reads it: queued through the one
 * pipeline (queueEmail), turned into the MIME message delivery sends, and
 * parsed back with mailparser. Each is multipart/alternative with a text and
 * an HTML part carrying the organisation's name and colours; merge values
 * that look like HTML, Markdown or merge fields stay inert text in both
 * parts, and the only links are the ones the app built; invitations carry
 * their calendar as text/calendar with the file's METHOD.
 */
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as s from "../../db/schema";
import { hrefsOf, mediaType, parsedMail, sampleIcs } from "../../tests/mail";
import { getDb } from "~/utils/db.server";
import { queueEmail } from "~/emails/mailer.server";
import { getBrand } from "~/utils/site";
import { welcomeEmail } from "./account";
import { interviewInvitationEmail } from "./hiring";
import type { FieldSpec } from "./kind";
import { EMAIL_KINDS, type EmailKind } from "./registry";

const db = getDb();
const HOSTILE = "<img src=x onerror=alert(1)> [click](http://evil.example/) **now** {{org.name}}";
const ESCAPED =
  "&lt;img src=x onerror=alert(1)&gt; [click](http://evil.example/) **now** {{org.name}}";

const row = (id: number) => db.select().from(s.outbox).where(eq(s.outbox.id, id)).get()!;
const kinds = Object.keys(EMAIL_KINDS) as EmailKind[];

/** The method of a kind's calendar object, for the kinds that carry one. */
function calendarMethodOf(kind: EmailKind): "REQUEST" | "CANCEL" | null {
  if (kind === "interview.cancelled") return "CANCEL";
  return kind.startsWith("interview.") ? "REQUEST" : null;
}

describe.each(kinds)("%s", (kind) => {
  const spec = EMAIL_KINDS[kind];
  const fields: Readonly<Record<string, FieldSpec>> = spec.fields;
  const values: Record<string, string> = {};
  for (const [name, field] of Object.entries(fields)) {
    values[name] =
      field.type === "url"
        ? `https://careers.example.org/${name}?x=1&y=2`
        : field.type === "multiline"
          ? `${HOSTILE} ${name}\nsecond line of ${name}`
          : `${HOSTILE} ${name}`;
  }
  const body = spec.defaults.en.body;
  const used = (name: string) => body.includes(`{{${name}}}`);

  test("goes out as text and HTML, branded, with merge values inert and only the app's links", async () => {
    const method = calendarMethodOf(kind);
    const ics = method ? sampleIcs(method) : null;
    const id = queueEmail(db, { kind, to: `${kind}@example.test`, values, calendar: ics });
    const stored = row(id);
    expect(stored).toMatchObject({ kind, locale: "en" });
    const { raw, mail } = await parsedMail(stored);

    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    // The subject's fields filled in once: a value's own "{{org.name}}" stays as typed.
    const subject = spec.defaults.en.subject.replace(/\{\{([\w.]+)\}\}/g, (_m, name: string) =>
      name === "org.name" ? "Northlight Research" : values[name],
    );
    expect(mail.subject).toBe(subject);
    expect(stored.subject).toBe(subject);
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(`${kind}@example.test`);

    const text = mail.text!;
    const html = mail.html as string;
    expect(text).toBeTruthy();
    expect(html).toBeTruthy();
    // The organisation's name in both parts, its colours and a dark-mode fallback in the HTML.
    expect(text).toContain("Northlight Research");
    expect(html).toContain("Northlight Research");
    expect(html).toContain(getBrand().primary);
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\)/);
    expect(html).toMatch(/<html[^>]* lang="en"/);

    // Every text value the body uses is there as typed in the text part, escaped in the HTML.
    const textFields = Object.entries(fields).filter(([n, f]) => f.type !== "url" && used(n));
    expect(textFields.length).toBeGreaterThan(0);
    for (const [name] of textFields) {
      expect(text).toContain(`${HOSTILE} ${name}`);
      expect(html).toContain(`${ESCAPED} ${name}`);
    }
    // A value is never read as a merge field, HTML or Markdown.
    expect(text).toContain("{{org.name}}");
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/onerror=alert\(1\)>/);
    expect(html).not.toContain("<strong>now");
    expect(html).not.toMatch(/<script/i);

    // Links: exactly the app's own addresses, each a link in the HTML and written out in the text.
    const links = Object.entries(fields)
      .filter(([n, f]) => f.type === "url" && used(n))
      .map(([n]) => values[n]);
    expect(new Set(hrefsOf(html))).toEqual(new Set(links));
    for (const link of links) expect(text).toContain(link);

    // Attachments: the calendar object, typed as calendars expect, and nothing else.
    if (ics) {
      const calendars = mail.attachments.filter((a) => a.contentType === "text/calendar");
      expect(mail.attachments).toHaveLength(calendars.length);
      expect(calendars.map((a) => mediaType(a.headers))).toEqual([
        `text/calendar; charset=utf-8; method=${method}`,
        `text/calendar; charset=utf-8; method=${method}`,
      ]);
      const file = calendars.find((a) => a.contentDisposition === "attachment")!;
      expect(file.filename).toBe(method === "CANCEL" ? "cancel.ics" : "invite.ics");
      expect(file.content.toString("utf8")).toBe(ics);
      expect(raw).not.toContain("application/ics");
    } else {
      expect(mail.attachments).toEqual([]);
    }
  });
});

describe("merge values", () => {
  test("a link field holding anything but a web address is written out, never a link", async () => {
    const id = queueEmail(
      db,
      welcomeEmail({
        user: { name: "Mallory", email: "mallory@example.test" },
        origin: "javascript:alert(1)//",
      }),
    );
    const { mail } = await parsedMail(row(id));
    expect(hrefsOf(mail.html as string)).toEqual([]);
    expect(mail.text).toContain("javascript:alert(1)///careers");
  });

  test("an empty optional field leaves out its paragraph in both parts", async () => {
    const facts = {
      to: "nina@example.test",
      candidateName: "Nina Note",
      openingTitle: "Data Steward",
      kind: "technical" as const,
      when: "Thursday 10 December 2026, 14:00–15:00 (Europe/Zurich)",
      place: "Room 4",
      link: "https://careers.example.org/applications/1",
      calendar: sampleIcs(),
      change: "new" as const,
    };
    const without = await parsedMail(
      row(queueEmail(db, interviewInvitationEmail({ ...facts, note: "" }))),
    );
    const withNote = await parsedMail(
      row(queueEmail(db, interviewInvitationEmail({ ...facts, note: "Bring\nyour slides" }))),
    );
    expect(without.mail.text).not.toContain("A note from the hiring team");
    expect(without.mail.html).not.toContain("A note from the hiring team");
    expect(withNote.mail.text).toContain("A note from the hiring team:\nBring\nyour slides");
    expect(withNote.mail.html).toContain("A note from the hiring team:<br/>Bring<br/>your slides");
  });
});
