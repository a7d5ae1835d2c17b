import { describe, expect, it } from "vitest";
import { publicStatusesOf, stageKindProblems, type StageKind } from "~/lib/pipeline-options";

const problems = (...kinds: StageKind[]) => stageKindProblems(kinds).map((p) => p.message);

describe("a pipeline's kinds", () => {
  it("are sound with one hired stage last, the funnel kinds once and in order, custom anywhere", () => {
    expect(problems("applied", "screening", "interview", "offer", "hired")).toEqual([]);
    expect(problems("custom", "applied", "custom", "interview", "custom", "hired")).toEqual([]);
    expect(problems("hired")).toEqual([]);
  });

  it("need exactly one hired stage, and it last", () => {
    expect(problems("applied", "screening")).toEqual([
      "Stage 2: the last stage must be the hired stage",
    ]);
    expect(problems("applied", "hired", "offer")).toEqual([
      "Stage 3: the last stage must be the hired stage",
      "Stage 2: only the last stage can be the hired stage",
    ]);
    expect(problems("hired", "applied", "hired")).toEqual([
      "Stage 1: only the last stage can be the hired stage",
    ]);
  });

  it("refuse a funnel kind twice or out of order, naming both stages", () => {
    expect(problems("applied", "interview", "interview", "hired")).toEqual([
      "Stage 3: stage 2 is already the Interview stage; make one of them Custom",
    ]);
    expect(problems("applied", "offer", "screening", "hired")).toEqual([
      "Stage 3: Screening comes before Offer (stage 2); reorder the stages or make one Custom",
    ]);
  });
});

describe("what candidates see in each stage", () => {
  it("follows the kind; a custom stage shows the kind before it, or In review first", () => {
    expect(
      publicStatusesOf(["custom", "applied", "custom", "interview", "custom", "offer", "hired"]),
    ).toEqual([
      "in_review",
      "received",
      "received",
      "interviewing",
      "interviewing",
      "offer",
      "hired",
    ]);
  });
});
