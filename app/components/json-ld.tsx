import { jsonForScript } from "~/utils/json-ld";

/**
 * schema.org structured data for crawlers. Pages build `data` in the
 * component from the loader data they already show, so the loader never
 * sends the same facts twice (once to render, once as JSON-LD).
 * A data block, not a script: jsonForScript escapes every `<`.
 */
export function JsonLd({ data }: { data: unknown }) {
  return (
    <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
  );
}
