/**
 * The images drawn from the brand (app/utils/share.ts names their addresses):
 * one 1200×630 share card per kind of public page, and the default mark, a
 * square logo for an organisation that has not uploaded one. Drawn as SVG
 * and turned into PNG by sharp: Open Graph and Twitter cards, and
 * structured data logos, must be raster images.
 *
 * Text is drawn as outlines from the Inter font the site itself uses (read
 * with fontkit from @fontsource-variable/inter), not left to the SVG
 * renderer: a server without fonts installed would draw no text at all, and
 * one with other fonts would draw different cards.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { create, type Font } from "fontkit";
import sharp from "sharp";
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  isShareCard,
  MARK_SIZE,
  SHARE_CARDS,
  type ShareCard,
} from "./share";
import type { Brand } from "./site";
import { readStoredFile } from "./uploads.server";

// ─── text as outlines ──────────────────────────────────────────────────────

const require = createRequire(import.meta.url);
/** Inter's subsets in the order a character is looked for; a character none has is left out. */
const SUBSETS = [
  "latin",
  "latin-ext",
  "vietnamese",
  "greek",
  "greek-ext",
  "cyrillic",
  "cyrillic-ext",
];
let fonts: Font[] | undefined;

function interFonts(): Font[] {
  fonts ??= SUBSETS.map((subset) => {
    const file = require.resolve(
      `@fontsource-variable/inter/files/inter-${subset}-wght-normal.woff2`,
    );
    return create(fs.readFileSync(file)) as Font;
  });
  return fonts;
}

type Run = { font: Font; text: string };

/** Splits `text` into runs that one subset of the font can draw each. */
function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  for (const char of text) {
    const font = interFonts().find((f) => f.hasGlyphForCodePoint(char.codePointAt(0)!));
    if (!font) continue;
    const last = runs.at(-1);
    if (last?.font === font) last.text += char;
    else runs.push({ font, text: char });
  }
  return runs;
}

/** The outline of `text` at `size` px with its baseline at (x, y), and its width. */
function textOutline(text: string, x: number, y: number, size: number) {
  let pen = x;
  let d = "";
  for (const { font, text: part } of runsOf(text)) {
    const scale = size / font.unitsPerEm;
    const run = font.layout(part);
    run.glyphs.forEach((glyph, i) => {
      const at = run.positions[i];
      d += glyph.path
        .scale(scale, -scale)
        .translate(pen + at.xOffset * scale, y - at.yOffset * scale)
        .toSVG();
      pen += at.xAdvance * scale;
    });
  }
  return { d, width: pen - x };
}

const textWidth = (text: string, size: number) => textOutline(text, 0, 0, size).width;

/** Breaks `text` into at most `maxLines` lines no wider than `width`; the last is cut with "…". */
function wrap(text: string, size: number, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const tried = line ? `${line} ${word}` : word;
    if (textWidth(tried, size) <= width || !line) line = tried;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines && lines.every((l) => textWidth(l, size) <= width)) return lines;
  const kept = lines.slice(0, maxLines);
  let last =
    kept.length < lines.length ? `${kept.at(-1)} ${lines.slice(maxLines).join(" ")}` : kept.at(-1)!;
  while (last.length > 1 && textWidth(`${last}…`, size) > width) last = last.slice(0, -1).trimEnd();
  kept[kept.length - 1] = `${last}…`;
  return kept;
}

const escapeAttr = (value: string) => value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The default mark (the favicon's): a star in a rounded square, drawn on a 32-unit grid at `size` px. */
function mark(x: number, y: number, size: number, colours: { square: string; star: string }) {
  return `<g transform="translate(${x} ${y}) scale(${size / 32})">
    <rect width="32" height="32" rx="7" fill="${escapeAttr(colours.square)}"/>
    <path d="M16 6l3 7h7l-5.6 4.3 2.1 7.2L16 20.3l-6.5 4.2 2.1-7.2L6 13h7z" fill="${escapeAttr(colours.star)}"/>
  </g>`;
}

// ─── the images ────────────────────────────────────────────────────────────

const MARGIN = 80;
/** The white tile an uploaded logo sits on (a logo may be dark, the card is the brand colour). */
const TILE = { height: 120, maxWidth: 520, padding: 20 } as const;
/** A logo this much wider than tall is a wordmark: it carries the name, so the card does not repeat it. */
const WORDMARK_RATIO = 2.5;

type LogoArt = { png: Buffer; width: number; height: number };

/** The logo's size inside its tile, and the tile's width. */
function logoBox(logo: LogoArt) {
  const inner = TILE.height - 2 * TILE.padding;
  const scale = Math.min(inner / logo.height, (TILE.maxWidth - 2 * TILE.padding) / logo.width);
  const width = Math.max(1, Math.round(logo.width * scale));
  const height = Math.max(1, Math.round(logo.height * scale));
  return { width, height, tileWidth: width + 2 * TILE.padding };
}

/**
 * The SVG of a card: the organisation's logo (or the default mark) and name
 * above the heading of its kind of page, in the brand's colours.
 */
function shareCardSvg(card: ShareCard, brand: Brand, logo: LogoArt | null = null): string {
  const width = CARD_WIDTH - 2 * MARGIN;
  const primary = escapeAttr(brand.primary);
  const accent = escapeAttr(brand.accent);
  let top: string;
  let nameX: number;
  let showName = true;
  if (logo) {
    const box = logoBox(logo);
    top = `<rect x="${MARGIN}" y="${MARGIN}" width="${box.tileWidth}" height="${TILE.height}" rx="16" fill="#ffffff"/>`;
    nameX = MARGIN + box.tileWidth + 32;
    showName = logo.width / logo.height < WORDMARK_RATIO;
  } else {
    top = mark(MARGIN, MARGIN, 88, { square: brand.accent, star: brand.primary });
    nameX = MARGIN + 88 + 28;
  }
  const nameSize = 44;
  const nameLine = showName ? wrap(brand.name, nameSize, CARD_WIDTH - MARGIN - nameX, 1)[0] : "";
  const name = showName
    ? textOutline(nameLine, nameX, MARGIN + 44 + nameSize / 2.6, nameSize).d
    : "";
  const headingSize = 84;
  const heading = wrap(SHARE_CARDS[card], headingSize, width, 2)
    .map((line, i, all) => {
      const baseline = CARD_HEIGHT - MARGIN - 30 - (all.length - 1 - i) * headingSize * 1.15;
      return textOutline(line, MARGIN, baseline, headingSize).d;
    })
    .join("");
  // Bold headings from the regular outlines: a stroke of their own colour thickens them
  // (fontkit cannot pick the variable font's weight axis from a WOFF2 file).
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">
  <rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${primary}"/>
  <rect y="${CARD_HEIGHT - 24}" width="${CARD_WIDTH}" height="24" fill="${accent}"/>
  ${top}
  <path d="${name}" fill="#ffffff" stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round"/>
  <path d="${heading}" fill="#ffffff" stroke="#ffffff" stroke-width="2.5" stroke-linejoin="round"/>
</svg>`;
}

/** The SVG of the default mark alone, square. */
function markSvg(brand: Brand): string {
  const square = mark(0, 0, MARK_SIZE, { square: brand.primary, star: brand.accent });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${MARK_SIZE}" height="${MARK_SIZE}" viewBox="0 0 ${MARK_SIZE} ${MARK_SIZE}">${square}</svg>`;
}

async function cardPng(card: ShareCard, brand: Brand, logo: LogoArt | null): Promise<Buffer> {
  const base = sharp(Buffer.from(shareCardSvg(card, brand, logo)));
  if (!logo) return base.png({ compressionLevel: 9 }).toBuffer();
  const box = logoBox(logo);
  const resized = await sharp(logo.png)
    .resize(box.width, box.height, { fit: "contain", background: "#ffffff00" })
    .png()
    .toBuffer();
  return base
    .composite([
      {
        input: resized,
        left: MARGIN + TILE.padding,
        top: MARGIN + Math.round((TILE.height - box.height) / 2),
      },
    ])
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/**
 * PNGs already drawn, by address: each is drawn once per process (a card
 * takes sharp some tens of milliseconds). The address carries the brand's
 * artwork hash, so a change of settings asks for new addresses and old
 * entries are simply not asked for again (and go when the map is full).
 */
const drawn = new Map<string, Promise<Buffer>>();
const MAX_DRAWN = 64;

function remember(key: string, draw: () => Promise<Buffer>): Promise<Buffer> {
  let image = drawn.get(key);
  if (!image) {
    if (drawn.size >= MAX_DRAWN) drawn.clear();
    image = draw();
    // A failed drawing is not kept: the next request tries again.
    image.catch(() => drawn.delete(key));
    drawn.set(key, image);
  }
  return image;
}

/**
 * The drawn image a `/brand/<fileName>` address names — `og-<kind>-<artwork>.png`
 * or `mark-<artwork>.png` for the current brand — or null when it names none
 * (another kind, an old artwork hash, or the mark while a logo is uploaded).
 */
export function drawnImage(
  brand: Brand,
  /** The uploaded logo's PNG rendition, when there is one. */
  logo: { storageName: string; width: number; height: number } | null,
  fileName: string,
): Promise<Buffer> | null {
  const card = /^og-([a-z]+)-([0-9a-f]+)\.png$/.exec(fileName);
  if (card) {
    const [, kind, artwork] = card;
    if (!isShareCard(kind) || artwork !== brand.artwork) return null;
    return remember(fileName, async () => {
      const png = logo ? await readStoredFile(logo.storageName) : null;
      return cardPng(
        kind,
        brand,
        png && logo ? { png, width: logo.width, height: logo.height } : null,
      );
    });
  }
  const markFile = /^mark-([0-9a-f]+)\.png$/.exec(fileName);
  if (markFile && markFile[1] === brand.artwork && !logo)
    return remember(fileName, () =>
      sharp(Buffer.from(markSvg(brand)))
        .png({ compressionLevel: 9 })
        .toBuffer(),
    );
  return null;
}
