/**
 * The part of citation-js's API that Atrium uses. citation-js 0.7 (the last
 * line that supports Node 20; 0.8+ needs Node 22) ships no type declarations.
 */
declare module "@citation-js/core" {
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    /** The parsed entries as CSL-JSON. */
    data: unknown[];
    format(
      format: "bibtex" | "biblatex" | "data",
      options?: { format?: "text" | "object" },
    ): unknown;
  }
}
declare module "@citation-js/plugin-bibtex";
