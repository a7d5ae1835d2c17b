/**
 * Helpers for this folder's and the account routes' tests: real `Request`
 * objects with form bodies, and one shape for whatever a loader or action
 * answered (a Response, returned or thrown, or `data(...)`).
 */
import type { AppLoadContext } from "@remix-run/node";
import { SESSION_COOKIE } from "../app/auth/session.server";

export const ORIGIN = "http://localhost";

type FormFields = Record<string, string | string[]> | URLSearchParams;

/** A same-origin POST with a urlencoded body, optionally signed in with `token`. */
export function postForm(
  path: string,
  fields: FormFields,
  { token, headers = {} }: { token?: string; headers?: Record<string, string> } = {},
) {
  const body = fields instanceof URLSearchParams ? fields : new URLSearchParams();
  if (!(fields instanceof URLSearchParams)) {
    for (const [name, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
  }
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: ORIGIN,
      "User-Agent": "vitest",
      ...(token ? { Cookie: `${SESSION_COOKIE}=${token}` } : {}),
      ...headers,
    },
  });
}

/** A GET, optionally signed in with `token`. */
export function getRequest(path: string, { token }: { token?: string } = {}) {
  return new Request(`${ORIGIN}${path}`, {
    headers: token ? { Cookie: `${SESSION_COOKIE}=${token}` } : {},
  });
}

export function contextFor(ip = "203.0.113.7"): AppLoadContext {
  return { clientIp: ip };
}

export type Answer<T = Record<string, unknown>> = {
  status: number;
  headers: Headers;
  data: T | undefined;
  location: string | null;
};

/** Runs a loader or action and describes its answer, whether returned or thrown. */
export async function answer<T = Record<string, unknown>>(run: () => unknown): Promise<Answer<T>> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    const text = await result.text();
    return {
      status: result.status,
      headers: result.headers,
      data: text ? ({ text } as T) : undefined,
      location: result.headers.get("Location"),
    };
  }
  if (
    result &&
    typeof result === "object" &&
    (result as { type?: string }).type === "DataWithResponseInit"
  ) {
    const { data, init } = result as { data: T; init: ResponseInit | null };
    const headers = new Headers(init?.headers);
    return { status: init?.status ?? 200, headers, data, location: headers.get("Location") };
  }
  return { status: 200, headers: new Headers(), data: result as T, location: null };
}

/** The session token a Set-Cookie header sets (undefined when it sets none). */
export function cookieToken(headers: Headers): string | undefined {
  const header = headers.get("Set-Cookie") ?? "";
  const match = new RegExp(`${SESSION_COOKIE}=([a-z2-7]+)`).exec(header);
  return match?.[1];
}

/** The field errors of a Conform reply (`submission.reply()`) that an action answered with. */
export function formErrors(res: { data: unknown }): Record<string, string[]> {
  const reply = res.data as { error?: Record<string, string[] | null> | null } | undefined;
  return Object.fromEntries(
    Object.entries(reply?.error ?? {}).filter((e): e is [string, string[]] => Array.isArray(e[1])),
  );
}

/** What the person typed, as a Conform reply hands it back to the form. */
export function formValues(res: { data: unknown }): Record<string, unknown> {
  return ((res.data as { initialValue?: Record<string, unknown> } | undefined)?.initialValue ??
    {}) as Record<string, unknown>;
}
