// The part of jsonld.js (9.x) the tests use. The package ships no types, and
// the community ones describe an older API without safe mode.
declare module "jsonld" {
  export type RemoteDocument = {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  };
  export type ExpandedNode = { [key: string]: unknown };
  const jsonld: {
    expand(
      input: unknown,
      options?: {
        documentLoader?: (url: string) => Promise<RemoteDocument>;
        /** Fail on anything expansion would drop or could not express, instead of dropping it. */
        safe?: boolean;
        base?: string | null;
      },
    ): Promise<ExpandedNode[]>;
  };
  export default jsonld;
}
