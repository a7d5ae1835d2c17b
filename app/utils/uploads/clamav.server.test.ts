/**
 * The INSTREAM client against a real clamd (the run's own, with its one
 * signature for the EICAR test file), and the ways a scanner can fail to give
 * a verdict: each must be "unavailable", never "clean".
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EICAR } from "../../../tests/eicar";
import { clamdSocket } from "../../../tests/scanning";
import { pingClamd, ScannerUnavailable, scanWithClamd } from "./clamav.server";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "latin1");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "atrium-clamav-"));
let socket: string;

beforeAll(() => {
  socket = clamdSocket();
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("scanWithClamd against clamd", () => {
  test("EICAR is infected, a PDF is clean, and PING answers", async () => {
    expect(await pingClamd(socket)).toBe(true);
    expect(await scanWithClamd(socket, EICAR)).toEqual({
      kind: "infected",
      signature: "Atrium.Test.EICAR.UNOFFICIAL",
    });
    expect(await scanWithClamd(socket, PDF)).toEqual({ kind: "clean" });
    expect(await scanWithClamd(socket, new Uint8Array(0))).toEqual({ kind: "clean" });
  });

  test("a file on disk is streamed in chunks: a 3 MB clean file, and EICAR from a file", async () => {
    const big = path.join(work, "big.pdf");
    fs.writeFileSync(big, Buffer.alloc(3 * 1024 * 1024, "%"));
    expect(await scanWithClamd(socket, { file: big })).toEqual({ kind: "clean" });
    const eicar = path.join(work, "eicar.com");
    fs.writeFileSync(eicar, EICAR);
    expect((await scanWithClamd(socket, { file: eicar })).kind).toBe("infected");
  });
});

/** A socket that does `behave` with each connection instead of answering like clamd. */
async function fakeScanner(name: string, behave: (connection: net.Socket) => void) {
  const file = path.join(work, name);
  const server = net.createServer(behave);
  await new Promise<void>((resolve) => server.listen(file, resolve));
  return { file, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("no verdict is never clean", () => {
  test("nothing listening on the socket", async () => {
    await expect(scanWithClamd(path.join(work, "missing.sock"), PDF)).rejects.toBeInstanceOf(
      ScannerUnavailable,
    );
    expect(await pingClamd(path.join(work, "missing.sock"))).toBe(false);
  });

  test("a scanner that hangs up, answers ERROR, or never answers", async () => {
    const hangsUp = await fakeScanner("hangs-up.sock", (c) => c.destroy());
    const errs = await fakeScanner("error.sock", (c) =>
      c.resume().end("INSTREAM size limit exceeded. ERROR\0"),
    );
    const silent = await fakeScanner("silent.sock", (c) => c.resume());
    try {
      await expect(scanWithClamd(hangsUp.file, PDF)).rejects.toThrow(ScannerUnavailable);
      await expect(scanWithClamd(errs.file, PDF)).rejects.toThrow(/size limit exceeded/);
      await expect(scanWithClamd(silent.file, PDF, { timeoutMs: 200 })).rejects.toThrow(
        /did not answer within 200 ms/,
      );
    } finally {
      await Promise.all([hangsUp.close(), errs.close(), silent.close()]);
    }
  });
});
