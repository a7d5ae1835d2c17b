import { describe, expect, test } from "vitest";
import { attachmentDisposition, displayFileName, storedFilePath } from "./uploads.server";

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

describe("storedFilePath", () => {
  test("refuses anything that is not a server-generated name", () => {
    expect(() => storedFilePath("../x.pdf")).toThrow();
    expect(() => storedFilePath("0123456789abcdef0123456789abcdef.pdf")).not.toThrow();
  });
});
