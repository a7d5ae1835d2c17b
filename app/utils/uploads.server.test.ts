import fs from "node:fs";
import { deflateSync } from "node:zlib";
import { beforeEach, describe, expect, test } from "vitest";
import { getUploadStorage } from "./storage/index.server";
import { TEMP_SUFFIX } from "./storage/local.server";
import { IN_MEMORY_FILE_BYTES } from "./uploads/multipart.server";
import { attachmentDisposition, displayFileName } from "./uploads/names";
import { pdfProblem } from "./uploads/pdf.server";
import {
  parsePhotoUpload,
  parseResumeUpload,
  readStoredFile,
  uploadsDir,
  writeStoredFile,
} from "./uploads.server";

describe("displayFileName", () => {
  test("keeps only a clean base name as display text", () => {
    expect(displayFileName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(displayFileName("C:\\Users\\ada\\CV.pdf")).toBe("CV.pdf");
    expect(displayFileName("cv\u202Efdp.exe\u0000.pdf")).toBe("cvfdp.exe.pdf");
    expect(displayFileName("...hidden.pdf")).toBe("hidden.pdf");
    expect(displayFileName("")).toBe("resume.pdf");
    const long = displayFileName(`${"a".repeat(300)}.pdf`);
    expect(long).toHaveLength(120);
    expect(long.endsWith(".pdf")).toBe(true);
  });
});

describe("attachmentDisposition", () => {
  test("always an attachment, with an ASCII fallback and the UTF-8 name", () => {
    expect(attachmentDisposition('Zoë "CV".pdf')).toBe(
      `attachment; filename="Zo_ _CV_.pdf"; filename*=UTF-8''Zo%C3%AB%20%22CV%22.pdf`,
    );
  });
});

describe("stored file names", () => {
  test("reads refuse anything that is not a server-generated name", async () => {
    await expect(readStoredFile("../x.pdf")).rejects.toThrow(/Invalid storage name/);
    await expect(readStoredFile("0123456789abcdef0123456789abcdef.exe")).rejects.toThrow();
    expect(await readStoredFile("0123456789abcdef0123456789abcdef.pdf")).toBeNull();
  });
});

const PDF_HEAD = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n";
const pdf = (body: string, tail = "trailer << /Root 1 0 R >>\n%%EOF\n") =>
  Buffer.from(PDF_HEAD + body + tail, "latin1");
/** A stream object whose body is `content` compressed with Flate (as object streams are). */
const flateStream = (content: string) =>
  Buffer.concat([
    Buffer.from("4 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n", "latin1"),
    deflateSync(Buffer.from(content, "latin1")),
    Buffer.from("\nendstream\nendobj\n", "latin1"),
  ]);

describe("pdfProblem (polyglot and active PDFs)", () => {
  test("a plain PDF with its trailer passes, /OpenAction to a page view included", () => {
    expect(pdfProblem(pdf("3 0 obj << /OpenAction [5 0 R /FitH null] >> endobj\n"))).toBeNull();
  });

  test("the magic bytes alone are not enough: no %%EOF trailer near the end is refused", () => {
    expect(pdfProblem(Buffer.from("%PDF-1.4\n<html><script>alert(1)</script></html>"))).toBe(
      "not_pdf",
    );
    expect(pdfProblem(pdf("", "%%EOF\n" + "x".repeat(4096)))).toBe("not_pdf");
    expect(pdfProblem(Buffer.from("GIF89a%PDF-1.4\n%%EOF\n"))).toBe("not_pdf");
  });

  test.each([
    ["/JS", "3 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n"],
    ["/JavaScript", "3 0 obj << /Names << /JavaScript 5 0 R >> >> endobj\n"],
    ["/EmbeddedFile", "3 0 obj << /Type /EmbeddedFile /Length 10 >> endobj\n"],
    ["/Launch", "3 0 obj << /S /Launch /F (cmd.exe) >> endobj\n"],
    ["a #-escaped name", "3 0 obj << /S /J#61vaScript /J#53 (x) >> endobj\n"],
    ["/AA with /JS", "3 0 obj << /AA << /O << /S /JavaScript /JS (x) >> >> >> endobj\n"],
  ])("refuses a PDF with %s", (_label, body) => {
    expect(pdfProblem(pdf(body))).toBe("unsafe_pdf");
  });

  test("JavaScript hidden in a compressed object stream is found too", () => {
    const bytes = Buffer.concat([
      Buffer.from(PDF_HEAD, "latin1"),
      flateStream("5 0 << /S /JavaScript /JS (app.alert(1)) >>"),
      Buffer.from("trailer << /Root 1 0 R >>\n%%EOF\n", "latin1"),
    ]);
    expect(pdfProblem(bytes)).toBe("unsafe_pdf");
    // The same stream with harmless content passes.
    const clean = Buffer.concat([
      Buffer.from(PDF_HEAD, "latin1"),
      flateStream("5 0 << /Type /Page /Contents 6 0 R >>"),
      Buffer.from("trailer << /Root 1 0 R >>\n%%EOF\n", "latin1"),
    ]);
    expect(pdfProblem(clean)).toBeNull();
  });
});

/** A multipart body written by hand, to control every header byte. */
function rawMultipart(parts: Array<{ headers: string; body: Buffer | string }>) {
  const boundary = "----atriumtestboundary";
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${p.headers}\r\n\r\n`, "utf8"));
    chunks.push(typeof p.body === "string" ? Buffer.from(p.body, "utf8") : p.body);
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return new Request("http://localhost/upload", {
    method: "POST",
    body: Buffer.concat(chunks),
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
  });
}

const uploads = () => uploadsDir();
const onDisk = () => (fs.existsSync(uploads()) ? fs.readdirSync(uploads()) : []);

describe("parseResumeUpload (busboy)", () => {
  beforeEach(() => fs.rmSync(uploads(), { recursive: true, force: true }));

  test("RFC 5987 filename* carries the UTF-8 name; quoted ; and = stay in names", async () => {
    const good = pdf("");
    const { formData, upload, problem } = await parseResumeUpload(
      rawMultipart([
        { headers: 'Content-Disposition: form-data; name="note; x=1"', body: "héllo" },
        {
          headers: `Content-Disposition: form-data; name="resume"; filename="Zoe CV.pdf"; filename*=UTF-8''Zo%C3%AB%20CV%3D2024.pdf\r\nContent-Type: application/pdf`,
          body: good,
        },
      ]),
    );
    expect(problem).toBeNull();
    expect(upload?.originalName).toBe("Zoë CV=2024.pdf");
    expect(formData.get("note; x=1")).toBe("héllo");
    expect(onDisk()).toEqual([upload!.storageName]);
  });

  test("a polyglot PDF is refused and nothing is left on disk, not even a .part file", async () => {
    const { upload, problem } = await parseResumeUpload(
      rawMultipart([
        {
          headers: 'Content-Disposition: form-data; name="resume"; filename="cv.pdf"',
          body: pdf("3 0 obj << /S /Launch /F (calc.exe) >> endobj\n"),
        },
      ]),
    );
    expect(problem).toBe("unsafe_pdf");
    expect(upload).toBeNull();
    expect(onDisk()).toEqual([]);
  });

  test("a résumé larger than what is kept in memory streams to its .part file and is stored whole", async () => {
    // Padding as PDF comment lines, so the file stays a well-formed, harmless PDF.
    const padding = `%${"x".repeat(1023)}\n`.repeat(Math.ceil(IN_MEMORY_FILE_BYTES / 1024) + 64);
    const big = pdf(padding);
    expect(big.byteLength).toBeGreaterThan(IN_MEMORY_FILE_BYTES);
    const { upload, problem } = await parseResumeUpload(
      rawMultipart([
        {
          headers: 'Content-Disposition: form-data; name="resume"; filename="long-cv.pdf"',
          body: big,
        },
      ]),
    );
    expect(problem).toBeNull();
    expect(upload?.size).toBe(big.byteLength);
    expect(onDisk()).toEqual([upload!.storageName]);
    // Buffer.equals: a deep toEqual over a megabyte takes seconds.
    expect((await readStoredFile(upload!.storageName))?.equals(big)).toBe(true);
  });

  test("an unsafe résumé larger than what is kept in memory is refused with nothing left on disk", async () => {
    const padding = `%${"x".repeat(1023)}\n`.repeat(Math.ceil(IN_MEMORY_FILE_BYTES / 1024) + 64);
    const { upload, problem } = await parseResumeUpload(
      rawMultipart([
        {
          headers: 'Content-Disposition: form-data; name="resume"; filename="cv.pdf"',
          body: pdf(`${padding}3 0 obj << /S /JavaScript /JS (x) >> endobj\n`),
        },
      ]),
    );
    expect(problem).toBe("unsafe_pdf");
    expect(upload).toBeNull();
    expect(onDisk()).toEqual([]);
  });

  test("résumés received together are each stored whole under their own name", async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => pdf(`% résumé number ${i}\n`));
    const results = await Promise.all(
      bodies.map((body, i) =>
        parseResumeUpload(
          rawMultipart([
            {
              headers: `Content-Disposition: form-data; name="resume"; filename="cv-${i}.pdf"`,
              body,
            },
          ]),
        ),
      ),
    );
    const names = results.map((r) => r.upload!.storageName);
    expect(new Set(names).size).toBe(bodies.length);
    expect(onDisk().sort()).toEqual(names.slice().sort());
    for (const [i, name] of names.entries()) expect(await readStoredFile(name)).toEqual(bodies[i]);
  });

  test("a truncated body is a 400 with nothing on disk", async () => {
    const request = new Request("http://localhost/upload", {
      method: "POST",
      body: '------b\r\nContent-Disposition: form-data; name="resume"; filename="a.pdf"\r\n\r\n%PDF-1.4',
      headers: { "Content-Type": "multipart/form-data; boundary=----b" },
    });
    const thrown = await parseResumeUpload(request).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(400);
    expect(onDisk()).toEqual([]);
  });
});

describe("stored files and the sweep's view of them", () => {
  beforeEach(() => fs.rmSync(uploads(), { recursive: true, force: true }));

  test("writeStoredFile lands under a final name with no .part left; the storage lists no .part file", async () => {
    const name = await writeStoredFile(new Uint8Array([1, 2, 3]), "png");
    expect(name).toMatch(/^[a-f0-9]{32}\.png$/);
    expect(onDisk()).toEqual([name]);
    expect(await readStoredFile(name)).toEqual(Buffer.from([1, 2, 3]));

    const abandoned = `.${"a".repeat(32)}${TEMP_SUFFIX}`;
    fs.writeFileSync(`${uploads()}/${abandoned}`, "half");
    const listed: string[] = [];
    for await (const object of getUploadStorage().list()) listed.push(object.key);
    expect(listed).toEqual([name]);
    expect(onDisk().sort()).toEqual([abandoned, name].sort());
  });
});

describe("parsePhotoUpload", () => {
  test("a 50 MB body is cut off with 413 after at most the 2.5 MB cap, not read in full", async () => {
    const boundary = "----photoboundary";
    let sent = 0;
    const chunk = new Uint8Array(256 * 1024);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode(
            `--${boundary}\r\nContent-Disposition: form-data; name="other"; filename="big.bin"\r\n\r\n`,
          ),
        );
      },
      pull(controller) {
        if (sent >= 50 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://localhost/admin/people/1", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    const result = await parsePhotoUpload(request);
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(sent).toBeLessThan(4 * 1024 * 1024);
  });
});
