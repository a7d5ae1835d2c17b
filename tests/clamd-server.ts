/**
 * A clamd of the test run's own: started once by tests/global-setup.ts with
 * a configuration and a one-line signature database in a temporary folder,
 * listening on a socket there. Signatures cannot be downloaded here, so the
 * database is a single MD5 hash signature (`.hdb`: `md5:size:name`) for the
 * EICAR test file: clamd reports it as `Atrium.Test.EICAR.UNOFFICIAL`, and
 * anything else as clean.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pingClamd } from "../app/utils/uploads/clamav.server";
import { clamdPath, INSTALL_COMMAND } from "./clamd.mjs";
import { EICAR } from "./eicar";

const EICAR_SIGNATURE = "Atrium.Test.EICAR";

export type RunningClamd = { socket: string; stop(): Promise<void> };

/** Starts clamd and resolves once it answers PING; rejects with what to do when it cannot. */
export async function startClamd(): Promise<RunningClamd> {
  const clamd = clamdPath();
  if (!clamd)
    throw new Error(`ClamAV's clamd is not installed. Install it with: ${INSTALL_COMMAND}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-clamd-"));
  const socket = path.join(dir, "clamd.sock");
  const md5 = createHash("md5").update(EICAR).digest("hex");
  fs.writeFileSync(
    path.join(dir, "atrium-test.hdb"),
    `${md5}:${EICAR.byteLength}:${EICAR_SIGNATURE}\n`,
  );
  const config = path.join(dir, "clamd.conf");
  fs.writeFileSync(
    config,
    [
      "Foreground yes",
      `LocalSocket ${socket}`,
      `DatabaseDirectory ${dir}`,
      `TemporaryDirectory ${dir}`,
      `PidFile ${path.join(dir, "clamd.pid")}`,
      `LogFile ${path.join(dir, "clamd.log")}`,
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(clamd, ["-c", config], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (!(await pingClamd(socket, 1_000))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      const log = fs.existsSync(path.join(dir, "clamd.log"))
        ? fs.readFileSync(path.join(dir, "clamd.log"), "utf8").slice(-2_000)
        : "";
      await stop();
      throw new Error(`clamd did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { socket, stop };
}
