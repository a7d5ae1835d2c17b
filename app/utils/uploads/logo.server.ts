/**
 * The organisation's logo: an SVG (sanitised) or a PNG, turned into the three
 * files the site serves:
 * - the logo itself for pages (the sanitised SVG, or the PNG re-encoded
 *   without its metadata);
 * - a PNG at a fixed height for emails and feeds (mail clients do not show SVG);
 * - a 1200×630 PNG card with the logo centred on white, for og:image.
 *
 * SVG is sanitised by DOMPurify (in a jsdom window) with its SVG profile:
 * scripts, event handlers, <foreignObject> and everything not SVG go. On top
 * of that every reference that could leave the file is removed — href and
 * xlink:href other than "#id" (or an embedded raster image), url(…) other than
 * url(#id) in attributes and styles, @import — so neither a browser showing
 * the logo nor the rasteriser (librsvg inside sharp, which would read local
 * files) fetches anything. The sanitised SVG is what is rasterised.
 */
import sharp from "sharp";

export const MAX_LOGO_BYTES = 1024 * 1024;
/** The email/feed rendition's height in pixels (shown at about a third of it, sharp on dense screens). */
export const LOGO_PNG_HEIGHT = 160;
const LOGO_PNG_MAX_WIDTH = 960;
export const CARD_SIZE = { width: 1200, height: 630 } as const;

export type LogoType = "svg" | "png";

export type ProcessedLogo = {
  type: LogoType;
  /** What pages show: the sanitised SVG, or the PNG re-encoded. */
  original: Buffer;
  png: Buffer;
  card: Buffer;
  /** The PNG rendition's size. */
  width: number;
  height: number;
};

/** Why a logo was refused, for the field. */
export class LogoProblem extends Error {}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** "png" or "svg" from the file's first bytes, or null. */
export function sniffLogo(bytes: Uint8Array): LogoType | null {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "png";
  const head = Buffer.from(bytes.subarray(0, 4096))
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  // An XML declaration, comments and a doctype may come before the root element.
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]/i.test(head))
    return "svg";
  return null;
}

/** A reference that stays inside the file: "#id", or an embedded PNG/JPEG/GIF/WebP. */
function isLocalReference(value: string): boolean {
  const v = value.trim();
  return (
    /^#[\w.:-]*$/.test(v) || /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i.test(v)
  );
}

/** Removes url(…) references that leave the file, and @import, from CSS text. */
function localCss(css: string): string {
  return css
    .replace(/@import[^;]*;?/gi, "")
    .replace(/url\(\s*(['"]?)(.*?)\1\s*\)/gi, (whole, _q, target: string) =>
      /^#[\w.:-]*$/.test(target.trim()) ? whole : "none",
    );
}

type Purifier = { sanitize(source: string, config: Record<string, unknown>): string } & {
  addHook(
    name: string,
    hook: (node: Element, data: { attrName: string; attrValue: string; keepAttr: boolean }) => void,
  ): void;
};

let purifier: Promise<Purifier> | undefined;

/** DOMPurify in a jsdom window, loaded on first use: most processes never see a logo. */
function getPurifier(): Promise<Purifier> {
  purifier ??= (async () => {
    const [{ JSDOM }, { default: createDOMPurify }] = await Promise.all([
      import("jsdom"),
      import("dompurify"),
    ]);
    const purify = createDOMPurify(new JSDOM("").window as never) as unknown as Purifier;
    purify.addHook("uponSanitizeAttribute", (_node, data) => {
      const name = data.attrName.toLowerCase();
      if (name === "href" || name === "xlink:href" || name === "src") {
        if (!isLocalReference(data.attrValue)) data.keepAttr = false;
      } else if (/url\(|@import/i.test(data.attrValue)) {
        data.attrValue = localCss(data.attrValue);
      }
    });
    purify.addHook("afterSanitizeElements", (node) => {
      if (node.nodeName?.toLowerCase() === "style" && node.textContent)
        node.textContent = localCss(node.textContent);
    });
    return purify;
  })();
  return purifier;
}

/**
 * The SVG with everything active or external removed; throws LogoProblem
 * when nothing drawable is left or the root is not <svg>.
 */
export async function sanitiseSvg(source: string): Promise<string> {
  const purify = await getPurifier();
  const clean = purify.sanitize(source, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ["foreignObject", "a", "script", "animate", "set", "animateMotion"],
    ADD_TAGS: ["style"],
    // Keep <svg> as the root of a document, not a fragment inside <body>.
    WHOLE_DOCUMENT: false,
  });
  const trimmed = clean.trim();
  if (!/^<svg[\s>]/i.test(trimmed) || !/<\/svg>$/i.test(trimmed))
    throw new LogoProblem("The SVG could not be read. Export it again as plain SVG.");
  // DOMPurify drops the namespace declaration of an SVG parsed as HTML; a standalone file needs it.
  return /^<svg[^>]*\sxmlns=/i.test(trimmed)
    ? trimmed
    : trimmed.replace(/^<svg/i, '<svg xmlns="http://www.w3.org/2000/svg"');
}

/** Checks, sanitises and renders a logo upload. Throws LogoProblem for a file it cannot use. */
export async function processLogo(bytes: Uint8Array): Promise<ProcessedLogo> {
  const type = sniffLogo(bytes);
  if (!type) throw new LogoProblem("The logo must be an SVG or PNG file.");
  let original: Buffer;
  let input: ReturnType<typeof sharp>;
  try {
    if (type === "svg") {
      original = Buffer.from(await sanitiseSvg(Buffer.from(bytes).toString("utf8")), "utf8");
      // A high density so small viewBoxes rasterise crisply; the output is resized anyway.
      input = sharp(original, { density: 300, limitInputPixels: 40_000_000 });
    } else {
      // Re-encoded: metadata (text chunks, profiles) stays behind.
      original = await sharp(bytes, { limitInputPixels: 40_000_000 }).png().toBuffer();
      input = sharp(original);
    }
    const rendered = await input
      .clone()
      .resize({
        height: LOGO_PNG_HEIGHT,
        width: LOGO_PNG_MAX_WIDTH,
        fit: "inside",
        withoutEnlargement: type === "png",
      })
      .png()
      .toBuffer({ resolveWithObject: true });
    const inCard = await sharp(rendered.data)
      .resize({ width: 720, height: 300, fit: "inside" })
      .png()
      .toBuffer();
    const card = await sharp({
      create: { ...CARD_SIZE, channels: 4, background: "#ffffff" },
    })
      .composite([{ input: inCard, gravity: "centre" }])
      .png()
      .toBuffer();
    return {
      type,
      original,
      png: rendered.data,
      card,
      width: rendered.info.width,
      height: rendered.info.height,
    };
  } catch (error) {
    if (error instanceof LogoProblem) throw error;
    throw new LogoProblem(
      type === "svg"
        ? "The SVG could not be drawn. Export it again as plain SVG."
        : "The PNG could not be read. Export it again.",
    );
  }
}
