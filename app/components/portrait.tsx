/**
 * Generated portraits for researchers without a photo: a small inline SVG whose
 * colours and hair are derived from a hash of the researcher's slug, so the same
 * person always gets the same picture (server and client alike) and no file is
 * stored. Only SVG presentation attributes (fill=…), never `style=` (CSP).
 */
import { useId } from "react";

const BACKGROUNDS = ["#dbe7f5", "#e3efe0", "#f6e7d8", "#ebe3f3", "#f3e0e3", "#dcefee", "#f2ecd2"];
const SKIN = ["#f3d5bb", "#e6b994", "#cf9a70", "#ab7148", "#85522f", "#5e3a22"];
const HAIR = ["#2b2118", "#4a3121", "#7b4f2c", "#c9a36b", "#7a7a7a", "#1f2a44", "#9c3f28"];
const SHIRT = ["#1f3a5f", "#3c6e71", "#8c4a2f", "#5b4b8a", "#2f5d3a", "#7a2e4a", "#4d5d6c"];
export const HAIR_STYLES = ["short", "long", "bun", "crop", "curly"] as const;

export type PortraitTraits = {
  background: string;
  skin: string;
  hair: string;
  shirt: string;
  hairStyle: (typeof HAIR_STYLES)[number];
  glasses: boolean;
};

/** FNV-1a, 32 bits: tiny, stable, good enough to spread slugs over a palette. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The portrait's traits for a slug: the same slug always gives the same traits. */
export function portraitTraits(slug: string): PortraitTraits {
  let h = hash(slug);
  const pick = <T,>(list: readonly T[]): T => {
    const item = list[h % list.length] as T;
    h = Math.floor(h / list.length);
    return item;
  };
  return {
    background: pick(BACKGROUNDS),
    skin: pick(SKIN),
    hair: pick(HAIR),
    shirt: pick(SHIRT),
    hairStyle: pick(HAIR_STYLES),
    glasses: pick([false, false, true]),
  };
}

/**
 * The drawing inside the portrait's <svg>, as markup. It is the same for every
 * render of a slug (only the clip id differs), and a list page shows dozens of
 * portraits of ten elements each: React rendering them as trees was a large
 * share of `/people`'s server render, one string each is not. Every value in it is a
 * constant from this file or the numeric clip id, never text from a request.
 */
export function portraitMarkup(t: PortraitTraits, clipId: string): string {
  const hairBack =
    t.hairStyle === "long"
      ? `<path d="M19 28c0-10 6-16 13-16s13 6 13 16v16H19z" fill="${t.hair}"></path>`
      : t.hairStyle === "bun"
        ? `<circle cx="32" cy="11" r="6" fill="${t.hair}"></circle>`
        : "";
  const hairFront =
    t.hairStyle === "curly"
      ? `<g fill="${t.hair}"><circle cx="23" cy="20" r="5"></circle><circle cx="29" cy="15" r="5.5"></circle>` +
        `<circle cx="36" cy="15" r="5.5"></circle><circle cx="41" cy="20" r="5"></circle></g>`
      : t.hairStyle === "crop"
        ? `<path d="M21.5 23c1-7 5.5-10.5 10.5-10.5S41.5 16 42.5 23c-4-3-17-3-21 0z" fill="${t.hair}"></path>`
        : `<path d="M20.5 27c-1-9 4.5-14.5 11.5-14.5S44.5 18 43.5 27c-2-6-7-7.5-12-7.5s-9 2-11 7.5z" fill="${t.hair}"></path>`;
  const glasses = t.glasses
    ? `<g fill="none" stroke="#2b2b2b" stroke-width="1.4"><circle cx="27.5" cy="29" r="3.4"></circle>` +
      `<circle cx="36.5" cy="29" r="3.4"></circle><path d="M30.9 29h2.2"></path></g>`
    : "";
  return (
    `<clipPath id="${clipId}"><circle cx="32" cy="32" r="32"></circle></clipPath>` +
    `<g clip-path="url(#${clipId})"><rect width="64" height="64" fill="${t.background}"></rect>` +
    hairBack +
    `<path d="M9 66c0-14 10-22 23-22s23 8 23 22z" fill="${t.shirt}"></path>` +
    `<rect x="27.5" y="35" width="9" height="10" rx="3" fill="${t.skin}"></rect>` +
    `<ellipse cx="32" cy="28" rx="11" ry="12.5" fill="${t.skin}"></ellipse>` +
    hairFront +
    glasses +
    `</g>`
  );
}

/**
 * The generated portrait. `title` names it for assistive technology; without a
 * title it is decorative (aria-hidden), for places where the name is next to it.
 */
export function Portrait({
  slug,
  size,
  className,
  title,
}: {
  slug: string;
  size: number;
  className?: string;
  title?: string;
}) {
  const clipId = `portrait-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 64 64"
      {...(title ? { role: "img", "aria-label": title } : { "aria-hidden": true })}
      focusable="false"
      // Constants and a sanitised id only (see portraitMarkup).
      dangerouslySetInnerHTML={{ __html: portraitMarkup(portraitTraits(slug), clipId) }}
    />
  );
}
