/**
 * Reading form posts safely (the field schemas they use are in ./form-fields).
 *
 * Input arrives as whatever an attacker sends: a field may be missing, sent
 * twice, be a file, be a megabyte long, or not be a form at all. `parseForm`
 * turns all of that into a 400 with a message beside the field (never a 500),
 * and hands back what was typed — except password fields — so the form can
 * show it again.
 */
import { data } from "@remix-run/node";
import { z } from "zod";

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

/**
 * The form data of a request, or null when the body is not a readable form.
 * Bodies over MAX_BODY_BYTES answer 413, whether they declare a Content-Length
 * or arrive chunked without one (the bytes are counted as they are read).
 */
export async function readFormData(
  request: Request,
  maxBytes = MAX_BODY_BYTES,
): Promise<FormData | null> {
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
    return await new Response(Buffer.concat(chunks), {
      headers: { "Content-Type": contentType },
    }).formData();
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
export function echoValues(
  formData: FormData | null,
  names: readonly string[],
): Record<string, string> {
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
    return {
      ok: false,
      fieldErrors: {},
      formErrors: ["The form could not be read. Please try again."],
      values: {},
    };
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
  return data<FormFailure>(
    { ...failure, ok: false },
    { status: init.status ?? 400, headers: init.headers },
  );
}
