/**
 * coalesced(): what the uploads folder's fsync and the outbox's delivery
 * rely on — a caller waits for a run that started after its call, callers
 * that arrive during a run share the next one, and a failed run neither
 * hangs its callers nor stops the next run.
 */
import { describe, expect, it } from "vitest";
import { coalesced, type Runs } from "./coalesce";

/** A job whose runs end when the test says so; it records when each started. */
function controlledJob() {
  const started: number[] = [];
  const finishers: Array<(error?: Error) => void> = [];
  let counter = 0;
  const job = coalesced(new Map<string, Runs>(), () => {
    started.push(++counter);
    return new Promise<void>((resolve, reject) =>
      finishers.push((error) => (error ? reject(error) : resolve())),
    );
  });
  const finish = (error?: Error) => finishers.shift()!(error);
  return { job, started, finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("coalesced", () => {
  it("gives a caller during a run the next run, shared by everyone who arrives meanwhile", async () => {
    const { job, started, finish } = controlledJob();
    const first = job("k");
    const second = job("k");
    const third = job("k");
    expect(started).toEqual([1]);
    let secondDone = false;
    void second.then(() => (secondDone = true));
    finish();
    await first;
    await tick();
    // The second and third callers are served by run 2, which started after their calls.
    expect(started).toEqual([1, 2]);
    expect(secondDone).toBe(false);
    finish();
    await Promise.all([second, third]);
    expect(started).toEqual([1, 2]);
  });

  it("runs different keys independently", () => {
    const { job, started } = controlledJob();
    void job("a");
    void job("b");
    expect(started).toEqual([1, 2]);
  });

  it("rejects the callers of a failed run and still starts the next one", async () => {
    const { job, started, finish } = controlledJob();
    const first = job("k");
    const second = job("k");
    finish(new Error("disk gone"));
    await expect(first).rejects.toThrow("disk gone");
    await tick();
    expect(started).toEqual([1, 2]);
    finish();
    await expect(second).resolves.toBeUndefined();
  });
});
