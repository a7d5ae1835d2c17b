/**
 * /admin/people/import — people from a spreadsheet (CSV). Admins only.
 *
 * 1. The upload (multipart, at most 5 MB, cut off while streaming) is
 *    decoded, checked row by row and shown as a preview: nothing is written.
 *    The file itself is kept through the upload storage under a random name
 *    that the preview form carries (no `files` row: the sweep removes it an
 *    hour later if it is never imported).
 * 2. "Check again" (after ticking unknown labs and areas) and "Import" send
 *    only that name and the ticks: the server reads its own copy of the file
 *    and checks every row again, so nothing the browser sends is trusted as
 *    parsed data. The import writes in one transaction with one audit row,
 *    and only when no row is invalid.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { importPeople, planPeopleImport } from "~/models/people-import.server";
import recruitStyles from "~/styles/recruit.css";
import { readCsv } from "~/utils/csv-read.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import {
  deleteStoredFile,
  parseCsvUpload,
  readStoredFile,
  writeStoredFile,
} from "~/utils/uploads.server";
import { ImportPreview, UploadForm } from "./preview";
import { previewData } from "./preview-data.server";
import { ConfirmSchema } from "./schema";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: recruitStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Import people", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return null;
}

const EXPIRED =
  "This preview has expired or was already imported. Upload the file again to see a new preview.";

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireRole(request, "admin");
  const db = getDb();
  const uploadError = (status: number, error: string) =>
    data({ step: "upload" as const, error }, { status });

  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    const upload = await parseCsvUpload(request);
    if (!upload.ok) return uploadError(upload.status, upload.error);
    const read = readCsv(upload.bytes);
    if (!read.ok) return uploadError(400, read.error);
    const planned = planPeopleImport(db, read.records, { labs: [], areas: [] });
    if (!planned.ok) return uploadError(400, planned.error);
    const token = await writeStoredFile(upload.bytes, "csv");
    return data(
      previewData(planned.plan, {
        token,
        fileName: upload.originalName,
        encoding: read.encoding,
        delimiter: read.delimiter,
      }),
    );
  }

  const submission = parseWithZod(await requireFormData(request), { schema: ConfirmSchema });
  if (submission.status !== "success") return uploadError(400, EXPIRED);
  const { token, intent, createLab, createArea, fileName } = submission.value;
  const bytes = await readStoredFile(token);
  if (!bytes) return uploadError(400, EXPIRED);
  const read = readCsv(bytes);
  if (!read.ok) return uploadError(400, read.error);
  const create = { labs: createLab, areas: createArea };
  const about = { token, fileName, encoding: read.encoding, delimiter: read.delimiter };
  if (intent === "check") {
    const planned = planPeopleImport(db, read.records, create);
    if (!planned.ok) return uploadError(400, planned.error);
    return data(previewData(planned.plan, about));
  }
  const result = importPeople(db, read.records, create, {
    userId: admin.id,
    ip: getClientIp(context),
  });
  if (!result.ok) {
    if (!result.outcome.ok) return uploadError(400, result.outcome.error);
    return data(
      {
        ...previewData(result.outcome.plan, about),
        error: "Nothing was imported: correct the rows marked invalid first.",
      },
      { status: 400 },
    );
  }
  await deleteStoredFile(token);
  const c = result.counts;
  const done = new URLSearchParams({
    added: String(c.added),
    updated: String(c.updated),
    unchanged: String(c.unchanged),
    labs: String(c.labs),
    areas: String(c.areas),
  });
  throw redirect(`/admin/people/import?${done}`);
}

export default function ImportPeople() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const added = params.get("added");
  return (
    <div className="container">
      <header className="page-header">
        <p className="meta-line">
          <Link to="/admin/people">People</Link>
        </p>
        <h1>Import people</h1>
        <p className="lede">
          Add and update researchers from a spreadsheet saved as CSV. You see what would change
          before anything is saved.
        </p>
      </header>
      {added !== null ? (
        <p className="notice" role="status">
          Imported: {added} added, {params.get("updated") ?? 0} updated,{" "}
          {params.get("unchanged") ?? 0} unchanged
          {Number(params.get("labs")) || Number(params.get("areas"))
            ? `; ${params.get("labs") ?? 0} labs and ${params.get("areas") ?? 0} areas created`
            : ""}
          . <Link to="/admin/people">Back to people</Link>
        </p>
      ) : null}
      {actionData?.step === "preview" ? (
        <ImportPreview preview={actionData} />
      ) : (
        <UploadForm error={actionData?.step === "upload" ? actionData.error : null} />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
