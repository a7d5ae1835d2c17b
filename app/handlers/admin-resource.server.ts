/**
 * The save step of the admin directory editors (areas, labs, programs, events,
 * tools), shared by their "new" and "edit" routes. Each route still checks who
 * asks, reads the body, finds the row and handles its delete intent itself;
 * this only turns a posted form into a model call and the model's answer into
 * a response, so every editor answers invalid input the same way.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { getClientIp } from "~/auth/client-ip.server";

/** What a directory model's save returns: the saved row's id, or errors to show on the form. */
type SaveOutcome =
  { ok: true; id: number } | { ok: false; errors: Record<string, string[]>; formErrors?: string[] };

/** The audit actor (who and from where) of a signed-in admin's request. */
export function adminActor(user: { id: number }, context: AppLoadContext) {
  return { userId: user.id, ip: getClientIp(context) };
}

/**
 * Parses `formData` with the resource's schema, saves the value through the
 * model and redirects to `savedTo(id)`. An invalid form, or one a database
 * rule refused (a name already taken, a skipped hour), goes back to the form
 * with status 400 and nothing written.
 */
export function saveResourceForm<Schema extends z.ZodType>(
  formData: FormData,
  schema: Schema,
  save: (value: z.output<Schema>) => SaveOutcome,
  savedTo: (id: number) => string,
) {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = save(submission.value);
  if (!saved.ok)
    return data(submission.reply({ fieldErrors: saved.errors, formErrors: saved.formErrors }), {
      status: 400,
    });
  return redirect(savedTo(saved.id));
}
