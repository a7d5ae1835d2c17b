/**
 * Layout of the recruiter workspace: its navigation and stylesheet. The
 * check here only protects this layout's own data; every child loader and
 * action calls requireRole itself (Remix fetches them separately).
 */
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RecruitNav } from "~/components/recruit/recruit-nav";
import boardStyles from "~/styles/board.css";
import recruitStyles from "~/styles/recruit.css";
import lettersStyles from "~/styles/letters.css";

// board.css (the board and the home) is linked here, not from those routes: the bench imports
// their modules under plain Node, which cannot import a stylesheet.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: recruitStyles },
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: lettersStyles },
];

/** The workspace's own compact bar (app/root.tsx). */
export const handle = { workspace: true };

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "recruiter");
  // An object, not null: Remix's legacy `?_data=` handler fails (500) on a null loader result.
  return {};
}

export default function RecruitLayout() {
  return (
    <>
      <RecruitNav />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
