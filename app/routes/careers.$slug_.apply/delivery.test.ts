/**
 * The apply form answers once the application is committed, with its
 * confirmation email in the outbox: it does not wait for the SMTP server,
 * and the email is sent afterwards.
 */
import { afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import * as s from "../../../db/schema";
import { createLab } from "../../../tests/builders";
import { clearApplications, openingWithYesNoQuestion, signedIn } from "../../../tests/fixtures";
import { call } from "../../../tests/requests";
import { SESSION_COOKIE } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { deliverOutbox, setMailTransport } from "~/emails/mailer.server";
import { action } from "./route";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const db = getDb();
let labId: number;

beforeAll(() => {
  labId = createLab(db).id;
});
beforeEach(() => clearApplications(db));
afterEach(() => setMailTransport(undefined));

test("a signed-in application is acknowledged while the SMTP server is still busy; the email follows", async () => {
  const { opening, questionId } = openingWithYesNoQuestion(db, labId, "Research Engineer, Mail");
  const { user, token } = await signedIn(db, "candidate", { name: "Mia Mailwait" });
  let releaseSmtp = () => {};
  const smtpBusy = new Promise<void>((resolve) => (releaseSmtp = resolve));
  const sent: string[] = [];
  setMailTransport({
    async sendMail(message: { to: string }) {
      await smtpBusy;
      sent.push(message.to);
      return {};
    },
  });

  const body = new FormData();
  for (const [k, v] of Object.entries({
    resumeChoice: "upload",
    coverLetter: "I keep mail flowing.",
    consent: "on",
    [`answer-${questionId}`]: "yes",
  }))
    body.append(k, v);
  body.append("resume", new File([new Uint8Array(PDF)], "CV.pdf", { type: "application/pdf" }));
  const request = new Request(`http://localhost/careers/${opening.slug}/apply`, {
    method: "POST",
    body,
    headers: { Cookie: `${SESSION_COOKIE}=${token}` },
  });
  const res = await call(action, request, { slug: opening.slug });

  // Acknowledged (committed, email durable in the outbox), nothing sent yet.
  expect(res.status).toBe(302);
  expect(res.location).toMatch(/^\/applications\/\d+\?submitted=1$/);
  const [mail] = db.select().from(s.outbox).all();
  expect(mail).toMatchObject({ to: user.email, sentAt: null });
  expect(sent).toEqual([]);

  releaseSmtp();
  await deliverOutbox(db);
  expect(sent).toEqual([user.email]);
  expect(db.select().from(s.outbox).get()!.sentAt).not.toBeNull();
});
