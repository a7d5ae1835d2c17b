/**
 * Test fixtures for the recruiter workspace: an opening with the default
 * stages and applicants in its first stage. Used by *.test.ts files only.
 */
import { createLab, createOpening, createUser, stagesOf } from "./builders";
import {
  applicationEvents,
  applications,
  candidateProfiles,
  type OpeningStatus,
} from "../db/schema";
import { SESSION_COOKIE } from "~/auth/session.server";
import type { DB } from "~/utils/db.server";

/** A fixed, fake hash: fixtures never sign in with a password, and hashing is slow. */
export const FAKE_HASH = "$argon2id$v=19$m=19456,t=2,p=1$ZmFrZXNhbHQ$ZmFrZWhhc2g";

export async function staffUser(
  db: DB,
  role: "recruiter" | "admin" = "recruiter",
  name = "Rita Recruiter",
) {
  return createUser(db, { role, name, passwordHash: FAKE_HASH });
}

export async function candidateUser(db: DB, name = "Cara Candidate", headline = "") {
  const user = await createUser(db, { role: "candidate", name, passwordHash: FAKE_HASH });
  if (headline) db.insert(candidateProfiles).values({ userId: user.id, headline }).run();
  return user;
}

export function openingWithStages(
  db: DB,
  overrides: { title?: string; status?: OpeningStatus; scorecardCriteria?: string[] } = {},
) {
  const lab = createLab(db);
  const opening = createOpening(db, { labId: lab.id, ...overrides });
  return { lab, opening, stages: stagesOf(db, opening.id) };
}

/** An active application in `stageId` (default: the opening's first stage), with its "submitted" event. */
export function applyTo(
  db: DB,
  input: {
    openingId: number;
    candidateId: number;
    stageId: number;
    at?: number;
    source?: string;
    status?: "active" | "rejected" | "hired" | "withdrawn";
  },
) {
  const at = input.at ?? Date.now();
  const app = db
    .insert(applications)
    .values({
      openingId: input.openingId,
      candidateId: input.candidateId,
      stageId: input.stageId,
      status: input.status ?? "active",
      coverLetter: "I would love to join.",
      source: input.source ?? "careers site",
      consentAt: at,
      stageEnteredAt: at,
      publicChangedAt: at,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
    .get();
  db.insert(applicationEvents)
    .values({
      applicationId: app.id,
      at,
      actorUserId: input.candidateId,
      type: "submitted",
      toStageId: input.stageId,
      candidateVisible: true,
      publicStatus: "received",
    })
    .run();
  return app;
}

/** A real Request as a browser would send it: same-origin, with the session cookie when a token is given. */
export function makeRequest(
  path: string,
  options: {
    token?: string | null;
    form?: Record<string, string | string[]> | FormData;
    method?: string;
  } = {},
) {
  const headers = new Headers({ Origin: "http://localhost" });
  if (options.token) headers.set("Cookie", `${SESSION_COOKIE}=${options.token}`);
  // Plain fields are sent url-encoded, as a browser sends a form without files.
  let body: FormData | URLSearchParams | undefined;
  if (options.form instanceof FormData) body = options.form;
  else if (options.form) {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(options.form))
      for (const item of [v].flat()) body.append(k, item);
  }
  return new Request(`http://localhost${path}`, {
    method: options.method ?? (body ? "POST" : "GET"),
    headers,
    body,
  });
}

/** Calls a loader or action and returns the Response it returned or threw. */
export async function callRoute(
  fn: (args: {
    request: Request;
    params: Record<string, string>;
    context: Record<string, never>;
  }) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<{ status: number; response: Response | null; data: unknown }> {
  try {
    const result = await fn({ request, params, context: {} });
    if (result instanceof Response) return { status: result.status, response: result, data: null };
    // Remix's data() helper: { type: "DataWithResponseInit", data, init }
    if (result && typeof result === "object" && "init" in result && "data" in result) {
      const r = result as { data: unknown; init?: { status?: number } | null };
      return { status: r.init?.status ?? 200, response: null, data: r.data };
    }
    return { status: 200, response: null, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown, data: null };
    throw thrown;
  }
}
