import { readFormData } from "~/utils/forms.server";

/** Row indexes in field names (`questions[3].label`, `items[2]`) above this are refused. */
const MAX_ROW_INDEX_DIGITS = 3;

function badRequest(message: string) {
  return new Response(message, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * The posted form, for actions that take url-encoded or small multipart forms.
 * `request.formData()` throws a TypeError (a 500) for a JSON or plain-text body
 * and buffers any size; this answers 400 and 413 instead. It also refuses
 * field names with a huge row index (`questions[50000000].label`): Conform
 * turns them into a sparse array of that length, and validating it blocks the
 * server for seconds.
 */
export async function requireFormData(request: Request): Promise<FormData> {
  const formData = await readFormData(request);
  if (!formData)
    throw badRequest("The form could not be read. Please reload the page and try again.");
  for (const key of formData.keys()) {
    for (const match of key.matchAll(/\[(\d+)\]/g)) {
      if (match[1].length > MAX_ROW_INDEX_DIGITS)
        throw badRequest("The form has more rows than it can take.");
    }
  }
  return formData;
}
