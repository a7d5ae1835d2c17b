/**
 * A real OpenID Connect provider for tests (`oidc-provider`, the certified
 * implementation), on a free loopback port over plain http. It stands in for
 * the organisation's identity provider and for ORCID: a test registers the
 * clients and the accounts (their claims), and says who signs in next.
 *
 * Its login is this file's own interaction: GET /interaction/:uid finishes at
 * once as the account `signInAs()` named (for tests that drive the flow with
 * fetch), or shows a page with one button per account (for a browser), and
 * consent is given by `loadExistingGrant` (an organisation's provider does
 * not ask its staff to consent to their own tools).
 */
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type ClientMetadata, type KoaContextWithOIDC } from "oidc-provider";

export type TestAccount = { claims: Record<string, unknown>; amr?: string[]; acr?: string };

export type IdentityProviderHandle = {
  issuer: string;
  /** The account the next interaction signs in as (fetch-driven tests). */
  signInAs: (accountId: string | null) => void;
  close: () => Promise<void>;
};

export async function startIdentityProvider({
  clients,
  accounts,
}: {
  clients: ClientMetadata[];
  accounts: Record<string, TestAccount>;
}): Promise<IdentityProviderHandle> {
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test", use: "sig" }] },
    cookies: { keys: ["a test cookie key that signs nothing of value"] },
    claims: {
      // As Entra ID and Keycloak do, the ID token always says how the person authenticated;
      // as ORCID does, it carries the public name with the "openid" scope alone.
      openid: ["sub", "acr", "amr", "auth_time", "given_name", "family_name"],
      email: ["email", "email_verified"],
      profile: ["name", "given_name", "family_name", "groups"],
      acr: null,
      amr: null,
    },
    acrValues: ["urn:test:mfa", "urn:test:pwd"],
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    findAccount: (_ctx, id) => {
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...account.claims }) };
    },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = "text/plain";
      ctx.body = `${out.error}: ${out.error_description ?? ""}`;
    },
  });
  // Plain http on loopback: the provider must not insist on secure cookies.
  provider.proxy = false;

  let next: string | null = null;
  const finish = async (req: http.IncomingMessage, res: http.ServerResponse, id: string) => {
    const account = accounts[id]!;
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: id, amr: account.amr, acr: account.acr } },
      { mergeWithLastSubmission: false },
    );
  };
  const callback = provider.callback();
  handler = (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    if (!url.pathname.startsWith("/interaction/")) return void callback(req, res);
    void (async () => {
      if (req.method === "POST") {
        let body = "";
        for await (const chunk of req) body += chunk;
        const id = new URLSearchParams(body).get("account") ?? "";
        if (!accounts[id]) return void res.writeHead(400).end("unknown account");
        return finish(req, res, id);
      }
      if (next) return finish(req, res, next);
      const buttons = Object.keys(accounts)
        .map((id) => `<button name="account" value="${id}">Sign in as ${id}</button>`)
        .join("");
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><html lang="en"><title>Test provider</title><main><h1>Test provider</h1><form method="post">${buttons}</form></main></html>`,
      );
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  };

  return {
    issuer,
    signInAs: (accountId) => {
      next = accountId;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A client of the test provider that calls back to `origin` (confidential, code flow). */
export function testClient(id: string, origin: string, callbackPath: string): ClientMetadata {
  return {
    client_id: id,
    client_secret: `${id}-secret-that-is-long-enough-for-the-provider`,
    redirect_uris: [`${origin}${callbackPath}`],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
  };
}

/**
 * Follows the provider's redirects from an authorization address with a
 * cookie jar, as a browser would, until it points back outside the provider
 * (the app's callback): returns that address.
 */
export async function authorize(issuer: string, start: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, {
      redirect: "manual",
      headers: { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = res.headers.get("Location");
    if (!location)
      throw new Error(`The provider stopped at ${url}: ${res.status} ${await res.text()}`);
    const nextUrl = new URL(location, url);
    if (!nextUrl.href.startsWith(issuer)) return nextUrl;
    url = nextUrl.href;
  }
  throw new Error("The provider redirected too many times");
}
