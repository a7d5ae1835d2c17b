/**
 * Links in pipeline emails use PUBLIC_ORIGIN when it is configured, never the
 * request's Host header (which a proxy or an attacker can set).
 */
import { beforeAll, expect, it, vi } from "vitest";
import { verifiedSessionFor } from "../../tests/builders";
import { outbox } from "../../db/schema";
import { applyTo, candidateUser, openingWithStages, staffUser } from "../../tests/fixtures";
import { call, postForm } from "../../tests/requests";
import { getDb } from "~/utils/db.server";
import * as board from "./recruit.openings.$id/route";
import * as edit from "./recruit.openings.$id_.edit";

vi.hoisted(() => {
  process.env.PUBLIC_ORIGIN = "https://careers.northlight.test";
  // A public address brings its own key for secrets at rest.
  process.env.ATRIUM_SECRET_KEY = "ab".repeat(32);
});

let token: string;
beforeAll(async () => {
  token = verifiedSessionFor(getDb(), (await staffUser(getDb())).id);
});

const post = (url: string, form: Record<string, string>) => postForm(url, form, { token });

it("moves and closing notices link to PUBLIC_ORIGIN, not to the Host the request came in on", async () => {
  const db = getDb();
  const { opening, stages } = openingWithStages(db);
  const a = applyTo(db, {
    openingId: opening.id,
    candidateId: (await candidateUser(db)).id,
    stageId: stages[0].id,
  });
  const b = applyTo(db, {
    openingId: opening.id,
    candidateId: (await candidateUser(db)).id,
    stageId: stages[0].id,
  });

  const moved = await call(
    board.action as never,
    post(`http://evil.example/recruit/openings/${opening.id}`, {
      intent: "move",
      item: `${a.id}:1`,
      stageId: String(stages[2].id),
    }),
    { id: String(opening.id) },
  );
  expect(moved.status).toBe(200);
  const closed = await call(
    edit.action as never,
    post(`http://evil.example/recruit/openings/${opening.id}/edit`, {
      intent: "close",
      notify: "on",
    }),
    { id: String(opening.id) },
  );
  expect(closed.status).toBe(302);

  const mail = db.select().from(outbox).all();
  expect(mail.map((m) => m.text).join("\n")).not.toContain("evil.example");
  for (const id of [a.id, b.id]) {
    expect(
      mail.some((m) => m.text.includes(`https://careers.northlight.test/applications/${id}`)),
    ).toBe(true);
  }
});
