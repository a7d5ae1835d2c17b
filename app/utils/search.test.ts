import { describe, expect, test } from "vitest";
import { parsePage, parseQuery, toFtsQuery } from "./search";

describe("toFtsQuery", () => {
  test("quotes each word and matches the last one as a prefix", () => {
    expect(toFtsQuery("ada lov")).toBe('"ada" "lov"*');
    expect(toFtsQuery("Lovelace")).toBe('"lovelace"*');
    // One character would be a prefix scan over every indexed term: match it as a whole word.
    expect(toFtsQuery("ada l")).toBe('"ada" "l"');
  });

  test("returns null when nothing searchable is left", () => {
    expect(toFtsQuery("")).toBeNull();
    expect(toFtsQuery(null)).toBeNull();
    expect(toFtsQuery(undefined)).toBeNull();
    expect(toFtsQuery('  " * : ( ) ^ - + ')).toBeNull();
  });

  test.each([
    ['"', null],
    ['"unbalanced', '"unbalanced"*'],
    ["NEAR(a b, 2)", '"near" "a" "b" "2"'],
    ["title:robots", '"title" "robots"*'],
    ["col:", '"col"*'],
    ["a* OR b", '"a" "or" "b"'],
    ["x AND NOT y", '"x" "and" "not" "y"'],
    ["{name title}: ada", '"name" "title" "ada"*'],
    ["^start", '"start"*'],
  ])("neutralises FTS5 syntax in %j", (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected);
  });

  test("never lets a double quote through inside a word", () => {
    const out = toFtsQuery('ab"cd "" e"f');
    expect(out).toBe('"ab" "cd" "e" "f"');
  });

  test("keeps letters from any script and folds case and compatibility forms", () => {
    expect(toFtsQuery("Zoë Ångström")).toBe('"zoë" "ångström"*');
    expect(toFtsQuery("李 明")).toBe('"李" "明"');
    expect(toFtsQuery("ＡＤＡ")).toBe('"ada"*');
  });

  test("caps the number of terms and the input length", () => {
    expect(toFtsQuery("a b c d e f g h i j k")?.split(" ")).toHaveLength(8);
    const long = toFtsQuery("x".repeat(10_000));
    expect(long).toBe(`"${"x".repeat(200)}"*`);
  });
});

describe("parsePage", () => {
  test.each([
    [null, 1],
    [undefined, 1],
    ["", 1],
    ["1", 1],
    ["7", 7],
    ["0", 1],
    ["-1", 1],
    ["abc", 1],
    ["2.5", 1],
    ["1e3", 1],
    [" 3", 1],
    ["9999999", 1],
    ["999999", 10_000],
  ])("parsePage(%j) is %i", (value, expected) => {
    expect(parsePage(value)).toBe(expected);
  });

  test("clamps to a given maximum", () => {
    expect(parsePage("50", 10)).toBe(10);
  });
});

describe("parseQuery", () => {
  test("trims, caps at 200 characters and treats missing as empty", () => {
    expect(parseQuery("  ada  ")).toBe("ada");
    expect(parseQuery(null)).toBe("");
    expect(parseQuery("q".repeat(10_240))).toHaveLength(200);
  });
});
