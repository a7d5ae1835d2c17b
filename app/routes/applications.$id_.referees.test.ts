/**
 * The limits on reference-letter emails a candidate can cause, through the
 * referees page's action: per candidate (naming, replacing, reminding) and
 * per address (every candidate together), refused with 429, Retry-After and
 * the count in the message; and no link of the candidate's choosing in what
 * the referee receives (checked with markdown-it's linkify, which finds
 * links the way a mail client does).
 */
import { and, eq, like } from "drizzle-orm";
import MarkdownIt from "markdown-it";
import { beforeEach, describe, expect, test } from "vitest";
import * as s from "../../db/schema";
import {
  REFEREE_ADDRESS_LIMIT,
  REFEREE_NAME_LIMIT,
  REFEREE_REMIND_LIMIT,
  REFEREE_REPLACE_LIMIT,
} from "~/auth/message-limits.server";
import { remindReferee, replaceReferee, REMINDER_INTERVAL_MS } from "~/models/reference.server";
import { getDb } from "~/utils/db.server";
import { NAME_LINK_MESSAGE } from "~/utils/form-fields";
import { createLab, createOpening, stagesOf } from "../../tests/builders";
import { applyTo, signedIn } from "../../tests/fixtures";
import { call, formErrors, postForm } from "../../tests/requests";
import * as referees from "./applications.$id_.referees";

const db = getDb();
const DAY = 24 * 60 * 60 * 1000;
const linkify = new MarkdownIt().linkify;

type Person = Awaited<ReturnType<typeof signedIn>>;

async function candidateWithApplication(lettersRequired = 2, name = "Cara Candidate") {
  const person = await signedIn(db, "candidate", { name });
  const opening = createOpening(db, { labId: createLab(db).id, lettersRequired });
  const [first] = stagesOf(db, opening.id);
  const app = applyTo(db, {
    openingId: opening.id,
    candidateId: person.user.id,
    stageId: first.id,
  });
  return { ...person, appId: app.id };
}

function post(who: Person & { appId: number }, fields: Record<string, string>) {
  return call(
    referees.action,
    postForm(`/applications/${who.appId}/referees`, fields, { token: who.token }),
    { id: String(who.appId) },
  );
}

const add = (who: Person & { appId: number }, email: string, name = "Prof. Rhea Referee") =>
  post(who, { intent: "add", name, email, relationship: "PhD supervisor" });

const mailsTo = (address: string) =>
  db.select().from(s.outbox).where(eq(s.outbox.to, address)).all();

const refereeRequests = () =>
  db.select().from(s.outbox).where(like(s.outbox.subject, "%eference letter%")).all();

function waitingRefereeId(appId: number, email: string) {
  return db
    .select({ id: s.referees.id })
    .from(s.referees)
    .where(
      and(
        eq(s.referees.applicationId, appId),
        eq(s.referees.email, email),
        eq(s.referees.status, "requested"),
      ),
    )
    .get()!.id;
}

beforeEach(() => {
  // Every test starts with fresh counters and an empty outbox.
  db.delete(s.throttles).run();
  db.delete(s.outbox).run();
});

describe("limits on referee emails", () => {
  test("replacing a referee: five a day, then 429 with Retry-After and the count; nothing more is sent", async () => {
    const cara = await candidateWithApplication();
    expect((await add(cara, "first@uni.example")).status).toBe(302);
    let current = "first@uni.example";
    const answers = [];
    for (let i = 1; i <= 8; i++) {
      const next = `replacement${i}@uni.example`;
      const res = await post(cara, {
        intent: "replace",
        refereeId: String(waitingRefereeId(cara.appId, current)),
        name: `Referee ${i}`,
        email: next,
        relationship: "Colleague",
      });
      answers.push(res);
      if (res.status === 302) current = next;
    }
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302, 302, 302, 429, 429, 429]);
    expect(REFEREE_REPLACE_LIMIT.limit).toBe(5);
    const refused = answers[5];
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(23 * 3600);
    expect(formErrors(refused)[""]).toEqual([
      "You can replace a referee 5 times a day; try again tomorrow.",
    ]);
    // One request and five replacements: six emails, not nine.
    expect(refereeRequests()).toHaveLength(6);
    expect(mailsTo("replacement6@uni.example")).toHaveLength(0);

    // A day later the window has passed.
    const after = replaceReferee(db, {
      candidate: cara.user,
      applicationId: cara.appId,
      refereeId: waitingRefereeId(cara.appId, current),
      referee: { name: "Late Referee", email: "late@uni.example", relationship: "Colleague" },
      origin: "http://localhost",
      now: Date.now() + DAY + 1000,
    });
    expect(after.kind).toBe("ok");
  });

  test("one address gets at most five reference requests a day from all candidates together", async () => {
    const target = "busy.professor@uni.example";
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < REFEREE_ADDRESS_LIMIT.limit + 2; i++) {
      const someone = await candidateWithApplication(1, `Candidate ${i}`);
      last = await add(someone, target);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429, 429]);
    expect(mailsTo(target)).toHaveLength(5);
    expect(last!.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(formErrors(last!)[""]?.[0]).toBe(
      `We can send reference requests to one address 5 times a day, and ${target} has reached that; try again tomorrow.`,
    );
    // Another address is still fine for the refused candidate.
    const other = await candidateWithApplication(1, "Other Candidate");
    expect((await add(other, "someone.else@uni.example")).status).toBe(302);
  });

  test("naming referees counts per candidate across applications, with the count in the refusal", async () => {
    const cara = await candidateWithApplication(5);
    const second = createOpening(db, { labId: createLab(db).id, lettersRequired: 5 });
    const secondApp = applyTo(db, {
      openingId: second.id,
      candidateId: cara.user.id,
      stageId: stagesOf(db, second.id)[0].id,
    });
    const third = createOpening(db, { labId: createLab(db).id, lettersRequired: 5 });
    const thirdApp = applyTo(db, {
      openingId: third.id,
      candidateId: cara.user.id,
      stageId: stagesOf(db, third.id)[0].id,
    });
    const statuses: number[] = [];
    let last;
    for (const [i, appId] of [cara.appId, secondApp.id, thirdApp.id].entries()) {
      for (let j = 0; j < 5; j++) {
        last = await add({ ...cara, appId }, `r${i}-${j}@uni.example`);
        statuses.push(last.status);
      }
    }
    expect(REFEREE_NAME_LIMIT.limit).toBe(10);
    expect(statuses.filter((x) => x === 302)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429, 429]);
    expect(formErrors(last!)[""]).toEqual([
      "You can ask referees for a letter 10 times a day; try again tomorrow.",
    ]);
    expect(refereeRequests()).toHaveLength(10);
  });

  test("reminders: each referee weekly, and at most ten a day per candidate", async () => {
    const cara = await candidateWithApplication(5);
    const apps = [cara.appId];
    for (let i = 0; i < 2; i++) {
      const o = createOpening(db, { labId: createLab(db).id, lettersRequired: 5 });
      apps.push(
        applyTo(db, {
          openingId: o.id,
          candidateId: cara.user.id,
          stageId: stagesOf(db, o.id)[0].id,
        }).id,
      );
    }
    // Fifteen referees over two days (naming is limited too), all waiting.
    for (const [i, appId] of apps.entries())
      for (let j = 0; j < 5; j++) {
        db.delete(s.throttles).run();
        expect((await add({ ...cara, appId }, `w${i}-${j}@uni.example`)).status).toBe(302);
      }
    db.delete(s.throttles).run();
    const start = Date.now() + REMINDER_INTERVAL_MS;
    const outcomes = [];
    for (const [i, appId] of apps.entries())
      for (let j = 0; j < 5; j++)
        outcomes.push(
          remindReferee(db, {
            candidate: cara.user,
            applicationId: appId,
            refereeId: waitingRefereeId(appId, `w${i}-${j}@uni.example`),
            origin: "http://localhost",
            now: start,
          }).kind,
        );
    expect(REFEREE_REMIND_LIMIT.limit).toBe(10);
    expect(outcomes.filter((k) => k === "ok")).toHaveLength(10);
    expect(outcomes.slice(10)).toEqual(["limited", "limited", "limited", "limited", "limited"]);
  });
});

describe("what the referee receives", () => {
  test("a referee name with a web or email address is refused, and nothing is sent", async () => {
    const cara = await candidateWithApplication();
    for (const name of [
      "Prof. X, see https://evil.example/x",
      "Win a prize at evil.example",
      "Dr.Smith",
      "www. evil .example",
      "mail admin@evil.example",
      "evil\u3002example",
      "Visit 203.0.113.9 now",
    ]) {
      const res = await add(cara, "named@uni.example", name);
      expect(res.status, name).toBe(400);
      expect(formErrors(res).name, name).toEqual([NAME_LINK_MESSAGE]);
    }
    expect(refereeRequests()).toHaveLength(0);
    // Ordinary names with full stops and initials are fine.
    expect((await add(cara, "named@uni.example", "Prof. J. R. R. Tolkien")).status).toBe(302);
  });

  test("the request holds one link, ours; a stored candidate name with a link is left out", async () => {
    const cara = await candidateWithApplication(1, "Cara Candidate");
    // A name stored before names were checked.
    db.update(s.users)
      .set({ name: "Cara (visit evil.example)" })
      .where(eq(s.users.id, cara.user.id))
      .run();
    expect((await add(cara, "rhea@uni.example")).status).toBe(302);
    const [mail] = mailsTo("rhea@uni.example");
    const links = (linkify.match(`${mail.subject}\n${mail.text}`) ?? []).map((m) => m.url);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^http:\/\/localhost\/referee\?token=[a-z2-7]+$/);
    expect(mail.subject).toBe("Reference letter request for A candidate");
  });
});
