/**
 * Referees and publications sent with an application. They are checked
 * before anything is written (a problem is a 400 naming the field or the
 * referee's row) and written by the models' own writers inside the
 * transaction that writes the application: writeReferees (the rows, the
 * events and the referees' emails in the outbox, exactly as when the
 * candidate names them later) and writeCandidatePublications (the profile
 * list, duplicates merged as on /account/profile/publications).
 */
import { describeRefusal } from "~/auth/message-limits.server";
import { retryAfter } from "~/auth/throttle.server";
import {
  parsePublications,
  writeCandidatePublications,
  type ImportedPublication,
} from "~/models/publication-import.server";
import { writeReferees, type RefereeInput, type RefereeOutcome } from "~/models/reference.server";
import type { Writer } from "~/utils/db.server";
import type { TextPart } from "~/utils/uploads.server";
import { selfRefereeMessage } from "./extras-schema";

export type ApplyExtras = { referees: RefereeInput[]; publications: ImportedPublication[] };

type ExtrasCheck =
  { ok: true; extras: ApplyExtras } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * The referees and the parsed publications of a valid submission, or field
 * errors: a referee with the candidate's own email, an unreadable file, or a
 * list the parser refuses (its message, on the file or the paste field).
 */
export async function checkExtras(
  value: {
    referees: Array<RefereeInput & { index: number }>;
    publicationsPaste: string | undefined;
  },
  textFile: TextPart | undefined,
  candidateEmail: string,
): Promise<ExtrasCheck> {
  const fieldErrors: Record<string, string[]> = {};
  const self = candidateEmail.toLowerCase();
  for (const r of value.referees) {
    if (r.email === self) fieldErrors[`referees[${r.index}].email`] = [selfRefereeMessage(r.index)];
  }
  let publications: ImportedPublication[] = [];
  const field = textFile?.ok && textFile.text !== null ? "publicationsFile" : "publicationsPaste";
  if (textFile && !textFile.ok) {
    fieldErrors.publicationsFile = [textFile.error];
  } else {
    // A chosen file wins over the paste, as on the profile's import page.
    const text = (textFile?.ok ? textFile.text : null) ?? value.publicationsPaste ?? "";
    if (text.trim()) {
      const parsed = await parsePublications(text);
      if (parsed.ok) publications = parsed.entries;
      else fieldErrors[field] = [`Publications: ${parsed.error}`];
    }
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const referees = value.referees.map(({ name, email, relationship }) => ({
    name,
    email,
    relationship,
  }));
  return { ok: true, extras: { referees, publications } };
}

/** Thrown inside the apply transaction to roll it back when the referee rules refuse the list. */
export class RefereesRefused extends Error {
  constructor(readonly outcome: Exclude<RefereeOutcome, { kind: "ok" }>) {
    super(`Referees refused: ${outcome.kind}`);
  }
}

/**
 * The message for a refused referee list: a message limit (with its count),
 * or a rule that only a race could reach (the form checked the same rules).
 */
export function refusedMessage(e: RefereesRefused) {
  if (e.outcome.kind === "limited") return describeRefusal(e.outcome.refusal);
  return e.outcome.kind === "duplicate" || e.outcome.kind === "self"
    ? "Each referee needs their own email address, other than yours."
    : "The referees could not be saved with this application. Please check them and submit again.";
}

/** The status of a refused referee list: 429 with Retry-After for a message limit, else 400. */
export function refusedInit(e: RefereesRefused): ResponseInit {
  return e.outcome.kind === "limited"
    ? { status: 429, headers: retryAfter(e.outcome.refusal.waitMs) }
    : { status: 400 };
}

/** Writes the referees and publications of a new application, in the caller's transaction. */
export function writeExtras(
  tx: Writer,
  input: {
    candidate: { id: number; name: string; email: string };
    applicationId: number;
    extras: ApplyExtras;
    origin: string;
  },
) {
  const { referees, publications } = input.extras;
  if (referees.length) {
    const outcome = writeReferees(tx, {
      candidate: input.candidate,
      applicationId: input.applicationId,
      referees,
      origin: input.origin,
    });
    if (outcome.kind !== "ok") throw new RefereesRefused(outcome);
  }
  if (publications.length) writeCandidatePublications(tx, input.candidate.id, publications);
}
