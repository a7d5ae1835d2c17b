/**
 * The security headers, in one place: every response the server sends
 * carries them, whatever produced it (a page, a resource route, a static
 * file, a refusal, a cached page). Express middleware sets them before
 * anything else runs, so no route has to remember them; routes never set
 * them themselves (Remix's Express adapter would add a second value).
 *
 * A few answers differ from the rest, decided here by their URL:
 * - a URL carrying a secret in `?token=` (password reset, referee upload)
 *   sends no Referer at all, so the token never leaves in one;
 * - the résumé our staff review page shows in a frame may be framed by this
 *   origin;
 * - an email's HTML part, shown to admins in a frame on the outbox page,
 *   gets a policy of its own: its inline styles and nothing else, sandboxed.
 *
 * Pages run inline scripts only with the request's nonce (`res.locals.cspNonce`,
 * handed to Remix in the load context); the page cache replaces the nonce
 * with the hashes of a stored page's scripts.
 */
import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import { getEnv } from "./env.server";

/** Headers with one value for every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Browsers ignore HSTS over plain http (local runs); over https it keeps visitors on https.
  "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
  "X-Content-Type-Options": "nosniff",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
};

/** The document default; token URLs send none (see tokenInUrl). */
const REFERRER_POLICY = "strict-origin-when-cross-origin";

/** Files our own pages show in an <iframe> (the résumé preview on the review page). */
const FRAMEABLE = /^\/recruit\/applications\/\d+\/resume$/;

/**
 * An email's HTML part, framed by our pages: an outbox message
 * (admin.outbox_.$id.html.ts) or a template's preview (admin.email-templates.$kind_.html.ts).
 */
const EMAIL_PREVIEW = /^\/admin\/(?:outbox|email-templates)\/[^/]+\/html$/;

/** The policy of an email preview: its inline styles and data: images, nothing else. */
export const EMAIL_PREVIEW_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  "sandbox",
].join("; ");

/** The organisation's logo as uploaded (app/routes/brand.$file.ts): an SVG opened on its own is a document. */
const LOGO_SVG = /^\/brand\/logo-[0-9a-f]+\.svg$/;

/** The policy of a logo opened on its own: its inline styles and data: images; nothing runs or loads. */
export const LOGO_SVG_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "frame-ancestors 'none'",
  "sandbox",
].join("; ");

/** Whether a URL's query carries a secret: every emailed token link uses `?token=`. */
function tokenInUrl(search: string): boolean {
  return /[?&]token=/.test(search);
}

/**
 * Where our forms may lead: this site, and the identity providers whose
 * sign-in buttons post here and are redirected on (a browser checks
 * `form-action` on a form's redirects too). The providers' authorization
 * endpoints are on their issuers' origins (Entra ID, Google, Keycloak, ORCID).
 */
function formActions(): string {
  const env = getEnv();
  const origins = new Set<string>();
  const add = (issuer: string | undefined) => {
    if (issuer && URL.canParse(issuer)) origins.add(new URL(issuer).origin);
  };
  if (env.OIDC_CLIENT_ID) add(env.OIDC_ISSUER);
  if (env.ORCID_CLIENT_ID) add(env.ORCID_ISSUER);
  return ["'self'", ...origins].join(" ");
}

/** The content security policy, with the nonce inline scripts must carry. */
function contentSecurityPolicy(nonce: string, frameable = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `form-action ${formActions()}`,
    `frame-ancestors ${frameable ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

declare module "express-serve-static-core" {
  interface Locals {
    /** This response's CSP nonce (set by securityHeaders). */
    cspNonce?: string;
  }
}

/** Express middleware: a fresh nonce and every security header, before any other answer. */
export const securityHeaders: RequestHandler = (req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  for (const name in SECURITY_HEADERS) res.setHeader(name, SECURITY_HEADERS[name]);
  const query = req.url.indexOf("?");
  const secret = query !== -1 && tokenInUrl(req.url.slice(query));
  if (EMAIL_PREVIEW.test(req.path)) {
    // The message's links may carry tokens (hidden, but never sent on as a Referer either).
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("X-Frame-Options", "SAMEORIGIN");
    res.setHeader("Content-Security-Policy", EMAIL_PREVIEW_CSP);
    return next();
  }
  res.setHeader("Referrer-Policy", secret ? "no-referrer" : REFERRER_POLICY);
  if (LOGO_SVG.test(req.path)) {
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Content-Security-Policy", LOGO_SVG_CSP);
    return next();
  }
  const frameable = FRAMEABLE.test(req.path);
  res.setHeader("X-Frame-Options", frameable ? "SAMEORIGIN" : "DENY");
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, frameable));
  next();
};
