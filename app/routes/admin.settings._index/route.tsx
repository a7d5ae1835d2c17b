/**
 * /admin/settings — the organisation's name, contacts, logo, colours, home
 * page banner and privacy contacts (the about page's texts are on
 * /admin/settings/about). Admins only. Each form saves its own part, audited;
 * a change reaches every visitor's next page in every worker (the settings
 * row has content-version triggers). A colour without enough contrast is
 * refused with the pairing that fails, and nothing is stored.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/auth.server";
import { getClientIp } from "~/auth/client-ip.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SettingsNav } from "~/components/settings-nav";
import {
  getSettings,
  logoUrls,
  removeLogo,
  saveSettings,
  storeLogo,
} from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { requireFormData } from "~/utils/form-data.server";
import { pageTitle } from "~/utils/site";
import { parseLogoUpload } from "~/utils/uploads.server";
import { LogoProblem, processLogo } from "~/utils/uploads/logo.server";
import settingsStyles from "~/styles/settings.css";
import { HomeForm, OrganisationForm, PrivacyForm } from "./forms";
import { LookSection } from "./look-forms";
import { SettingsSchema } from "./schema";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: settingsStyles }];
export const meta: MetaFunction = () => [{ title: pageTitle("Settings", "Admin") }];

export function loader({ request }: LoaderFunctionArgs) {
  requireRole(request, "admin");
  const s = getSettings(getDb());
  return {
    name: s.name,
    organisation: {
      name: s.name,
      shortName: s.shortName,
      contactEmail: s.contactEmail,
      contactPhone: s.contactPhone,
      postalAddress: s.postalAddress,
      socialLinks: s.socialLinks.join("\n"),
    },
    look: { brandColour: s.brandColour, accentColour: s.accentColour },
    logo: s.logo ? { src: logoUrls(s.logo).src, width: s.logo.width, height: s.logo.height } : null,
    home: {
      homeHeading: s.homeHeading,
      homeIntro: s.homeIntro,
      homeCtaLabel: s.homeCtaLabel,
      homeCtaUrl: s.homeCtaUrl,
    },
    privacy: { privacyController: s.privacyController, privacyContact: s.privacyContact },
  };
}

/** The answer for a refused logo: the upload is not a Conform form, so the reply is built here. */
function logoReply(error: string): SubmissionResult<string[]> {
  return { status: "error", initialValue: { intent: "logo" }, error: { logo: [error] } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRole(request, "admin");
  const db = getDb();
  const actor = { userId: user.id, ip: getClientIp(context) };

  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const upload = await parseLogoUpload(request);
    if (!upload.ok) return data(logoReply(upload.error), { status: upload.status });
    try {
      await storeLogo(db, actor, await processLogo(upload.bytes));
    } catch (error) {
      if (error instanceof LogoProblem) return data(logoReply(error.message), { status: 400 });
      throw error;
    }
    return redirect("/admin/settings?saved=logo#look");
  }

  const formData = await requireFormData(request);
  if (formData.get("intent") === "remove_logo") {
    await removeLogo(db, actor);
    return redirect("/admin/settings?saved=logo-removed#look");
  }
  const submission = parseWithZod(formData, { schema: SettingsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { intent, ...change } = submission.value;
  const outcome = saveSettings(db, actor, change);
  if (!outcome.ok) {
    const fieldErrors: Record<string, string[]> = {};
    for (const [field, message] of Object.entries(outcome.errors)) fieldErrors[field] = [message];
    return data(submission.reply({ fieldErrors }), { status: 400 });
  }
  return redirect(`/admin/settings?saved=${intent}#${intent}`);
}

const SAVED: Record<string, string> = {
  organisation: "Organisation details saved.",
  look: "Colours saved.",
  home: "Home page saved.",
  privacy: "Privacy contacts saved.",
  logo: "Logo saved.",
  "logo-removed": "Logo removed.",
};

export default function Settings() {
  const page = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const saved = SAVED[params.get("saved") ?? ""];
  const logoError =
    lastResult?.initialValue?.intent === "logo" ? lastResult.error?.logo : undefined;
  return (
    <div className="container settings">
      <header className="page-header">
        <h1>Settings</h1>
        <p className="lede">
          Your organisation&apos;s name, look and words. Changes reach every visitor&apos;s next
          page.
        </p>
      </header>
      <SettingsNav />
      {saved ? (
        <p className="notice" role="status">
          {saved} Visitors see it on their next page.
        </p>
      ) : null}
      <div className="settings-stack">
        <OrganisationForm values={page.organisation} lastResult={lastResult} />
        <LookSection
          values={page.look}
          lastResult={lastResult}
          name={page.name}
          logo={page.logo}
          logoError={logoError}
        />
        <HomeForm values={page.home} lastResult={lastResult} />
        <PrivacyForm values={page.privacy} lastResult={lastResult} />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
