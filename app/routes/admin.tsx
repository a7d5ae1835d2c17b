/**
 * Layout of the admin area: its navigation, and whether uploads are scanned
 * for malware (shown on every admin page while they are not, so the admin
 * who could fix it sees it). The check here only protects this layout's own
 * data; every child loader and action calls requireRole itself (Remix fetches
 * them separately).
 */
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { AdminNav } from "~/components/admin-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { uploadScanning } from "~/utils/uploads.server";
import recruitStyles from "~/styles/recruit.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: recruitStyles }];

/** The workspace's own compact bar (app/root.tsx). */
export const handle = { workspace: true };

export async function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  return { scanning: await uploadScanning() };
}

export default function AdminLayout() {
  const { scanning } = useLoaderData<typeof loader>();
  return (
    <>
      <AdminNav />
      {scanning === "on" ? null : (
        <div className="container">
          <p className="notice notice--warning">
            {scanning === "off"
              ? "Uploads are not scanned for malware. Set CLAMAV_SOCKET to the socket of a ClamAV daemon (clamd) to scan every résumé, reference letter, offer PDF and photo before it is stored."
              : "The malware scanner is not answering, so every upload is refused until it does. Check the ClamAV daemon (clamd) at CLAMAV_SOCKET."}
          </p>
        </div>
      )}
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
