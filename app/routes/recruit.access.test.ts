/// <reference types="vite/client" />
/**
 * Every staff route refuses anonymous visitors (redirect to /login) and
 * candidates (403), for its loader and its action, whatever the URL shape.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createSessionFor } from "../../tests/builders";
import { applyTo, candidateUser, openingWithStages } from "../../tests/fixtures";
import { call, getRequest, postForm, type RouteFunction } from "../../tests/requests";
import { getDb } from "~/utils/db.server";

const modules = import.meta.glob<{
  loader?: RouteFunction;
  action?: RouteFunction;
}>(
  [
    "./recruit*.{ts,tsx}",
    "./recruit*/route.tsx",
    "./admin*.{ts,tsx}",
    "./admin*/route.tsx",
    "!./**/*.test.ts",
  ],
  { eager: true },
);

let candidateToken: string;
let params: Record<string, string>;

beforeAll(async () => {
  const db = getDb();
  const { opening, stages } = openingWithStages(db);
  const cand = await candidateUser(db);
  const app = applyTo(db, { openingId: opening.id, candidateId: cand.id, stageId: stages[0].id });
  candidateToken = createSessionFor(db, cand.id);
  // The candidate's own application: even that must not open staff pages.
  params = { id: String(app.id) };
});

const entries = Object.entries(modules);

describe("staff routes", () => {
  it("found the route modules", () => {
    expect(entries.length).toBeGreaterThanOrEqual(11);
  });

  for (const [file, mod] of entries) {
    for (const kind of ["loader", "action"] as const) {
      const fn = mod[kind];
      if (!fn) continue;
      const form = kind === "action" ? { intent: "move", item: "1:1", stageId: "1" } : undefined;
      const request = (path: string, token?: string) =>
        form ? postForm(path, form, { token }) : getRequest(path, { token });

      it(`${file} ${kind} redirects anonymous users to /login`, async () => {
        for (const path of ["/recruit/x", "/recruit/x.data"]) {
          const res = await call(fn, request(path), {
            id: params.id,
            slug: "x",
          });
          expect(res.status).toBe(302);
          expect(res.response?.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
        }
      });

      it(`${file} ${kind} refuses candidates with 403`, async () => {
        const res = await call(fn, request("/recruit/x", candidateToken), {
          id: params.id,
          slug: "x",
        });
        expect(res.status).toBe(403);
      });
    }
  }
});
