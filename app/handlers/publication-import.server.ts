/**
 * The import actions shared by the candidate's and the admin's import pages:
 * a multipart "parse" (file or paste → entries, or a 400 with a message) and
 * an urlencoded "save" (the ticked entries, re-validated).
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { parsePublications } from "~/models/publication-import.server";
import { ImportedPublicationSchema, type ImportedPublication } from "~/utils/publication-entry";
import { requireFormData } from "~/utils/form-data.server";
import { parseTextUpload } from "~/utils/uploads.server";
import {
  ParseSchema,
  RemoveSchema,
  SaveSchema,
} from "~/components/letters/publication-import-schema";
import { invariantResponse } from "~/utils/misc";

export function isMultipart(request: Request) {
  return /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "");
}

/** Reads the upload or paste and parses it; a Conform reply with status 400 on any problem. */
export async function handleParse(request: Request) {
  const upload = await parseTextUpload(request, "file");
  const submission = parseWithZod(upload.formData ?? new FormData(), { schema: ParseSchema });
  const fail = (message: string, field: "file" | "paste" = "file") =>
    data(
      { ...submission.reply({ fieldErrors: { [field]: [message] } }), step: "import" as const },
      { status: 400 },
    );
  if (!upload.ok) return { problem: fail(upload.error) };
  if (submission.status !== "success")
    return { problem: data({ ...submission.reply(), step: "import" as const }, { status: 400 }) };
  const text = upload.text ?? submission.value.paste;
  if (upload.text === null && !submission.value.paste)
    return { problem: fail("Choose a file or paste BibTeX.") };
  const parsed = await parsePublications(text);
  if (!parsed.ok) return { problem: fail(parsed.error, upload.text === null ? "paste" : "file") };
  return { entries: parsed.entries, problems: parsed.problems };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The ticked entries of a save, each checked again as the reader would have made it, or a 400. */
export async function handleSaveOrRemove(request: Request) {
  const formData = await requireFormData(request);
  if (formData.get("intent") === "remove") {
    const s = parseWithZod(formData, { schema: RemoveSchema });
    invariantResponse(s.status === "success", "Bad request");
    return { remove: s.value.id } as const;
  }
  const s = parseWithZod(formData, { schema: SaveSchema });
  invariantResponse(s.status === "success", "The list could not be read.");
  const chosen: ImportedPublication[] = [];
  for (const e of s.value.entries) {
    if (!e.selected) continue;
    const entry = ImportedPublicationSchema.safeParse(parseJson(e.data));
    invariantResponse(entry.success, "The list could not be read.");
    chosen.push(entry.data);
  }
  return { chosen } as const;
}
