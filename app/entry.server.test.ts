import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "~/auth/session.server";
import { assembleDocument, handleDataRequest } from "./entry.server";

const run = (cookie?: string) => {
  const request = new Request(
    "http://localhost/account.data",
    cookie ? { headers: { Cookie: cookie } } : {},
  );
  return handleDataRequest(new Response("{}"), { request, params: {}, context: {} }) as Response;
};

describe("data requests", () => {
  it("leave an anonymous answer's caching to the route", () => {
    expect(run().headers.get("Cache-Control")).toBeNull();
  });

  it("keep a signed-in person's data out of every cache", () => {
    const headers = run(`${SESSION_COOKIE}=${"a".repeat(32)}`).headers;
    expect(headers.get("Cache-Control")).toContain("no-store");
    expect(headers.get("Vary")).toContain("Cookie");
  });
});

describe("the document from React's chunks", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it("drops the unwritten zeros at the end of a buffer React handed over", () => {
    // What React 18 passes when "é" (two bytes) did not fit the buffer's last byte.
    const padded = new Uint8Array(8);
    padded.set(bytes("<p>Ren"));
    const html = assembleDocument([padded, bytes("ée</p>")]).toString("utf8");
    expect(html).toBe("<p>Renée</p>");
  });

  it("moves what follows </html> to the end of <body>", () => {
    const html = assembleDocument([
      bytes("<html><body><main>x</main></body></html>"),
      bytes('<!--$--><script>data("é")</script><!--/$-->'),
    ]).toString("utf8");
    expect(html).toBe(
      '<html><body><main>x</main><!--$--><script>data("é")</script><!--/$--></body></html>',
    );
  });

  it("leaves a document that already ends with </html> alone", () => {
    const html = "<html><body>ok</body></html>";
    expect(assembleDocument([bytes(html)]).toString("utf8")).toBe(html);
  });
});
