/**
 * applyFormSchema builds each opening's schema once and reuses it (building
 * one per application showed in the CPU of every submission, bench/README.md
 * "Apply throughput"):
 * the reuse must never hand one opening's, or one account mode's, rules to
 * another, and an edited question must take effect at once.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { applyFormSchema, type ApplyQuestion } from "./schema";

const question = (over: Partial<ApplyQuestion> = {}): ApplyQuestion => ({
  id: 7,
  label: "Which lab?",
  type: "single_choice",
  required: true,
  options: ["Optics", "Vision"],
  ...over,
});

function form(fields: Record<string, string>) {
  const data = new FormData();
  data.append("consent", "on");
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe("applyFormSchema reuse", () => {
  it("returns the same schema for the same questions and mode", () => {
    const a = applyFormSchema([question()], null, undefined, 0);
    const b = applyFormSchema([question()], null, undefined, 0);
    expect(b).toBe(a);
  });

  it("gives an edited question its new rules", () => {
    const before = applyFormSchema([question()], null, undefined, 0);
    const ok = parseWithZod(form({ "answer-7": "Vision" }), { schema: before });
    expect(ok.status).toBe("success");

    const edited = applyFormSchema([question({ options: ["Optics", "Acoustics"] })]);
    const refused = parseWithZod(form({ "answer-7": "Vision" }), { schema: edited });
    expect(refused.status).toBe("error");
    expect(refused.reply().error?.["answer-7"]).toEqual(["Please choose an answer."]);

    const optional = applyFormSchema([question({ required: false })]);
    expect(parseWithZod(form({}), { schema: optional }).status).toBe("success");
    expect(parseWithZod(form({}), { schema: before }).status).toBe("error");
  });

  it("keeps account modes, letters and password checks apart", () => {
    const signedIn = applyFormSchema([question()], null);
    const visitor = applyFormSchema([question()], "new");
    expect(visitor).not.toBe(signedIn);
    const fields = { "answer-7": "Optics" };
    expect(parseWithZod(form(fields), { schema: signedIn }).status).toBe("success");
    const asVisitor = parseWithZod(form(fields), { schema: visitor });
    expect(asVisitor.status).toBe("error");
    expect(asVisitor.reply().error?.email).toBeTruthy();

    expect(applyFormSchema([question()], null, undefined, 2)).not.toBe(signedIn);

    const strict = (p: string) => (p.length < 40 ? "Use at least 40 characters." : null);
    const account = {
      ...fields,
      account: "new",
      name: "Ada Lovelace",
      email: "ada@example.test",
      password: "correct horse battery staple",
    };
    const lenient = applyFormSchema([question()], "new");
    const demanding = applyFormSchema([question()], "new", strict);
    expect(demanding).not.toBe(lenient);
    expect(parseWithZod(form(account), { schema: lenient }).status).toBe("success");
    const refused = parseWithZod(form(account), { schema: demanding });
    expect(refused.reply().error?.password).toEqual(["Use at least 40 characters."]);
  });
});
