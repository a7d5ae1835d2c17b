import { describe, expect, it } from "vitest";
import { isSameOriginHeaders, isSameOriginRequest } from "./csrf.server";

const post = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/login", { method: "POST", headers, body: "email=a" });

describe("CSRF origin check", () => {
  it("accepts a POST from our own origin", () => {
    expect(isSameOriginRequest(post({ Origin: "http://localhost:3000" }))).toBe(true);
  });

  it("refuses a foreign Origin", () => {
    expect(isSameOriginRequest(post({ Origin: "https://evil.example" }))).toBe(false);
    // Same host, other port or scheme, is another origin.
    expect(isSameOriginRequest(post({ Origin: "http://localhost:4000" }))).toBe(false);
    expect(isSameOriginRequest(post({ Origin: "https://localhost:3000" }))).toBe(false);
  });

  it("refuses the opaque `null` origin (sandboxed frames, some redirects)", () => {
    expect(isSameOriginRequest(post({ Origin: "null" }))).toBe(false);
    expect(
      isSameOriginRequest(post({ Origin: "null", Referer: "http://localhost:3000/login" })),
    ).toBe(false);
  });

  it("falls back to the Referer when Origin is missing", () => {
    expect(isSameOriginRequest(post({ Referer: "http://localhost:3000/login?x=1" }))).toBe(true);
    expect(isSameOriginRequest(post({ Referer: "https://evil.example/page" }))).toBe(false);
    expect(isSameOriginRequest(post({ Referer: "not a url" }))).toBe(false);
  });

  it("refuses a POST with neither Origin nor Referer", () => {
    expect(isSameOriginRequest(post({}))).toBe(false);
  });

  it("lets safe methods through and applies to every unsafe one", () => {
    const base = {
      origin: "https://evil.example",
      referer: null,
      expectedOrigin: "http://localhost:3000",
    };
    expect(isSameOriginHeaders({ ...base, method: "GET" })).toBe(true);
    expect(isSameOriginHeaders({ ...base, method: "HEAD" })).toBe(true);
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(isSameOriginHeaders({ ...base, method })).toBe(false);
    }
    expect(
      isSameOriginHeaders({
        method: "DELETE",
        origin: undefined,
        referer: undefined,
        expectedOrigin: "http://localhost:3000",
      }),
    ).toBe(false);
  });
});
