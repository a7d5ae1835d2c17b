import { expect, test } from "vitest";
import { getRequest } from "../../tests/requests";
import { loader } from "./robots[.]txt";

test("robots.txt keeps crawlers out of private areas and names the sitemap by absolute URL", async () => {
  const response = loader({
    request: getRequest("https://atrium.example/robots.txt"),
    params: {},
    context: {},
  });
  expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
  const lines = (await response.text()).split("\n");
  expect(lines[0]).toBe("User-agent: *");
  expect(lines).toContain("Allow: /");
  for (const path of [
    "/account",
    "/applications",
    "/recruit",
    "/admin",
    "/login",
    "/signup",
    "/logout",
    "/forgot-password",
    "/reset-password",
  ]) {
    expect(lines).toContain(`Disallow: ${path}`);
  }
  expect(lines.some((l) => /^Disallow: \/(careers|people|labs|areas)?$/.test(l))).toBe(false);
  expect(lines).toContain("Sitemap: https://atrium.example/sitemap.xml");
});
