/**
 * Issue 14 item 7: two inputs that answered 500.
 * - Legacy `?_data=routes/...` requests go through Remix's real request
 *   handler; a loader that returned `null` made it throw (`in` on null).
 * - The opening editor's rows (`stages[25].name` with only `stages[0]`,
 *   `questions[3]` without 0..2) arrive as sparse arrays.
 */
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLab } from "../../tests/builders";
import { openingWithStages, signedIn } from "../../tests/fixtures";
import { call, formErrors, getRequest, postForm } from "../../tests/requests";
import { openings } from "../../db/schema";
import { getDb, type DB } from "~/utils/db.server";
import * as recruitLayout from "./recruit";
import * as recruitIndex from "./recruit._index";
import * as adminLayout from "./admin";
import * as adminIndex from "./admin._index";
import * as labsNew from "./admin.labs.new";
import * as areasNew from "./admin.areas.new";
import * as openingsNew from "./recruit.openings.new";
import * as openingEdit from "./recruit.openings.$id_.edit";

let db: DB;
let recruiter: string;
let admin: string;

beforeAll(async () => {
  db = getDb();
  recruiter = (await signedIn(db, "recruiter")).token;
  admin = (await signedIn(db, "admin")).token;
});

type Module = ServerBuild["routes"][string]["module"];
function route(
  id: string,
  parentId: string,
  path: string | undefined,
  module: unknown,
  index = false,
) {
  return { id, parentId, path, index, caseSensitive: undefined, module: module as Module };
}

/** The production request handler over the real route modules (no document rendering needed). */
const handler = createRequestHandler(
  {
    mode: "test",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
    },
    basename: undefined,
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    isSpaMode: false,
    assets: { entry: { module: "", imports: [] }, routes: {}, url: "", version: "test" },
    entry: { module: { default: () => new Response("document") } },
    routes: {
      root: { id: "root", path: "", module: { default: () => null } as unknown as Module },
      "routes/recruit": route("routes/recruit", "root", "recruit", recruitLayout),
      "routes/recruit._index": route(
        "routes/recruit._index",
        "routes/recruit",
        undefined,
        recruitIndex,
        true,
      ),
      "routes/admin": route("routes/admin", "root", "admin", adminLayout),
      "routes/admin._index": route(
        "routes/admin._index",
        "routes/admin",
        undefined,
        adminIndex,
        true,
      ),
      "routes/admin.labs.new": route("routes/admin.labs.new", "routes/admin", "labs/new", labsNew),
      "routes/admin.areas.new": route(
        "routes/admin.areas.new",
        "routes/admin",
        "areas/new",
        areasNew,
      ),
    },
  } as unknown as ServerBuild,
  "test",
);

describe("legacy ?_data= requests", () => {
  it("answer the layout and page loaders of /recruit and /admin without a 500", async () => {
    const cases: Array<[string, string]> = [
      [`/recruit?_data=${encodeURIComponent("routes/recruit")}`, recruiter],
      [`/recruit?_data=${encodeURIComponent("routes/recruit._index")}`, recruiter],
      [`/admin?_data=${encodeURIComponent("routes/admin")}`, admin],
      [`/admin/labs/new?_data=${encodeURIComponent("routes/admin")}`, admin],
      [`/admin/labs/new?_data=${encodeURIComponent("routes/admin.labs.new")}`, admin],
      [`/admin/areas/new?_data=${encodeURIComponent("routes/admin.areas.new")}`, admin],
    ];
    for (const [path, token] of cases) {
      const res = await handler(getRequest(path, { token }));
      expect(res.status, path).toBe(200);
      expect(res.headers.get("X-Remix-Response"), path).toBe("yes");
    }
    // /admin itself is the overview, as a data request too.
    const index = await handler(
      getRequest(`/admin?_data=${encodeURIComponent("routes/admin._index")}`, { token: admin }),
    );
    expect(index.status).toBe(200);
    expect(index.headers.get("X-Remix-Response")).toBe("yes");
  });

  it("still refuses the wrong role", async () => {
    const res = await handler(
      getRequest(`/admin?_data=${encodeURIComponent("routes/admin")}`, { token: recruiter }),
    );
    expect(res.status).toBe(403);
  });
});

describe("sparse rows in the opening editor", () => {
  function form(labId: number, extra: Record<string, string>) {
    return {
      intent: "save",
      title: "Research Engineer, Robotics",
      kind: "engineer",
      labId: String(labId),
      location: "Lisbon, Portugal",
      remotePolicy: "hybrid",
      "stages[0].name": "Applied",
      "stages[0].publicStatus": "received",
      ...extra,
    };
  }

  it("answers 400 naming the row, and writes nothing", async () => {
    const lab = createLab(db);
    const before = db.select({ n: count() }).from(openings).get()!.n;
    const bodies: Array<Record<string, string>> = [
      { "stages[25].name": "x", "stages[25].publicStatus": "offer" },
      { "stages[3].name": "x" },
      { "questions[3].label": "Why us?" },
      { "questions[2].label": "Why us?", "questions[0].label": "First?" },
    ];
    for (const extra of bodies) {
      const res = await call(
        openingsNew.action,
        postForm("/recruit/openings/new", form(lab.id, extra), { token: recruiter }),
      );
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(formErrors(res)[""]?.[0], JSON.stringify(extra)).toMatch(/(Stage|Question) \d+/);
    }
    expect(db.select({ n: count() }).from(openings).get()!.n).toBe(before);
  });

  it("answers 400 on the edit page too", async () => {
    const { opening, lab } = openingWithStages(db);
    const res = await call(
      openingEdit.action,
      postForm(`/recruit/openings/${opening.id}/edit`, form(lab.id, { "stages[25].name": "x" }), {
        token: recruiter,
      }),
      { id: String(opening.id) },
    );
    expect(res.status).toBe(400);
    expect(formErrors(res)[""]?.[0]).toMatch(/Stage 26/);
  });
});
