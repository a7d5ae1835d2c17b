/**
 * The candidate review page's "Create researcher profile" (hired candidates,
 * admins only): recruiters are refused, a second click leads to the profile
 * already made, and the page offers a link once it exists.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { verifiedSessionFor } from "../../tests/builders";
import { researchers } from "../../db/schema";
import { applyTo, candidateUser, openingWithStages, staffUser } from "../../tests/fixtures";
import { call, getRequest, postForm } from "../../tests/requests";
import { getDb, type DB } from "~/utils/db.server";
import * as review from "./recruit.applications.$id/route";

let db: DB;
let adminToken: string;
let recruiterToken: string;
const researcherCount = () => db.select({ n: count() }).from(researchers).get()!.n;
type LoaderData = { isAdmin: boolean; hiredProfile: { id: number; name: string } | null };

beforeAll(async () => {
  db = getDb();
  adminToken = verifiedSessionFor(db, (await staffUser(db, "admin", "Ada Admin")).id);
  recruiterToken = verifiedSessionFor(db, (await staffUser(db, "recruiter")).id);
});

async function application(name: string, status: "active" | "hired") {
  const { opening, stages } = openingWithStages(db);
  const cand = await candidateUser(db, name, "Research engineer");
  return applyTo(db, {
    openingId: opening.id,
    candidateId: cand.id,
    stageId: stages[4].id,
    status,
    at: Date.now() - 1000,
  });
}

const createProfile = (id: number, token: string) =>
  call(
    review.action,
    postForm(`/recruit/applications/${id}`, { intent: "create_profile" }, { token }),
    { id: String(id) },
  );
const load = async (id: number, token: string) =>
  (
    await call(review.loader, getRequest(`/recruit/applications/${id}`, { token }), {
      id: String(id),
    })
  ).data as LoaderData;

describe("Create researcher profile from a hired application", () => {
  it("is refused to recruiters (403), who are not offered it", async () => {
    const app = await application("Rex Refused", "hired");
    const before = researcherCount();
    expect((await createProfile(app.id, recruiterToken)).status).toBe(403);
    expect(researcherCount()).toBe(before);
    expect(await load(app.id, recruiterToken)).toMatchObject({
      isAdmin: false,
      hiredProfile: null,
    });
  });

  it("is refused for a candidate who is not hired (400, nothing stored)", async () => {
    const app = await application("Al Active", "active");
    const before = researcherCount();
    const res = await createProfile(app.id, adminToken);
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ ok: false, message: expect.stringContaining("hired") });
    expect(researcherCount()).toBe(before);
  });

  it("creates the profile once and sends the admin to finish it; a second click goes to the same profile", async () => {
    const app = await application("Hana Hired", "hired");
    expect(await load(app.id, adminToken)).toMatchObject({ isAdmin: true, hiredProfile: null });

    const first = await createProfile(app.id, adminToken);
    expect(first.status).toBe(302);
    const location = first.response!.headers.get("Location")!;
    const id = Number(location.match(/^\/admin\/people\/(\d+)\?created=1$/)![1]);
    expect(db.select().from(researchers).where(eq(researchers.id, id)).get()).toMatchObject({
      name: "Hana Hired",
      title: "Research engineer",
      featured: false,
      status: "current",
    });
    expect(await load(app.id, adminToken)).toMatchObject({
      hiredProfile: { id, name: "Hana Hired" },
    });

    const before = researcherCount();
    const again = await createProfile(app.id, adminToken);
    expect(again.status).toBe(302);
    expect(again.response!.headers.get("Location")).toBe(`/admin/people/${id}`);
    expect(researcherCount()).toBe(before);
  });
});
