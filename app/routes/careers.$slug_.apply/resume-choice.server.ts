/** Which resume an application uses: the file just uploaded, or the profile's saved one. */
import {
  SCAN_PROBLEMS,
  uploadProblemStatus,
  type StoredUpload,
  type TextPart,
  type UploadProblem,
} from "~/utils/uploads.server";
import type { requireOpenOpening } from "./queries.server";
import { NOT_A_PDF } from "./schema";

type Opening = ReturnType<typeof requireOpenOpening>;
export type Parsed = {
  formData: FormData;
  upload: StoredUpload | null;
  problem: UploadProblem | null;
  textFile?: TextPart;
};
export type Context = Opening & Parsed & { request: Request; ip: string; origin: string };
type Resume = { fileId: number } | { upload: StoredUpload; saveToProfile: boolean };

const UPLOAD_PROBLEMS: Record<UploadProblem, string> = {
  not_pdf: NOT_A_PDF,
  unsafe_pdf:
    "That PDF contains scripts, attachments or launch actions, which we do not accept. Please export it again as a plain PDF.",
  empty: "That file is empty. Please choose your resume again.",
  ...SCAN_PROBLEMS,
};

/**
 * The resume this submission uses, or the message saying what is missing and
 * the status to answer with (503 when the file could not be scanned).
 */
export function chooseResume(
  { formData, upload, problem }: Parsed,
  saved: { fileId: number } | null,
  saveToProfile: boolean,
): { resume: Resume | null; error: string | null; status: 400 | 503 } {
  if (problem)
    return { resume: null, error: UPLOAD_PROBLEMS[problem], status: uploadProblemStatus(problem) };
  // A chosen file wins over the "saved resume" radio: without JavaScript the
  // radio cannot follow the file input, and picking a file is the clearer intent.
  if (upload) return { resume: { upload, saveToProfile }, error: null, status: 400 };
  if (formData.get("resumeChoice") === "saved" && saved)
    return { resume: { fileId: saved.fileId }, error: null, status: 400 };
  return {
    status: 400,
    resume: null,
    error: saved
      ? "Please choose a PDF file, or use your saved resume."
      : "Please choose your resume (a PDF file).",
  };
}
