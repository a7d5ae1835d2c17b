/**
 * JSON for an inline <script type="application/ld+json">. `<`, `>` and `&`
 * become unicode escapes, so text such as "</script>" in a name or a bio can
 * never end the element early; U+2028/2029 are escaped for old JavaScript
 * parsers. The data reads back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
