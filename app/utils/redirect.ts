/**
 * Where to send someone after they sign in. `redirectTo` comes from the query
 * string, so an attacker can craft it: only a path on this site is honoured,
 * anything else (another host, a scheme, a protocol-relative or backslash
 * trick, control characters, or an encoded form of those) falls back.
 */
const BASE = "http://atrium.invalid";
// Browsers strip tabs and newlines from URLs and treat "\" like "/", so both are refused outright.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f\\]|\s/;

/** Returns `to` when it is a same-origin path (e.g. "/account?tab=1"), else `fallback`. */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  if (UNSAFE_CHARS.test(to)) return fallback;
  // Decode a few layers so that "/%2F%2Fevil" or "/%5Cevil" cannot sneak through a later decode.
  let decoded = to;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (next === decoded) break;
    decoded = next;
  }
  if (decoded.startsWith("//") || UNSAFE_CHARS.test(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // Dot segments collapse while parsing ("/.//evil", "/a/..//evil" become "//evil"),
  // so the normalised path is checked again: it must not be protocol-relative.
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith("//")) return fallback;
  return path;
}
