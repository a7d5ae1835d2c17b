import { expect, test } from "vitest";
import { loader } from "./privacy";

test("the privacy notice states the retention period the daily job enforces", () => {
  expect(loader()).toEqual({ retentionMonths: 24, sessionDays: 30 });
});
