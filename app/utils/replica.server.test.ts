import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLIENT_IP_HEADER,
  isWriteRequest,
  readTxid,
  signClientIp,
  TXID_COOKIE,
  verifyClientIp,
} from "./replica.server";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-replica-"));
const primaryDb = path.join(work, "primary", "atrium.db");
const replicaDb = path.join(work, "replica", "atrium.db");
// The database both nodes read the forwarding key from (LiteFS replicates it).
const keysDb = path.join(work, "keys.db");
const children: ChildProcess[] = [];
let primary = "";
let replica = "";

function pos(txid: number) {
  return `${txid.toString(16).padStart(16, "0")}/0000000000000000`;
}

/** Starts a node on a free port; resolves with that port. */
function startServer(name: string, dbFile: string, primaryPort: number, waitMs: number) {
  const child = spawn(
    path.resolve("node_modules/.bin/tsx"),
    ["tests/replica-server.ts", name, "0", dbFile, String(primaryPort), String(waitMs), keysDb],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  return new Promise<number>((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`${name} exited with ${code}`)));
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      const ready = /^ready (\d+)$/.exec(line);
      if (ready) resolve(Number(ready[1]));
    });
  });
}

beforeAll(async () => {
  for (const db of [primaryDb, replicaDb]) {
    fs.mkdirSync(path.dirname(db), { recursive: true });
    fs.writeFileSync(`${db}-pos`, pos(0));
  }
  // What LiteFS writes on a replica: the primary's hostname.
  fs.writeFileSync(path.join(path.dirname(replicaDb), ".primary"), "127.0.0.1\n");
  const primaryPort = await startServer("primary", primaryDb, 0, 2000);
  primary = `http://127.0.0.1:${primaryPort}`;
  replica = `http://127.0.0.1:${await startServer("replica", replicaDb, primaryPort, 2000)}`;
}, 60_000);

afterAll(() => {
  for (const child of children) child.kill("SIGTERM");
  fs.rmSync(work, { recursive: true, force: true });
});

describe("write forwarding from a LiteFS replica", () => {
  let txidCookie = "";

  it("a POST to the replica is answered by the primary, with the primary's position", async () => {
    const res = await fetch(`${replica}/notes`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        // The replica's proxy names the visitor.
        "X-Forwarded-For": "203.0.113.5",
      },
      body: "body=my+application",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-served-by")).toBe("primary");
    // The primary sees the visitor's address, not the replica's, from the signed header.
    expect(res.headers.get("x-client-ip")).toBe("203.0.113.5");
    expect(await res.text()).toBe("created 1");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(new RegExp(`^${TXID_COOKIE}=1;.*HttpOnly`));
    txidCookie = cookie.split(";")[0];
    expect(readTxid(primaryDb)).toBe(1);

    // The replica itself has not seen it yet.
    const stale = await fetch(`${replica}/notes`);
    expect(stale.headers.get("x-served-by")).toBe("replica");
    expect(await stale.json()).toEqual([]);
  });

  it("the same person's next GET on the replica waits until it has caught up", async () => {
    const started = Date.now();
    const pending = fetch(`${replica}/notes`, { headers: { Cookie: txidCookie } });
    // Replication arrives 600 ms later (simulated: the row, then LiteFS's -pos).
    await new Promise((r) => setTimeout(r, 600));
    const db = new Database(replicaDb);
    db.prepare("insert into notes (body) values (?)").run("my application");
    db.close();
    fs.writeFileSync(`${replicaDb}-pos`, pos(1));

    const res = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(res.headers.get("x-served-by")).toBe("replica");
    expect(await res.json()).toEqual(["my application"]);
    expect(res.headers.get("set-cookie")).toMatch(new RegExp(`^${TXID_COOKIE}=;.*Max-Age=0`));
  });

  it("the wait is bounded: a replica that stays behind still answers", async () => {
    const started = Date.now();
    const res = await fetch(`${replica}/notes`, { headers: { Cookie: `${TXID_COOKIE}=ff` } });
    const took = Date.now() - started;
    expect(res.status).toBe(200);
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(4000);
  });

  it("a client address sent straight to the primary is ignored, signed or not", async () => {
    for (const forged of ["203.0.113.66", `203.0.113.66 ${Date.now()} ${"ab".repeat(32)}`]) {
      const res = await fetch(`${primary}/notes`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          [CLIENT_IP_HEADER]: forged,
        },
        body: "body=forged",
      });
      expect(res.status).toBe(201);
      expect(res.headers.get("x-client-ip")).toBe("127.0.0.1");
    }
  });

  it("a write while the primary is unreachable is a 503, not a local write", async () => {
    const primary = children[0];
    primary.removeAllListeners("exit");
    const exited = new Promise((r) => primary.on("exit", r));
    primary.kill("SIGTERM");
    await exited;
    const res = await fetch(`${replica}/notes`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "body=lost",
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("x-served-by")).toBe("replica");
    const db = new Database(replicaDb, { readonly: true });
    expect(db.prepare("select count(*) from notes").pluck().get()).toBe(1);
    db.close();
  });
});

describe("the client address a replica forwards", () => {
  const key = Buffer.alloc(32, 7);
  const request = { method: "POST", url: "/careers/x/apply" };

  it("is believed with a good signature, for that request, while it is fresh", () => {
    const header = signClientIp(key, "203.0.113.5", request, 1_000_000);
    expect(verifyClientIp(key, header, request, 1_000_000)).toBe("203.0.113.5");
    expect(verifyClientIp(key, header, request, 1_030_000)).toBe("203.0.113.5");
  });

  it("is ignored when unsigned, signed with another key, stale, or made for another request", () => {
    const header = signClientIp(key, "203.0.113.5", request, 1_000_000);
    expect(verifyClientIp(key, "203.0.113.5", request, 1_000_000)).toBeNull();
    expect(verifyClientIp(Buffer.alloc(32, 8), header, request, 1_000_000)).toBeNull();
    expect(verifyClientIp(key, header, request, 1_000_000 + 61_000)).toBeNull();
    expect(verifyClientIp(key, header, { ...request, url: "/login" }, 1_000_000)).toBeNull();
    expect(verifyClientIp(key, header, { ...request, method: "PUT" }, 1_000_000)).toBeNull();
    const [, at, signature] = header.split(" ");
    expect(verifyClientIp(key, `198.51.100.1 ${at} ${signature}`, request, 1_000_000)).toBeNull();
    expect(verifyClientIp(key, `${header} extra`, request, 1_000_000)).toBeNull();
  });
});

describe("which requests write", () => {
  it("every non-GET, and the recruiter board's GET that records the visit", () => {
    expect(isWriteRequest("POST", "/careers/x/apply")).toBe(true);
    expect(isWriteRequest("DELETE", "/anything")).toBe(true);
    expect(isWriteRequest("GET", "/recruit/openings/12")).toBe(true);
    expect(isWriteRequest("GET", "/recruit/openings/12.data")).toBe(true);
    expect(isWriteRequest("GET", "/recruit/openings/12/edit")).toBe(false);
    expect(isWriteRequest("GET", "/careers")).toBe(false);
    // Remix runs the loader for HEAD too, so the board visit is recorded.
    expect(isWriteRequest("HEAD", "/recruit/openings/12")).toBe(true);
    expect(isWriteRequest("HEAD", "/careers")).toBe(false);
  });
});
