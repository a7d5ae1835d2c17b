/**
 * Reading form posts safely, and the field schemas the account forms share.
 *
 * Input arrives as whatever an attacker sends: a field may be missing, sent
 * twice, be a file, be a megabyte long, or not be a form at all. `parseForm`
 * turns all of that into a 400 with a message beside the field (never a 500),
 * and hands back what was typed — except password fields — so the form can
 * show it again.
 */
import { data } from "@remix-run/node";
import { z } from "zod";
import { safeRedirect } from "./redirect";

/** Bodies above this are refused outright (a 1 MB field still gets a friendly 400). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** How much of a typed value is sent back to the form. */
const ECHO_MAX = 1000;

export type FieldErrors = Partial<Record<string, string[]>>;
export type FormFailure = {
  ok: false;
  fieldErrors: FieldErrors;
  formErrors: string[];
  values: Record<string, string>;
};

/** A zod error message that says why a field is not plain text. */
function textError(requiredMessage: string) {
  return (issue: { input?: unknown }) => {
    if (issue.input === undefined) return requiredMessage;
    if (Array.isArray(issue.input)) return "This field was sent more than once. Send it once.";
    return "This field must be text.";
  };
}

/** A required text field: trimmed, NFC-normalised, with messages for missing, duplicated and non-text input. */
export function textField(requiredMessage: string) {
  return z
    .string({ error: textError(requiredMessage) })
    .trim()
    .normalize("NFC")
    .min(1, { error: requiredMessage, abort: true });
}

// Control characters and bidirectional overrides (which can disguise a name) are refused.
// eslint-disable-next-line no-control-regex
const ODD_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** A person's name: 1–100 characters, no control or direction-changing characters. */
export const NameSchema = textField("Enter your name.")
  .max(100, { error: "Use at most 100 characters.", abort: true })
  .refine((v) => !ODD_CHARACTERS.test(v), "Use letters, spaces and punctuation only (no control characters).");

/** An email address: trimmed, NFC, lower-cased, at most 254 characters. */
export const EmailSchema = textField("Enter your email address.")
  .toLowerCase()
  .max(254, { error: "Use at most 254 characters.", abort: true })
  .pipe(z.email("Enter a valid email address, like name@example.com."));

/** A password as typed (not trimmed: spaces count). The policy is checked separately. */
export function passwordField(requiredMessage = "Enter your password.") {
  return z
    .string({ error: textError(requiredMessage) })
    .min(1, { error: requiredMessage, abort: true })
    // Longer than any acceptable password: refuse before hashing megabytes.
    .max(1000, { error: "Use at most 128 characters.", abort: true });
}

/** `redirectTo`: whatever was sent, reduced to a same-origin path ("/" otherwise). */
export const RedirectToSchema = z.unknown().transform((v) => safeRedirect(v));

/**
 * The form data of a request, or null when the body is not a readable form.
 * Bodies over MAX_BODY_BYTES answer 413, whether they declare a Content-Length
 * or arrive chunked without one (the bytes are counted as they are read).
 */
export async function readFormData(request: Request, maxBytes = MAX_BODY_BYTES): Promise<FormData | null> {
  const tooLarge = () => new Response("The form is too large.", { status: 413 });
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > maxBytes) throw tooLarge();
  if (!request.body) return null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        void reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    return null;
  }
  try {
    const contentType = request.headers.get("Content-Type") ?? "";
    return await new Response(Buffer.concat(chunks), { headers: { "Content-Type": contentType } }).formData();
  } catch {
    return null;
  }
}

/** One value per field; an array when a field was sent more than once (schemas refuse arrays). */
export function formObject(formData: FormData, names: readonly string[]) {
  const out: Record<string, FormDataEntryValue | FormDataEntryValue[] | undefined> = {};
  for (const name of names) {
    const all = formData.getAll(name);
    out[name] = all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
  }
  return out;
}

/** What was typed into the non-secret fields, to put back into the form. */
export function echoValues(formData: FormData | null, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  if (!formData) return values;
  for (const name of names) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value.slice(0, ECHO_MAX);
  }
  return values;
}

type ParseResult<T> = { ok: true; data: T; formData: FormData } | FormFailure;

/**
 * Parses a posted form with `schema`. `keep` names the fields whose typed
 * value is sent back on failure (never list a password here).
 */
export async function parseForm<S extends z.ZodObject>(
  request: Request,
  schema: S,
  keep: readonly string[],
): Promise<ParseResult<z.output<S>>> {
  return parseFormData(await readFormData(request), schema, keep);
}

/** parseForm for form data already read (e.g. after looking at an `intent` field). */
export function parseFormData<S extends z.ZodObject>(
  formData: FormData | null,
  schema: S,
  keep: readonly string[],
): ParseResult<z.output<S>> {
  if (!formData) {
    return { ok: false, fieldErrors: {}, formErrors: ["The form could not be read. Please try again."], values: {} };
  }
  const result = schema.safeParse(formObject(formData, Object.keys(schema.shape)));
  if (!result.success) {
    const flat = z.flattenError(result.error);
    return {
      ok: false,
      fieldErrors: flat.fieldErrors as FieldErrors,
      formErrors: flat.formErrors,
      values: echoValues(formData, keep),
    };
  }
  return { ok: true, data: result.data, formData };
}

/** A failed form as an HTTP response (400 unless told otherwise). */
export function formFailure(
  failure: Omit<FormFailure, "ok"> & { ok?: false },
  init: { status?: number; headers?: Record<string, string> } = {},
) {
  return data<FormFailure>({ ...failure, ok: false }, { status: init.status ?? 400, headers: init.headers });
}
