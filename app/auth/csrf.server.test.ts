import { describe, expect, it } from "vitest";
import { isSameOriginHeaders, originOf } from "./csrf.server";

const ours = "http://localhost:3000";
const post = (headers: { origin?: string; referer?: string; fetchSite?: string }) =>
  isSameOriginHeaders({
    method: "POST",
    origin: headers.origin,
    referer: headers.referer,
    fetchSite: headers.fetchSite,
    expectedOrigin: ours,
  });

describe("CSRF origin check", () => {
  it("accepts a POST from our own origin", () => {
    expect(post({ origin: ours })).toBe(true);
  });

  it("refuses a foreign Origin", () => {
    expect(post({ origin: "https://evil.example" })).toBe(false);
    // Same host, other port or scheme, is another origin.
    expect(post({ origin: "http://localhost:4000" })).toBe(false);
    expect(post({ origin: "https://localhost:3000" })).toBe(false);
  });

  it("refuses the opaque `null` origin unless the browser says the form was ours", () => {
    expect(post({ origin: "null" })).toBe(false);
    expect(post({ origin: "null", referer: `${ours}/login` })).toBe(false);
    expect(post({ origin: "null", fetchSite: "cross-site" })).toBe(false);
    expect(post({ origin: "null", fetchSite: "same-site" })).toBe(false);
    // A form on a no-referrer page (reset, referee) posts `Origin: null` with this.
    expect(post({ origin: "null", fetchSite: "same-origin" })).toBe(true);
  });

  it("falls back to the Referer when Origin is missing", () => {
    expect(post({ referer: `${ours}/login?x=1` })).toBe(true);
    expect(post({ referer: "https://evil.example/page" })).toBe(false);
    expect(post({ referer: "not a url" })).toBe(false);
  });

  it("refuses a POST with neither Origin nor Referer", () => {
    expect(post({})).toBe(false);
  });

  it("lets safe methods through and applies to every unsafe one", () => {
    const base = { origin: "https://evil.example", referer: null, expectedOrigin: ours };
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(isSameOriginHeaders({ ...base, method })).toBe(true);
    }
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(isSameOriginHeaders({ ...base, method })).toBe(false);
    }
  });
});

describe("the origin a request was made to", () => {
  it("is written as a browser writes Origin", () => {
    expect(originOf("https", "atrium.example")).toBe("https://atrium.example");
    expect(originOf("https", "Atrium.Example:443")).toBe("https://atrium.example");
    expect(originOf("http", "localhost:3000")).toBe("http://localhost:3000");
    expect(originOf("http", "[::1]:3000")).toBe("http://[::1]:3000");
  });

  it("is nothing for a Host header that is not a host", () => {
    for (const host of ["", "evil.example/path", "a b", "user@host", "host:port", "host:99999x"]) {
      expect(originOf("http", host), host).toBeNull();
    }
  });
});
