/**
 * What the public forms tell about an email address. Decided (docs/security.md):
 * sign-up and the one-step apply form say that an address already has an
 * account, so the apply form can ask for its password in place; that answer
 * is bounded by the per-network sign-up limit. They never tell *whose*: a
 * staff address (with or without two-factor authentication) gets exactly the
 * answer a candidate's address gets, on every public form, and the reset and
 * sign-in forms answer the same as for an address nobody uses.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SIGNUP_LIMIT } from "~/auth/throttle.server";
import { getDb } from "~/utils/db.server";
import { createLab, createOpening, createUser, enrolTwoFactor } from "../builders";
import { answer, call, contextFor, postForm, type Answer } from "../requests";
import { action as signupAction } from "../../app/routes/_auth.signup";
import { action as loginAction } from "../../app/routes/_auth.login";
import { action as forgotAction } from "../../app/routes/_auth.forgot-password";
import { action as applyAction } from "../../app/routes/careers.$slug_.apply/route";

const db = getDb();
const PASSWORD = "lantern meadow copper violin";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const ADDRESSES = {
  candidate: "cand.enum@example.test",
  recruiter: "recruiter.enum@northlight.test",
  admin: "admin.enum@northlight.test",
  unknown: "nobody.enum@northlight.test",
} as const;
type Who = keyof typeof ADDRESSES;

let slug: string;
let ip = 0;
const nextIp = () => `198.51.100.${++ip}`;

beforeAll(async () => {
  await createUser(db, { email: ADDRESSES.candidate, role: "candidate", password: PASSWORD });
  const recruiter = await createUser(db, {
    email: ADDRESSES.recruiter,
    role: "recruiter",
    password: PASSWORD,
  });
  enrolTwoFactor(db, recruiter.id);
  // An admin who has not enrolled yet (the state before their enrolment link is used).
  await createUser(db, { email: ADDRESSES.admin, role: "admin", password: PASSWORD });
  slug = createOpening(db, { labId: createLab(db).id, title: "Enumeration Fellow" }).slug;
}, 30_000);

/** An answer as a visitor sees it, with the address typed replaced, so answers compare. */
function seen(res: Answer, email: string) {
  return {
    status: res.status,
    location: res.location,
    setsCookie: res.headers.has("Set-Cookie"),
    retryAfter: res.headers.has("Retry-After"),
    body: JSON.stringify(res.data ?? null).replaceAll(email, "<email>"),
  };
}

const signup = (email: string, from = nextIp()) =>
  answer(() =>
    signupAction({
      request: postForm("/signup", {
        name: "Probe Person",
        email,
        password: "a different long passphrase",
        confirmPassword: "a different long passphrase",
      }),
      context: contextFor(from),
      params: {},
    }),
  );

const login = (email: string) =>
  answer(() =>
    loginAction({
      request: postForm("/login", { email, password: "not the password at all" }),
      context: contextFor(nextIp()),
      params: {},
    }),
  );

const forgot = (email: string) =>
  answer(() =>
    forgotAction({
      request: postForm("/forgot-password", { email }),
      context: contextFor(nextIp()),
      params: {},
    }),
  );

function apply(email: string, account: "new" | "existing", password: string) {
  const body = new FormData();
  const fields = {
    account,
    name: "Probe Person",
    email,
    password,
    coverLetter: "Hello.",
    consent: "on",
  };
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append("resume", new File([new Uint8Array(PDF)], "cv.pdf", { type: "application/pdf" }));
  const request = new Request(`http://localhost/careers/${slug}/apply`, { method: "POST", body });
  return call(applyAction, request, { slug }, contextFor(nextIp()));
}

async function answersFor(run: (email: string) => Promise<Answer>, who: Who[]) {
  const out: Record<string, ReturnType<typeof seen>> = {};
  for (const w of who) out[w] = seen(await run(ADDRESSES[w]), ADDRESSES[w]);
  return out;
}

const STAFF_WORDS = /staff|recruiter|admin|two-factor|second sign-in/i;

describe("what the public forms tell about an address", () => {
  it("sign-up: a staff address gets exactly the answer a candidate's address gets", async () => {
    const answers = await answersFor(signup, ["candidate", "recruiter", "admin"]);
    expect(answers.recruiter).toEqual(answers.candidate);
    expect(answers.admin).toEqual(answers.candidate);
    expect(answers.candidate.status).toBe(400);
    expect(answers.candidate.body).toContain("already exists");
    expect(answers.candidate.body).not.toMatch(STAFF_WORDS);
  });

  it("apply, new account: a staff address is asked for its password like a candidate's", async () => {
    const answers = await answersFor(
      (e) => apply(e, "new", PASSWORD),
      ["candidate", "recruiter", "admin"],
    );
    expect(answers.recruiter).toEqual(answers.candidate);
    expect(answers.admin).toEqual(answers.candidate);
    expect(answers.candidate.body).toContain('"account":"existing"');
    expect(answers.candidate.body).not.toMatch(STAFF_WORDS);
  });

  it("apply with a wrong password, sign-in and reset: staff, candidate and unknown addresses answer alike", async () => {
    const all: Who[] = ["candidate", "recruiter", "admin", "unknown"];
    for (const run of [(e: string) => apply(e, "existing", "wrong password here"), login, forgot]) {
      const answers = await answersFor(run, all);
      for (const w of all) expect(answers[w], w).toEqual(answers.candidate);
      expect(answers.candidate.body).not.toMatch(STAFF_WORDS);
    }
  });

  it("the answer that an address has an account is bounded per network", async () => {
    const from = "203.0.113.77";
    const statuses: number[] = [];
    for (let i = 0; i < SIGNUP_LIMIT.limit + 3; i++)
      statuses.push((await signup(i % 2 ? ADDRESSES.recruiter : ADDRESSES.candidate, from)).status);
    expect(statuses.slice(0, SIGNUP_LIMIT.limit).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(SIGNUP_LIMIT.limit)).toEqual([429, 429, 429]);
  });
});
