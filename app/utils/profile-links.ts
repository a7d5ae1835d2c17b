/**
 * The field schemas of a candidate's research links (homepage, ORCID iD,
 * Google Scholar, GitHub), shared by the profile page and the apply form.
 */
import { optionalTextField } from "~/utils/form-fields";

/** An optional http(s) link; empty means "none". */
export const optionalUrl = optionalTextField({ max: 500 })
  .refine((v) => {
    if (v === "") return true;
    try {
      const url = new URL(v);
      return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
    } catch {
      return false;
    }
  }, "Please enter a full web address starting with https://")
  .transform((v) => v || null);

/** ISO 7064 11,2 check digit, as ORCID defines it. */
export function isValidOrcid(id: string): boolean {
  if (!/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(id)) return false;
  const digits = id.replace(/-/g, "");
  let total = 0;
  for (const ch of digits.slice(0, 15)) total = (total + Number(ch)) * 2;
  const check = (12 - (total % 11)) % 11;
  return digits[15] === (check === 10 ? "X" : String(check));
}

/** An optional ORCID iD, given bare or as its orcid.org address; stored bare. */
export const optionalOrcid = optionalTextField({ max: 100 })
  .transform((v) => v.replace(/^https?:\/\/(www\.)?orcid\.org\//i, "").toUpperCase())
  .refine((v) => v === "" || isValidOrcid(v), "Please enter an ORCID iD like 0000-0002-1825-0097.")
  .transform((v) => v || null);
