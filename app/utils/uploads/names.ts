/** File names as people see them: the uploader's name as display text, and download headers. */

/**
 * The uploader's file name as safe display text: no directories, no control
 * or bidi-override characters, at most 120 characters, never empty.
 */
export function displayFileName(name: string | null | undefined, fallback = "resume.pdf"): string {
  const base = (name ?? "").split(/[/\\]/).pop() ?? "";
  const clean = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (!clean) return fallback;
  if (clean.length <= 120) return clean;
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 ? clean.slice(dot).slice(0, 10) : "";
  return clean.slice(0, 120 - ext.length) + ext;
}

/** `attachment` (or `inline`) with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(
  name: string,
  type: "attachment" | "inline" = "attachment",
): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
