/** The forms of /admin/settings, by `intent`: one discriminated schema, Conform on both sides. */
import { z } from "zod";
import { HEX_COLOUR, normaliseHex } from "~/utils/colour";
import { optionalTextField, textField } from "~/utils/form-fields";
import { isWebAddress } from "~/utils/links";

/** A colour typed as hex ("#1D3B6A", "1d3b6a", "#abc"), stored as "#rrggbb". */
function colourField(label: string) {
  const message = `Enter the ${label} as a hex colour, like #1d3b6a.`;
  return textField(message, { max: 7 })
    .transform((v) => normaliseHex(v) ?? v)
    .refine((v) => HEX_COLOUR.test(v), message);
}

const optionalEmail = optionalTextField({ max: 254 })
  .transform((v) => v.toLowerCase())
  .refine(
    (v) => v === "" || z.email().safeParse(v).success,
    "Enter a valid email address, like hello@example.org.",
  );

/** At most this many profiles elsewhere. */
export const MAX_SOCIAL_LINKS = 8;

/** One https address per line; blank lines are ignored. */
const socialLinks = optionalTextField({ max: 3000, multiline: true })
  .transform((v) =>
    v
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .superRefine((links, ctx) => {
    if (links.length > MAX_SOCIAL_LINKS)
      ctx.addIssue({ code: "custom", message: `List at most ${MAX_SOCIAL_LINKS} addresses.` });
    const bad = links.find((link) => !/^https:\/\//i.test(link) || !isWebAddress(link));
    if (bad)
      ctx.addIssue({
        code: "custom",
        message: `“${bad.slice(0, 60)}” is not a full address starting with https://.`,
      });
  });

/** Where the home page's main button goes: a path on this site, or an https address. */
const ctaUrl = optionalTextField({ max: 300 }).refine(
  (v) => v === "" || /^\/(?![/\\])\S*$/.test(v) || (/^https:\/\//i.test(v) && isWebAddress(v)),
  "Enter a path on this site, like /careers, or a full address starting with https://.",
);

export const SETTINGS_FORMS = {
  organisation: z.object({
    intent: z.literal("organisation"),
    name: textField("Enter the organisation's name.", { min: 2, max: 120 }),
    shortName: optionalTextField({ max: 40 }),
    contactEmail: optionalEmail,
    contactPhone: optionalTextField({ max: 40 }),
    postalAddress: optionalTextField({ max: 400, multiline: true }),
    socialLinks,
  }),
  look: z.object({
    intent: z.literal("look"),
    brandColour: colourField("brand colour"),
    accentColour: colourField("accent colour"),
  }),
  home: z
    .object({
      intent: z.literal("home"),
      homeHeading: optionalTextField({ max: 120 }),
      homeIntro: optionalTextField({ max: 600, multiline: true }),
      homeCtaLabel: optionalTextField({ max: 40 }),
      homeCtaUrl: ctaUrl,
    })
    .superRefine((v, ctx) => {
      if (v.homeCtaLabel && !v.homeCtaUrl)
        ctx.addIssue({
          code: "custom",
          path: ["homeCtaUrl"],
          message: "Enter where the button goes, or clear its label.",
        });
      if (v.homeCtaUrl && !v.homeCtaLabel)
        ctx.addIssue({
          code: "custom",
          path: ["homeCtaLabel"],
          message: "Enter the button's label, or clear where it goes.",
        });
    }),
  privacy: z.object({
    intent: z.literal("privacy"),
    privacyController: optionalTextField({ max: 400, multiline: true }),
    privacyContact: optionalTextField({ max: 400, multiline: true }),
  }),
};

export type SettingsIntent = keyof typeof SETTINGS_FORMS;

export const SettingsSchema = z.discriminatedUnion(
  "intent",
  [SETTINGS_FORMS.organisation, SETTINGS_FORMS.look, SETTINGS_FORMS.home, SETTINGS_FORMS.privacy],
  { error: "That action is not recognised. Please use the buttons on this page." },
);
