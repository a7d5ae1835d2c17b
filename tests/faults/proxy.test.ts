/**
 * Forwarded headers and proxy shapes, through the real server over loopback:
 * every combination of a proxy setting (TRUST_PROXY unset, "loopback", one hop,
 * a range that is not ours; with and without PUBLIC_ORIGIN) and hostile or
 * mistaken forwarding headers (X-Forwarded-Host/-Proto/-For, Forwarded, Host,
 * Origin, Sec-Fetch-Site) on a page, its single-fetch data, a form post and
 * the other methods. What an attacker or an operator would notice:
 *
 * - no answer is a 5xx (Remix's own action check throws on a host mismatch;
 *   the server answers 400 first, with a message);
 * - a refused post writes nothing;
 * - the named shapes get the answer a browser behind that proxy should get
 *   (a TLS proxy's form accepted, a forged one refused, `host:443` a 400);
 * - the client's address comes from a trusted proxy only;
 * - a forged host can neither poison the page cache nor reach a page's links.
 *
 * The run records its cells, refusals and 5xx count.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { createApp } from "~/express-app.server";
import { getDb } from "~/utils/db.server";
import type { TrustProxySetting } from "~/utils/proxy.server";
import { CLIENT_IP_HEADER, signClientIp } from "~/utils/replica.server";
import { createLab, createOpening } from "../builders";
import { listen, type Listening } from "../listen";
import { testServerBuild } from "../server-build";

type Config = { name: string; trustProxy: TrustProxySetting; publicOrigin?: string };
const CONFIGS: Config[] = [
  { name: "no proxy trusted", trustProxy: false },
  { name: "loopback trusted", trustProxy: ["loopback"] },
  { name: "one hop trusted", trustProxy: 1 },
  { name: "another range trusted", trustProxy: ["10.0.0.0/8"] },
  { name: "no proxy, PUBLIC_ORIGIN", trustProxy: false, publicOrigin: "https://atrium.example" },
  {
    name: "loopback, PUBLIC_ORIGIN",
    trustProxy: ["loopback"],
    publicOrigin: "https://atrium.example",
  },
];

const servers = new Map<string, Listening>();
/** The key a LiteFS replica signs client addresses with (read from the database in production). */
const FORWARDING_KEY = Buffer.alloc(32, 9);
let openingSlug: string;

beforeAll(async () => {
  const db = getDb();
  const lab = createLab(db);
  openingSlug = createOpening(db, { labId: lab.id, title: "Proxy Shapes Fellow" }).slug;
  const assets = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-assets-"));
  const build = await testServerBuild(assets);
  for (const config of CONFIGS) {
    servers.set(
      config.name,
      await listen(
        createApp({
          build,
          log: false,
          trustProxy: config.trustProxy,
          publicOrigin: config.publicOrigin,
          forwardingKey: () => FORWARDING_KEY,
          pageCache: { getDb },
        }),
      ),
    );
  }
});

afterAll(async () => {
  for (const server of servers.values()) await server.close();
});

type Answer = { status: number; body: string; headers: http.IncomingHttpHeaders };

/** A request with exactly these headers (Host included), over a raw socket. */
function send(
  server: Listening,
  method: string,
  pathname: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: server.port, method, path: pathname, headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const local = (server: Listening) => `127.0.0.1:${server.port}`;

describe("named proxy shapes", () => {
  // POST /people: no action there, so a post that passes every check is Remix's 405.
  const post = (config: string, headers: (host: string) => Record<string, string>) => {
    const server = servers.get(config)!;
    return send(
      server,
      "POST",
      "/people",
      {
        Host: local(server),
        "Content-Type": "application/x-www-form-urlencoded",
        ...headers(local(server)),
      },
      "q=1",
    );
  };

  it("a TLS proxy that is not trusted: the browser's https origin is refused, not a 500", async () => {
    const res = await post("no proxy trusted", (host) => ({
      "X-Forwarded-Proto": "https",
      Origin: `https://${host}`,
    }));
    expect(res.status).toBe(403);
    expect(res.body).toBe("Cross-site request refused.");
  });

  it("a trusted TLS proxy: the browser's https origin is accepted", async () => {
    for (const config of ["loopback trusted", "one hop trusted"]) {
      const res = await post(config, (host) => ({
        "X-Forwarded-Proto": "https",
        Origin: `https://${host}`,
      }));
      expect(res.status, config).toBe(405);
    }
  });

  it("a trusted proxy that writes its scheme in capitals is understood", async () => {
    const res = await post("loopback trusted", (host) => ({
      "X-Forwarded-Proto": "HTTPS",
      Origin: `https://${host}`,
    }));
    expect(res.status).toBe(405);
  });

  it("a trusted proxy that forwards the public host: the public origin is accepted", async () => {
    const res = await post("loopback trusted", () => ({
      "X-Forwarded-Proto": "https",
      "X-Forwarded-Host": "atrium.example",
      Origin: "https://atrium.example",
    }));
    expect(res.status).toBe(405);
  });

  it("a proxy that forwards host:443 gets a 400 that says what to fix", async () => {
    for (const config of ["loopback trusted", "loopback, PUBLIC_ORIGIN"]) {
      const res = await post(config, () => ({
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "atrium.example:443",
        Origin: "https://atrium.example",
      }));
      expect(res.status, config).toBe(400);
      expect(res.body).toMatch(/reached this site for the host "atrium\.example:443".*proxy/);
    }
  });

  it("with PUBLIC_ORIGIN, only that origin may post, and the forwarded host must match it", async () => {
    const ownOrigin = await post("loopback, PUBLIC_ORIGIN", (host) => ({
      Origin: `http://${host}`,
    }));
    expect(ownOrigin.status).toBe(403);
    const wrongHost = await post("loopback, PUBLIC_ORIGIN", () => ({
      "X-Forwarded-Host": "internal.example",
      Origin: "https://atrium.example",
    }));
    expect(wrongHost.status).toBe(400);
    const right = await post("loopback, PUBLIC_ORIGIN", () => ({
      "X-Forwarded-Proto": "https",
      "X-Forwarded-Host": "atrium.example",
      Origin: "https://atrium.example",
    }));
    expect(right.status).toBe(405);
  });

  it("an untrusted client's X-Forwarded-Host is ignored: its post is judged by the Host it reached", async () => {
    const res = await post("no proxy trusted", (host) => ({
      "X-Forwarded-Host": "evil.example",
      Origin: `http://${host}`,
    }));
    expect(res.status).toBe(405);
  });

  it("a form on a no-referrer page (Origin: null) passes only when the browser says it was ours", async () => {
    const ours = await post("no proxy trusted", () => ({
      Origin: "null",
      "Sec-Fetch-Site": "same-origin",
    }));
    expect(ours.status).toBe(405);
    const framed = await post("no proxy trusted", () => ({
      Origin: "null",
      "Sec-Fetch-Site": "cross-site",
    }));
    expect(framed.status).toBe(403);
  });

  it("an Origin Remix could not read is a 400 on every method that may act", async () => {
    const server = servers.get("no proxy trusted")!;
    for (const method of ["OPTIONS", "PUT", "PATCH", "DELETE"]) {
      const garbage = await send(server, method, "/people.data", {
        Host: local(server),
        Origin: "not an origin",
      });
      expect(garbage.status, method).toBeLessThan(500);
    }
    const options = await send(server, "OPTIONS", "/people.data", {
      Host: local(server),
      Origin: "https://evil.example",
    });
    expect(options.status).toBe(400);
  });

  it("takes the client's address from a trusted proxy only", async () => {
    const db = getDb();
    const ipKeys = () =>
      db
        .select({ key: s.throttles.key })
        .from(s.throttles)
        .where(sql`${s.throttles.key} like 'ip:%'`)
        .all()
        .map((r) => r.key);
    const signIn = (config: string) => {
      const server = servers.get(config)!;
      return send(
        server,
        "POST",
        "/login",
        {
          Host: local(server),
          Origin: `http://${local(server)}`,
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Forwarded-For": "203.0.113.7, 198.51.100.2",
        },
        "email=nobody%40proxy.example&password=wrong-password-1",
      );
    };
    expect((await signIn("no proxy trusted")).status).toBe(400);
    expect(ipKeys()).not.toContain("ip:198.51.100.2");
    expect(ipKeys()).not.toContain("ip:203.0.113.7");
    // One trusted hop: the address that hop saw, not what the client wrote before it.
    expect((await signIn("one hop trusted")).status).toBe(400);
    expect(ipKeys()).toContain("ip:198.51.100.2");
    expect(ipKeys()).not.toContain("ip:203.0.113.7");
  });

  it("believes the visitor's address a LiteFS replica signed for this request, and no other", async () => {
    const db = getDb();
    const server = servers.get("no proxy trusted")!;
    const ipKeys = () =>
      db
        .select({ key: s.throttles.key })
        .from(s.throttles)
        .where(sql`${s.throttles.key} like 'ip:192.0.2.%'`)
        .all()
        .map((r) => r.key);
    const signIn = (header: string) =>
      send(
        server,
        "POST",
        "/login",
        {
          Host: local(server),
          Origin: `http://${local(server)}`,
          "Content-Type": "application/x-www-form-urlencoded",
          [CLIENT_IP_HEADER]: header,
        },
        "email=nobody%40replica.example&password=wrong-password-1",
      );
    const request = { method: "POST", url: "/login" };
    expect((await signIn(signClientIp(FORWARDING_KEY, "192.0.2.10", request))).status).toBe(400);
    expect((await signIn(signClientIp(Buffer.alloc(32, 1), "192.0.2.11", request))).status).toBe(
      400,
    );
    expect(
      (await signIn(signClientIp(FORWARDING_KEY, "192.0.2.12", { ...request, url: "/x" }))).status,
    ).toBe(400);
    expect((await signIn("192.0.2.13")).status).toBe(400);
    expect(ipKeys()).toEqual(["ip:192.0.2.10"]);
  });

  it("a forged host neither poisons the page cache nor reaches a page's links", async () => {
    const page = `/careers/${openingSlug}`;
    for (const config of ["no proxy trusted", "loopback trusted"]) {
      const server = servers.get(config)!;
      const forged = await send(server, "GET", page, {
        Host: local(server),
        "X-Forwarded-Host": "evil.example",
      });
      expect(forged.status).toBe(200);
      const normal = await send(server, "GET", page, { Host: local(server) });
      expect(normal.status).toBe(200);
      // Only a trusted proxy's host may name the site, and never for other hosts' visitors.
      expect(normal.body, config).not.toContain("evil.example");
      expect(normal.body).toContain(`http://${local(server)}/careers/${openingSlug}`);
      if (config === "no proxy trusted") expect(forged.body).not.toContain("evil.example");
    }
  });
});

describe("hostile forwarding headers", () => {
  const HOSTS = (own: string) => [own, "atrium.example:443"];
  const SHAPES: Array<{ name: string; headers: Record<string, string> }> = [
    { name: "none", headers: {} },
    { name: "XFH other", headers: { "X-Forwarded-Host": "evil.example" } },
    { name: "XFH :443", headers: { "X-Forwarded-Host": "atrium.example:443" } },
    { name: "XFH list", headers: { "X-Forwarded-Host": "atrium.example, evil.example" } },
    { name: "XFH path", headers: { "X-Forwarded-Host": "evil.example/admin" } },
    { name: "XFH ipv6", headers: { "X-Forwarded-Host": "[::1]:3000" } },
    { name: "XFP list", headers: { "X-Forwarded-Proto": "https, http" } },
    { name: "XFP ftp", headers: { "X-Forwarded-Proto": "ftp" } },
    { name: "XFF forged", headers: { "X-Forwarded-For": "1.2.3.4, garbage, ::1" } },
    { name: "Forwarded", headers: { Forwarded: 'for="[::1]";proto=https;host=evil.example' } },
    {
      name: "Fly",
      headers: {
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Port": "443",
        "Fly-Client-IP": "203.0.113.9",
        "X-Forwarded-For": "203.0.113.9",
        Via: "2 fly.io",
      },
    },
  ];
  const ORIGINS = (host: string) => [
    undefined,
    "null",
    `https://${host}`,
    "https://atrium.example",
    "not an origin",
  ];
  const REQUESTS = [
    { method: "GET", path: "/people.data" },
    // Single-fetch posts: the same checks as a document post, without rendering a page.
    { method: "POST", path: "/login.data", body: "email=&password=" },
    { method: "POST", path: "/people.data", body: "q=1" },
    { method: "OPTIONS", path: "/people.data" },
  ];

  it(
    "answers every cell without a 5xx, and a refused post writes nothing",
    { timeout: 240_000 },
    async () => {
      const db = getDb();
      const writes = () =>
        Number(
          db.get<{ n: number }>(
            sql`select (select count(*) from sessions) + (select count(*) from users) + (select count(*) from audit_log) as n`,
          ).n,
        );
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      let cells = 0;
      let refusals = 0;
      for (const config of CONFIGS) {
        const server = servers.get(config.name)!;
        for (const host of HOSTS(local(server))) {
          for (const shape of SHAPES) {
            for (const origin of ORIGINS(host)) {
              for (const request of REQUESTS) {
                const headers: Record<string, string> = { Host: host, ...shape.headers };
                if (origin !== undefined) headers.Origin = origin;
                if (origin === "null") headers["Sec-Fetch-Site"] = "same-origin";
                if (request.body) headers["Content-Type"] = "application/x-www-form-urlencoded";
                const before = request.method === "GET" ? 0 : writes();
                const res = await send(server, request.method, request.path, headers, request.body);
                cells++;
                statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
                const where = `${config.name}: ${request.method} ${request.path} Host ${host}, ${shape.name}, Origin ${origin}`;
                if (res.status >= 500)
                  failures.push(`${res.status} from ${where}: ${res.body.slice(0, 200)}`);
                if (res.status >= 400) {
                  refusals++;
                  if (request.method !== "GET" && writes() !== before)
                    failures.push(`a write after the refused ${where}`);
                }
              }
            }
          }
        }
      }
      console.log(
        `[hostile proxies] ${cells} cells, ${refusals} refusals, ${failures.filter((f) => /^5\d\d/.test(f)).length} × 5xx; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
      );
      expect(cells).toBeGreaterThanOrEqual(2500);
      expect(failures).toEqual([]);
    },
  );
});
