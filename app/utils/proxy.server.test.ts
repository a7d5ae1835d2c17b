import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";
import { parseTrustProxy } from "./proxy.server";

describe("TRUST_PROXY", () => {
  it("is a hop count, or addresses, ranges and Express's names", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("0")).toBe(false);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("loopback")).toEqual(["loopback"]);
    expect(parseTrustProxy("10.0.0.0/8, fd00::/8, 192.168.1.4")).toEqual([
      "10.0.0.0/8",
      "fd00::/8",
      "192.168.1.4",
    ]);
  });

  it("refuses what would trust everyone or nothing it names", () => {
    for (const bad of [
      "true",
      "yes",
      "11",
      "10.0.0.0/33",
      "::1/129",
      "example.com",
      "1.2.3",
      "10/8/8",
    ]) {
      expect(parseTrustProxy(bad), bad).toBeNull();
    }
  });

  it("is parsed with the rest of the environment, with a message naming it", () => {
    expect(parseEnv({ TRUST_PROXY: "loopback" }).TRUST_PROXY).toEqual(["loopback"]);
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(() => parseEnv({ TRUST_PROXY: "everyone" })).toThrow(/TRUST_PROXY: must be a hop count/);
  });
});
