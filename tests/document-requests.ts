/**
 * Remix's own request handler over the real route modules, for tests of what
 * a browser receives (a page POST without JavaScript, a fetcher's `.data`
 * request): headers built from the routes' `headers` exports, loaders run
 * after an action, status codes as sent. No Express and no port: the shared
 * build of tests/server-build.ts plus the routes a test names.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { testServerBuild } from "./server-build";

export type ExtraRoute = {
  id: string;
  path: string;
  index?: boolean;
  load: () => Promise<object>;
};

/** The shared test build with `extra` routes (children of the root) added. */
export async function buildWith(extra: ExtraRoute[]): Promise<ServerBuild> {
  const build = await testServerBuild(fs.mkdtempSync(path.join(os.tmpdir(), "atrium-assets-")));
  for (const r of extra) {
    const module = (await r.load()) as Record<string, unknown>;
    const spec = { id: r.id, parentId: "root", path: r.path, index: r.index };
    build.routes[r.id] = { ...spec, caseSensitive: undefined, module } as never;
    build.assets.routes[r.id] = {
      ...spec,
      module: `/build/${r.id}.js`,
      imports: [],
      hasAction: "action" in module,
      hasLoader: "loader" in module,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: "ErrorBoundary" in module,
    } as never;
  }
  return build;
}

/** A handler for `extra` routes: `(request, ip) → Response`, the client's address in the load context. */
export async function documentHandler(extra: ExtraRoute[]) {
  const handler = createRequestHandler(await buildWith(extra), "production");
  return (request: Request, ip = "203.0.113.7") => handler(request, { clientIp: ip });
}

/** A form POST as a browser without JavaScript sends it (same origin, urlencoded). */
export function documentPost(url: string, fields: Record<string, string>, cookies: string[] = []) {
  return new Request(new URL(url, "http://localhost"), {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "http://localhost",
      Host: "localhost",
      Cookie: cookies.join("; "),
    },
  });
}
