import { describe, expect, it } from "vitest";
import {
  ACCOUNT_THRESHOLD,
  blockDuration,
  clearFailures,
  consumeRateLimit,
  FORGET_AFTER_MS,
  IP_THRESHOLD,
  recordFailure,
  throttleWait,
  untrustedKeys,
} from "./throttle.server";
import { getDb } from "~/utils/db.server";

const recordLoginFailure = (keys: { account: string; ip: string }, now: number) =>
  recordFailure(getDb(), untrustedKeys(keys), now);
const clearAccountThrottle = (account: string) =>
  clearFailures(getDb(), untrustedKeys({ account, ip: "" }).slice(0, 1));

const MIN = 60_000;

describe("throttle schedule", () => {
  it("allows failures below the threshold, then blocks 1, 2, 4, 8 minutes, capped at 15", () => {
    const schedule = Array.from(
      { length: 12 },
      (_, i) => blockDuration(i + 1, ACCOUNT_THRESHOLD) / MIN,
    );
    expect(schedule).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 15, 15, 15, 15]);
  });

  it("gives an IP address a larger allowance", () => {
    expect(blockDuration(IP_THRESHOLD - 1, IP_THRESHOLD)).toBe(0);
    expect(blockDuration(IP_THRESHOLD, IP_THRESHOLD)).toBe(MIN);
    expect(blockDuration(1000, IP_THRESHOLD)).toBe(15 * MIN);
  });
});

describe("throttle counters (fake clock)", () => {
  const T0 = Date.UTC(2026, 0, 1);

  it("blocks an account after 5 failures, lets it try again after the window, and doubles the next block", () => {
    const keys = { account: "victim@example.com", ip: "198.51.100.1" };
    for (let i = 1; i < ACCOUNT_THRESHOLD; i++) expect(recordLoginFailure(keys, T0 + i)).toBe(0);
    expect(recordLoginFailure(keys, T0 + 10)).toBe(MIN);
    expect(throttleWait(getDb(), untrustedKeys(keys), T0 + 10 + 30_000)).toBe(30_000);
    expect(throttleWait(getDb(), untrustedKeys(keys), T0 + 10 + MIN)).toBe(0);
    expect(recordLoginFailure(keys, T0 + 10 + MIN)).toBe(2 * MIN);
  });

  it("counts per IP across many accounts", () => {
    const ip = "198.51.100.2";
    let wait = 0;
    for (let i = 0; i < IP_THRESHOLD; i++)
      wait = recordLoginFailure({ account: `a${i}@example.com`, ip }, T0);
    expect(wait).toBe(MIN);
    expect(throttleWait(getDb(), untrustedKeys({ account: "fresh@example.com", ip }), T0 + 1)).toBe(
      MIN - 1,
    );
  });

  it("forgets a quiet key after a day, and a success clears the account", () => {
    const keys = { account: "forgetful@example.com", ip: "198.51.100.3" };
    for (let i = 0; i < 4; i++) recordLoginFailure(keys, T0);
    expect(recordLoginFailure(keys, T0 + FORGET_AFTER_MS + 1)).toBe(0);
    for (let i = 0; i < 3; i++) recordLoginFailure(keys, T0 + FORGET_AFTER_MS + 2);
    clearAccountThrottle(keys.account);
    expect(recordLoginFailure(keys, T0 + FORGET_AFTER_MS + 3)).toBe(0);
  });
});

describe("rate limits", () => {
  it("allows `limit` hits per window and says how long to wait", () => {
    const limit = { name: "test", limit: 3, windowMs: 10 * MIN };
    const T0 = Date.UTC(2026, 0, 1);
    expect([1, 2, 3].map((i) => consumeRateLimit(getDb(), limit, "ip", T0 + i))).toEqual([0, 0, 0]);
    expect(consumeRateLimit(getDb(), limit, "ip", T0 + 4)).toBe(10 * MIN - 3);
    expect(consumeRateLimit(getDb(), limit, "other-ip", T0 + 4)).toBe(0);
    expect(consumeRateLimit(getDb(), limit, "ip", T0 + 1 + 10 * MIN)).toBe(0);
  });
});
