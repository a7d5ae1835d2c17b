/**
 * Malware scanning by ClamAV's daemon, clamd, over its local socket
 * (CLAMAV_SOCKET), with the INSTREAM command of clamd(8): `zINSTREAM\0`, the
 * file as chunks each led by its length (4 bytes, big-endian), a zero-length
 * chunk to end it; clamd answers one NUL-terminated line, `stream: OK`,
 * `stream: <signature> FOUND`, or `<reason> ERROR`.
 *
 * Spoken here directly rather than through the `clamscan` package: that
 * client probes for local ClamAV binaries with child processes when it
 * starts, logs socket failures with console.error, writes to the socket
 * without back-pressure, and reads any reply it does not recognise loosely,
 * while the whole protocol is the few lines below — and failing closed needs
 * exactly that last distinction: anything but OK or FOUND is "could not scan".
 */
import fs from "node:fs";
import net from "node:net";

export type ScanVerdict = { kind: "clean" } | { kind: "infected"; signature: string };

/** clamd could not be reached, did not answer in time, or answered with an error. */
export class ScannerUnavailable extends Error {
  override name = "ScannerUnavailable";
}

/** Bytes per INSTREAM chunk (clamd's default StreamMaxLength is 25 MB in all; uploads are at most 5 MB). */
const CHUNK_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

type Source = Uint8Array | { file: string };

/**
 * Scans `source` (bytes, or a file on local disk) with the clamd listening on
 * `socketPath`. Resolves with clean or infected; rejects with
 * ScannerUnavailable when there is no verdict to trust.
 */
export function scanWithClamd(
  socketPath: string,
  source: Source,
  { timeoutMs = DEFAULT_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<ScanVerdict> {
  return talk(socketPath, timeoutMs, async (socket) => {
    await write(socket, Buffer.from("zINSTREAM\0", "latin1"));
    const chunks: AsyncIterable<Uint8Array> | Uint8Array[] =
      source instanceof Uint8Array
        ? [source]
        : fs.createReadStream(source.file, { highWaterMark: CHUNK_BYTES });
    for await (const chunk of chunks) {
      for (let at = 0; at < chunk.byteLength; at += CHUNK_BYTES) {
        const part = chunk.subarray(at, Math.min(at + CHUNK_BYTES, chunk.byteLength));
        const length = Buffer.alloc(4);
        length.writeUInt32BE(part.byteLength);
        await write(socket, length);
        await write(socket, part);
      }
    }
    await write(socket, Buffer.alloc(4));
  }).then((reply) => {
    if (/^stream: OK$/.test(reply)) return { kind: "clean" };
    const found = /^stream: (.+) FOUND$/.exec(reply);
    if (found) return { kind: "infected", signature: found[1] };
    throw new ScannerUnavailable(`clamd answered "${reply.slice(0, 200)}"`);
  });
}

/** Whether clamd at `socketPath` answers PING with PONG within `timeoutMs`. */
export async function pingClamd(socketPath: string, timeoutMs = 1_000): Promise<boolean> {
  try {
    const reply = await talk(socketPath, timeoutMs, (socket) =>
      write(socket, Buffer.from("zPING\0", "latin1")),
    );
    return reply === "PONG";
  } catch {
    return false;
  }
}

/**
 * Opens the socket, runs `send`, and resolves with clamd's one reply (without
 * its NUL). A reply that arrives before `send` is done (clamd refusing a
 * stream past its limit closes the connection) is still the answer.
 */
function talk(
  socketPath: string,
  timeoutMs: number,
  send: (socket: net.Socket) => Promise<void>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ path: socketPath });
    const received: Buffer[] = [];
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      const all = Buffer.concat(received);
      const end = all.indexOf(0);
      if (!error && end < 0) return; // the reply is not complete yet
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (end >= 0) resolve(all.subarray(0, end).toString("utf8").trim());
      else reject(error);
    };
    const timer = setTimeout(
      () => settle(new ScannerUnavailable(`clamd did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on("data", (chunk: Buffer) => {
      received.push(chunk);
      settle(null);
    });
    socket.on("error", (error) =>
      settle(new ScannerUnavailable(`clamd at ${socketPath}: ${error.message}`)),
    );
    socket.on("close", () =>
      settle(new ScannerUnavailable("clamd closed the connection without an answer")),
    );
    socket.once("connect", () => {
      send(socket).catch((error: unknown) =>
        settle(
          new ScannerUnavailable(
            `sending to clamd failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        ),
      );
    });
  });
}

/** Writes `bytes` and waits until the socket has taken them (back-pressure, one chunk at a time). */
function write(socket: net.Socket, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.write(bytes, (error) => (error ? reject(error) : resolve()));
  });
}
