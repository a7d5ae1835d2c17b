/**
 * /admin/settings and /admin/settings/about: admins only; a change is stored,
 * audited and what the next page shows (root loader, /brand.css, /about); a
 * low-contrast colour is a 400 naming the pairing, with nothing stored; a
 * logo upload keeps only the sanitised SVG, serves it (and its PNGs) at
 * content-hashed addresses with a year's cache, registers every file so the
 * sweep keeps them, and replacing it removes the old files; the about
 * editor's Preview renders Markdown safely and stores nothing.
 */
import { count, eq, inArray } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, files, organisationSettings } from "../../db/schema";
import { signedIn } from "../../tests/fixtures";
import { call, formErrors, getRequest, postForm } from "../../tests/requests";
import { listStoredFiles } from "../../tests/uploads";
import { DEMO_SETTINGS } from "~/models/settings-content";
import { getDb, type DB } from "~/utils/db.server";
import { sweepUploads } from "~/utils/sweep.server";
import { uploadsDir } from "~/utils/uploads.server";
import * as root from "~/root";
import * as about from "./about";
import * as aboutEditor from "./admin.settings.about/route";
import * as preview from "./admin.settings.about_.preview";
import * as settings from "./admin.settings._index/route";
import * as logoFile from "./brand.$file";
import * as brandCss from "./brand[.]css";

let db: DB;
let adminToken: string;
let recruiterToken: string;
const audits = (action: string) =>
  db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)).get()!.n;
const row = () => db.select().from(organisationSettings).get()!;

beforeAll(async () => {
  db = getDb();
  adminToken = (await signedIn(db, "admin")).token;
  recruiterToken = (await signedIn(db, "recruiter")).token;
});

afterEach(() => {
  db.update(organisationSettings)
    .set({ ...DEMO_SETTINGS, socialLinks: [] })
    .where(eq(organisationSettings.id, 1))
    .run();
});

const post = (fields: Record<string, string> | FormData, path = "/admin/settings") =>
  call(settings.action as never, postForm(path, fields, { token: adminToken }));

const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" onload="alert(1)"><script>alert(2)</script><rect width="120" height="40" fill="#0b5d3b"/><image href="https://evil.example/t.png"/><text x="8" y="26" fill="#fff">Harbour</text></svg>`;

function logoForm(svg: string) {
  const fd = new FormData();
  fd.append("logo", new File([svg], "logo.svg", { type: "image/svg+xml" }));
  return fd;
}

describe("/admin/settings", () => {
  it("is for admins only: recruiters get 403 from every loader and action", async () => {
    for (const [fn, path] of [
      [settings.loader, "/admin/settings"],
      [settings.action, "/admin/settings"],
      [aboutEditor.loader, "/admin/settings/about"],
      [aboutEditor.action, "/admin/settings/about"],
      [preview.action, "/admin/settings/about/preview"],
    ] as const) {
      const request = postForm(
        path,
        { intent: "organisation", name: "Hijacked" },
        { token: recruiterToken },
      );
      expect((await call(fn as never, request)).status, path).toBe(403);
    }
    expect(row().name).toBe(DEMO_SETTINGS.name);
  });

  it("a rename and a colour are stored, audited, and what the next page shows", async () => {
    const before = audits("settings.updated");
    const renamed = await post({
      intent: "organisation",
      name: "Harbour Institute",
      shortName: "Harbour",
      contactEmail: "Hello@Harbour.example",
      socialLinks: "https://github.com/harbour\n\nhttps://mastodon.example/@harbour",
    });
    expect(renamed.status).toBe(302);
    const coloured = await post({
      intent: "look",
      brandColour: "#0B5D3B",
      accentColour: "#ffd166",
    });
    expect(coloured.status).toBe(302);
    expect(coloured.location).toBe("/admin/settings?saved=look#look");
    expect(audits("settings.updated")).toBe(before + 2);
    expect(row()).toMatchObject({
      name: "Harbour Institute",
      contactEmail: "hello@harbour.example",
      socialLinks: ["https://github.com/harbour", "https://mastodon.example/@harbour"],
      brandColour: "#0b5d3b",
    });

    const page = await call<{ brand: { name: string }; brandStylesheet: string }>(
      root.loader as never,
      getRequest("/"),
    );
    expect(page.data?.brand).toMatchObject({ name: "Harbour Institute", primary: "#0b5d3b" });
    const href = page.data!.brandStylesheet;
    expect(href).toMatch(/^\/brand\.css\?v=[0-9a-f]{12}$/);
    const css = await call(brandCss.loader as never, getRequest(href));
    expect(css.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect(css.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const text = String(css.data?.text);
    expect(text).toContain("--color-primary: #0b5d3b;");
    expect(text).toContain("--color-accent: #ffd166;");
    // An old fingerprint gets the current colours, not kept.
    const stale = await call(brandCss.loader as never, getRequest("/brand.css?v=000000000000"));
    expect(stale.headers.get("Cache-Control")).toBe("public, max-age=0, must-revalidate");
  });

  it("refuses a low-contrast colour beside its field, storing and auditing nothing", async () => {
    const before = { row: row(), audits: audits("settings.updated") };
    const res = await post({ intent: "look", brandColour: "#8ab4f8", accentColour: "#f5c451" });
    expect(res.status).toBe(400);
    expect(formErrors(res).brandColour).toEqual([
      "Brand colour #8ab4f8 on white is 2.1:1; text needs 4.5:1.",
    ]);
    const bad = await post({ intent: "look", brandColour: "navy", accentColour: "#f5c451" });
    expect(formErrors(bad).brandColour).toEqual([
      "Enter the brand colour as a hex colour, like #1d3b6a.",
    ]);
    expect(row()).toEqual(before.row);
    expect(audits("settings.updated")).toBe(before.audits);
  });

  it("refuses other bad input with messages and stores nothing", async () => {
    const before = row();
    const res = await post({
      intent: "organisation",
      name: "",
      contactEmail: "not an email",
      socialLinks: "http://insecure.example\njavascript:alert(1)",
    });
    expect(res.status).toBe(400);
    expect(Object.keys(formErrors(res)).sort()).toEqual(["contactEmail", "name", "socialLinks"]);
    const home = await post({ intent: "home", homeCtaLabel: "Go", homeCtaUrl: "//evil.example" });
    expect(formErrors(home).homeCtaUrl?.[0]).toMatch(/path on this site/);
    expect(row()).toEqual(before);
  });

  it("keeps only the sanitised logo, serves it with a year's cache, and the sweep keeps its files", async () => {
    const before = audits("settings.logo_changed");
    const res = await post(logoForm(HOSTILE_SVG));
    expect(res.status).toBe(302);
    expect(audits("settings.logo_changed")).toBe(before + 1);
    const page = await call<{ brand: { logo: { src: string; png: string; card: string } } }>(
      root.loader as never,
      getRequest("/"),
    );
    const logo = page.data!.brand.logo;
    expect(logo.src).toMatch(/^\/brand\/logo-[0-9a-f]{16}\.svg$/);
    const served = await call(logoFile.loader as never, getRequest(logo.src), {
      file: logo.src.split("/").pop()!,
    });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/svg+xml");
    expect(served.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const svg = String(served.data?.text);
    expect(svg).toContain("Harbour");
    expect(svg).not.toMatch(/script|onload|evil\.example/);
    for (const path of [logo.png, logo.card]) {
      const png = await call(logoFile.loader as never, getRequest(path), {
        file: path.split("/").pop()!,
      });
      expect(png.headers.get("Content-Type"), path).toBe("image/png");
    }
    // An address that is not the current logo's is a 404.
    const other = await call(
      logoFile.loader as never,
      getRequest("/brand/logo-0000000000000000.svg"),
      {
        file: "logo-0000000000000000.svg",
      },
    );
    expect(other.status).toBe(404);

    // Registered as stored files: the sweep, even with no age limit, keeps all three.
    const first = row();
    const ids = [first.logoFileId!, first.logoPngFileId!, first.logoCardFileId!];
    const rows = db.select().from(files).where(inArray(files.id, ids)).all();
    expect(rows.map((f) => f.kind)).toEqual(["logo", "logo", "logo"]);
    await sweepUploads(db, { dir: uploadsDir(), minAgeMs: 0 });
    for (const f of rows) expect(listStoredFiles().stored).toContain(f.storageName);

    // A new logo replaces the old one's rows and files.
    expect((await post(logoForm(HOSTILE_SVG.replace("Harbour", "Harbour 2")))).status).toBe(302);
    expect(db.select().from(files).where(inArray(files.id, ids)).all()).toEqual([]);
    for (const f of rows) expect(listStoredFiles().stored).not.toContain(f.storageName);

    // A file that is not an SVG or PNG is refused beside the field.
    const fd = new FormData();
    fd.append("logo", new File(["GIF89a"], "logo.svg", { type: "image/svg+xml" }));
    const refused = await post(fd);
    expect(refused.status).toBe(400);
    expect(formErrors(refused).logo).toEqual(["The logo must be an SVG or PNG file."]);

    expect((await post({ intent: "remove_logo" })).status).toBe(302);
    expect(row().logoFileId).toBeNull();
  });
});

describe("/admin/settings/about", () => {
  it("Preview renders the Markdown safely and stores nothing; Save reaches /about", async () => {
    const before = row();
    const typed = {
      aboutLens: "We study **tides**.\n\n<script>alert(1)</script> [x](javascript:alert(1))",
      aboutValues: "- **Care.** Always.",
      aboutQuote: "Measure twice.",
      aboutQuoteBy: "A carpenter",
    };
    const shown = await call<{ previews: { aboutLens: string; aboutValues: string } }>(
      aboutEditor.action as never,
      postForm("/admin/settings/about", { intent: "preview", ...typed }, { token: adminToken }),
    );
    expect(shown.status).toBe(200);
    expect(shown.data!.previews.aboutLens).toContain("<strong>tides</strong>");
    expect(shown.data!.previews.aboutLens).not.toMatch(/<script|href="javascript/);
    expect(shown.data!.previews.aboutValues).toContain("<li><strong>Care.</strong> Always.</li>");
    expect(row()).toEqual(before);

    const live = await call(
      preview.action as never,
      postForm("/admin/settings/about/preview", typed, { token: adminToken }),
    );
    expect(live.response?.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(JSON.parse(String(live.data?.text)).aboutLens).toContain("<strong>tides</strong>");

    const saved = await call(
      aboutEditor.action as never,
      postForm("/admin/settings/about", { intent: "save", ...typed }, { token: adminToken }),
    );
    expect(saved.status).toBe(302);
    const page = await call<{ lensHtml: string; quote: { text: string; by: string } }>(
      about.loader as never,
      getRequest("/about"),
    );
    expect(page.data!.lensHtml).toContain("<strong>tides</strong>");
    expect(page.data!.lensHtml).not.toContain("<script");
    expect(page.data!.quote).toEqual({ text: "Measure twice.", by: "A carpenter" });
  });
});
