/**
 * How the production server starts, as an operator sees it: on a public
 * address without ATRIUM_SECRET_KEY it refuses and says why; a local run
 * (the README's `npm start`) makes a key file beside its database, readable
 * by its owner only, and keeps it across restarts. Runs the built server
 * (`node build/index.js`) in a process of its own; no browser.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";

/** A port nothing listens on now (the system picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["build/index.js"], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      WEB_CONCURRENCY: "1",
      ATRIUM_DEMO: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitForHealth(port: number, exited: Promise<unknown>) {
  const deadline = Date.now() + 30_000;
  let stopped = false;
  void exited.then(() => (stopped = true));
  while (Date.now() < deadline && !stopped) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the server did not answer /healthz");
}

test.describe("starting the server", () => {
  let dir: string;
  test.beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-start-"));
  });
  test.afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("on a public address without ATRIUM_SECRET_KEY it refuses, and says why", async () => {
    const run = start({
      DATABASE_URL: path.join(dir, "atrium.db"),
      UPLOADS_DIR: path.join(dir, "uploads"),
      PORT: String(await freePort()),
      PUBLIC_ORIGIN: "https://careers.example.org",
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(
      "Refusing to start: PUBLIC_ORIGIN is https://careers.example.org, a public address, and ATRIUM_SECRET_KEY is not set.",
    );
    expect(fs.existsSync(path.join(dir, "atrium-secret.key"))).toBe(false);
  });

  test("a local run makes a key file beside its database (mode 0600) and keeps it", async () => {
    const keyFile = path.join(dir, "atrium-secret.key");
    let first = "";
    for (let round = 0; round < 2; round++) {
      const port = await freePort();
      const run = start({
        DATABASE_URL: path.join(dir, "atrium.db"),
        UPLOADS_DIR: path.join(dir, "uploads"),
        PORT: String(port),
      });
      try {
        await waitForHealth(port, run.exited);
      } finally {
        run.child.kill("SIGTERM");
        await run.exited;
      }
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      const key = fs.readFileSync(keyFile, "utf8");
      if (round === 0) first = key;
      else expect(key).toBe(first);
    }
  });
});
