// First: zod must be configured before any form schema is built (see the module).
import "~/utils/zod-jitless";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getUser } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SiteFooter, SiteHeader } from "~/components/site-chrome";
import { countOffersAwaitingApproval } from "~/models/admin-overview.server";
import { DEMO_SETTINGS } from "~/models/settings-content";
import { brandOf, brandStylesheet, getSettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { siteOrigin } from "~/utils/origin.server";
import { useNonce } from "~/utils/nonce";
import { setBrand } from "~/utils/site";
import stylesheet from "~/styles/app.css";
// The same file app.css points at: the compiler gives both the same hashed URL.
import interLatin from "@fontsource-variable/inter/files/inter-latin-wght-normal.woff2";

export const links: LinksFunction = () => [
  {
    rel: "preload",
    href: interLatin,
    as: "font",
    type: "font/woff2",
    crossOrigin: "anonymous",
  },
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.brand.name ?? "Atrium" },
];

export function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request);
  const settings = getSettings(getDb());
  return {
    user: user
      ? {
          name: user.name,
          role: user.role,
          approvals: user.role === "admin" ? countOffersAwaitingApproval(getDb(), user.id) : 0,
        }
      : null,
    brand: brandOf(settings),
    // Absolute addresses in the pages' share tags (shareMeta) start with it.
    origin: siteOrigin(request),
    brandStylesheet: brandStylesheet(settings),
    // The demo organisation's footer says it is fictional; a renamed one does not.
    fictional: settings.name === DEMO_SETTINGS.name,
  };
}

/** Staff layouts (recruit.tsx, admin.tsx) export `handle = { workspace: true }`. */
function isWorkspace(handle: unknown): boolean {
  return typeof handle === "object" && handle !== null && "workspace" in handle;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const matches = useMatches();
  // Titles and structured data rendered in the browser name the organisation
  // the server named (getBrand); set before the children and <Meta> render.
  if (data && typeof document !== "undefined") setBrand(data.brand);
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* The organisation's colours, after app.css so they take its place (none for the shipped ones). */}
        {data?.brandStylesheet ? <link rel="stylesheet" href={data.brandStylesheet} /> : null}
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader
          user={data?.user ?? null}
          brand={data?.brand ?? null}
          workspace={matches.some((m) => isWorkspace(m.handle))}
        />
        <main id="main" className="site-main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter brand={data?.brand ?? null} fictional={data?.fictional ?? false} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
