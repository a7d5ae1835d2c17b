/**
 * Reading email as a mail client does: an outbox row turned into the MIME
 * message nodemailer sends (the same options as delivery), parsed back by
 * mailparser, an independent parser. For *.test.ts files only.
 */
import nodemailer from "nodemailer";
import { simpleParser, type ParsedMail } from "mailparser";
import type { outbox } from "../db/schema";
import { mailOptions } from "~/emails/mailer.server";

type OutboxRow = typeof outbox.$inferSelect;

/** The raw MIME message delivery would send for `row`. */
async function mimeOf(
  row: Pick<OutboxRow, "to" | "subject" | "text" | "html" | "calendar">,
): Promise<Buffer> {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "\r\n",
  });
  const info = await transport.sendMail(
    mailOptions(row, "Northlight Research <careers@northlight.test>"),
  );
  return info.message as Buffer;
}

/** `row` as a mail client reads it. */
export async function parsedMail(
  row: Pick<OutboxRow, "to" | "subject" | "text" | "html" | "calendar">,
): Promise<{ raw: string; mail: ParsedMail }> {
  const raw = await mimeOf(row);
  return { raw: raw.toString("utf8"), mail: await simpleParser(raw) };
}

/** The media type of a parsed part with its parameters: "text/calendar; charset=utf-8; method=REQUEST". */
export function mediaType(headers: ParsedMail["headers"]): string {
  const value = headers.get("content-type") as
    { value: string; params: Record<string, string> } | undefined;
  if (!value) return "";
  const params = Object.entries(value.params)
    .filter(([k]) => k !== "name")
    .map(([k, v]) => `${k}=${v}`);
  return [value.value, ...params].join("; ");
}

/** Every href in an HTML document. */
export function hrefsOf(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) =>
    m[1].replace(/&amp;/g, "&").replace(/&quot;/g, '"'),
  );
}

/** A small calendar object with `method`, in the shape the interview invitations have. */
export function sampleIcs(method: "REQUEST" | "CANCEL" = "REQUEST"): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Northlight Research//Atrium//EN",
    `METHOD:${method}`,
    "BEGIN:VEVENT",
    "UID:interview-test@atrium",
    "SEQUENCE:0",
    "DTSTAMP:20261201T090000Z",
    "DTSTART:20261210T130000Z",
    "DTEND:20261210T140000Z",
    "SUMMARY:Technical interview",
    ...(method === "CANCEL" ? ["STATUS:CANCELLED"] : []),
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}
