import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.server";
import { codePointLength, commonPasswords, passwordProblem } from "./password-policy.server";

describe("password policy", () => {
  it("ships the 10,000 most common passwords, lower-cased", () => {
    const list = commonPasswords();
    expect(list.size).toBe(10_000);
    for (const p of ["123456", "password", "qwerty", "letmein", "iloveyou", "trustno1"])
      expect(list.has(p)).toBe(true);
    expect([...list].every((p) => p === p.toLowerCase())).toBe(true);
  });

  it("accepts a reasonable passphrase", () => {
    expect(passwordProblem("violet kettle drum", "ada@example.com")).toBeNull();
  });

  it("refuses short passwords, counting code points", () => {
    expect(passwordProblem("short12")).toMatch(/at least 8/);
    // Seven emoji are 14 UTF-16 units but only seven characters.
    expect(passwordProblem("🔒".repeat(7))).toMatch(/at least 8/);
    expect(passwordProblem("🔒".repeat(8))).toBeNull();
  });

  it("refuses passwords over 128 characters", () => {
    expect(passwordProblem("x".repeat(128) + "y")).toMatch(/at most 128/);
    expect(passwordProblem("ab".repeat(64))).toBeNull();
  });

  it("refuses common passwords whatever their case", () => {
    expect(passwordProblem("password")).toMatch(/most commonly used/);
    expect(passwordProblem("PassWord1")).toMatch(/most commonly used/);
    expect(passwordProblem("12345678")).toMatch(/most commonly used/);
  });

  it("refuses the account's own email", () => {
    expect(passwordProblem("Ada@Example.com", "ada@example.com")).toMatch(/email address/);
  });

  it("handles odd Unicode: NFC before counting, control characters refused", () => {
    // "e" + combining acute is one character after NFC.
    const decomposed = "cafe\u0301cafe\u0301";
    expect(codePointLength(decomposed.normalize("NFC"))).toBe(8);
    expect(passwordProblem("caf\u00e9caf\u00e9")).toBeNull();
    expect(passwordProblem("abc\u0000defghi")).toMatch(/control characters/);
    expect(passwordProblem("line\nbreak here")).toMatch(/control characters/);
    expect(passwordProblem("Ωμέγα-πάσσγουορντ")).toBeNull();
  });

  it("hashes with argon2id and verifies the same password in either Unicode form", async () => {
    const hash = await hashPassword("cafe\u0301 au lait");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "caf\u00e9 au lait")).toBe(true);
    expect(await verifyPassword(hash, "cafe au lait")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});

describe("common passwords with small changes", () => {
  it.each([
    "Password123!",
    "letmein2026",
    " ".repeat(8),
    "P@ssw0rd2026",
    "Dr4g0n!!2025",
    "2026letmein",
  ])("refuses %j with a helpful message", (password) => {
    expect(passwordProblem(password, "ada@example.com")).toMatch(/most commonly used|only spaces/);
  });

  it("says why eight spaces are refused", () => {
    expect(passwordProblem(" ".repeat(8))).toMatch(/only spaces/);
  });

  it.each([
    "violet kettle drum",
    "correct horse battery staple",
    "Marmalade-Quokka-47",
    "tr4ffic cone sunset",
    "9f$Lq2!vR7#x",
    "Ωμέγα-πάσσγουορντ",
  ])("accepts the strong password %j", (password) => {
    expect(passwordProblem(password, "ada@example.com")).toBeNull();
  });
});
