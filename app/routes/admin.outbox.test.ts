/**
 * The outbox page lists both parts of every message; the HTML part is served
 * to admins only, under a policy of its own (inline styles, nothing else, in
 * a sandbox, framed by our pages only), with reset and referee tokens hidden
 * as in the text.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { createSessionFor, createUser, verifiedSessionFor } from "../../tests/builders";
import { answer, getRequest } from "../../tests/requests";
import { passwordResetEmail } from "~/emails/account";
import { referenceRequestEmail } from "~/emails/references";
import { getDb } from "~/utils/db.server";
import { queueEmail } from "~/emails/mailer.server";
import { loader as outboxLoader } from "./admin.outbox";
import { EMAIL_PREVIEW_CSP } from "~/utils/security-headers.server";
import { loader as htmlLoader } from "./admin.outbox_.$id.html";

const db = getDb();
let admin: string, recruiter: string, candidate: string;
let reset: number, referee: number, plain: number;

beforeAll(async () => {
  admin = verifiedSessionFor(db, (await createUser(db, { role: "admin" })).id);
  recruiter = verifiedSessionFor(db, (await createUser(db, { role: "recruiter" })).id);
  candidate = createSessionFor(db, (await createUser(db)).id);
  reset = queueEmail(
    db,
    passwordResetEmail({
      user: { name: "Rosa Reset", email: "rosa@example.test" },
      resetUrl: "http://localhost/reset-password?token=SECRETRESETTOKEN",
    }),
  );
  referee = queueEmail(
    db,
    referenceRequestEmail({
      referee: { name: "Rudi Referee", email: "rudi@example.test" },
      candidateName: "Cleo Candidate",
      openingTitle: "Field Ecologist",
      uploadUrl: "http://localhost/referee?token=SECRETREFEREETOKEN",
      expiresAt: Date.UTC(2027, 0, 1),
    }),
  );
  // A message from before emails had an HTML part.
  plain = db
    .insert(s.outbox)
    .values({ to: "old@example.test", subject: "Older", text: "plain only" })
    .returning()
    .get().id;
});

const html = (id: number | string, token?: string) =>
  answer<{ text: string }>(() =>
    htmlLoader({
      request: getRequest(`/admin/outbox/${id}/html`, { token }),
      context: {},
      params: { id: String(id) },
    }),
  );

describe("/admin/outbox", () => {
  it("lists each message with its kind, its text with tokens hidden, and whether it has an HTML part", async () => {
    const res = await answer<{
      messages: Array<{ id: number; kind: string | null; text: string; hasHtml: boolean }>;
    }>(() =>
      outboxLoader({
        request: getRequest("/admin/outbox", { token: admin }),
        context: {},
        params: {},
      }),
    );
    const byId = new Map(res.data!.messages.map((m) => [m.id, m]));
    expect(byId.get(reset)).toMatchObject({ kind: "account.passwordReset", hasHtml: true });
    expect(byId.get(reset)!.text).toContain("reset-password?token=[hidden]");
    expect(byId.get(referee)!.text).toContain("referee?token=[hidden]");
    expect(byId.get(plain)).toMatchObject({ kind: null, hasHtml: false });
    expect(JSON.stringify(res.data)).not.toMatch(/SECRET/);
    // The HTML parts are not in the page's data: the frame fetches them.
    expect(JSON.stringify(res.data)).not.toContain("<html");
  });
});

describe("/admin/outbox/:id/html", () => {
  it("serves the HTML part to an admin under its own restrictive policy, tokens hidden", async () => {
    for (const id of [reset, referee]) {
      const res = await html(id, admin);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      // The policy comes from the server for this URL (tests/faults/headers.test.ts).
      expect(res.headers.get("Cache-Control")).toBe("private, no-store");
      expect(res.data!.text).toMatch(/^<!DOCTYPE html/);
      expect(res.data!.text).toContain("Northlight Research");
      expect(res.data!.text).toContain("token=[hidden]");
      expect(res.data!.text).not.toMatch(/SECRET/);
    }
    const policy = EMAIL_PREVIEW_CSP.split("; ");
    expect(policy).toEqual(
      expect.arrayContaining(["default-src 'none'", "sandbox", "frame-ancestors 'self'"]),
    );
    expect(EMAIL_PREVIEW_CSP).not.toMatch(/script-src|allow-/);
  });

  it("is for admins only: anonymous → sign in, candidate and recruiter → 403", async () => {
    expect((await html(reset)).status).toBe(302);
    expect((await html(reset, candidate)).status).toBe(403);
    expect((await html(reset, recruiter)).status).toBe(403);
  });

  it("answers 404 for a plain-text message, an unknown id and a malformed one", async () => {
    expect((await html(plain, admin)).status).toBe(404);
    expect((await html(999_999, admin)).status).toBe(404);
    expect((await html("1x", admin)).status).toBe(404);
  });
});
