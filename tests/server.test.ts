/**
 * The server as a browser meets it (app/express-app.server.ts, served with
 * http.createServer as app/server.ts does, Remix behind @remix-run/express):
 * pages in the encoding asked for, HEAD, 404s, files streamed byte for byte,
 * single-fetch data, forms with their cookies and refusals, and a client that
 * leaves early costing the server nothing it keeps.
 */
import fs from "node:fs";
import http, { type IncomingHttpHeaders } from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "~/express-app.server";
import { getDb } from "~/utils/db.server";
import { SESSION_COOKIE } from "~/auth/session.server";
import { hashPassword } from "~/auth/password.server";
import { INVALID_CREDENTIALS } from "~/auth/sign-in.server";
import {
  createLab,
  createResearcher,
  createSessionFor,
  createUser,
  verifiedSessionFor,
} from "./builders";
import { applyTo, attachResume, candidateUser, openingWithStages, staffUser } from "./fixtures";
import { listen, type Listening } from "./listen";
import { testServerBuild } from "./server-build";

let server: Listening;
let port: number;
let candidateToken: string;
let staffToken: string;
let applicationId: number;
const resumeBytes = Buffer.alloc(300 * 1024);
const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-assets-"));
  server = await listen(createApp({ build: await testServerBuild(assets), log: false }));
  port = server.port;

  const db = getDb();
  createResearcher(db, { name: "Ottilie Quarshie-Brandt", labId: createLab(db).id });
  await createUser(db, {
    role: "candidate",
    email: "ada@example.test",
    passwordHash: await hashPassword(PASSWORD),
  });
  const candidate = await candidateUser(db);
  candidateToken = createSessionFor(db, candidate.id);
  staffToken = verifiedSessionFor(db, (await staffUser(db)).id);
  const { opening, stages } = openingWithStages(db);
  const application = applyTo(db, {
    openingId: opening.id,
    candidateId: candidate.id,
    stageId: stages[0].id,
  });
  // A résumé large enough that the download streams in several chunks.
  resumeBytes.write("%PDF-1.4\n");
  for (let i = 9; i < resumeBytes.length; i++) resumeBytes[i] = (i * 7919) % 251;
  attachResume(db, application, resumeBytes, `${"c".repeat(32)}.pdf`);
  applicationId = application.id;
});

afterAll(() => server.close());

type Raw = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** A request with exactly these headers; the body as sent on the wire (not decoded). */
function raw(
  pathname: string,
  headers: Record<string, string> = {},
  method = "GET",
  body?: string,
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: pathname, method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function decode({ headers, body }: Raw): string {
  const encoding = headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(body).toString("utf8");
  if (encoding === "gzip") return zlib.gunzipSync(body).toString("utf8");
  expect(encoding).toBeUndefined();
  return body.toString("utf8");
}

describe("pages rendered by Remix", () => {
  it.each([
    ["br, gzip", "br"],
    ["gzip, deflate", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["identity", undefined],
    ["", undefined],
  ])("Accept-Encoding %j gets %s", async (accept, expected) => {
    const res = await raw("/people", accept ? { "Accept-Encoding": accept } : {});
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe(expected);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    const html = decode(res);
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain("Ottilie Quarshie-Brandt");
    // Whole, and well-formed: the loader data's scripts inside <body>, nothing after </html>.
    expect(html).toContain("streamController.close()");
    expect(html).toMatch(
      /streamController\.close\(\);<\/script>(<!--\/\$-->)*<\/body><\/html>\s*$/,
    );
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await raw("/people", { "Accept-Encoding": "br" }, "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body.length).toBe(0);
  });

  it("sends a small body whole", async () => {
    const res = await raw("/healthz", { "Accept-Encoding": "br, gzip" });
    expect(res.status).toBe(200);
    expect(decode(res)).toBe("ok");
  });

  it("keeps the 404 status of a page that does not exist", async () => {
    const res = await raw("/people/nobody-by-this-name", { "Accept-Encoding": "gzip" });
    expect(res.status).toBe(404);
    expect(decode(res)).toContain("</html>");
  });
});

describe("bodies that stream", () => {
  it("delivers a file read from disk in chunks byte for byte, not compressed", async () => {
    const res = await raw(`/recruit/applications/${applicationId}/resume`, {
      Cookie: `${SESSION_COOKIE}=${staffToken}`,
      "Accept-Encoding": "br, gzip",
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/pdf/);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["content-length"]).toBe(String(resumeBytes.length));
    expect(res.body.equals(resumeBytes)).toBe(true);
  });

  it("delivers the candidate's own download whole", async () => {
    const res = await raw(`/applications/${applicationId}/resume`, {
      Cookie: `${SESSION_COOKIE}=${candidateToken}`,
      "Accept-Encoding": "br, gzip",
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.body.equals(resumeBytes)).toBe(true);
  });

  it("delivers single-fetch data a client navigation decodes", async () => {
    const res = await raw("/people.data", { "Accept-Encoding": "gzip" });
    expect(res.status).toBe(200);
    const text = decode(res);
    expect(text).toContain("Ottilie Quarshie-Brandt");
  });
});

describe("requests with a body", () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (pathname: string, body: string) =>
    raw(
      pathname,
      {
        Origin: `http://127.0.0.1:${port}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept-Encoding": "gzip",
      },
      "POST",
      body,
    );

  it("reads a form post and sends the action's cookies with its redirect", async () => {
    const res = await post("/login", form({ email: "ada@example.test", password: PASSWORD }));
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/(?!\/)/);
    const cookies = res.headers["set-cookie"] ?? [];
    expect(cookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
  });

  it("answers a refused form with the action's status and message", async () => {
    const res = await post("/login", form({ email: "ada@example.test", password: "not it" }));
    expect(res.status).toBe(400);
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(decode(res)).toContain(INVALID_CREDENTIALS);
  });
});

describe("a client that leaves early", () => {
  /** Open file descriptors of this process (the server runs in it). */
  const openFiles = () => fs.readdirSync("/proc/self/fd").length;

  it("leaves no file open and the server answering", async () => {
    const before = openFiles();
    for (let i = 0; i < 10; i++) {
      await new Promise<void>((resolve) => {
        const req = http.get(
          {
            host: "127.0.0.1",
            port,
            path: `/recruit/applications/${applicationId}/resume`,
            headers: { Cookie: `${SESSION_COOKIE}=${staffToken}` },
          },
          (res) => {
            // Gone after the first bytes of the file.
            res.once("data", () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on("error", () => resolve());
      });
    }
    // The server finishes each abandoned download on its own time.
    await expect.poll(openFiles, { timeout: 5000 }).toBeLessThanOrEqual(before);
    const next = await raw("/healthz");
    expect(next.status).toBe(200);
  });

  it("stops a page's work when the client leaves before it is rendered", async () => {
    await new Promise<void>((resolve) => {
      const req = http.get({ host: "127.0.0.1", port, path: "/people" });
      req.on("socket", (socket) => socket.on("connect", () => req.destroy()));
      req.on("error", () => resolve());
      req.on("close", () => resolve());
    });
    const next = await raw("/people", { "Accept-Encoding": "gzip" });
    expect(next.status).toBe(200);
    expect(decode(next)).toContain("Ottilie Quarshie-Brandt");
  });
});
