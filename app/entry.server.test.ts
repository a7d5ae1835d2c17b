import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "~/auth/session.server";
import { handleDataRequest } from "./entry.server";

const run = (cookie?: string) => {
  const request = new Request(
    "http://localhost/account.data",
    cookie ? { headers: { Cookie: cookie } } : {},
  );
  return handleDataRequest(new Response("{}"), { request, params: {}, context: {} }) as Response;
};

describe("security headers on data requests", () => {
  it("sends the hardening headers on every answer", () => {
    const headers = run().headers;
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("X-Frame-Options")).toBe("DENY");
    expect(headers.get("Strict-Transport-Security")).toMatch(/max-age=\d{7,}/);
    expect(headers.get("Cache-Control")).toBeNull();
  });

  it("keeps a signed-in person's data out of every cache", () => {
    const headers = run(`${SESSION_COOKIE}=${"a".repeat(32)}`).headers;
    expect(headers.get("Cache-Control")).toContain("no-store");
    expect(headers.get("Vary")).toContain("Cookie");
  });
});
