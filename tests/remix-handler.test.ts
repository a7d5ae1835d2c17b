/**
 * The Remix adapter (app/utils/remix-handler.server.ts) through the real
 * Express app over loopback: what a browser receives — the body it decodes,
 * the encoding it asked for, an exact Content-Length, cookies, forms — and
 * that a body which really streams still arrives whole.
 */
import fs from "node:fs";
import http, { type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "~/express-app.server";
import { sendResponse } from "~/utils/remix-handler.server";
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
import { testServerBuild } from "./server-build";

let server: Server;
let port: number;
let candidateToken: string;
let staffToken: string;
let applicationId: number;
const resumeBytes = Buffer.alloc(300 * 1024);
const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-assets-"));
  const app = createApp({ build: await testServerBuild(assets), log: false });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;

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

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

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
  ])("Accept-Encoding %j gets %s with an exact length", async (accept, expected) => {
    const res = await raw("/people", accept ? { "Accept-Encoding": accept } : {});
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe(expected);
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.headers["transfer-encoding"]).toBeUndefined();
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    const html = decode(res);
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain("Ottilie Quarshie-Brandt");
    // Whole: the document and the loader data streamed after it, to its last script.
    expect(html).toContain("</html>");
    expect(html).toContain("streamController.close()");
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await raw("/people", { "Accept-Encoding": "br" }, "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body.length).toBe(0);
  });

  it("sends a small body as it is", async () => {
    const res = await raw("/healthz", { "Accept-Encoding": "br, gzip" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["content-length"]).toBe("2");
    expect(res.body.toString()).toBe("ok");
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

describe("sendResponse on its own", () => {
  /** An Express app whose only route answers with `make()`'s Response through sendResponse. */
  async function serve(
    make: () => Response | Promise<Response>,
    before?: express.RequestHandler,
  ): Promise<{ port: number; close: () => Promise<void> }> {
    const app = express();
    app.use(compression());
    if (before) app.use(before);
    app.get("/", async (req, res, next) => {
      try {
        await sendResponse(req, res, await make());
      } catch (error) {
        next(error);
      }
    });
    const s = await new Promise<Server>((resolve) => {
      const started = app.listen(0, "127.0.0.1", () => resolve(started));
    });
    return {
      port: (s.address() as AddressInfo).port,
      close: () => new Promise((resolve) => s.close(() => resolve())),
    };
  }

  it("sends a stream's first chunk before the stream has more", async () => {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
        c.enqueue(new TextEncoder().encode("first;"));
      },
    });
    const server = await serve(
      () => new Response(body, { headers: { "Content-Type": "application/octet-stream" } }),
    );
    try {
      const text = await new Promise<string>((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port: server.port, path: "/" }, (res) => {
            let received = "";
            res.on("data", (chunk: Buffer) => {
              received += chunk.toString();
              // The second chunk exists only once the first has reached the client.
              if (received === "first;") {
                controller.enqueue(new TextEncoder().encode("second"));
                controller.close();
              }
            });
            res.on("end", () => resolve(received));
          })
          .on("error", reject);
      });
      expect(text).toBe("first;second");
    } finally {
      await server.close();
    }
  });

  it("cancels the body's stream when the client has left before it is read", async () => {
    let cancelled!: () => void;
    const wasCancelled = new Promise<void>((resolve) => (cancelled = resolve));
    let clientGone!: () => void;
    const gone = new Promise<void>((resolve) => (clientGone = resolve));
    const server = await serve(async () => {
      await gone; // a slow loader, during which the client gives up
      await new Promise((resolve) => setTimeout(resolve, 50));
      return new Response(
        new ReadableStream<Uint8Array>({
          pull(c) {
            c.enqueue(new Uint8Array(64 * 1024));
          },
          cancel() {
            cancelled();
          },
        }),
        { headers: { "Content-Type": "application/pdf" } },
      );
    });
    try {
      const req = http.get({ host: "127.0.0.1", port: server.port, path: "/" });
      req.on("error", () => {});
      req.on("socket", (socket) => socket.on("connect", () => setTimeout(() => req.destroy(), 20)));
      req.on("close", () => clientGone());
      await wasCancelled; // the test times out if the stream is left open
    } finally {
      await server.close();
    }
  });

  it("keeps the cookies an earlier middleware set beside the response's own", async () => {
    const server = await serve(
      () => new Response("ok", { headers: { "Set-Cookie": "session=abc; Path=/" } }),
      (_req, res, next) => {
        res.append("Set-Cookie", "__txid=; Path=/; Max-Age=0");
        next();
      },
    );
    try {
      const res = await rawAt(server.port, "/");
      expect(res.headers["set-cookie"]).toEqual([
        "__txid=; Path=/; Max-Age=0",
        "session=abc; Path=/",
      ]);
    } finally {
      await server.close();
    }
  });

  it("sends a body streamed as a string", async () => {
    const server = await serve(
      () =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue("hello string" as unknown as Uint8Array);
              c.close();
            },
          }),
          { headers: { "Content-Type": "text/plain" } },
        ),
    );
    try {
      const res = await rawAt(server.port, "/");
      expect(res.status).toBe(200);
      expect(res.body.toString()).toBe("hello string");
    } finally {
      await server.close();
    }
  });
});

function rawAt(at: number, pathname: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: at, path: pathname }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}
