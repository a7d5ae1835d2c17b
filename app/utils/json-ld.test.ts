import { describe, expect, test } from "vitest";
import { jsonForScript } from "./json-ld";

describe("jsonForScript", () => {
  test("text cannot end the script element, and the data reads back the same", () => {
    const value = {
      name: "Ada </script><script>alert(1)</script> & <!-- co",
      bio: "line\u2028next\u2029end",
    };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&]/);
    expect(json).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
