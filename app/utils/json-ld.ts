/**
 * JSON for an inline <script type="application/ld+json">: `<` and the two
 * JavaScript line separators are escaped, so text such as "</script>" in a
 * name or a bio cannot end the element early.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
