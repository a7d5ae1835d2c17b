/**
 * The one way tests build requests and read answers:
 * - `getRequest(path, { token })` / `postForm(path, fields | FormData, { token })`: real `Request`
 *   objects as a browser sends them (same origin, session cookie when `token` is given);
 * - `call(fn, request, params?, context?)`: runs a loader or action (as its route module exports
 *   it) and describes its answer;
 *   `answer(run)` does the same for any thunk (a Response returned or thrown, or `data(...)`);
 * - `formErrors` / `formValues` read a Conform reply, `cookieToken` the session a Set-Cookie sets.
 */
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { SESSION_COOKIE } from "../app/auth/session.server";

const ORIGIN = "http://localhost";

export type FormFields = Record<string, string | string[]> | URLSearchParams | FormData;

type RequestOptions = {
  /** The raw session token to send as the session cookie. */
  token?: string | null;
  headers?: Record<string, string>;
  method?: string;
};

/** `path` on the test origin; an absolute URL (another Host) is kept as it is. */
function urlOf(path: string) {
  return /^https?:\/\//.test(path) ? path : `${ORIGIN}${path}`;
}

function sessionHeaders(token: string | null | undefined): Record<string, string> {
  return token ? { Cookie: `${SESSION_COOKIE}=${token}` } : {};
}

/**
 * A same-origin POST (or `method`), optionally signed in with `token`. Plain fields are sent
 * urlencoded, as a browser sends a form without files; a FormData is sent multipart.
 */
export function postForm(
  path: string,
  fields: FormFields,
  { token, headers = {}, method = "POST" }: RequestOptions = {},
) {
  let body: URLSearchParams | FormData;
  if (fields instanceof URLSearchParams || fields instanceof FormData) body = fields;
  else {
    body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
  }
  const url = urlOf(path);
  return new Request(url, {
    method,
    body,
    headers: {
      // FormData sets its own multipart Content-Type with the boundary.
      ...(body instanceof URLSearchParams
        ? { "Content-Type": "application/x-www-form-urlencoded" }
        : {}),
      Origin: new URL(url).origin,
      "User-Agent": "vitest",
      ...sessionHeaders(token),
      ...headers,
    },
  });
}

/** A GET (or `method` without a body), optionally signed in with `token`. */
export function getRequest(path: string, { token, headers = {}, method }: RequestOptions = {}) {
  return new Request(urlOf(path), {
    method,
    headers: { ...sessionHeaders(token), ...headers },
  });
}

/** The load context the server adapter passes (the client's IP address). */
export function contextFor(ip = "203.0.113.7"): AppLoadContext {
  return { clientIp: ip };
}

export type Answer<T = Record<string, unknown>> = {
  status: number;
  headers: Headers;
  /** `data(...)`'s payload, a plain returned value, or `{ text }` for a Response with a body. */
  data: T | undefined;
  location: string | null;
  /** The Response returned or thrown (body unread), or null for `data(...)` / plain values. */
  response: Response | null;
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
    const text = await result.clone().text();
    return {
      status: result.status,
      headers: result.headers,
      data: text ? ({ text } as T) : undefined,
      location: result.headers.get("Location"),
      response: result,
    };
  }
  if (
    result &&
    typeof result === "object" &&
    (result as { type?: string }).type === "DataWithResponseInit"
  ) {
    const { data, init } = result as { data: T; init: ResponseInit | null };
    const headers = new Headers(init?.headers);
    return {
      status: init?.status ?? 200,
      headers,
      data,
      location: headers.get("Location"),
      response: null,
    };
  }
  if (result instanceof Error) throw result;
  return { status: 200, headers: new Headers(), data: result as T, location: null, response: null };
}

/**
 * A route module's `loader` or `action` as exported: it takes Remix's arguments and may return
 * data, `data(...)`, a Response or a TypedResponse (or a promise of one), or throw a Response.
 */
export type RouteFunction = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

/** Calls a loader or action with `request` (and `params`, `context`) and describes its answer. */
export function call<T = Record<string, unknown>>(
  fn: RouteFunction,
  request: Request,
  params: Record<string, string> = {},
  context: AppLoadContext = contextFor(),
): Promise<Answer<T>> {
  return answer<T>(() => fn({ request, params, context }));
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
