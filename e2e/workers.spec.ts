/**
 * The production server runs one worker per core (app/server.ts). State that
 * must hold across them lives in SQLite: here, the sign-in throttle. Each
 * attempt goes over a new connection, so the cluster's round-robin hands them
 * to different workers, and the X-Worker header says which one answered.
 */
import http from "node:http";
import { expect, test } from "./fixtures";

function postOnNewConnection(baseURL: string, path: string, form: Record<string, string>) {
  const body = new URLSearchParams(form).toString();
  return new Promise<{ status: number; worker: string }>((resolve, reject) => {
    const req = http.request(
      new URL(path, baseURL),
      {
        method: "POST",
        agent: false,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
          Origin: baseURL,
          Connection: "close",
        },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, worker: String(res.headers["x-worker"]) }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("workers share the sign-in throttle: the 5th failed attempt is refused whichever worker answers", async ({
  baseURL,
}) => {
  const email = `throttle-${Date.now()}@example.test`;
  const answers = [];
  for (let i = 0; i < 5; i++) {
    answers.push(await postOnNewConnection(baseURL!, "/login", { email, password: `guess-${i}` }));
  }
  expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 429]);
  // More than one worker took part, and none of them is the single-process "0".
  const workers = new Set(answers.map((a) => a.worker));
  expect(workers.size).toBeGreaterThan(1);
  expect(workers.has("0")).toBe(false);
});
