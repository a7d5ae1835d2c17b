import { expect, test } from "vitest";
import { action, loader } from "./$";

test("unknown paths answer 404 for reads and writes", () => {
  for (const handler of [loader, action]) {
    let thrown: unknown;
    try {
      handler();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  }
});
