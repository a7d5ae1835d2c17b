/**
 * The organisation's two colours and the rules they must meet (WCAG 2.2 AA
 * contrast). Browser-safe: the settings form checks as the admin types, and
 * the server checks again before anything is stored.
 *
 * Where each colour is used (app/styles/app.css):
 * - the brand colour is the colour of links and headings on white cards and
 *   on the page's off-white background, and the background of buttons and
 *   the home page's banner, under white or near-white text;
 * - its dark shade (mixed towards black) is the header's background and the
 *   text on accent-coloured buttons; its light tint is the background of tags;
 * - the accent colour is the background of the header's and banner's main
 *   buttons, under the brand's dark shade, and the underline of the current
 *   page in the header.
 */

/** "#rrggbb" (lower case). */
export const HEX_COLOUR = /^#[0-9a-f]{6}$/;

/** The off-white page background (--color-bg) and the near-white banner text. */
export const PAGE_BACKGROUND = "#f7f6f2";
const BANNER_TEXT = "#e9eef7";

/** Text needs 4.5:1 against what is behind it (WCAG 1.4.3, AA). */
export const TEXT_CONTRAST = 4.5;

/** "#1D3B6A", "1d3b6a" or "#abc" as "#1d3b6a"; null when it is not a hex colour. */
export function normaliseHex(input: string): string | null {
  const value = input.trim().toLowerCase().replace(/^#?/, "#");
  if (/^#[0-9a-f]{3}$/.test(value)) return `#${[...value.slice(1)].map((c) => c + c).join("")}`;
  return HEX_COLOUR.test(value) ? value : null;
}

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `a` moved towards `b` by `amount` (0 to 1), channel by channel. */
export function mix(a: string, b: string, amount: number): string {
  const [x, y] = [channels(a), channels(b)];
  return toHex([0, 1, 2].map((i) => x[i] + (y[i] - x[i]) * amount) as [number, number, number]);
}

/** The shades the pages use beside the two chosen colours. */
export function brandPalette(primary: string, accent: string) {
  return {
    primary,
    /** The header's background and the text on accent buttons. */
    strong: mix(primary, "#000000", 0.35),
    /** The background of tags and ghost buttons when hovered. */
    soft: mix(primary, "#ffffff", 0.88),
    accent,
  };
}

/** A ratio as people read it, never rounded up past what it is ("4.49" is "4.4:1"). */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 10) / 10).toFixed(1)}:1`;
}

export type ColourCheck = {
  /** Which setting the pairing belongs to. */
  field: "brandColour" | "accentColour";
  /** Where the pairing is on the pages, in words. */
  where: string;
  ratio: number;
  ok: boolean;
};

/** Every pairing of the two colours the pages use for text, with its contrast. */
export function colourChecks(primary: string, accent: string): ColourCheck[] {
  const { strong } = brandPalette(primary, accent);
  const check = (field: ColourCheck["field"], where: string, a: string, b: string) => {
    const ratio = contrastRatio(a, b);
    return { field, where, ratio, ok: ratio >= TEXT_CONTRAST };
  };
  return [
    check("brandColour", "on white", primary, "#ffffff"),
    check("brandColour", `on the page background (${PAGE_BACKGROUND})`, primary, PAGE_BACKGROUND),
    check("brandColour", `behind the banner's text (${BANNER_TEXT})`, primary, BANNER_TEXT),
    check("accentColour", `behind the brand's dark text (${strong})`, accent, strong),
  ];
}

export type ColourProblems = { brandColour?: string; accentColour?: string };

const LABEL = { brandColour: "Brand colour", accentColour: "Accent colour" } as const;

/** The sentence that refuses a pairing: which colour, on what, how far it falls short. */
export function describeCheck(check: ColourCheck, colour: string): string {
  return `${LABEL[check.field]} ${colour} ${check.where} is ${formatRatio(check.ratio)}; text needs ${TEXT_CONTRAST}:1.`;
}

/**
 * What is wrong with a pair of colours where the pages use them: for each
 * colour, the first pairing whose contrast is below AA for text, with the
 * ratio it has and the one it needs. Empty when both pass.
 */
export function colourProblems(primary: string, accent: string): ColourProblems {
  const problems: ColourProblems = {};
  for (const check of colourChecks(primary, accent)) {
    if (check.ok || problems[check.field]) continue;
    problems[check.field] = describeCheck(check, check.field === "brandColour" ? primary : accent);
  }
  return problems;
}
