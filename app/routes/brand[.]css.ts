/**
 * /brand.css?v=… — the organisation's colours as the CSS custom properties
 * app.css uses, linked from the root after app.css when an admin chose
 * colours of their own (a stylesheet from our origin: the content security
 * policy allows it, where an inline style would be blocked). The `v` is a
 * fingerprint of the colours: the current one is cached for a year, any other
 * answers the current colours without being kept.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { colourVersion, getSettings } from "~/models/settings.server";
import { brandPalette } from "~/utils/colour";
import { getDb } from "~/utils/db.server";

export function loader({ request }: LoaderFunctionArgs) {
  // Public, like the pages that link it: the colours are on every page anyway.
  const settings = getSettings(getDb());
  const palette = brandPalette(settings.brandColour, settings.accentColour);
  const css = [
    ":root {",
    `  --color-primary: ${palette.primary};`,
    `  --color-primary-strong: ${palette.strong};`,
    `  --color-primary-soft: ${palette.soft};`,
    `  --color-accent: ${palette.accent};`,
    "}",
    "",
  ].join("\n");
  const current = new URL(request.url).searchParams.get("v") === colourVersion(settings);
  return new Response(css, {
    headers: {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": current
        ? "public, max-age=31536000, immutable"
        : "public, max-age=0, must-revalidate",
    },
  });
}
