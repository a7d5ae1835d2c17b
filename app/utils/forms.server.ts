/**
 * Reading a form post's body safely: a size cap counted as the bytes arrive,
 * and null (a 400 upstream, in app/utils/form-data.server.ts's
 * requireFormData) for a body that is not a form. Validation itself is Conform
 * with the schema beside each route.
 */

/** Bodies above this are refused outright (a 1 MB field still gets a friendly 400). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
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

/** How much of a typed value a reply sends back to the form. */
const ECHO_MAX = 1000;

/**
 * A Conform reply whose echoed values are cut to ECHO_MAX characters, so a
 * megabyte typed into a field is not sent back (and rendered) in full.
 */
export function boundedReply<R extends { initialValue?: Record<string, unknown> | null }>(
  reply: R,
): R {
  if (!reply.initialValue) return reply;
  const cut = (value: unknown): unknown =>
    typeof value === "string"
      ? value.slice(0, ECHO_MAX)
      : Array.isArray(value)
        ? value.map(cut)
        : value;
  return {
    ...reply,
    initialValue: Object.fromEntries(
      Object.entries(reply.initialValue).map(([name, value]) => [name, cut(value)]),
    ),
  };
}
