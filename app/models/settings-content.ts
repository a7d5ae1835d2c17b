/**
 * The settings every database starts with: the demo organisation, Northlight
 * Research (fictional), and its words for the home and about pages. The
 * migration that created `organisation_settings` inserted exactly these
 * (settings.server.test.ts keeps the two equal). A deployment's first admin
 * names the organisation at /setup, which also clears the texts below that
 * are still Northlight's own, so a real organisation never shows them.
 */

export const DEMO_SETTINGS = {
  name: "Northlight Research",
  shortName: "Northlight",
  brandColour: "#1d3b6a",
  accentColour: "#f5c451",
  homeHeading: "Research that asks what technology is for",
  homeIntro:
    "At Northlight Research, scientists and engineers work on the foundations of computing and on the questions it raises — from trustworthy systems and better tools for science to health, creativity and a more resilient planet.",
  homeCtaLabel: "Meet the people",
  homeCtaUrl: "/people",
  contactEmail: "hello@northlight.test",
  contactPhone: "",
  postalAddress: "Northlight Research\n12 Lantern Quay\nEdinburgh EH6 7ZZ\nUnited Kingdom",
  privacyController: "Northlight Research\n12 Lantern Quay\nEdinburgh EH6 7ZZ\nUnited Kingdom",
  privacyContact: "Data protection officer: privacy@northlight.test",
  aboutLens: [
    "We start from a question rather than a technology: **what would make this useful, fair and lasting for the people who will live with it?**",
    "",
    "Our researchers work on the foundations of computing — how machines represent knowledge, how they learn, what new kinds of computer can do — and follow that work to where it meets the world: in laboratories, clinics, studios, fields and city halls. We judge an idea by what others can do with it, so we publish what we learn and release the tools we build.",
  ].join("\n"),
  aboutValues: [
    "- **Rigour.** We hold our own results to the standard we would hold a rival's: measured honestly, reproducible, with their limits written down.",
    "- **Calculated risk.** Some problems are worth choosing because they might not work. We plan for that, learn from it, and say so when they don't.",
    "- **Sharing our work.** Papers, code, data and models leave the building whenever they can, so that others can check them and build on them.",
    "- **Moving the conversation forward.** We take part in the debates our field raises — in workshops, standards bodies and public forums — and bring evidence to them.",
    "- **Working across the research ecosystem.** Universities, hospitals, public agencies and other labs are our partners; the best questions sit between disciplines and institutions.",
  ].join("\n"),
  aboutQuote:
    "The questions worth our time are the ones whose answers we would be glad to hand to someone else.",
  aboutQuoteBy: "From Northlight Research's founding charter",
} as const;

/** The texts /setup clears when they are still the demo's (an admin's own words stay). */
export const DEMO_TEXT_FIELDS = [
  "homeHeading",
  "homeIntro",
  "contactEmail",
  "postalAddress",
  "privacyController",
  "privacyContact",
  "aboutLens",
  "aboutValues",
  "aboutQuote",
  "aboutQuoteBy",
] as const satisfies ReadonlyArray<keyof typeof DEMO_SETTINGS>;
