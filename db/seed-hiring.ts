/**
 * Demo hiring depth for the seed (issue 15), called once from db/seed.ts after
 * the applications exist: interviews (past and upcoming, with interviewers),
 * offers in three states (awaiting approval, sent, accepted), referees with
 * requested and received letters (small generated PDFs, stored like uploaded
 * letters: a `files` row of kind "letter" without owner and a file in the
 * upload storage) and candidates' own publication lists.
 *
 * Deterministic and status-neutral: it only decorates applications already in
 * a matching stage (interviews on "interviewing", offers on "offer", the
 * accepted offer on a hired one), so no board, home or report count changes.
 * The demo candidate gets one upcoming interview and nothing else (their
 * publication list and offers are what the end-to-end specs create). Every
 * event it writes is staff-only. All copy is invented here.
 */
import crypto from "node:crypto";
import type { DB } from "../app/utils/db.server";
import type { BulkWriter } from "../app/utils/storage/index.server";
import { buildResumePdf } from "./seed-pdf";

const DAY = 86_400_000;
const HOUR = 3_600_000;

const PLACES = [
  { kind: "room", place: "Seminar room 2.14" },
  { kind: "video", place: "https://meet.example.org/northlight-interviews" },
  { kind: "room", place: "Library meeting room B" },
  { kind: "video", place: "https://meet.example.org/northlight-panel" },
] as const;

const ZONES = ["Europe/Zurich", "America/Toronto", "Asia/Tokyo", "Europe/Amsterdam"];

const REFEREES = [
  { name: "Prof. Alba Corvino", relationship: "PhD supervisor" },
  { name: "Dr. Tomasz Wrenfield", relationship: "Postdoctoral mentor" },
  { name: "Dr. Imani Okafor-Lind", relationship: "Collaborator on two papers" },
  { name: "Prof. Kenji Arakawa-Hale", relationship: "Master's thesis advisor" },
];

const PUBLICATIONS = [
  { title: "Sparse priors for drifting sensor networks", venue: "Journal of Invented Methods" },
  { title: "A field guide to reproducible lab notebooks", venue: "Workshop on Open Practice" },
  { title: "Counting clouds with very small satellites", venue: "Atmospheric Letters (demo)" },
  { title: "Fair scheduling for shared microscopes", venue: "Proceedings of Made-Up Systems" },
  { title: "What ablation studies forget to ablate", venue: "Transactions on Imagined Learning" },
];

const LETTER =
  "Dear {name},\n\nWe are **delighted** to offer you the position of {title} at Northlight Research.\n\n" +
  "- A desk in the lab and a shared workstation\n- A yearly travel budget for one conference\n\n" +
  "Please answer from your application page before the reply-by date.";

/** foldTitle of app/models/publication-import.server.ts, copied to keep the BibTeX reader out of the seed. */
const foldTitle = (title: string) =>
  title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

type Row = { id: number; candidateId: number; name: string; openingId: number; title: string };

/** Adds the demo interviews, offers, referees, letters and publications. */
export function seedHiring(db: DB, { now, files }: { now: number; files: BulkWriter }) {
  const c = db.$client;
  const staff = c
    .prepare(
      "select id, email from users where email in ('recruiter@atrium.test', 'admin@atrium.test')",
    )
    .all() as Array<{ id: number; email: string }>;
  const recruiter = staff.find((s) => s.email.startsWith("recruiter"))?.id;
  const admin = staff.find((s) => s.email.startsWith("admin"))?.id;
  if (!recruiter || !admin) return;
  const pick = (where: string, limit: number) =>
    c
      .prepare(
        `select a.id, a.candidate_id as candidateId, u.name, a.opening_id as openingId, o.title
         from applications a join stages s on s.id = a.stage_id join users u on u.id = a.candidate_id
         join openings o on o.id = a.opening_id
         where ${where} and u.email <> 'candidate@atrium.test' order by a.id limit ${limit}`,
      )
      .all() as Row[];
  const interviewing = pick("a.status = 'active' and s.public_status = 'interviewing'", 4);
  const offering = pick("a.status = 'active' and s.public_status = 'offer'", 3);
  const hired = pick("a.status = 'hired'", 1);
  const demo = c
    .prepare(
      `select a.id, a.opening_id as openingId from applications a join stages s on s.id = a.stage_id
       join users u on u.id = a.candidate_id
       where u.email = 'candidate@atrium.test' and a.status = 'active'
       and s.public_status = 'interviewing' order by a.id limit 1`,
    )
    .get() as { id: number; openingId: number } | undefined;

  const insertInterview = c.prepare(
    `insert into interviews (application_id, kind, starts_at, ends_at, time_zone, place_kind, place,
     note_for_candidate, uid, sequence, status, created_by, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'scheduled', ?, ?, ?)`,
  );
  const insertInterviewer = c.prepare(
    "insert into interview_interviewers (interview_id, user_id, researcher_id) values (?, ?, ?)",
  );
  const teamOf = c.prepare(
    "select researcher_id as id from opening_team where opening_id = ? order by position limit 1",
  );
  const insertEvent = c.prepare(
    `insert into application_events (application_id, at, actor_user_id, type, candidate_visible, internal_detail)
     values (?, ?, ?, ?, 0, ?)`,
  );
  const insertOffer = c.prepare(
    `insert into offers (application_id, title, start_date, pay_kind, amount, currency, pay_period,
     duration_months, letter, status, expires_at, drafted_by, approved_by, approved_at, sent_at,
     responded_at, created_at, updated_at)
     values (?, ?, ?, 'salary', ?, 'CHF', 'year', 24, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertReferee = c.prepare(
    `insert into referees (application_id, name, email, relationship, status, requested_at, received_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFile = c.prepare(
    `insert into files (owner_user_id, kind, storage_name, original_name, content_type, size, sha256, created_at)
     values (null, 'letter', ?, ?, 'application/pdf', ?, ?, ?)`,
  );
  const insertLetter = c.prepare(
    "insert into reference_letters (referee_id, application_id, file_id, created_at) values (?, ?, ?, ?)",
  );
  const insertPublication = c.prepare(
    `insert into candidate_publications (user_id, title, authors, venue, year, doi, url, norm_title, created_at)
     values (?, ?, ?, ?, ?, ?, null, ?, ?)`,
  );

  const interview = (
    appId: number,
    openingId: number,
    n: number,
    kind: string,
    startsAt: number,
    note: string,
  ) => {
    const place = PLACES[n % PLACES.length];
    const zone = ZONES[n % ZONES.length];
    const id = Number(
      insertInterview.run(
        appId,
        kind,
        startsAt,
        startsAt + HOUR,
        zone,
        place.kind,
        place.place,
        note,
        `interview-seed-${appId}-${n}@atrium`,
        recruiter,
        startsAt - 7 * DAY,
        startsAt - 7 * DAY,
      ).lastInsertRowid,
    );
    insertInterviewer.run(id, recruiter, null);
    if (n % 2 === 0) insertInterviewer.run(id, admin, null);
    const member = teamOf.get(openingId) as { id: number } | undefined;
    if (member) insertInterviewer.run(id, null, member.id);
    insertEvent.run(
      appId,
      startsAt - 7 * DAY,
      recruiter,
      "interview_scheduled",
      "Interview scheduled",
    );
  };

  c.transaction(() => {
    // Interviews: a past screen and an upcoming technical interview (10:00 UTC on whole days).
    interviewing.forEach((a, i) => {
      interview(a.id, a.openingId, i, "screen", now - (9 + i) * DAY + 10 * HOUR, "");
      interview(
        a.id,
        a.openingId,
        i + 1,
        i % 2 ? "talk" : "technical",
        now + (3 + 2 * i) * DAY + 10 * HOUR,
        "Please prepare a short talk about one project you are proud of.",
      );
    });
    if (demo)
      interview(
        demo.id,
        demo.openingId,
        1,
        "panel",
        now + 6 * DAY + 13 * HOUR,
        "A panel of three: twenty minutes on your research, then questions.",
      );

    // Offers: awaiting approval, sent, accepted.
    const offer = (a: Row, status: "draft" | "sent" | "accepted", i: number) => {
      const drafted = now - (6 - i) * DAY;
      const approved = status === "draft" ? null : drafted + DAY;
      const id = insertOffer.run(
        a.id,
        a.title,
        new Date(now + (60 + 30 * i) * DAY).toISOString().slice(0, 10),
        78_000 + 4_000 * i,
        LETTER.replace("{name}", a.name).replace("{title}", a.title),
        status,
        status === "accepted" ? drafted + 12 * DAY : now + (10 + i) * DAY - 1,
        recruiter,
        approved === null ? null : admin,
        approved,
        approved === null ? null : approved + HOUR,
        status === "accepted" ? approved! + 2 * DAY : null,
        drafted,
        drafted,
      ).lastInsertRowid;
      insertEvent.run(a.id, drafted, recruiter, "offer_drafted", `Offer ${id} drafted`);
      if (approved !== null) {
        insertEvent.run(a.id, approved, admin, "offer_approved", `Offer ${id} approved`);
        insertEvent.run(a.id, approved + HOUR, recruiter, "offer_sent", `Offer ${id} sent`);
      }
      if (status === "accepted")
        insertEvent.run(
          a.id,
          approved! + 2 * DAY,
          a.candidateId,
          "offer_accepted",
          "Offer accepted",
        );
    };
    if (offering[0]) offer(offering[0], "draft", 0);
    if (offering[1]) offer(offering[1], "sent", 1);
    if (hired[0]) offer(hired[0], "accepted", 2);

    // Referees: one letter received, one still requested, on each interviewing application.
    interviewing.forEach((a, i) => {
      const requestedAt = now - (20 + i) * DAY;
      [0, 1].forEach((k) => {
        const r = REFEREES[(i + k) % REFEREES.length];
        const received = k === 0;
        const email = `${r.name
          .toLowerCase()
          .replace(/^(prof|dr)\.\s*/, "")
          .replace(/[^a-z]+/g, ".")}@referee.example`;
        const refereeId = Number(
          insertReferee.run(
            a.id,
            r.name,
            email,
            r.relationship,
            received ? "received" : "requested",
            requestedAt,
            received ? requestedAt + 5 * DAY : null,
          ).lastInsertRowid,
        );
        insertEvent.run(
          a.id,
          requestedAt,
          a.candidateId,
          "referee_named",
          `Referee named: ${r.name}`,
        );
        if (!received) return;
        const pdf = buildResumePdf(`Reference for ${a.name}`, [
          `From ${r.name} (${r.relationship})`,
          "",
          `I have known ${a.name} for several years and recommend them warmly`,
          `for the ${a.title} position. (Invented demo letter.)`,
        ]);
        const sha256 = crypto.createHash("sha256").update(pdf).digest("hex");
        const storageName = `${crypto
          .createHash("sha256")
          .update(`seed-letter-${a.id}-${k}`)
          .digest("hex")
          .slice(0, 32)}.pdf`;
        files.write(storageName, pdf);
        const fileId = Number(
          insertFile.run(storageName, "letter.pdf", pdf.length, sha256, requestedAt + 5 * DAY)
            .lastInsertRowid,
        );
        insertLetter.run(refereeId, a.id, fileId, requestedAt + 5 * DAY);
        insertEvent.run(
          a.id,
          requestedAt + 5 * DAY,
          null,
          "letter_received",
          `Reference letter received from ${r.name}`,
        );
      });
    });

    // Publications: two or three on each candidate with an interview or an offer.
    const seen = new Set<number>();
    [...interviewing, ...offering].forEach((a, i) => {
      if (seen.has(a.candidateId)) return;
      seen.add(a.candidateId);
      for (let k = 0; k < 2 + (i % 2); k++) {
        const p = PUBLICATIONS[(i + k) % PUBLICATIONS.length];
        const year = 2019 + ((i + k) % 6);
        insertPublication.run(
          a.candidateId,
          p.title,
          `${a.name} and A. Coauthor`,
          p.venue,
          year,
          k === 0 ? `10.5555/demo.${a.candidateId}.${year}` : null,
          foldTitle(p.title),
          now - (30 + i) * DAY,
        );
      }
    });
  })();
}
