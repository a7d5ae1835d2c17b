import { describe, expect, it } from "vitest";
import { readCsv } from "./csv-read.server";

const bytes = (s: string, enc: BufferEncoding = "utf8") => new Uint8Array(Buffer.from(s, enc));

describe("readCsv", () => {
  it("maps Windows-1252's 0x80–0x9F to their characters, not to C1 controls", () => {
    // “Smart quotes”, € and – as Excel on Windows saves them.
    const raw = Buffer.from([
      ...Buffer.from("name\n"),
      0x93,
      0x80,
      0x20,
      0x96,
      0x20,
      0xe9,
      0x94,
      0x0a,
    ]);
    const read = readCsv(new Uint8Array(raw));
    expect(read).toMatchObject({ ok: true, encoding: "windows-1252" });
    expect(read.ok && read.records[1]).toEqual(["“€ – é”"]);
  });

  it("honours Excel's sep= line and finds semicolons, tabs and commas on the header line", () => {
    expect(readCsv(bytes("sep=;\nname;bio\nA, B;x\n"))).toMatchObject({
      delimiter: ";",
      records: [
        ["name", "bio"],
        ["A, B", "x"],
      ],
    });
    expect(readCsv(bytes("name\tbio\nA;B\tx\n"))).toMatchObject({ delimiter: "\t" });
    // A semicolon inside a quoted header cell does not count.
    expect(readCsv(bytes('"a;b;c",name\n1,2\n'))).toMatchObject({ delimiter: "," });
  });

  it("refuses a file that starts with a UTF-16 byte-order mark but is cut mid-character", () => {
    const read = readCsv(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]));
    expect(read).toEqual({
      ok: false,
      error: expect.stringMatching(/UTF-16LE byte-order mark but is not valid UTF-16LE/),
    });
  });
});
