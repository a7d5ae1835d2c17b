/**
 * The one way Atrium sends email. Every message is a kind from
 * app/emails/registry.ts, rendered from its stored template into a subject, a
 * plain-text part and an HTML part (app/emails/templates.server.ts), and
 * written to the `outbox` table — inside the caller's transaction when there
 * is one, so an email exists exactly when the change it announces was
 * committed. When SMTP_URL is set, `deliverOutbox()` then sends unsent
 * messages with nodemailer as multipart/alternative (text and HTML, plus a
 * text/calendar part and attachment for invitations) and records the result;
 * each process (worker) claims the messages it sends, so a message goes out
 * once whichever worker sends it. Admins read the outbox at /admin/outbox;
 * tests read it directly.
 */
import { eq, sql } from "drizzle-orm";
import { outbox } from "../../db/schema";
import type { OutgoingEmail } from "~/emails/kind";
import { composeEmail } from "~/emails/templates.server";
import type { DB, Writer } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { coalesced, type Runs } from "~/utils/coalesce";
import { preparedForWriter } from "~/utils/prepared.server";

/** Prepared once per connection: every application and most staff actions queue mail. */
const writes = preparedForWriter((db) => ({
  queue: db
    .insert(outbox)
    .values({
      to: sql.placeholder("to"),
      subject: sql.placeholder("subject"),
      text: sql.placeholder("text"),
      html: sql.placeholder("html"),
      kind: sql.placeholder("kind"),
      locale: sql.placeholder("locale"),
      calendar: sql.placeholder("calendar"),
    })
    .returning({ id: outbox.id })
    .prepare(),
}));

/**
 * Renders a message and writes it to the outbox (synchronously: safe inside a
 * better-sqlite3 transaction). Returns the outbox row's id.
 */
export function queueEmail(db: Writer, email: OutgoingEmail): number {
  const message = composeEmail(db, email);
  const row = writes(db).queue.get({
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    kind: message.kind,
    locale: message.locale,
    calendar: message.calendar,
  });
  return row!.id;
}

/** The METHOD line of an .ics text (REQUEST unless it says otherwise). */
function calendarMethod(ics: string): string {
  return /^METHOD:([A-Z-]+)\r?$/m.exec(ics)?.[1] ?? "REQUEST";
}

/** What nodemailer is given for one message (see mailOptions). */
export type MailOptions = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  alternatives?: Array<{ contentType: string; content: string }>;
  attachments?: Array<{ filename: string; contentType: string; content: string }>;
};

/**
 * The message as nodemailer builds it: multipart/alternative with the text
 * and the HTML part. An invitation's .ics goes in twice, as calendar clients
 * expect: as a third alternative (which Outlook and Gmail read as the
 * invitation) and as an `invite.ics` attachment, both typed
 * `text/calendar; charset=utf-8; method=…` with the file's own METHOD (not
 * nodemailer's icalEvent, which types the attachment application/ics).
 */
export function mailOptions(
  message: Pick<typeof outbox.$inferSelect, "to" | "subject" | "text" | "html" | "calendar">,
  from: string = getEnv().MAIL_FROM,
): MailOptions {
  const options: MailOptions = {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
  };
  if (message.html) options.html = message.html;
  if (message.calendar) {
    const method = calendarMethod(message.calendar);
    const contentType = `text/calendar; charset=utf-8; method=${method}`;
    options.alternatives = [{ contentType, content: message.calendar }];
    options.attachments = [
      {
        filename: method === "CANCEL" ? "cancel.ics" : "invite.ics",
        contentType,
        content: message.calendar,
      },
    ];
  }
  return options;
}

type Transport = { sendMail(message: MailOptions): Promise<unknown> };
/** The transport for the SMTP_URL it was made from (none without one). */
let transport: { url: string | undefined; transport: Transport | null } | undefined;
/** For tests: a transport used instead of SMTP_URL's (undefined: back to SMTP_URL). */
let testTransport: Transport | undefined;

async function getTransport(): Promise<Transport | null> {
  if (testTransport) return testTransport;
  const url = getEnv().SMTP_URL;
  if (transport && transport.url === url) return transport.transport;
  if (!url) {
    transport = { url, transport: null };
    return null;
  }
  const nodemailer = await import("nodemailer");
  transport = { url, transport: nodemailer.createTransport(url) };
  return transport.transport;
}

/** For tests: send through `t` instead of SMTP_URL's transport (undefined restores it). */
export function setMailTransport(t: Transport | undefined) {
  testTransport = t;
}

/**
 * Sends every unsent outbox message when SMTP is configured (a no-op
 * otherwise). Call it after the transaction that queued mail has committed;
 * it never throws — failures are recorded on the message.
 *
 * One delivery pass runs at a time per process: a call during a pass gets
 * the next pass (which starts when the current one ends and sees what was
 * committed meanwhile), so concurrent requests neither send a message twice
 * nor each walk the outbox. The promise settles when a pass that started
 * after the call has finished. The message is durable in the outbox before
 * this is called, so a request need not wait for SMTP: the apply form
 * answers at once and lets the pass run.
 */
export const deliverOutbox: (db: DB) => Promise<void> = coalesced(new WeakMap<DB, Runs>(), (db) =>
  deliveryPass(db),
);

/** At most this many messages are claimed per query of a pass. */
const PAGE = 50;

/** A claim older than this belongs to a pass that died mid-send; another pass may take the message. */
export const CLAIM_MS = 10 * 60_000;

/**
 * Takes up to PAGE unsent, unclaimed messages for this pass, oldest first, in
 * one UPDATE … RETURNING: SQLite runs it under the write lock, so two
 * processes (workers) never take the same message. A message whose pass died
 * after its claim is sent once its claim is CLAIM_MS old: possibly twice if
 * the dead pass had already handed it to SMTP, never zero times.
 */
function claimPage(db: DB, now: number) {
  return db
    .update(outbox)
    .set({ claimedAt: now })
    .where(
      sql`${outbox.id} IN (SELECT id FROM outbox WHERE sent_at IS NULL AND error IS NULL
        AND (claimed_at IS NULL OR claimed_at <= ${now - CLAIM_MS}) ORDER BY id LIMIT ${PAGE})`,
    )
    .returning()
    .all()
    .sort((a, b) => a.id - b.id);
}

async function deliveryPass(db: DB): Promise<void> {
  let smtp: Transport | null;
  try {
    smtp = await getTransport();
  } catch (error) {
    console.warn(
      `[mailer] no transport: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  if (!smtp) return;
  for (;;) {
    let pending;
    try {
      pending = claimPage(db, Date.now());
    } catch (error) {
      // A busy or read-only database: the next pass tries again.
      console.warn(
        `[mailer] could not read the outbox: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    for (const message of pending) await deliver(db, smtp, message);
    if (pending.length < PAGE) return;
  }
}

async function deliver(db: DB, smtp: Transport, message: typeof outbox.$inferSelect) {
  try {
    await smtp.sendMail(mailOptions(message));
    db.update(outbox).set({ sentAt: Date.now() }).where(eq(outbox.id, message.id)).run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    try {
      db.update(outbox)
        .set({ error: reason.slice(0, 500) })
        .where(eq(outbox.id, message.id))
        .run();
    } catch {
      // Tried again once its claim is CLAIM_MS old.
    }
    console.warn(`[mailer] delivery of message ${message.id} failed: ${reason}`);
  }
}
