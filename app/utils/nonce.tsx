import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

/** Provides the per-request CSP nonce to the document (set in entry.server). */
export const NonceProvider = NonceContext.Provider;

/** The CSP nonce for inline scripts; empty in the browser. */
export function useNonce(): string {
  return useContext(NonceContext);
}
