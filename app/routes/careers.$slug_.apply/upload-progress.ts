/**
 * Browser-only progressive enhancement for the apply form: fetch() cannot
 * report upload progress, so with JavaScript the route's clientAction sends the
 * same multipart POST with XMLHttpRequest and broadcasts the percentage. The
 * server answers exactly as it does to a plain form post (a redirect, or the
 * page with errors), so nothing server-side depends on JavaScript.
 */
import type { SubmissionResult } from "@conform-to/react";
import { useEffect, useState } from "react";

const PROGRESS_EVENT = "atrium:upload-progress";

export type XhrResult = { status: number; url: string; doc: Document | null };

/** POSTs `body` to `url`, reporting upload progress (0–100) as a window event. */
export function postWithProgress(url: string, body: FormData): Promise<XhrResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "document";
    xhr.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable) return;
      const percent = Math.min(100, Math.round((event.loaded / event.total) * 100));
      window.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: percent }));
    });
    xhr.addEventListener("load", () =>
      resolve({ status: xhr.status, url: xhr.responseURL, doc: xhr.responseXML }),
    );
    xhr.addEventListener("error", () => reject(new Error("The upload did not reach the server.")));
    xhr.addEventListener("abort", () => reject(new Error("The upload was interrupted.")));
    xhr.send(body);
  });
}

/**
 * The Conform reply the server rendered into the page it answered with a 400:
 * the hidden `#apply-result` element's `data-result` (see apply-form.tsx).
 */
export function readRenderedResult(doc: Document | null): SubmissionResult<string[]> | null {
  const raw = doc?.getElementById("apply-result")?.getAttribute("data-result");
  if (!raw) return null;
  try {
    const result: SubmissionResult<string[]> = JSON.parse(raw);
    return result;
  } catch {
    return null;
  }
}

/** The latest upload percentage broadcast by clientAction, while submitting. */
export function useUploadProgress(submitting: boolean) {
  const [progress, setProgress] = useState<number | null>(null);
  useEffect(() => {
    if (!submitting) {
      setProgress(null);
      return;
    }
    const onProgress = (event: Event) => setProgress((event as CustomEvent<number>).detail);
    window.addEventListener(PROGRESS_EVENT, onProgress);
    return () => window.removeEventListener(PROGRESS_EVENT, onProgress);
  }, [submitting]);
  return progress;
}
