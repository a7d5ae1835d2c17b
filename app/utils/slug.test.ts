import { describe, expect, test } from "vitest";
import { isSlug, slugify, uniqueSlug } from "./slug";

describe("slugify", () => {
  test.each([
    ["Ada Lovelace", "ada-lovelace"],
    ["  Zoë Ångström-Šimić ", "zoe-angstrom-simic"],
    ["Research Engineer, ML (Zurich)", "research-engineer-ml-zurich"],
    ["---", ""],
    ["<script>alert(1)</script>", "script-alert-1-script"],
    ["C++ & Rust", "c-rust"],
  ])("slugify(%j) is %j", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  test("caps length at 80 without a trailing hyphen", () => {
    const slug = slugify(`${"a".repeat(79)} b`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
  });

  test("every slugify output that is not empty is a valid slug", () => {
    for (const s of ["Hello World", "Ünïcödé", "x__y", "1 2 3"])
      expect(isSlug(slugify(s))).toBe(true);
  });
});

describe("isSlug", () => {
  test.each(["ada-lovelace", "a", "lab-2", "0"])("accepts %j", (s) => {
    expect(isSlug(s)).toBe(true);
  });

  test.each([
    "",
    "Ada",
    "ada--lovelace",
    "-ada",
    "ada-",
    "ada_lovelace",
    "ada lovelace",
    "../etc/passwd",
    "ada%20",
    "a".repeat(121),
    undefined,
  ])("rejects %j", (s) => {
    expect(isSlug(s)).toBe(false);
  });
});

describe("uniqueSlug", () => {
  test("adds the first free numeric suffix", () => {
    const taken = new Set(["ada-lovelace", "ada-lovelace-2"]);
    expect(uniqueSlug("Ada Lovelace", (s) => taken.has(s))).toBe("ada-lovelace-3");
    expect(uniqueSlug("Grace Hopper", (s) => taken.has(s))).toBe("grace-hopper");
  });

  test("falls back to a stem when the text has no letters or digits", () => {
    expect(uniqueSlug("!!!", () => false)).toBe("item");
  });
});
