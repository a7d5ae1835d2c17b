/**
 * Delivery over real SMTP: SMTP_URL points at a local SMTP server (the
 * smtp-server package, on a free port), deliverOutbox() sends the outbox with
 * nodemailer, and what the server received is parsed with mailparser: the
 * envelope, multipart/alternative with both parts, non-ASCII headers and
 * bodies intact, the invitation's calendar typed text/calendar with its
 * METHOD. A recipient the server refuses is recorded on its message while the
 * others go out.
 */
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, expect, test, vi } from "vitest";
import * as s from "../../db/schema";
import { mediaType, sampleIcs } from "../../tests/mail";
import { passwordResetEmail, welcomeEmail } from "~/emails/account";
import { interviewInvitationEmail } from "~/emails/hiring";
import { getDb } from "~/utils/db.server";
import { reloadEnv } from "~/utils/env.server";
import { deliverOutbox, queueEmail } from "~/emails/mailer.server";

const db = getDb();
type Received = { from: string; to: string[]; raw: Buffer };
let received: Received[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("refused@"))
        return callback(Object.assign(new Error("550 No such mailbox"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  reloadEnv();
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  reloadEnv();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  db.delete(s.outbox).run();
  received = [];
});

test("the outbox goes out over SMTP as multipart/alternative, invitations with text/calendar", async () => {
  const welcome = queueEmail(
    db,
    welcomeEmail({
      user: { name: "Zoë Ångström-Łukasiewicz", email: "zoe@example.test" },
      origin: "https://careers.example.org",
    }),
  );
  const ics = sampleIcs("REQUEST");
  const invite = queueEmail(
    db,
    interviewInvitationEmail({
      to: "ines@example.test",
      candidateName: "Inès Núñez",
      openingTitle: "Research Scientist, Speech — Zürich",
      kind: "technical",
      when: "Thursday 10 December 2026, 14:00–15:00 (Europe/Zurich)",
      place: "Room 4.12",
      note: "",
      link: "https://careers.example.org/applications/3",
      calendar: ics,
      change: "new",
    }),
  );

  await deliverOutbox(db);

  expect(received.map((r) => r.to)).toEqual([["zoe@example.test"], ["ines@example.test"]]);
  expect(received.every((r) => r.from === "careers@northlight.test")).toBe(true);
  const [first, second] = await Promise.all(received.map((r) => simpleParser(r.raw)));

  expect(received[0].raw.toString()).toMatch(/^Content-Type: multipart\/alternative;/m);
  expect(first.subject).toBe("Welcome to Northlight Research");
  expect(first.from?.text).toBe('"Northlight Research" <careers@northlight.test>');
  expect(first.text).toContain("Hello Zoë Ångström-Łukasiewicz,");
  expect(first.html).toContain("Hello Zoë Ångström-Łukasiewicz,");
  expect(first.html).toContain('href="https://careers.example.org/careers"');
  expect(first.attachments).toEqual([]);

  expect(second.subject).toBe(
    "Interview invitation: Technical interview for Research Scientist, Speech — Zürich",
  );
  expect(second.text).toContain("Hello Inès Núñez,");
  expect(second.html).toContain("Research Scientist, Speech — Zürich");
  expect(second.attachments.map((a) => [mediaType(a.headers), a.filename ?? null])).toEqual([
    ["text/calendar; charset=utf-8; method=REQUEST", null],
    ["text/calendar; charset=utf-8; method=REQUEST", "invite.ics"],
  ]);
  expect(second.attachments[1].content.toString("utf8")).toBe(ics);

  const rows = db.select().from(s.outbox).all();
  expect(rows.map((r) => r.id).sort()).toEqual([welcome, invite].sort());
  expect(rows.every((r) => r.sentAt !== null && r.error === null)).toBe(true);
});

test("a recipient the server refuses is recorded on its message; the others are sent", async () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const refused = queueEmail(
    db,
    passwordResetEmail({
      user: { name: "Nobody", email: "refused@example.test" },
      resetUrl: "https://careers.example.org/reset-password?token=t",
    }),
  );
  const fine = queueEmail(
    db,
    welcomeEmail({
      user: { name: "Fine", email: "fine@example.test" },
      origin: "https://careers.example.org",
    }),
  );
  await deliverOutbox(db);
  expect(received.map((r) => r.to)).toEqual([["fine@example.test"]]);
  const row = (id: number) => db.select().from(s.outbox).where(eq(s.outbox.id, id)).get()!;
  expect(row(refused)).toMatchObject({ sentAt: null, error: expect.stringContaining("550") });
  expect(row(fine).sentAt).not.toBeNull();
  expect(warn).toHaveBeenCalledOnce();
  warn.mockRestore();
});
