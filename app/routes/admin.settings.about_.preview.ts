/**
 * POST /admin/settings/about/preview — the about page's Markdown blocks
 * rendered as the page will show them, for the editor's live preview (with
 * JavaScript; without it the editor's own Preview button does the same).
 * Admins only; stores nothing. Answers JSON.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/auth.server";
import { requireFormData } from "~/utils/form-data.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { PreviewSchema } from "~/components/settings/about-schema";

export async function action({ request }: ActionFunctionArgs) {
  requireRole(request, "admin");
  const submission = parseWithZod(await requireFormData(request), { schema: PreviewSchema });
  if (submission.status !== "success")
    return Response.json({ errors: submission.error }, { status: 400 });
  return Response.json({
    aboutLens: renderMarkdown(submission.value.aboutLens),
    aboutValues: renderMarkdown(submission.value.aboutValues),
  });
}
