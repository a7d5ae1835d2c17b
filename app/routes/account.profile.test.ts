import { postForm } from "../../tests/requests";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { createSessionFor, createUser } from "../../tests/builders";
import * as s from "../../db/schema";
import { SESSION_COOKIE } from "~/auth/session.server";
import { getDb } from "~/utils/db.server";
import { uploadsDir } from "~/utils/uploads.server";
import { formErrors, formValues } from "../../tests/requests";
import { action, isValidOrcid, loader } from "./account.profile";
import { loader as resumeLoader } from "./account.profile.resume";

const db = getDb();
const PDF = Buffer.from("%PDF-1.7\n%%EOF\n");
let user: typeof s.users.$inferSelect;
let cookie: string;

beforeAll(async () => {
  user = await createUser(db, { passwordHash: "x" });
  cookie = `${SESSION_COOKIE}=${createSessionFor(db, user.id)}`;
});

function post(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file)
    body.append(
      "resume",
      new File([new Uint8Array(file.bytes)], file.name, { type: "application/pdf" }),
    );
  const request = postForm("/account/profile", body, { headers: { Cookie: cookie } });
  return action({ request, params: {}, context: {} }).catch((e: unknown) => {
    if (e instanceof Response) return e;
    throw e;
  });
}

describe("ORCID iDs", () => {
  test("checks the format and the check digit", () => {
    expect(isValidOrcid("0000-0002-1825-0097")).toBe(true);
    expect(isValidOrcid("0000-0002-1694-233X")).toBe(true);
    expect(isValidOrcid("0000-0002-1825-0098")).toBe(false);
    expect(isValidOrcid("0000-0002-1825")).toBe(false);
  });
});

describe("/account/profile", () => {
  test("bad links are refused beside their fields and nothing is saved", async () => {
    const res = (await post({
      headline: "Postdoc",
      homepageUrl: "javascript:alert(1)",
      orcid: "1234",
      githubUrl: "ftp://github.com/ada",
    })) as unknown as {
      init: { status: number };
      data: unknown;
    };
    expect(res.init.status).toBe(400);
    expect(Object.keys(formErrors(res)).sort()).toEqual(["githubUrl", "homepageUrl", "orcid"]);
    expect(formValues(res).headline).toBe("Postdoc");
    expect(db.select().from(s.candidateProfiles).all()).toHaveLength(0);
  });

  test("saves the profile and a resume; a new upload replaces the unused old one", async () => {
    const first = (await post(
      {
        headline: "Postdoc",
        location: "Basel",
        orcid: "https://orcid.org/0000-0002-1825-0097",
        homepageUrl: "https://ada.example.org",
      },
      { name: "old.pdf", bytes: PDF },
    )) as Response;
    expect(first.status).toBe(302);
    const saved = db
      .select()
      .from(s.candidateProfiles)
      .where(eq(s.candidateProfiles.userId, user.id))
      .get()!;
    expect(saved).toMatchObject({
      headline: "Postdoc",
      location: "Basel",
      orcid: "0000-0002-1825-0097",
      homepageUrl: "https://ada.example.org",
    });
    const oldFile = db.select().from(s.files).where(eq(s.files.id, saved.resumeFileId!)).get()!;

    await post({ headline: "Postdoc" }, { name: "new.pdf", bytes: PDF });
    const data = loader({
      request: new Request("http://localhost/account/profile", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    });
    expect(data.resume?.name).toBe("new.pdf");
    expect(db.select().from(s.files).where(eq(s.files.id, oldFile.id)).get()).toBeUndefined();
    expect(fs.readdirSync(uploadsDir())).toHaveLength(1);

    const download = (await resumeLoader({
      request: new Request("http://localhost/account/profile/resume", {
        headers: { Cookie: cookie },
      }),
      params: {},
      context: {},
    })) as Response;
    expect(download.headers.get("Content-Disposition")).toContain("new.pdf");
  });

  test("a non-PDF resume is refused and not kept", async () => {
    const before = fs.readdirSync(uploadsDir()).length;
    const res = (await post(
      { headline: "x" },
      { name: "cv.pdf", bytes: Buffer.from("GIF89a....") },
    )) as unknown as {
      init: { status: number };
    };
    expect(res.init.status).toBe(400);
    expect(fs.readdirSync(uploadsDir())).toHaveLength(before);
  });

  test.each([
    ["a NUL", "Post\u0000doc"],
    ["a right-to-left override", "Postdoc \u202Egnp.exe"],
    ["a zero-width joiner", "Post\u200Ddoc"],
    ["a line break", "Postdoc\r\nSecond line"],
  ])(
    "a headline with %s is a 400 beside the field and nothing is stored",
    async (_label, headline) => {
      const before = db.select().from(s.candidateProfiles).all();
      const res = (await post({ headline })) as unknown as {
        init: { status: number };
        data: unknown;
      };
      expect(res.init.status).toBe(400);
      expect(formErrors(res).headline?.[0]).toMatch(/control|one line|invisible/);
      expect(db.select().from(s.candidateProfiles).all()).toEqual(before);
    },
  );
});
