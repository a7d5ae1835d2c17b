/**
 * Applications written by one group commit (app/utils/write-batch.server.ts):
 * each in its own savepoint of one shared transaction, every request answered
 * only after that transaction's COMMIT. The tests hold the queue
 * (holdWrites) until every request of the batch has reached its write, so the
 * batch is exactly the one each test names, then let it commit.
 */
import fs from "node:fs";
import { count, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as s from "../../../db/schema";
import { createLab, createUser, type createOpening } from "../../../tests/builders";
import { clearApplications, openingWithYesNoQuestion, signedIn } from "../../../tests/fixtures";
import { call, contextFor, formErrors } from "../../../tests/requests";
import { SESSION_COOKIE } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { getEnv, resolvePath } from "~/utils/env.server";
import {
  enqueueWrite,
  holdWrites,
  pendingWrites,
  writeBatchStats,
} from "~/utils/write-batch.server";
import { action } from "./route";
import { EXISTING_ACCOUNT } from "./schema";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);
const PASSWORD = "lantern meadow copper violin";

const db = getDb();
const uploads = () => resolvePath(getEnv().UPLOADS_DIR);
const filesOnDisk = () => (fs.existsSync(uploads()) ? fs.readdirSync(uploads()) : []);
const rows = (table: typeof s.applications | typeof s.files | typeof s.outbox) =>
  db.select({ n: count() }).from(table).get()!.n;

let labId: number;
let opening: ReturnType<typeof createOpening>;
let questionId: number;
let release: (() => void) | null = null;
let serial = 0;

beforeAll(() => {
  labId = createLab(db).id;
});

beforeEach(() => {
  clearApplications(db);
  ({ opening, questionId } = openingWithYesNoQuestion(
    db,
    labId,
    "Research Engineer, Storage Systems",
  ));
  release = holdWrites(db);
});

afterEach(() => {
  release?.();
  release = null;
});

function post(values: Record<string, string>, { cookie, ip }: { cookie?: string; ip?: string }) {
  const body = new FormData();
  for (const [key, value] of Object.entries(values)) body.append(key, value);
  body.append("resume", new File([new Uint8Array(PDF)], "CV.pdf", { type: "application/pdf" }));
  const request = new Request(`http://localhost/careers/${opening.slug}/apply`, {
    method: "POST",
    body,
    headers: { "User-Agent": "vitest", ...(cookie ? { Cookie: cookie } : {}) },
  });
  return call(action, request, { slug: opening.slug }, contextFor(ip));
}

const candidateFields = () => ({
  resumeChoice: "upload",
  coverLetter: "I keep data safe.",
  consent: "on",
  [`answer-${questionId}`]: "yes",
});

const visitorFields = (email: string) => ({
  account: "new",
  name: "Vera Visitor",
  email,
  password: PASSWORD,
  coverLetter: "I build storage systems.",
  consent: "on",
  [`answer-${questionId}`]: "yes",
});

async function candidate() {
  const { user, token } = await signedIn(db, "candidate", { name: `Cand ${++serial}` });
  return { user, cookie: `${SESSION_COOKIE}=${token}` };
}

/** Waits until `n` writes are queued (every request reached its write), then commits them. */
async function commitWhenQueued(n: number) {
  for (let i = 0; pendingWrites(db) < n; i++) {
    if (i > 1000) throw new Error(`only ${pendingWrites(db)} of ${n} writes were queued`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(pendingWrites(db)).toBe(n);
  release!();
  release = null;
}

describe("applications in one group commit", () => {
  test("concurrent applications share one commit and are all stored and acknowledged", async () => {
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => candidate()));
    const before = writeBatchStats(db);
    const answers = people.map(({ cookie }) => post(candidateFields(), { cookie }));
    await commitWhenQueued(5);
    const results = await Promise.all(answers);

    const after = writeBatchStats(db);
    expect(after.batches - before.batches).toBe(1);
    expect(after.writes - before.writes).toBe(5);
    const stored = db.select().from(s.applications).all();
    expect(stored).toHaveLength(5);
    for (const [i, res] of results.entries()) {
      expect(res.status).toBe(302);
      const app = stored.find((a) => a.candidateId === people[i].user.id)!;
      expect(res.location).toBe(`/applications/${app.id}?submitted=1`);
    }
    expect(rows(s.files)).toBe(5);
    expect(filesOnDisk()).toHaveLength(5);
    expect(rows(s.outbox)).toBe(5);
  });

  test("the same candidate twice to one opening in one batch gives one application", async () => {
    const { user, cookie } = await candidate();
    const answers = [post(candidateFields(), { cookie }), post(candidateFields(), { cookie })];
    await commitWhenQueued(2);
    const results = await Promise.all(answers);

    const stored = db.select().from(s.applications).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].candidateId).toBe(user.id);
    // Whichever reached the queue second saw the first's row inside the same
    // transaction, failed its savepoint, and is sent to the first application.
    expect(results.map((r) => [r.status, r.location]).sort()).toEqual([
      [302, `/applications/${stored[0].id}?existing=1`],
      [302, `/applications/${stored[0].id}?submitted=1`],
    ]);
    // Only the first one's file and confirmation are kept.
    expect(rows(s.files)).toBe(1);
    expect(filesOnDisk()).toHaveLength(1);
    expect(rows(s.outbox)).toBe(1);
  });

  test("an existing account's two submissions in one batch give one application, no error", async () => {
    const existing = await createUser(db, { name: "Erin Existing", password: PASSWORD });
    const values = { ...visitorFields(existing.email), account: "existing" };
    const answers = [post(values, { ip: "10.0.0.21" }), post(values, { ip: "10.0.0.22" })];
    await commitWhenQueued(2);
    const results = await Promise.all(answers);

    const stored = db.select().from(s.applications).all();
    expect(stored).toHaveLength(1);
    expect(stored[0].candidateId).toBe(existing.id);
    expect(results.map((r) => [r.status, r.location]).sort()).toEqual([
      [302, `/applications/${stored[0].id}?existing=1`],
      [302, `/applications/${stored[0].id}?submitted=1`],
    ]);
    expect(rows(s.files)).toBe(1);
    expect(filesOnDisk()).toHaveLength(1);
  });

  test("a refused write gets its own 400 and does not undo the others in its batch", async () => {
    const email = `twice-${Date.now()}@example.test`;
    const { user, cookie } = await candidate();
    const answers = [
      post(visitorFields(email), { ip: "198.51.100.31" }),
      post(candidateFields(), { cookie }),
      // Same new email: its account insert fails the unique constraint inside its savepoint.
      post(visitorFields(email), { ip: "198.51.100.32" }),
    ];
    await commitWhenQueued(3);
    const [visitorA, signedInOne, visitorB] = await Promise.all(answers);

    // Either visitor may reach the queue first; the other is refused alone.
    const [refused, visitor] =
      visitorA.status === 400 ? [visitorA, visitorB] : [visitorB, visitorA];
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/applications\/\d+\?submitted=1$/);
    expect(signedInOne.status).toBe(302);
    expect(signedInOne.location).toMatch(/^\/applications\/\d+\?submitted=1$/);
    expect(refused.status).toBe(400);
    expect(formErrors(refused).email).toEqual([EXISTING_ACCOUNT]);

    const accounts = db.select().from(s.users).where(eq(s.users.email, email)).all();
    expect(accounts).toHaveLength(1);
    const stored = db.select().from(s.applications).all();
    expect(stored.map((a) => a.candidateId).sort()).toEqual([accounts[0].id, user.id].sort());
    // The refused one's résumé is gone from disk; the two others' are kept.
    expect(rows(s.files)).toBe(2);
    expect(filesOnDisk()).toHaveLength(2);
  });

  test("when the batch's COMMIT fails, every request of it fails and nothing is stored", async () => {
    const people = await Promise.all([1, 2, 3].map(() => candidate()));
    const answers = people.map(({ cookie }) =>
      post(candidateFields(), { cookie }).then(
        (res) => ({ acknowledged: res }),
        (error: unknown) => ({ error }),
      ),
    );
    // A batch-mate whose foreign key is checked only at COMMIT (deferred):
    // every statement succeeds, the COMMIT itself is refused.
    const saboteur = enqueueWrite(db, (tx) => {
      tx.run("PRAGMA defer_foreign_keys = ON");
      tx.insert(s.files)
        .values({
          ownerUserId: 987654321,
          kind: "resume",
          storageName: `orphan-${Date.now()}.pdf`,
          originalName: "orphan.pdf",
          contentType: "application/pdf",
          size: 1,
          sha256: "0".repeat(64),
        })
        .run();
    });
    await commitWhenQueued(4);
    await expect(saboteur).rejects.toThrow(/FOREIGN KEY/);
    const results = await Promise.all(answers);

    for (const result of results) {
      expect(result).toHaveProperty("error");
      expect(String((result as { error: unknown }).error)).toMatch(/FOREIGN KEY/);
    }
    expect(rows(s.applications)).toBe(0);
    expect(rows(s.files)).toBe(0);
    expect(rows(s.outbox)).toBe(0);
    expect(filesOnDisk()).toHaveLength(0);
    expect(db.$client.inTransaction).toBe(false);
  });
});
