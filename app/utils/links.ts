/**
 * The rules for the external links a researcher profile shows, as plain
 * functions: the profile form's schema (researcher-form.tsx) and the model
 * that copies a hired candidate's links (researcher-admin.server.ts) apply
 * the same ones.
 */

export const MAX_LINK_LENGTH = 300;

/** A full http(s) address without white space, at most 300 characters. */
export function isWebAddress(value: string): boolean {
  return value.length <= MAX_LINK_LENGTH && /^https?:\/\/[^\s]+$/i.test(value);
}

/** An ORCID iD written as 0000-0002-1825-0097 (the last character may be X). */
export function isOrcidId(value: string): boolean {
  return /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(value);
}
