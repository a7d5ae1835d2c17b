/**
 * A Remix ServerBuild assembled from the real route modules, for tests that
 * drive the whole Express app (app/express-app.server.ts) without a
 * `remix build`: the same middleware, the same route code, a hand-written
 * asset manifest (no browser bundle is served).
 */
import type { ServerBuild } from "@remix-run/node";

type RouteSpec = { id: string; parentId?: string; path?: string; index?: boolean };

const BASE_ROUTES: RouteSpec[] = [
  { id: "root", path: "" },
  { id: "routes/$", parentId: "root", path: "*" },
  { id: "routes/_index", parentId: "root", index: true },
  { id: "routes/healthz", parentId: "root", path: "healthz" },
  { id: "routes/_auth.login", parentId: "root", path: "login" },
  { id: "routes/_auth.reset-password", parentId: "root", path: "reset-password" },
  { id: "routes/referee", parentId: "root", path: "referee" },
  { id: "routes/robots[.]txt", parentId: "root", path: "robots.txt" },
  { id: "routes/sitemap[.]xml", parentId: "root", path: "sitemap.xml" },
  { id: "routes/people._index", parentId: "root", path: "people" },
  { id: "routes/people.$slug", parentId: "root", path: "people/:slug" },
  { id: "routes/careers._index", parentId: "root", path: "careers", index: true },
  { id: "routes/careers.$slug", parentId: "root", path: "careers/:slug" },
  { id: "routes/labs.$slug", parentId: "root", path: "labs/:slug" },
  { id: "routes/areas.$slug", parentId: "root", path: "areas/:slug" },
  { id: "routes/events.$slug", parentId: "root", path: "events/:slug" },
  { id: "routes/programs.$slug", parentId: "root", path: "programs/:slug" },
  { id: "routes/tools.$slug", parentId: "root", path: "tools/:slug" },
  { id: "routes/publications._index", parentId: "root", path: "publications", index: true },
  { id: "routes/account.export", parentId: "root", path: "account/export" },
  { id: "routes/applications.$id", parentId: "root", path: "applications/:id" },
  { id: "routes/applications.$id_.resume", parentId: "root", path: "applications/:id/resume" },
  { id: "routes/admin.outbox_.$id.html", parentId: "root", path: "admin/outbox/:id/html" },
  {
    id: "routes/admin.email-templates.$kind_.html",
    parentId: "root",
    path: "admin/email-templates/:kind/html",
  },
  { id: "routes/recruit", parentId: "root", path: "recruit" },
  { id: "routes/recruit.reports[.]csv", parentId: "routes/recruit", path: "reports.csv" },
  { id: "routes/recruit.applications.$id", parentId: "routes/recruit", path: "applications/:id" },
  {
    id: "routes/recruit.applications.$id_.resume",
    parentId: "routes/recruit",
    path: "applications/:id/resume",
  },
];

/**
 * The rest of the public pages and their images, for the tests that visit
 * every kind of page: left out of the other tests' builds, whose setup then
 * imports fewer modules.
 */
const PUBLIC_PAGE_ROUTES: RouteSpec[] = [
  { id: "routes/about", parentId: "root", path: "about" },
  { id: "routes/privacy", parentId: "root", path: "privacy" },
  { id: "routes/_auth.signup", parentId: "root", path: "signup" },
  { id: "routes/brand.$file", parentId: "root", path: "brand/:file" },
  { id: "routes/labs._index", parentId: "root", path: "labs", index: true },
  { id: "routes/areas._index", parentId: "root", path: "areas", index: true },
  { id: "routes/programs._index", parentId: "root", path: "programs", index: true },
  { id: "routes/events._index", parentId: "root", path: "events", index: true },
  { id: "routes/tools._index", parentId: "root", path: "tools", index: true },
  { id: "routes/careers.$slug_.apply", parentId: "root", path: "careers/:slug/apply" },
];

const loaders: Record<string, () => Promise<Record<string, unknown>>> = {
  "routes/about": () => import("../app/routes/about"),
  "routes/privacy": () => import("../app/routes/privacy"),
  "routes/_auth.signup": () => import("../app/routes/_auth.signup"),
  "routes/brand.$file": () => import("../app/routes/brand.$file"),
  "routes/labs._index": () => import("../app/routes/labs._index"),
  "routes/areas._index": () => import("../app/routes/areas._index"),
  "routes/programs._index": () => import("../app/routes/programs._index"),
  "routes/events._index": () => import("../app/routes/events._index"),
  "routes/tools._index": () => import("../app/routes/tools._index"),
  "routes/careers.$slug_.apply": () => import("../app/routes/careers.$slug_.apply/route"),
  root: () => import("../app/root"),
  "routes/$": () => import("../app/routes/$"),
  "routes/_index": () => import("../app/routes/_index"),
  "routes/healthz": () => import("../app/routes/healthz"),
  "routes/_auth.login": () => import("../app/routes/_auth.login"),
  "routes/_auth.reset-password": () => import("../app/routes/_auth.reset-password"),
  "routes/referee": () => import("../app/routes/referee"),
  "routes/robots[.]txt": () => import("../app/routes/robots[.]txt"),
  "routes/sitemap[.]xml": () => import("~/routes/sitemap[.]xml/route"),
  "routes/people._index": () => import("../app/routes/people._index"),
  "routes/people.$slug": () => import("../app/routes/people.$slug/route"),
  "routes/careers._index": () => import("../app/routes/careers._index"),
  "routes/careers.$slug": () => import("../app/routes/careers.$slug/route"),
  "routes/labs.$slug": () => import("../app/routes/labs.$slug"),
  "routes/areas.$slug": () => import("../app/routes/areas.$slug"),
  "routes/events.$slug": () => import("../app/routes/events.$slug"),
  "routes/programs.$slug": () => import("../app/routes/programs.$slug"),
  "routes/tools.$slug": () => import("../app/routes/tools.$slug"),
  "routes/publications._index": () => import("../app/routes/publications._index/route"),
  "routes/account.export": () => import("../app/routes/account.export"),
  "routes/applications.$id": () => import("../app/routes/applications.$id"),
  "routes/applications.$id_.resume": () => import("../app/routes/applications.$id_.resume"),
  "routes/admin.outbox_.$id.html": () => import("../app/routes/admin.outbox_.$id.html"),
  "routes/admin.email-templates.$kind_.html": () =>
    import("../app/routes/admin.email-templates.$kind_.html"),
  "routes/recruit": () => import("../app/routes/recruit"),
  "routes/recruit.reports[.]csv": () => import("../app/routes/recruit.reports[.]csv"),
  "routes/recruit.applications.$id": () => import("../app/routes/recruit.applications.$id/route"),
  "routes/recruit.applications.$id_.resume": () =>
    import("../app/routes/recruit.applications.$id_.resume"),
};

/**
 * The build, with static assets served from `assetsBuildDirectory`;
 * `allPublicPages` adds the public pages only some tests visit.
 */
export async function testServerBuild(
  assetsBuildDirectory: string,
  { allPublicPages = false } = {},
): Promise<ServerBuild> {
  const ROUTES = allPublicPages ? [...BASE_ROUTES, ...PUBLIC_PAGE_ROUTES] : BASE_ROUTES;
  const modules = Object.fromEntries(
    await Promise.all(ROUTES.map(async (r) => [r.id, await loaders[r.id]()] as const)),
  );
  const routes = Object.fromEntries(
    ROUTES.map((r) => [r.id, { ...r, caseSensitive: undefined, module: modules[r.id] }]),
  );
  const manifestRoutes = Object.fromEntries(
    ROUTES.map((r) => {
      const m = modules[r.id];
      return [
        r.id,
        {
          ...r,
          module: `/build/${r.id}.js`,
          imports: [],
          hasAction: "action" in m,
          hasLoader: "loader" in m,
          hasClientAction: false,
          hasClientLoader: false,
          hasErrorBoundary: "ErrorBoundary" in m,
        },
      ];
    }),
  );
  return {
    mode: "production",
    basename: undefined,
    isSpaMode: false,
    publicPath: "/build/",
    assetsBuildDirectory,
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_routeConfig: false,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
      unstable_optimizeDeps: false,
    },
    entry: { module: await import("../app/entry.server") },
    routes,
    assets: {
      entry: { module: "/build/entry.client.js", imports: [] },
      routes: manifestRoutes,
      url: "/build/manifest-test.js",
      version: "test",
    },
  } as unknown as ServerBuild;
}
