/**
 * The OpenID Connect client both outside sign-ins share: staff single
 * sign-on (the organisation's identity provider) and ORCID for candidates.
 * `openid-client` (certified) does the protocol: discovery, the
 * authorization code flow with PKCE, and the ID token's checks (issuer,
 * audience, signature, expiry, nonce).
 *
 * A sign-in in progress is a `sign_in_flows` row: its `state`, `nonce` and
 * PKCE verifier never leave the server, and the browser holds a random
 * handle in a ten-minute `__Host-` cookie (only its SHA-256 is stored). The
 * callback deletes the row before it redeems the code, so a replayed
 * callback finds nothing, and a callback whose `state` is not the row's is
 * refused by openid-client before any code is redeemed.
 *
 * Tokens, codes and the client secret are never logged or audited.
 */
import * as client from "openid-client";
import { and, eq, lt } from "drizzle-orm";
import { signInFlows } from "../../db/schema";
import type { DB } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { publicOrigin } from "~/utils/origin.server";
import { generateSessionToken, hashToken } from "./session.server";

export type IdentityProvider = "staff" | "orcid";

const FLOW_LIFETIME_MS = 10 * 60 * 1000;
const FLOW_COOKIE = "__Host-atrium_oidc";
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

type ProviderConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  callbackPath: string;
};

/** The provider's settings from the environment, or null when it is not configured. */
function providerConfig(provider: IdentityProvider): ProviderConfig | null {
  const env = getEnv();
  if (provider === "staff") {
    if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
    return {
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      scope: "openid email profile",
      callbackPath: "/auth/oidc/callback",
    };
  }
  if (!env.ORCID_CLIENT_ID || !env.ORCID_CLIENT_SECRET) return null;
  return {
    issuer: env.ORCID_ISSUER,
    clientId: env.ORCID_CLIENT_ID,
    clientSecret: env.ORCID_CLIENT_SECRET,
    // ORCID's OpenID Connect answers the iD and the public name; it has no email scope.
    scope: "openid",
    callbackPath: "/auth/orcid/callback",
  };
}

/** What the buttons need to know: whether each sign-in is offered, and the provider's name. */
export function outsideSignIns(): { sso: string | null; orcid: boolean } {
  return {
    sso: providerConfig("staff") ? (getEnv().OIDC_DISPLAY_NAME ?? "your organisation") : null,
    orcid: providerConfig("orcid") !== null,
  };
}

const configurations = new Map<string, Promise<client.Configuration>>();

/**
 * The discovered configuration, fetched once per issuer and client and kept;
 * a failed discovery is forgotten so the next sign-in tries again. Plain
 * http is allowed only for an issuer on this machine (a provider in a test
 * or on a developer's laptop); anywhere else the issuer must use https.
 */
function configurationFor(config: ProviderConfig): Promise<client.Configuration> {
  const key = `${config.issuer}\n${config.clientId}\n${config.clientSecret}`;
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(config.issuer);
    const local = LOOPBACK_HOSTS.has(issuer.hostname);
    found = client.discovery(
      issuer,
      config.clientId,
      config.clientSecret,
      undefined,
      local && issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : {},
    );
    found.catch(() => configurations.delete(key));
    configurations.set(key, found);
  }
  return found;
}

function flowCookie(handle: string): string {
  return [
    `${FLOW_COOKIE}=${handle}`,
    "Path=/",
    "HttpOnly",
    "Secure",
    // Lax: the provider's redirect back is a top-level GET, which Lax cookies follow.
    "SameSite=Lax",
    `Max-Age=${FLOW_LIFETIME_MS / 1000}`,
  ].join("; ");
}

/** Set-Cookie value that removes the sign-in-in-progress cookie. */
export function clearFlowCookie(): string {
  return `${FLOW_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

function readFlowHandle(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at !== -1 && part.slice(0, at).trim() === FLOW_COOKIE) {
      const value = part.slice(at + 1).trim();
      return /^[a-z2-7]{20,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

export type StartedFlow = { url: string; cookie: string };

/**
 * Starts a sign-in at `provider`: stores the flow's secrets and answers the
 * provider's authorization address and the cookie that finds them again.
 * Expired flows are removed on the way. Throws when discovery fails (the
 * route says the provider cannot be reached).
 */
export async function startFlow(
  db: DB,
  provider: IdentityProvider,
  request: Request,
  {
    redirectTo,
    linkUserId = null,
    now = Date.now(),
  }: {
    redirectTo: string;
    linkUserId?: number | null;
    now?: number;
  },
): Promise<StartedFlow | null> {
  const config = providerConfig(provider);
  if (!config) return null;
  const configuration = await configurationFor(config);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const handle = generateSessionToken();
  db.delete(signInFlows).where(lt(signInFlows.expiresAt, now)).run();
  db.insert(signInFlows)
    .values({
      id: hashToken(handle),
      provider,
      state,
      nonce,
      codeVerifier,
      redirectTo,
      linkUserId,
      createdAt: now,
      expiresAt: now + FLOW_LIFETIME_MS,
    })
    .run();
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: `${publicOrigin(request)}${config.callbackPath}`,
    scope: config.scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.href, cookie: flowCookie(handle) };
}

/** The identity an OpenID Connect provider vouched for, with the claims Atrium reads. */
export type VerifiedIdentity = {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
  redirectTo: string;
  linkUserId: number | null;
};

export type FinishedFlow =
  | { kind: "ok"; identity: VerifiedIdentity }
  /** No flow for this browser: expired, already used, or never started here. */
  | { kind: "no_flow" }
  /** The provider answered an error (the person cancelled, or it refused). */
  | { kind: "denied" }
  /** The answer failed a check (state, code, ID token) or the provider could not be reached. */
  | { kind: "failed" };

/**
 * Finishes a sign-in on the callback: takes (and deletes) this browser's
 * flow, then lets openid-client check the answer's `state`, redeem the code
 * with the PKCE verifier and check the ID token's signature, issuer,
 * audience, expiry and `nonce`. The userinfo endpoint's claims (where the
 * provider keeps email and groups) are read with the access token and merged
 * under the ID token's.
 */
export async function finishFlow(
  db: DB,
  provider: IdentityProvider,
  request: Request,
  now = Date.now(),
): Promise<FinishedFlow> {
  const config = providerConfig(provider);
  const handle = readFlowHandle(request);
  if (!config || !handle) return { kind: "no_flow" };
  const flow = db
    .delete(signInFlows)
    .where(and(eq(signInFlows.id, hashToken(handle)), eq(signInFlows.provider, provider)))
    .returning()
    .get();
  if (!flow || flow.expiresAt <= now) return { kind: "no_flow" };

  const url = new URL(request.url);
  if (url.searchParams.has("error")) return { kind: "denied" };
  // The code is redeemed for the address it was issued to: the public one, not the Host header.
  const callbackUrl = new URL(`${publicOrigin(request)}${config.callbackPath}${url.search}`);
  try {
    const configuration = await configurationFor(config);
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) return { kind: "failed" };
    let claims: Record<string, unknown> = { ...idClaims };
    if (configuration.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    }
    return {
      kind: "ok",
      identity: {
        issuer: idClaims.iss,
        subject: idClaims.sub,
        claims,
        redirectTo: flow.redirectTo,
        linkUserId: flow.linkUserId,
      },
    };
  } catch (error) {
    // Only the kind of failure is told: the error may quote the provider's answer.
    console.warn(
      `[sign-in] ${provider} callback refused: ${error instanceof client.ClientError ? error.code : "error"} ${error instanceof Error ? error.name : ""}`.trim(),
    );
    return { kind: "failed" };
  }
}
