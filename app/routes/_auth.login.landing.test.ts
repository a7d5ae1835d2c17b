/** Where sign-in lands: staff on /recruit unless redirectTo says otherwise; candidates as before. */
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../tests/builders";
import { getDb } from "~/utils/db.server";
import { answer, contextFor, postForm } from "../../tests/requests";
import { action } from "./_auth.login";

const PASSWORD = "correct horse battery staple";
const login = (fields: Record<string, string>) =>
  answer(() => action({ request: postForm("/login", fields), context: contextFor(), params: {} }));

beforeAll(async () => {
  const hash = (await createUser(getDb(), { email: "cand@example.com", password: PASSWORD }))
    .passwordHash;
  await createUser(getDb(), { email: "rec@example.com", role: "recruiter", passwordHash: hash });
  await createUser(getDb(), { email: "adm@example.com", role: "admin", passwordHash: hash });
});

describe("landing after sign-in", () => {
  it("sends recruiters and admins to /recruit by default", async () => {
    for (const email of ["rec@example.com", "adm@example.com"]) {
      const res = await login({ email, password: PASSWORD });
      expect(res.status).toBe(302);
      expect(res.location).toBe("/recruit");
    }
  });

  it("honours redirectTo for staff, and keeps candidates on the home page", async () => {
    const staff = await login({
      email: "rec@example.com",
      password: PASSWORD,
      redirectTo: "/people",
    });
    expect(staff.location).toBe("/people");
    const candidate = await login({ email: "cand@example.com", password: PASSWORD });
    expect(candidate.location).toBe("/");
  });
});
