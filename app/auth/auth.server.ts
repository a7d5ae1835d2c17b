/**
 * Who is asking. Every loader and action that needs a user calls one of these
 * itself: a parent layout's check does not protect a child's loader, because
 * Remix fetches each route's data on its own (`<path>.data`).
 */
import { redirect } from "@remix-run/node";
import type { Role } from "~/lib/enums";
import { requireStaffTwoFactor } from "./mfa-gate.server";
import {
  readSessionToken,
  validateSessionToken,
  type Session,
  type SessionUser,
} from "./session.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/misc";

const cache = new WeakMap<Request, { session: Session; user: SessionUser } | null>();

/** The session and user behind the request's cookie, or null (memoised per request). */
export function getSession(request: Request): { session: Session; user: SessionUser } | null {
  if (cache.has(request)) return cache.get(request) ?? null;
  const token = readSessionToken(request);
  const result = token ? validateSessionToken(getDb(), token) : null;
  cache.set(request, result);
  return result;
}

/** The signed-in user, or null. */
export function getUser(request: Request): SessionUser | null {
  return getSession(request)?.user ?? null;
}

/** The path and query of the request, to come back to after signing in. */
function currentPath(request: Request): string {
  const url = new URL(request.url);
  // A data request (`/x.data`, `?_data=`) should come back to the page itself.
  const pathname = url.pathname.replace(/\.data$/, "") || "/";
  url.searchParams.delete("_data");
  const search = url.searchParams.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/** The signed-in user; otherwise redirects to /login?redirectTo=<this page>. */
export function requireUser(request: Request): SessionUser {
  const user = getUser(request);
  if (!user) {
    const params = new URLSearchParams({ redirectTo: currentPath(request) });
    throw redirect(`/login?${params}`);
  }
  return user;
}

/** The signed-in user, who must hold `role` (admins hold every role); otherwise 403. */
export function requireRole(request: Request, role: Exclude<Role, "candidate">): SessionUser {
  const user = requireUser(request);
  invariantResponse(hasRole(user, role), "You do not have access to this page.", { status: 403 });
  // Staff pages need a second factor (app/auth/mfa.server.ts).
  requireStaffTwoFactor(user, getSession(request)!.session.id, currentPath(request));
  return user;
}

/**
 * The signed-in candidate. Anonymous visitors go to /login?redirectTo=<this
 * page> (sign-up honours it too); staff accounts get a 403 page that says
 * applications come from candidate accounts.
 */
export function requireCandidate(request: Request): SessionUser {
  const user = requireUser(request);
  invariantResponse(user.role === "candidate", "Applications are sent from candidate accounts.", {
    status: 403,
  });
  return user;
}

/** Admins can do what recruiters can. */
export function hasRole(user: Pick<SessionUser, "role">, role: Role): boolean {
  if (role === "candidate") return true;
  if (role === "recruiter") return user.role === "recruiter" || user.role === "admin";
  return user.role === "admin";
}
