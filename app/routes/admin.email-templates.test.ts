/**
 * /admin/email-templates: admins list every message kind and edit its subject
 * and Markdown body; unknown merge fields and hand-written links are refused
 * beside the field with nothing stored; a save and a reset are audited and
 * reach the next message of that kind; the preview stores nothing; staff who
 * are not admins and candidates are refused everywhere, the HTML preview too.
 */
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, emailTemplates } from "../../db/schema";
import { signedIn } from "../../tests/fixtures";
import { call, formErrors, getRequest, postForm } from "../../tests/requests";
import { passwordResetEmail } from "~/emails/account";
import { defaultTemplate } from "~/emails/registry";
import { composeEmail } from "~/emails/templates.server";
import { getDb, type DB } from "~/utils/db.server";
import * as list from "./admin.email-templates._index";
import * as editor from "./admin.email-templates.$kind/route";
import * as html from "./admin.email-templates.$kind_.html";
import * as preview from "./admin.email-templates.$kind_.preview";

const KIND = "account.passwordReset";
let db: DB;
let adminToken: string;
let recruiterToken: string;
let candidateToken: string;

const audits = (action: string) =>
  db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)).get()!.n;
const stored = () =>
  db
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.kind, KIND), eq(emailTemplates.locale, "en")))
    .get();
const path = `/admin/email-templates/${KIND}`;
const post = (fields: Record<string, string>, token = adminToken) =>
  call(editor.action, postForm(path, fields, { token }), { kind: KIND });
/** The Conform reply inside the editor's answer ({ reply, preview }). */
const errorsOf = (res: { data: unknown }) =>
  formErrors({ data: (res.data as { reply?: unknown } | undefined)?.reply });
const reset = () =>
  passwordResetEmail({
    user: { name: "Rosa Reset", email: "rosa@example.test" },
    resetUrl: "http://localhost/reset-password?token=SECRET",
  });

beforeAll(async () => {
  db = getDb();
  adminToken = (await signedIn(db, "admin")).token;
  recruiterToken = (await signedIn(db, "recruiter")).token;
  candidateToken = (await signedIn(db, "candidate")).token;
});

describe("/admin/email-templates", () => {
  it("lists every kind with the subject it is sent with, to admins only", async () => {
    const page = await call<{ templates: Array<{ kind: string; subject: string }> }>(
      list.loader,
      getRequest("/admin/email-templates", { token: adminToken }),
    );
    expect(page.status).toBe(200);
    const kinds = page.data!.templates.map((t) => t.kind);
    expect(kinds).toContain(KIND);
    expect(kinds).toContain("pipeline.hired");
    expect(page.data!.templates.find((t) => t.kind === KIND)?.subject).toBe(
      defaultTemplate(KIND).subject,
    );
    for (const token of [recruiterToken, candidateToken]) {
      const refused = await call(list.loader, getRequest("/admin/email-templates", { token }));
      expect([302, 403]).toContain(refused.status);
      expect(refused.data?.templates).toBeUndefined();
    }
  });

  it("saves an edited text, audited, and the next message uses it; reset brings back the shipped text", async () => {
    const before = audits("email.template_saved");
    const saved = await post({
      intent: "save",
      subject: "Your new password for {{org.name}}",
      body: "Hello {{user.name}},\n\nChoose a new password here: {{reset.url}}\n\nThanks!",
    });
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`${path}?saved=1`);
    expect(audits("email.template_saved")).toBe(before + 1);
    expect(stored()).toMatchObject({ subject: "Your new password for {{org.name}}" });

    const message = composeEmail(db, reset());
    expect(message.subject).toMatch(/^Your new password for /);
    expect(message.text).toContain("Thanks!");

    const listed = await call<{ templates: Array<{ kind: string; edited: unknown }> }>(
      list.loader,
      getRequest("/admin/email-templates", { token: adminToken }),
    );
    expect(listed.data!.templates.find((t) => t.kind === KIND)?.edited).not.toBeNull();

    const resets = audits("email.template_reset");
    const back = await post({ intent: "reset" });
    expect(back.status).toBe(302);
    expect(audits("email.template_reset")).toBe(resets + 1);
    expect(stored()).toBeUndefined();
    expect(composeEmail(db, reset()).subject).not.toMatch(/^Your new password/);
  });

  it("refuses unknown merge fields and hand-written links beside the field, storing nothing", async () => {
    const before = stored();
    const unknown = await post({
      intent: "save",
      subject: "Hello {{candidate.salary}}",
      body: "Click [here](https://evil.example) now.",
    });
    expect(unknown.status).toBe(400);
    const errors = errorsOf(unknown);
    expect(errors.subject?.[0]).toMatch(/\{\{candidate\.salary\}\} is not a merge field/);
    expect(errors.body?.[0]).toMatch(/Links are not written by hand/);
    expect(stored()).toEqual(before);

    const empty = await post({ intent: "save", subject: "", body: "" });
    expect(empty.status).toBe(400);
    expect(errorsOf(empty).subject?.[0]).toBe("A message needs a subject.");
    expect(stored()).toEqual(before);
  });

  it("previews a draft with sample values without storing it", async () => {
    const before = stored();
    const shown = await post({
      intent: "preview",
      subject: "Preview for {{user.name}}",
      body: "A **draft** body.",
    });
    expect(shown.status).toBe(200);
    const p = (shown.data as { preview: { subject: string; text: string; htmlSrc: string } })
      .preview;
    expect(p.subject).toMatch(/^Preview for /);
    expect(p.text).toContain("A draft body.");
    expect(p.htmlSrc).toMatch(/^\/admin\/email-templates\/account\.passwordReset\/html\?/);
    expect(stored()).toEqual(before);

    const live = await call<{ text: string }>(
      preview.loader,
      getRequest(
        `${path}/preview?${new URLSearchParams({ subject: "S {{user.name}}", body: "B" })}`,
        {
          token: adminToken,
        },
      ),
      { kind: KIND },
    );
    expect(live.status).toBe(200);
    expect(JSON.parse(live.data!.text)).toMatchObject({ subject: expect.stringMatching(/^S /) });

    const frame = await call(
      html.loader,
      getRequest(
        `${path}/html?${new URLSearchParams({ subject: "S", body: "A <b>bold</b> try" })}`,
        {
          token: adminToken,
        },
      ),
      { kind: KIND },
    );
    expect(frame.status).toBe(200);
    expect(frame.headers.get("Content-Type")).toMatch(/^text\/html/);
    const body = String(frame.data?.text);
    expect(body).toContain("A &lt;b&gt;bold&lt;/b&gt; try");
    expect(body).not.toContain("<b>bold</b>");
  });

  it("answers an unknown kind with a 404, and non-admins with a refusal, on every route", async () => {
    const missing = await call(
      editor.loader,
      getRequest("/admin/email-templates/nope", { token: adminToken }),
      { kind: "nope" },
    );
    expect(missing.status).toBe(404);
    for (const token of [recruiterToken, candidateToken]) {
      for (const [fn, url] of [
        [editor.loader, path],
        [html.loader, `${path}/html`],
        [preview.loader, `${path}/preview?subject=a&body=b`],
      ] as const) {
        const refused = await call(fn, getRequest(url, { token }), { kind: KIND });
        expect([302, 403]).toContain(refused.status);
      }
      const before = stored();
      const write = await post({ intent: "save", subject: "Mine", body: "Mine" }, token);
      expect([302, 403]).toContain(write.status);
      expect(write.location ?? "").not.toContain("saved=1");
      expect(stored()).toEqual(before);
    }
  });
});
