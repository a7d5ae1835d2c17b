/**
 * Every throttled answer (429) carries `Retry-After`, as the browser receives
 * it: each request goes through Remix's own request handler with the real
 * route modules (a page POST without JavaScript, and the `.data` request a
 * fetcher makes), not through the action alone — Remix builds a page's
 * headers from the routes' `headers` exports, so an action's header can be
 * lost on the way. Each case fills the throttle it meets first.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { CHALLENGE_COOKIE } from "~/auth/mfa-gate.server";
import { createChallenge } from "~/auth/mfa.server";
import { SESSION_COOKIE } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { createLab, createOpening, enrolTwoFactor, stagesOf } from "../builders";
import { applyTo, signedIn } from "../fixtures";
import { documentHandler, type ExtraRoute } from "../document-requests";

const EXTRA_ROUTES: ExtraRoute[] = [
  {
    id: "routes/_auth.login_.two-factor",
    path: "login/two-factor",
    load: () => import("../../app/routes/_auth.login_.two-factor"),
  },
  {
    id: "routes/_auth.signup",
    path: "signup",
    load: () => import("../../app/routes/_auth.signup"),
  },
  {
    id: "routes/_auth.forgot-password",
    path: "forgot-password",
    load: () => import("../../app/routes/_auth.forgot-password"),
  },
  {
    id: "routes/account._index",
    path: "account",
    index: true,
    load: () => import("../../app/routes/account._index/route"),
  },
  {
    id: "routes/account.two-factor",
    path: "account/two-factor",
    load: () => import("../../app/routes/account.two-factor"),
  },
  { id: "routes/enrol", path: "enrol", load: () => import("../../app/routes/enrol/route") },
  { id: "routes/referee", path: "referee", load: () => import("../../app/routes/referee") },
  {
    id: "routes/applications.$id_.referees",
    path: "applications/:id/referees",
    load: () => import("../../app/routes/applications.$id_.referees"),
  },
  {
    id: "routes/careers.$slug_.apply",
    path: "careers/:slug/apply",
    load: () => import("../../app/routes/careers.$slug_.apply/route"),
  },
];

const db = getDb();
const FAR = Date.now() + 10 * 60_000;
let handle: (request: Request, ip: string) => Promise<Response>;

/** Blocks a sign-in failure counter (`ip:…`, `account:…`) for ten minutes. */
function block(key: string) {
  db.insert(s.throttles)
    .values({ key, count: 50, windowStart: Date.now(), lastAt: Date.now(), blockedUntil: FAR })
    .onConflictDoUpdate({ target: s.throttles.key, set: { blockedUntil: FAR, count: 50 } })
    .run();
}

/** Fills a fixed-window limit (`signup:…`, `msg:…`) for the window that starts now. */
function fill(key: string, count: number) {
  const row = { count, windowStart: Date.now(), lastAt: Date.now(), blockedUntil: 0 };
  db.insert(s.throttles)
    .values({ key, ...row })
    .onConflictDoUpdate({ target: s.throttles.key, set: row })
    .run();
}

function form(
  url: string,
  fields: Record<string, string>,
  cookies: string[] = [],
  method = "POST",
): Request {
  return new Request(`http://localhost${url}`, {
    method,
    body: method === "POST" ? new URLSearchParams(fields) : undefined,
    headers: {
      ...(method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      Origin: "http://localhost",
      Host: "localhost",
      Cookie: cookies.join("; "),
    },
  });
}

type Case = { name: string; ip: string; request: () => Promise<Request> | Request; data?: string };
const cases: Case[] = [];

beforeAll(async () => {
  handle = await documentHandler(EXTRA_ROUTES);

  const candidate = await signedIn(db, "candidate", { email: "throttled@example.test" });
  const withCode = await signedIn(db, "candidate", { email: "coded@example.test" });
  enrolTwoFactor(db, withCode.user.id);
  const opening = createOpening(db, { labId: createLab(db).id, lettersRequired: 2 });
  const app = applyTo(db, {
    openingId: opening.id,
    candidateId: candidate.user.id,
    stageId: stagesOf(db, opening.id)[0].id,
  });
  const session = (token: string) => `${SESSION_COOKIE}=${token}`;

  cases.push(
    {
      name: "sign-in",
      ip: "192.0.2.1",
      request: () => form("/login", { email: "someone@example.test", password: "x" }),
      data: "/login.data",
    },
    {
      name: "sign-in, second step",
      ip: "192.0.2.2",
      request: () => {
        const challenge = createChallenge(db, withCode.user.id);
        return form("/login/two-factor", { code: "123456", redirectTo: "/" }, [
          `${CHALLENGE_COOKIE}=${challenge}`,
        ]);
      },
      data: "/login/two-factor.data",
    },
    {
      name: "sign-up",
      ip: "192.0.2.3",
      request: () =>
        form("/signup", {
          name: "New Person",
          email: "new-person@example.test",
          password: "a long enough passphrase",
          confirmPassword: "a long enough passphrase",
        }),
      data: "/signup.data",
    },
    {
      name: "password reset request",
      ip: "192.0.2.4",
      request: () => form("/forgot-password", { email: "someone@example.test" }),
      data: "/forgot-password.data",
    },
    {
      name: "current password on /account",
      ip: "192.0.2.5",
      request: () =>
        form(
          "/account?index",
          {
            intent: "password",
            currentPassword: "wrong",
            newPassword: "another long passphrase",
            confirmPassword: "another long passphrase",
          },
          [session(candidate.token)],
        ),
    },
    {
      name: "two-factor settings",
      ip: "192.0.2.6",
      request: () =>
        form(
          "/account/two-factor",
          { intent: "regenerate", password: "whatever it is", code: "123456" },
          [session(withCode.token)],
        ),
      data: "/account/two-factor.data",
    },
    {
      name: "enrolment link",
      ip: "192.0.2.10",
      request: () => form(`/enrol?token=${"b".repeat(52)}`, {}, [], "GET"),
    },
    {
      name: "referee link",
      ip: "192.0.2.7",
      request: () => form(`/referee?token=${"a".repeat(52)}`, {}, [], "GET"),
    },
    {
      name: "naming a referee",
      ip: "192.0.2.8",
      request: () =>
        form(
          `/applications/${app.id}/referees`,
          { intent: "add", name: "Rhea Referee", email: "rhea@uni.example", relationship: "PI" },
          [session(candidate.token)],
        ),
      data: `/applications/${app.id}/referees.data`,
    },
    {
      name: "apply, creating an account",
      ip: "192.0.2.9",
      request: () => {
        // The apply form is multipart (it carries the résumé).
        const body = new FormData();
        body.append("name", "Vera Visitor");
        body.append("email", "vera@example.test");
        body.append("password", "a long enough passphrase");
        return new Request(`http://localhost/careers/${opening.slug}/apply`, {
          method: "POST",
          body,
          headers: { Origin: "http://localhost", Host: "localhost" },
        });
      },
    },
  );
  for (const ip of ["192.0.2.1", "192.0.2.2", "192.0.2.5", "192.0.2.6"]) block(`ip:${ip}`);
  fill("signup:192.0.2.3", 20);
  fill("signup:192.0.2.9", 20);
  fill("msg:reset:192.0.2.4", 10);
  fill("referee-link:192.0.2.7", 30);
  fill("token-link:192.0.2.10", 30);
  fill(`msg:referee-name:user:${candidate.user.id}`, 10);
});

describe("Retry-After on every 429", () => {
  it("is on every throttled page answer, in whole seconds", async () => {
    const seen: string[] = [];
    for (const c of cases) {
      const res = await handle(await c.request(), c.ip);
      expect(res.status, c.name).toBe(429);
      const retry = res.headers.get("Retry-After");
      expect(retry, c.name).toMatch(/^[1-9]\d*$/);
      expect(await res.text(), c.name).toContain("<!DOCTYPE html>");
      seen.push(c.name);
    }
    expect(seen).toHaveLength(10);
  });

  it("is on the fetcher's .data answers too", async () => {
    for (const c of cases.filter((c) => c.data)) {
      const page = await c.request();
      const req = new Request(new URL(c.data!, "http://localhost"), {
        method: page.method,
        body: await page.text(),
        headers: page.headers,
      });
      const res = await handle(req, c.ip);
      expect(res.status, c.name).toBe(429);
      expect(res.headers.get("Retry-After"), c.name).toMatch(/^[1-9]\d*$/);
    }
  });
});

describe("routes that can answer 429", () => {
  // Any route module (or a helper beside it) that answers 429 must keep Retry-After on the page.
  const sources = import.meta.glob<string>(["../../app/routes/**/*.{ts,tsx}", "!**/*.test.*"], {
    query: "?raw",
    import: "default",
    eager: true,
  });
  const routeOf = (file: string) => {
    const rel = file.replace(/^.*app\/routes\//, "");
    return rel.includes("/") ? `${rel.split("/")[0]}/route` : rel.replace(/\.tsx?$/, "");
  };

  it("export the headers that keep Retry-After", async () => {
    const throttling = new Set(
      Object.entries(sources)
        .filter(([, text]) => /status: 429|retryAfter\(/.test(text))
        .map(([file]) => routeOf(file)),
    );
    expect(throttling.size).toBeGreaterThanOrEqual(9);
    const missing: string[] = [];
    for (const route of throttling) {
      const file = Object.keys(sources).find(
        (f) => f.endsWith(`app/routes/${route}.tsx`) || f.endsWith(`app/routes/${route}.ts`),
      );
      const text = file ? sources[file] : "";
      if (!/export const headers = keepRetryAfter\(/.test(text)) missing.push(route);
    }
    expect(missing).toEqual([]);
  });
});
