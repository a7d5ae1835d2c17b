import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { Avatar } from "./person-card";
import { HAIR_STYLES, Portrait, portraitMarkup, portraitTraits } from "./portrait";

describe("generated portraits", () => {
  test("the same slug always gives the same picture", () => {
    expect(portraitTraits("ada-lovelace")).toEqual(portraitTraits("ada-lovelace"));
    const a = renderToStaticMarkup(<Portrait slug="ada-lovelace" size={52} />);
    const b = renderToStaticMarkup(<Portrait slug="ada-lovelace" size={52} />);
    expect(a).toBe(b);
  });

  test("different slugs spread over the palettes", () => {
    const slugs = Array.from({ length: 40 }, (_, i) => `researcher-${i}`);
    const looks = new Set(slugs.map((s) => JSON.stringify(portraitTraits(s))));
    const backgrounds = new Set(slugs.map((s) => portraitTraits(s).background));
    const hairStyles = new Set(slugs.map((s) => portraitTraits(s).hairStyle));
    expect(looks.size).toBeGreaterThan(35);
    expect(backgrounds.size).toBeGreaterThan(4);
    expect(hairStyles.size).toBe(5);
  });

  test("decorative without a title, named with one, and never an inline style (CSP)", () => {
    const decorative = renderToStaticMarkup(<Portrait slug="x" size={40} />);
    expect(decorative).toContain('aria-hidden="true"');
    expect(decorative).not.toContain("role=");
    const named = renderToStaticMarkup(<Portrait slug="x" size={40} title="Portrait of X" />);
    expect(named).toContain('role="img"');
    expect(named).toContain('aria-label="Portrait of X"');
    for (const html of [decorative, named]) expect(html).not.toContain("style=");
  });

  test("two portraits on one page never share a clip-path id", () => {
    const html = renderToStaticMarkup(
      <>
        <Portrait slug="ada" size={52} />
        <Portrait slug="ada" size={52} />
      </>,
    );
    const ids = [...html.matchAll(/<clipPath id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(html).toContain(`clip-path="url(#${id})"`);
  });

  test("every hair style and the glasses are drawn", () => {
    const base = portraitTraits("ada");
    const drawings = HAIR_STYLES.map((hairStyle) =>
      portraitMarkup({ ...base, hairStyle, glasses: false }, "c"),
    );
    expect(new Set(drawings).size).toBe(HAIR_STYLES.length);
    const withGlasses = portraitMarkup({ ...base, glasses: true }, "c");
    expect(withGlasses).toContain('stroke="#2b2b2b"');
    expect(portraitMarkup({ ...base, glasses: false }, "c")).not.toContain("stroke=");
    // Each drawing is balanced markup: every element that opens also closes.
    for (const markup of [...drawings, withGlasses]) {
      const opened = [...markup.matchAll(/<([a-zA-Z]+)[\s>]/g)].length;
      const closed = [...markup.matchAll(/<\/[a-zA-Z]+>/g)].length;
      expect(closed).toBe(opened);
    }
  });

  test("an avatar is the photo when there is one, the portrait otherwise", () => {
    const photo = renderToStaticMarkup(<Avatar slug="ada" hasPhoto />);
    expect(photo).toContain('src="/people/ada/photo"');
    expect(photo).not.toContain("<svg");
    const generated = renderToStaticMarkup(<Avatar slug="ada" large />);
    expect(generated).toContain("<svg");
    expect(generated).toContain('width="96"');
    expect(generated).not.toContain("/photo");
  });
});
