import { describe, expect, it } from "vitest";
import { requireFormData } from "./form-data.server";

const post = (body: BodyInit, contentType?: string) =>
  new Request("http://localhost/x", {
    method: "POST",
    body,
    headers: contentType ? { "Content-Type": contentType } : {},
  });

async function statusOf(request: Request) {
  try {
    await requireFormData(request);
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("requireFormData", () => {
  it("reads url-encoded and multipart forms", async () => {
    expect(
      (await requireFormData(post(new URLSearchParams({ a: "1", "rows[12].b": "2" })))).get("a"),
    ).toBe("1");
    const fd = new FormData();
    fd.append("a", "1");
    expect((await requireFormData(post(fd))).get("a")).toBe("1");
  });

  it("answers 400 (not a TypeError and a 500) for a body that is not a form", async () => {
    expect(await statusOf(post('{"intent":"move"}', "application/json"))).toBe(400);
    expect(await statusOf(post("intent=move", "text/plain"))).toBe(400);
    expect(await statusOf(post("--x\r\nbroken", "multipart/form-data; boundary=x"))).toBe(400);
  });

  it("refuses a huge row index before Conform builds a sparse array from it", async () => {
    const started = Date.now();
    expect(await statusOf(post(new URLSearchParams({ "questions[50000000].label": "x" })))).toBe(
      400,
    );
    expect(await statusOf(post(new URLSearchParams({ "items[1000]": "1:1" })))).toBe(400);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
