/**
 * What a candidate is told, per event: every email's subject says what
 * happened (hire and rejection no longer share "…: Decision"), every email
 * ends with the same sign-off and never points at a part of a page, and the
 * candidate's timeline says what happened at each step.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { outbox, users } from "../../db/schema";
import { applyTo, candidateUser, openingWithStages, staffUser } from "../../tests/fixtures";
import { getDb, type DB } from "~/utils/db.server";
import { getApplicationForCandidate, withdrawApplication } from "./candidate-applications.server";
import {
  closeOpening,
  hireApplication,
  moveApplications,
  rejectApplications,
} from "./pipeline.server";
import { candidateEventLine } from "~/lib/public-status";

let db: DB;
let actorId: number;
const mailTo = (email: string) =>
  db.select().from(outbox).where(eq(outbox.to, email)).orderBy(outbox.id).all();

beforeAll(async () => {
  db = getDb();
  actorId = (await staffUser(db)).id;
});

async function applicant(openingId: number, stageId: number, name: string) {
  const c = await candidateUser(db, name);
  return { c, app: applyTo(db, { openingId, candidateId: c.id, stageId }) };
}

describe("candidate emails and timeline lines", () => {
  it("say what happened at each step, with distinct subjects and one sign-off", async () => {
    const ctx = { actorId, origin: "https://careers.example" };
    const { opening, stages } = openingWithStages(db, { title: "Data Steward" });
    const [, screening, interview, offer] = stages;
    const ada = await applicant(opening.id, stages[0].id, "Ada Hopper");
    const ben = await applicant(opening.id, stages[0].id, "Ben Okafor");
    const cy = await applicant(opening.id, stages[0].id, "Cy Lund");
    const dee = await applicant(opening.id, stages[0].id, "Dee Marsh");
    const openingId = opening.id;

    let v = 1;
    for (const to of [screening, interview, offer])
      moveApplications(db, ctx, {
        openingId,
        items: [{ id: ada.app.id, version: v++ }],
        toStageId: to.id,
      });
    hireApplication(db, ctx, { openingId, item: { id: ada.app.id, version: v } });
    rejectApplications(db, ctx, {
      openingId,
      items: [{ id: ben.app.id, version: 1 }],
      reason: "skills",
    });
    const cyUser = db.select().from(users).where(eq(users.id, cy.c.id)).get()!;
    withdrawApplication(db, {
      candidate: { id: cyUser.id, name: cyUser.name, email: cyUser.email },
      applicationId: cy.app.id,
      origin: ctx.origin,
    });
    closeOpening(db, ctx, { openingId, notify: true });

    const adaMail = mailTo(ada.c.email);
    expect(adaMail.map((m) => m.subject)).toEqual([
      "Your application for Data Steward is being reviewed",
      "Invitation to interview: Data Steward",
      "An offer for Data Steward",
      "Welcome to Northlight Research: Data Steward",
    ]);
    expect(adaMail[1].text).toContain("You were invited to interview.");
    expect(adaMail[2].text).toContain("We have made you an offer.");
    expect(adaMail[3].text).toContain("You were hired");
    const [benMail] = mailTo(ben.c.email);
    expect(benMail.subject).toBe("Your application for Data Steward: we will not move forward");
    expect(benMail.text).toContain("We decided not to move forward with your application.");
    const [deeMail] = mailTo(dee.c.email);
    expect(deeMail.subject).toBe("Data Steward has closed");
    expect(deeMail.text).toContain("The role closed, so your application ended.");
    const cyMail = mailTo(cy.c.email);
    expect(cyMail.map((m) => m.subject)).toEqual(["You withdrew your application: Data Steward"]);

    const all = [...adaMail, benMail, deeMail, ...cyMail];
    expect(new Set(all.map((m) => m.subject)).size).toBe(all.length);
    for (const m of all) {
      expect(m.text.trimEnd().endsWith("— The Northlight Research careers team"), m.subject).toBe(
        true,
      );
      expect(m.text, m.subject).not.toMatch(/\b(below|above)\b/i);
      expect(m.text, m.subject).toContain(`https://careers.example/applications/`);
    }

    // The timeline reads what happened, never "The status of your application changed."
    const lines = (id: number, candidateId: number) =>
      getApplicationForCandidate(db, candidateId, id)!.timeline.map((e) =>
        candidateEventLine(e.kind, e.status === "withdrawn" ? null : e.status),
      );
    expect(lines(ada.app.id, ada.c.id)).toEqual([
      "You submitted your application and we received it.",
      "The hiring team started reviewing your application.",
      "You were invited to interview.",
      "We have made you an offer.",
      "You were hired: congratulations, and welcome!",
    ]);
    expect(lines(ben.app.id, ben.c.id).at(-1)).toBe(
      "We decided not to move forward with your application.",
    );
    expect(lines(cy.app.id, cy.c.id).at(-1)).toBe("You withdrew your application.");
    expect(lines(dee.app.id, dee.c.id).at(-1)).toBe("The role closed, so your application ended.");
  });
});
