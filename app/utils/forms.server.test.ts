import { describe, expect, it } from "vitest";
import { readFormData } from "~/utils/forms.server";

/** A POST whose body streams in chunks, with no Content-Length (as with Transfer-Encoding: chunked). */
function chunkedPost(chunks: string[]) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
  return new Request("http://localhost/login", {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    // Node's fetch needs `duplex` for a streamed body.
    duplex: "half",
  });
}

async function status(run: () => Promise<unknown>) {
  try {
    await run();
    return 200;
  } catch (thrown) {
    return thrown instanceof Response ? thrown.status : 500;
  }
}

describe("readFormData", () => {
  it("reads an ordinary form, chunked or not", async () => {
    const form = await readFormData(chunkedPost(["email=a%40b.c", "&name=Ada"]));
    expect(form?.get("email")).toBe("a@b.c");
    expect(form?.get("name")).toBe("Ada");
  });

  it("refuses a body over the limit with 413 even without a Content-Length", async () => {
    const big = chunkedPost(["q=", "x".repeat(600), "y".repeat(600)]);
    expect(await status(() => readFormData(big, 1000))).toBe(413);
  });

  it("refuses a declared oversized body with 413 before reading it", async () => {
    const req = new Request("http://localhost/login", {
      method: "POST",
      body: "q=1",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": String(10 * 1024 * 1024),
      },
    });
    expect(await status(() => readFormData(req))).toBe(413);
  });

  it("gives null (a 400 upstream) for a body that is not a form", async () => {
    const req = new Request("http://localhost/login", {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json" },
    });
    expect(await readFormData(req)).toBeNull();
  });
});
