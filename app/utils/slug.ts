/** Turns any text into a URL slug: lower-case ASCII words joined by hyphens. */
export function slugify(input: string): string {
  return input
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}

/** True when `value` is a well-formed slug (what our routes accept before a lookup). */
export function isSlug(value: string | undefined): value is string {
  return (
    typeof value === "string" && value.length <= 120 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)
  );
}

/** Returns `base`, or `base-2`, `base-3`… — the first one `taken` does not report as used. */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  const root = slugify(base) || "item";
  if (!taken(root)) return root;
  for (let n = 2; ; n++) {
    const candidate = `${root}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
