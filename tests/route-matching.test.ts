/**
 * Remix's route matching with the patches in patches/ (decision 0010): a
 * route tree is flattened once and each pattern compiled once, then reused.
 * Reuse must never leak one request's match into another's: each URL gets
 * its own route and params, whatever was matched before on the same tree.
 */
import { matchPath, matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

const routes: AgnosticRouteObject[] = [
  {
    id: "root",
    path: "/",
    children: [
      { id: "people", path: "people", children: [{ id: "people-index", index: true }] },
      { id: "person", path: "people/:slug" },
      { id: "apply", path: "careers/:slug/apply" },
      { id: "splat", path: "*" },
    ],
  },
];

const leaf = (pathname: string) => {
  const matches = matchRoutes(routes, pathname) ?? [];
  const last = matches[matches.length - 1];
  return { id: last?.route.id, params: last?.params };
};

describe("route matching on a reused route tree", () => {
  it("gives every URL its own route and params, in any order", () => {
    for (let round = 0; round < 3; round++) {
      expect(leaf("/people/ada-lovelace")).toEqual({
        id: "person",
        params: { slug: "ada-lovelace" },
      });
      expect(leaf("/careers/ml-engineer/apply")).toEqual({
        id: "apply",
        params: { slug: "ml-engineer" },
      });
      expect(leaf("/people")).toEqual({ id: "people-index", params: {} });
      expect(leaf("/people/grace-hopper")).toEqual({
        id: "person",
        params: { slug: "grace-hopper" },
      });
      expect(leaf("/no/such/page")).toEqual({ id: "splat", params: { "*": "no/such/page" } });
    }
  });

  it("does not share params objects between matches", () => {
    const first = leaf("/people/ada-lovelace").params as Record<string, string>;
    first.slug = "changed by a caller";
    expect(leaf("/people/ada-lovelace").params).toEqual({ slug: "ada-lovelace" });
  });

  it("keeps patterns compiled with different options apart", () => {
    // The same pattern matched to the end and as a prefix, case-sensitive or not.
    expect(matchPath({ path: "/people", end: true }, "/people/ada")).toBeNull();
    expect(matchPath({ path: "/people", end: false }, "/people/ada")?.pathnameBase).toBe("/people");
    expect(matchPath({ path: "/People", caseSensitive: true }, "/people")).toBeNull();
    expect(matchPath({ path: "/People", caseSensitive: false }, "/people")).not.toBeNull();
  });

  it("matches a new tree afresh (Remix builds a new array for each build)", () => {
    const before: AgnosticRouteObject[] = [{ id: "a", path: "/a" }];
    expect(matchRoutes(before, "/b")).toBeNull();
    const after = [...before, { id: "b", path: "/b" }];
    expect(matchRoutes(after, "/b")?.[0]?.route.id).toBe("b");
  });
});
